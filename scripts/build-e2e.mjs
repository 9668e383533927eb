// Bundles the VS Code extension tests (test/e2e) into the extensionTestsPath modules
// dist-test/e2e/index.js, yaml-first.js and plain-first.js: CommonJS exporting run(), with mocha
// bundled in and `vscode` left to the extension host. Used by test-editor.mjs and test-vscode.mjs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const E2E_OUT = join(ROOT, 'dist-test', 'e2e');
export const E2E_ENTRIES = { index: join(E2E_OUT, 'index.js'), 'yaml-first': join(E2E_OUT, 'yaml-first.js'), 'plain-first': join(E2E_OUT, 'plain-first.js') };

export async function buildE2e() {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'test/e2e/index.ts', 'yaml-first': 'test/e2e/yaml-first.ts', 'plain-first': 'test/e2e/plain-first.ts' },
    outdir: E2E_OUT,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's parallel mode (never used here) resolves worker files at run time
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return E2E_ENTRIES;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildE2e();
  console.log(`built ${Object.values(out).join(', ')}`);
}
