// Builds the three bundles (client, server, CLI) with esbuild, so the extension needs no
// node_modules at run time. Runs on `npm ci` (prepare) and before the tests.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { generateRuleIndex } from './gen-rule-index.mjs';

generateRuleIndex();
const pkg = JSON.parse(await (await import('node:fs/promises')).readFile('package.json', 'utf8'));
const common = { define: { __VERSION__: JSON.stringify(pkg.version) }, bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
const shebang = { js: '#!/usr/bin/env node' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: shebang }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: shebang }),
]);
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
