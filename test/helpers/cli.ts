// Runs the bundled CLI (dist/cli.js, built by `npm test`) as a user does.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtures';

/** LOGTAIL_LINT_CLI: run the tests against another build (e.g. an older one, to see a test fail). */
export const CLI = process.env.LOGTAIL_LINT_CLI || join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, LANG: 'C', LC_ALL: '', ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
