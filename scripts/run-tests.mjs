// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx).
// test/e2e/ is the VS Code extension suite and runs inside an editor (npm run test:editor);
// test/integration/ needs tools installed on the machine (npm run test:integration).
// Arguments: test files or directories (a directory is walked, whatever its name).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(d, top = true) {
  return readdirSync(d).sort().flatMap((n) => {
    const p = join(d, n);
    if (statSync(p).isDirectory()) return n === 'e2e' || n === 'fixtures' || (top && n === 'integration') ? [] : walk(p, false);
    return n.endsWith('.test.ts') ? [p] : [];
  });
}
const only = process.argv.slice(2);
const files = only.length ? only.flatMap((a) => (statSync(a).isDirectory() ? walk(a, false) : [a])) : walk('test');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
