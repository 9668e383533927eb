// The npm package: `npm pack` of this tree (the bundles `npm test` just built), installed
// offline into a temporary prefix and run with npx, as a user installs it.
import { test } from 'node:test';
import { term } from '../server/src/engine/catalog';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers/fixtures';
import { firstDiagnostics } from './helpers/first-diagnostics';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies?: object };
const WORK = mkdtempSync(join(tmpdir(), 'lt-pkg-'));
/** npm with its own empty cache, offline: nothing may come from a registry. */
const npm = (args: string[], cwd = WORK) => {
  const r = spawnSync('npm', [args[0]!, '--offline', '--no-audit', '--no-fund', '--cache', join(WORK, 'npm-cache'), '--userconfig', join(WORK, 'npmrc'), ...args.slice(1)], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};
writeFileSync(join(WORK, 'npmrc'), '');

let tarball = '';
let files: string[] = [];
const packed = () => {
  if (!tarball) {
    // --ignore-scripts: `npm test` built dist/ already; prepack would rebuild it under the other tests
    const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', WORK], ROOT)) as { filename: string; files: { path: string }[] }[];
    tarball = join(WORK, out[0]!.filename);
    files = out[0]!.files.map((f) => f.path).sort();
  }
  return tarball;
};

test('npm pack: the bundles, the JSON Schemas and the docs; no source, no test, no source maps; no runtime dependency', () => {
  packed();
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/cli.js', 'dist/server.js']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  const schemas = readdirSync(join(ROOT, 'schemas')).filter((n) => n.endsWith('.schema.json'));
  for (const s of schemas) assert.ok(files.includes(`schemas/${s}`), s);
  const rulePages = files.filter((f) => f.startsWith('docs/rules/') && f.endsWith('.md'));
  assert.ok(rulePages.length >= 20, `${rulePages.length} rule pages`);
  assert.ok(files.includes('docs/configuration.md'));
  const stray = files.filter((f) => /\.map$|^server\/|^client\/|^test\/|^scripts\/|^node_modules\/|^bench\/|^examples\/|\.ts$/.test(f));
  assert.deepEqual(stray, []);
  assert.equal(pkg.dependencies, undefined, 'the bundles need nothing at run time');
  assert.deepEqual(Object.keys(pkg.bin).sort(), ['logtail-lint', 'logtail-lint-server']);
});

const BAD = readFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml'), 'utf8');

/** Starts a language server command, opens one YAML document, resolves with its first non-empty published diagnostics. */
async function serverDiagnostics(cmd: string, args: string[]): Promise<PublishDiagnosticsParams> {
  const doc = { uri: pathToFileURL(join(WORK, 'deploy.yaml')).toString(), languageId: 'yaml', text: BAD };
  const { init, published } = await firstDiagnostics(cmd, args, { cwd: WORK, doc, timeoutMs: 30_000 });
  assert.equal(init.serverInfo?.name, 'logtail-lint');
  return published;
}

test('installed globally from the tarball into a temporary prefix, offline: logtail-lint and logtail-lint-server --stdio', async () => {
  const prefix = join(WORK, 'prefix');
  npm(['install', '--global', '--prefix', prefix, packed()]);
  const bin = join(prefix, 'bin');
  const run = (args: string[], input?: string) => spawnSync(join(bin, 'logtail-lint'), args, { cwd: WORK, input, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  const version = run(['--version']);
  assert.equal(version.stdout.trim(), pkg.version, version.stderr);
  writeFileSync(join(WORK, 'deploy.yaml'), BAD);
  const lint = run(['deploy.yaml']);
  assert.equal(lint.status, 1, lint.stdout + lint.stderr);
  assert.match(lint.stdout, /^deploy\.yaml:\d+:\d+  error  .*k8s\/subpath-expr-undefined-var$/m);
  const piped = run(['-'], BAD);
  assert.match(piped.stdout, /^<stdin>:\d+:\d+  error  .*k8s\/subpath-expr-undefined-var$/m);
  // the installed package has its rule docs, schemas and nothing from this repository
  const installed = join(prefix, 'lib', 'node_modules', pkg.name);
  assert.ok(readdirSync(join(installed, 'docs', 'rules')).length > 0);
  assert.deepEqual(readdirSync(installed).filter((n) => n === 'node_modules'), [], 'no dependency installed');
  const diags = await serverDiagnostics(join(bin, 'logtail-lint-server'), ['--stdio']);
  assert.ok(diags.diagnostics.some((d) => d.code === 'k8s/subpath-expr-undefined-var'), JSON.stringify(diags.diagnostics.map((d) => d.code)));
});

test('npx (npm exec) of the tarball, offline: both commands', async () => {
  writeFileSync(join(WORK, 'clean.json'), '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}\n');
  // one npm exec (each one unpacks the package again): both bins are on its PATH
  const out = npm(['exec', '--yes', `--package=${packed()}`, '--', 'sh', '-c', 'logtail-lint --version && logtail-lint clean.json && command -v logtail-lint-server'], WORK).trim().split('\n');
  assert.equal(out[0], pkg.version);
  assert.match(out[1]!, new RegExp(term('en', 'cli.noProblems', { files: 1 }).replace(/[.()]/g, '\\$&')));
  const serverBin = out[out.length - 1]!;
  assert.match(serverBin, /\/logtail-lint-server$/);
  const diags = await serverDiagnostics(serverBin, ['--stdio']);
  assert.ok(diags.diagnostics.some((d) => d.code === 'k8s/subpath-expr-undefined-var'));
});
