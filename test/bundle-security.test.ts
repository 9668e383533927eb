// What ships must not reach the network or run anything: the bundles (dist/*.js, built by
// `npm run build` before the tests) contain no eval, no dynamic require/import, and no
// child_process except where vscode-languageclient starts our own server; the protocol tests
// run the server with the network stubbed to throw (helpers/no-network.cjs), checked here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';
import { NETWORK_MARK, NO_NETWORK } from './helpers/server-process';

const BUNDLES = ['server.js', 'cli.js', 'client.js', 'recheck.js'];

/** Each match of `re` in a bundle, with the module it comes from (esbuild's `// path` markers). */
function occurrences(bundle: string, re: RegExp): { module: string; text: string }[] {
  const lines = readFileSync(join(process.env.LOGTAIL_LINT_DIST || join(ROOT, 'dist'), bundle), 'utf8').split('\n');
  const out: { module: string; text: string }[] = [];
  let module = '(bundle prelude)';
  for (const line of lines) {
    const m = /^\/\/ ((?:node_modules|server|client|schemas|scripts)\/\S+)$/.exec(line);
    if (m) module = m[1]!;
    const g = new RegExp(re.source, 'g');
    for (const hit of line.matchAll(g)) out.push({ module, text: hit[0] });
  }
  return out;
}

test('no bundle calls eval, imports dynamically or requires a computed module name', () => {
  for (const b of BUNDLES) {
    assert.deepEqual(occurrences(b, /\beval\s*\(/), [], `${b}: eval`);
    assert.deepEqual(occurrences(b, /(?<![\w$.])import\s*\(/), [], `${b}: dynamic import()`);
    assert.deepEqual(occurrences(b, /\brequire\s*\(\s*[^'"\s)]/), [], `${b}: require() of a computed name`);
    assert.deepEqual(occurrences(b, /\brequire\.resolve\b/), [], `${b}: require.resolve`);
  }
});

test('the server and the CLI bundles contain no child_process; the client only where vscode-languageclient starts our server', () => {
  assert.deepEqual(occurrences('server.js', /child_process/), []);
  assert.deepEqual(occurrences('cli.js', /child_process/), []);
  const client = occurrences('client.js', /child_process/);
  assert.ok(client.length > 0, 'the client starts the server process');
  for (const o of client) assert.match(o.module, /^node_modules\/vscode-languageclient\/lib\/node\//, JSON.stringify(o));
});

test('code generation (new Function) only inside ajv, which compiles the bundled JSON schemas', () => {
  // ajv turns each bundled schema into a validation function at first use; no user text
  // reaches it (the documents are the data validated, never the schema).
  for (const b of BUNDLES) for (const o of occurrences(b, /new\s+Function\s*\(/)) assert.match(o.module, /^node_modules\/ajv\/dist\/compile\//, `${b}: ${JSON.stringify(o)}`);
});

test('the network stub used by the protocol tests makes every way out throw, and leaves a mark', () => {
  const probes = [
    "fetch('http://example.com')",
    "require('node:net').connect(80, 'example.com')",
    "require('node:http').get('http://example.com')",
    "require('node:https').request('https://example.com')",
    "require('node:dns').lookup('example.com', () => {})",
    "require('node:dns').promises.resolve4('example.com')",
  ];
  for (const code of probes) {
    const r = spawnSync(process.execPath, ['--require', NO_NETWORK, '-e', code], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, code);
    assert.ok(r.stderr.includes(NETWORK_MARK), `${code}: ${r.stderr}`);
  }
});
