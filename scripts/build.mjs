// Builds the three bundles (client, server, CLI) with esbuild, so the extension needs no
// node_modules at run time. Runs on `npm ci` (prepare) and before the tests.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';
import { generateRuleIndex } from './gen-rule-index.mjs';

generateRuleIndex();
const pkg = JSON.parse(await (await import('node:fs/promises')).readFile('package.json', 'utf8'));
const common = { define: { __VERSION__: JSON.stringify(pkg.version) }, bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
const shebang = { js: '#!/usr/bin/env node' };
// vscode-languageserver/node re-exports `Files` (module resolution helpers that spawn `npm`/`yarn`
// through child_process); the server never uses them, so they are left out of the bundles and
// nothing in dist/server.js or dist/cli.js can start a process (test/bundle-security.test.ts).
const noLanguageServerFiles = {
  name: 'no-languageserver-files',
  setup(b) {
    b.onResolve({ filter: /^\.\/files$/ }, (a) => (/vscode-languageserver[\\/]lib[\\/]node[\\/]main\.js$/.test(a.importer) ? { path: 'vscode-languageserver-files', namespace: 'stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'const no = () => { throw new Error("not available in logtail-lint"); };\nmodule.exports = { uriToFilePath: no, resolveGlobalNodePath: no, resolveGlobalYarnPath: no, resolve: no, resolveModulePath: no, FileSystem: {} };\n',
      loader: 'js',
    }));
  },
};
// Parts that most runs never need are separate files next to the bundles, read by `require` only
// when a file needs them, so that starting the CLI or the server does not read and compile them:
// the ReDoS analyser (recheck's pure-JavaScript build, 2.9 MB: only a Logtail regex with a nested
// loop needs it) and the Kubernetes definitions (370 KB of JSON: only a Kubernetes object needs
// them; `require` of a .json file is a JSON.parse). They ship in the .vsix (.vscodeignore) and the
// npm package (dist/), and test/lazy-parts.test.ts checks that the packaged bundles load them.
const LAZY = [
  { request: /^recheck\/lib\/browser\.js$/, file: 'recheck.js' },
  { request: /schemas\/kubernetes\/v1\.36\/definitions\.json$/, file: 'kubernetes-definitions.json' },
];
const lazyParts = {
  name: 'lazy-parts',
  setup(b) {
    for (const { request, file } of LAZY) b.onResolve({ filter: request }, () => ({ path: `./${file}`, external: true }));
  },
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: shebang, plugins: [noLanguageServerFiles, lazyParts] }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: shebang, plugins: [noLanguageServerFiles, lazyParts] }),
  build({ ...common, entryPoints: ['recheck/lib/browser.js'], outfile: 'dist/recheck.js', sourcemap: false, minify: true }),
]);
copyFileSync('schemas/kubernetes/v1.36/definitions.json', 'dist/kubernetes-definitions.json');
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
