// The README's "```console" blocks claim each command "was run as shown". Every command of those
// blocks that needs only this package (logtail-lint itself, echo, head) is run here in order, in a
// scratch directory that sees the repository's examples/ and test/, and each output line the README
// quotes must be printed by the command, in the README's order (the README may leave lines out).
// Commands that need tools from outside the package (kubectl, helm, pre-commit) are not run, and
// the lines under them are not checked here (pre-commit: test/integration/pre-commit.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';

interface Step {
  command: string;
  expected: string[];
}

function consoleBlocks(markdown: string): Step[][] {
  const blocks: Step[][] = [];
  for (const m of markdown.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    const steps: Step[] = [];
    for (const line of m[1].split('\n')) {
      if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
      else if (line !== '' && steps.length > 0) steps[steps.length - 1].expected.push(line);
    }
    blocks.push(steps);
  }
  return blocks;
}

const RUNNABLE = /^(logtail-lint|echo|head)\b/;

/** The command without its trailing `# comment` (two spaces or more before the hash). */
function withoutComment(command: string): string {
  return command.replace(/\s{2,}#.*$/, '');
}

test('README console blocks: the parser finds the blocks and commands this test checks', () => {
  const blocks = consoleBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const runnable = blocks.flat().filter((s) => RUNNABLE.test(s.command));
  assert.ok(blocks.length >= 3, `console blocks found: ${blocks.length}`);
  assert.ok(runnable.filter((s) => s.expected.length > 0).length >= 4, 'at least four run commands quote their output');
});

test('README console blocks: every quoted output line is what the command prints', () => {
  const cli = join(ROOT, 'dist', 'cli.js');
  for (const steps of consoleBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'))) {
    const dir = mkdtempSync(join(tmpdir(), 'readme-console-'));
    for (const name of ['examples', 'test']) symlinkSync(join(ROOT, name), join(dir, name));
    for (const step of steps) {
      if (!RUNNABLE.test(step.command)) continue;
      const script = `logtail-lint() { node ${JSON.stringify(cli)} "$@"; }\n${withoutComment(step.command)}`;
      const run = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
      const printed = run.stdout.split('\n');
      let at = 0;
      for (const line of step.expected) {
        const found = printed.indexOf(line, at);
        assert.notEqual(found, -1, `README: "$ ${step.command}" quotes\n  ${line}\nbut the command printed (from line ${at + 1}):\n${printed.slice(at).join('\n')}\n${run.stderr}`);
        at = found + 1;
      }
    }
  }
});
