// A bounded run for inputs that made the engine hang (exponential or quadratic work on hostile
// input): the code runs in a child process that is killed past a generous bound. A synchronous
// hang cannot be interrupted inside the test process (node:test's `timeout` only fires once the
// event loop is free), so the child is what makes such a test fail instead of stalling the suite.
// The bound is far above the time the fixed code needs (tens of times) and far below what the
// old code needed (minutes to years), so the outcome does not depend on the machine's speed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Runs `body` (an async function body; `engine` is the engine module, `parse` the parse layer,
 * `template` parse/template.ts) in a child process; returns what it printed on standard output.
 * Throws when it did not finish within `ms` or failed.
 */
export function runBounded(body: string, ms = 60_000): string {
  const url = (p: string) => JSON.stringify(pathToFileURL(resolve(ROOT, p)).href);
  const code = `
    const load = async (u) => { const m = await import(u); return m.default ?? m; };
    const engine = await load(${url('server/src/engine/index.ts')});
    const parse = await load(${url('server/src/engine/parse/index.ts')});
    const template = await load(${url('server/src/engine/parse/template.ts')});
    await (async () => { ${body} })();
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, timeout: ms, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.signal) throw new Error(`did not finish within ${ms} ms (${r.error?.message ?? r.signal})`);
  if (r.status !== 0) throw new Error(`failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  return r.stdout;
}
