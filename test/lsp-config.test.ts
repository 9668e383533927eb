// LSP protocol test of the project configuration file: the real bundled server over stdio reads
// the nearest .logtail-lint.yaml of each document, re-reads it on workspace/didChangeWatchedFiles,
// uses the text of an open (edited) configuration document, and reports the file's own problems.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, FileChangeType, type CodeAction } from 'vscode-languageserver-protocol/node';
import { startClient, type TestClient } from './helpers/lsp-client';
import { ROOT } from './helpers/fixtures';
import { catalogMessage } from '../server/src/engine/catalog';

const clients: TestClient[] = [];
after(async () => {
  for (const c of clients) await c.close();
});
async function client(opts: Parameters<typeof startClient>[0] = {}) {
  const c = await startClient(opts);
  clients.push(c);
  return c;
}

const SHARED = readFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), 'utf8');
const RULE = 'k8s/hostpath-shared-by-pods';
const OFF = `rules:\n  ${RULE}: off\n`;

/** A temp project: `.logtail-lint.yaml` with `config`, and app/deploy.yaml (the shared-hostPath manifest). */
function project(config: string) {
  const dir = mkdtempSync(join(tmpdir(), 'lt-lsp-cfg-'));
  mkdirSync(join(dir, 'app'));
  const deploy = join(dir, 'app', 'deploy.yaml');
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), deploy);
  const configPath = join(dir, '.logtail-lint.yaml');
  writeFileSync(configPath, config);
  return { dir, deploy: pathToFileURL(deploy).href, configPath, config: pathToFileURL(configPath).href };
}
const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code);

test('a rule turned off in .logtail-lint.yaml is absent; after didChangeWatchedFiles it is back', async () => {
  const p = project(OFF);
  const c = await client();
  await c.open(p.deploy, 'yaml', SHARED);
  assert.ok(!codes(await c.pull(p.deploy)).includes(RULE));
  writeFileSync(p.configPath, 'rules: {}\n');
  await c.watched([{ uri: p.config, type: FileChangeType.Changed }]);
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE), 'the configuration was read again');
  writeFileSync(p.configPath, OFF);
  await c.watched([{ uri: p.config, type: FileChangeType.Changed }]);
  assert.ok(!codes(await c.pull(p.deploy)).includes(RULE));
  // an unrelated watched file does not matter; deleting the configuration does
  await c.watched([{ uri: pathToFileURL(join(p.dir, 'other.yaml')).href, type: FileChangeType.Changed }]);
  assert.ok(!codes(await c.pull(p.deploy)).includes(RULE));
  writeFileSync(join(p.dir, 'app', '.logtail-lint.json'), '{"rules": {}}');
  await c.watched([{ uri: pathToFileURL(join(p.dir, 'app', '.logtail-lint.json')).href, type: FileChangeType.Created }]);
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE), 'a nearer configuration file takes over');
});

test('an open configuration document applies as edited (unsaved), and its own problems are diagnosed', async () => {
  const p = project('rules: {}\n');
  const c = await client();
  await c.open(p.deploy, 'yaml', SHARED);
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE));
  // open with the text on disk, then edit without saving
  await c.open(p.config, 'yaml', 'rules: {}\n');
  assert.deepEqual(await c.pull(p.config), []);
  const edited = `rules:\n  ${RULE}: off\n  k8s/volume-unusd: off\n`;
  await c.change(p.config, edited, 2);
  assert.ok(!codes(await c.pull(p.deploy)).includes(RULE), 'the edited text applies at once');
  const own = await c.pull(p.config);
  assert.equal(own.length, 1, JSON.stringify(own));
  assert.equal(own[0]!.code, 'config/schema');
  assert.equal(own[0]!.severity, 2);
  assert.deepEqual(own[0]!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 2 + 'k8s/volume-unusd'.length } });
  assert.equal(own[0]!.message, catalogMessage('en', 'config/schema', 'unknownRuleSuggest', { id: 'k8s/volume-unusd', suggestion: 'k8s/volume-unused' }));
  const actions = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: p.config }, range: own[0]!.range, context: { diagnostics: [own[0]!] } })) as CodeAction[];
  assert.ok(actions.some((a) => a.title === 'Rename to k8s/volume-unused'), actions.map((a) => a.title).join(', '));
  // a level that is not one: an error on the value
  await c.change(p.config, `rules:\n  ${RULE}: warn\n`, 3);
  const level = await c.pull(p.config);
  assert.deepEqual(level.map((d) => [d.code, d.severity, d.range]), [['config/schema', 1, { start: { line: 1, character: 31 }, end: { line: 1, character: 35 } }]]);
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE), 'the invalid entry is left out');
  // no Kubernetes completion in a configuration file
  assert.equal(await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: p.config }, position: { line: 0, character: 0 } }), null);
});

test('closing the configuration document goes back to the file on disk', async () => {
  const p = project(OFF);
  const c = await client();
  await c.open(p.deploy, 'yaml', SHARED);
  await c.open(p.config, 'yaml', OFF);
  await c.change(p.config, 'rules: {}\n', 2);
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE));
  await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: p.config } });
  assert.ok(!codes(await c.pull(p.deploy)).includes(RULE));
});

test('ignorePaths: an ignored document gets no diagnostics; editor settings win over the file per rule', async () => {
  const p = project(`${OFF}ignorePaths:\n  - ignored/**\n`);
  mkdirSync(join(p.dir, 'ignored'));
  const ignored = pathToFileURL(join(p.dir, 'ignored', 'deploy.yaml')).href;
  const c = await client({ settings: { rules: { [RULE]: 'error' } } });
  await c.open(ignored, 'yaml', SHARED);
  assert.deepEqual(await c.pull(ignored), []);
  await c.open(p.deploy, 'yaml', SHARED);
  const d = (await c.pull(p.deploy)).find((x) => x.code === RULE);
  assert.equal(d?.severity, 1, 'logtailLint.rules overrides the project file');
});

test('push clients get new diagnostics after a configuration change', async () => {
  const p = project(OFF);
  const c = await client({ pull: false });
  await c.open(p.deploy, 'yaml', SHARED);
  await c.pushed(p.deploy, (d) => d.length > 0 && !codes(d).includes(RULE));
  writeFileSync(p.configPath, 'rules: {}\n');
  await c.watched([{ uri: p.config, type: FileChangeType.Changed }]);
  await c.pushed(p.deploy, (d) => codes(d).includes(RULE));
});

test('pull clients with refresh support get workspace/diagnostic/refresh; the server watches the files itself when it may', async () => {
  const p = project(OFF);
  const c = await client({ refreshSupport: true, watchedFilesRegistration: true });
  const scanned = c.refreshed(); // after the (empty) workspace scan, which waits for a Kubernetes or Logtail file
  await c.open(p.deploy, 'yaml', SHARED);
  await scanned;
  await c.pull(p.deploy);
  const refreshed = c.refreshed();
  writeFileSync(p.configPath, 'rules: {}\n');
  await c.watched([{ uri: p.config, type: FileChangeType.Changed }]);
  await refreshed;
  assert.ok(codes(await c.pull(p.deploy)).includes(RULE));
  const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.deepEqual(reg?.registerOptions, { watchers: [{ globPattern: '**/.logtail-lint.{yaml,yml,json}' }] });
});
