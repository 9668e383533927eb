// npm run test:vscode — the same extension test suite as `npm run test:editor`, in desktop VS Code
// downloaded by @vscode/test-electron. Needs internet (update.code.visualstudio.com); on the
// offline CI machines use `npm run test:editor` (code-server) instead.
// Two sessions, as in test:editor: YAML opened first, then the full suite (JSON first).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildE2e, ROOT } from './build-e2e.mjs';
import { spawnSync } from 'node:child_process';

const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (b.status !== 0) process.exit(1);
const entries = await buildE2e();
const version = process.env.VSCODE_VERSION || 'stable';
let failed = 0;
for (const [name, extensionTestsPath] of [['YAML first', entries['yaml-first']], ['full suite', entries.index]]) {
  const ws = mkdtempSync(join(tmpdir(), 'logtail-lint-e2e-ws-'));
  // as in test-editor.mjs: no JSON file in the YAML-first workspace (onLanguage:json at startup)
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), ws, { recursive: true, filter: (src) => !(name === 'YAML first' && src.endsWith('.json')) });
  console.log(`\n▶ VS Code ${version}: ${name}`);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    console.log(`✔ ${name}`);
  } catch (e) {
    failed++;
    console.error(`✘ ${name}: ${e?.message ?? e}`);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
