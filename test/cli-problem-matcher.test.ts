// The `$logtail-lint` problem matcher the extension contributes (package.json), applied to real
// CLI text output as VS Code applies it: every finding line gives the same file, position,
// severity, code and message as the JSON report of the same run; no other line matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ROOT } from './helpers/fixtures';
import { runCli } from './helpers/cli';

interface Matcher {
  name: string;
  label: string;
  owner: string;
  severity: string;
  fileLocation: [string, string];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number };
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };
const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'logtail-lint')!;

/**
 * VS Code's reading of a matched severity, as in ProblemMatcher.getSeverity of VS Code 1.139.1
 * (read in code-server's workbench bundle): Severity.fromValue knows error, warning, warn and
 * info (any case); then E, W, I, hint and note; anything else takes the matcher's `severity`.
 * "information" is not known, hence the pattern's `info(?:rmation)?`.
 */
function vscodeSeverity(value: string): string {
  const v = value.toLowerCase();
  if (v === 'error' || value === 'E') return 'error';
  if (v === 'warning' || v === 'warn' || value === 'W') return 'warning';
  if (v === 'info' || value === 'I' || v === 'hint' || v === 'note') return 'info';
  return matcher.severity;
}
const EXPECTED_SEVERITY = { error: 'error', warning: 'warning', information: 'info', hint: 'info' } as const;

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** The problems VS Code reads from `output` with the matcher, `cwd` being the task's folder. */
function matchAll(output: string, cwd: string): { problems: Problem[]; unmatched: string[] } {
  const re = new RegExp(matcher.pattern.regexp);
  const p = matcher.pattern;
  const problems: Problem[] = [];
  const unmatched: string[] = [];
  for (const line of output.split('\n')) {
    const m = re.exec(line);
    if (!m) {
      unmatched.push(line);
      continue;
    }
    const file = m[p.file]!;
    problems.push({ file: isAbsolute(file) ? file : resolve(cwd, file), line: +m[p.line]!, column: +m[p.column]!, severity: vscodeSeverity(m[p.severity]!), code: m[p.code]!, message: m[p.message]! });
  }
  return { problems, unmatched };
}

/** The same problems from `--format json`. */
function fromJson(args: string[], cwd: string, locale = 'en'): Problem[] {
  const r = runCli(['--format', 'json', '--locale', locale, ...args], { cwd });
  return (JSON.parse(r.out) as { filePath: string; messages: { ruleId: string; severity: keyof typeof EXPECTED_SEVERITY; message: string; line: number; column: number }[] }[]).flatMap((f) =>
    f.messages.map((m) => ({ file: f.filePath, line: m.line, column: m.column, severity: EXPECTED_SEVERITY[m.severity], code: m.ruleId, message: m.message.replace(/\s*[\r\n]+\s*/g, ' ') })),
  );
}

test('the extension contributes $logtail-lint with a label in English and Chinese', () => {
  assert.ok(matcher, 'a problem matcher named logtail-lint');
  assert.equal(matcher.owner, 'logtail-lint');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  const key = matcher.label.replace(/^%|%$/g, '');
  for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) assert.ok((JSON.parse(readFileSync(join(ROOT, nls), 'utf8')) as Record<string, string>)[key], `${key} in ${nls}`);
});

test('$logtail-lint reads every finding of `logtail-lint examples` (every severity they have) and nothing else', () => {
  const r = runCli(['examples']);
  const { problems, unmatched } = matchAll(r.out, ROOT);
  const expected = fromJson(['examples'], ROOT);
  assert.ok(expected.length >= 8);
  assert.deepEqual(new Set(expected.map((p) => p.severity)), new Set(['error', 'warning', 'info']));
  assert.deepEqual(problems, expected);
  // what is left: the blank line and the summary, which must not become problems
  assert.deepEqual(unmatched.filter((l) => l !== ''), [r.out.trim().split('\n').pop()]);
});

test('$logtail-lint with Chinese messages, standard input, and a path with spaces and colons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-pm-'));
  const odd = 'my app: v2 (copy).yaml';
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml'), join(dir, odd));
  const zh = runCli(['--locale', 'zh-CN', odd], { cwd: dir });
  const { problems } = matchAll(zh.out, dir);
  assert.deepEqual(problems, fromJson([odd], dir, 'zh-CN'));
  assert.ok(problems.some((p) => p.file === join(dir, odd) && p.severity === 'error' && /POD_NAME/.test(p.message)));
  // logtail-lint - in a task: the problem is reported against the name given
  const piped = runCli(['--stdin-filename', 'rendered.yaml'], { cwd: dir, input: readFileSync(join(dir, odd)) });
  const fromStdin = matchAll(piped.out, dir).problems;
  assert.ok(fromStdin.length > 0);
  assert.ok(fromStdin.every((p) => p.file === join(dir, 'rendered.yaml')));
});
