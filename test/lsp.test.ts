// LSP protocol test: the real bundled server over stdio, driven by vscode-languageserver-protocol.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
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

function applyAction(text: string, action: CodeAction): string {
  const changes = action.edit!.documentChanges![0] as { edits: TextEdit[] };
  return TextDocument.applyEdits(TextDocument.create('u', 'yaml', 1, text), changes.edits);
}

test('initialize → didOpen → pull diagnostics → codeAction → apply → didChange → diagnostics gone', async () => {
  const c = await client();
  const uri = 'file:///work/deploy.yaml';
  await c.open(uri, 'yaml', SHARED);
  const diags = await c.pull(uri);
  const d = diags.find((x) => x.code === 'k8s/hostpath-shared-by-pods');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.source, 'logtail-lint');
  assert.equal(d.severity, 2);
  const line = SHARED.split('\n').findIndex((l) => l.includes('- name: workdir1'));
  assert.deepEqual(d.range, { start: { line, character: SHARED.split('\n')[line]!.indexOf('workdir1') }, end: { line, character: SHARED.split('\n')[line]!.indexOf('workdir1') + 'workdir1'.length } });

  const actions = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Isolate per pod with subPathExpr'), titles.join(', '));
  assert.ok(titles.includes(catalogMessage('en', 'ui', 'disableLine', { rule: 'k8s/hostpath-shared-by-pods' })!));
  const fixed = applyAction(SHARED, actions.find((a) => a.title === 'Isolate per pod with subPathExpr')!);
  assert.match(fixed, /subPathExpr: \$\(POD_NAME\)/);
  assert.match(fixed, /type: DirectoryOrCreate/);
  await c.change(uri, fixed, 2);
  const after = await c.pull(uri);
  assert.deepEqual(after.filter((x) => x.severity! <= 2).map((x) => x.code), []);
});

test('"Disable for this line" inserts a comment that silences the rule', async () => {
  const c = await client();
  const uri = 'file:///work/disable.yaml';
  await c.open(uri, 'yaml', SHARED);
  const d = (await c.pull(uri)).find((x) => x.code === 'k8s/hostpath-shared-by-pods')!;
  const actions = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const text = applyAction(SHARED, actions.find((a) => a.title.startsWith('Disable'))!);
  assert.match(text, /\n {8}# logtail-lint-disable-next-line k8s\/hostpath-shared-by-pods\n {8}- name: workdir1/);
  await c.change(uri, text, 2);
  assert.deepEqual((await c.pull(uri)).filter((x) => x.code === 'k8s/hostpath-shared-by-pods'), []);
});

test('push fallback for clients without pull diagnostics (publishDiagnostics after didOpen and didChange)', async () => {
  const c = await client({ pull: false });
  const uri = 'file:///work/push.yaml';
  await c.open(uri, 'yaml', SHARED);
  const first = await c.pushed(uri, (d) => d.some((x) => x.code === 'k8s/hostpath-shared-by-pods'));
  assert.ok(first.length >= 1);
  await c.change(uri, 'a: [broken\n', 2);
  const second = await c.pushed(uri, (d) => d.some((x) => x.code === 'syntax/yaml'));
  assert.equal(second[0]!.severity, 1);
});

test('settings are pulled per document and re-applied on change; locale picks Chinese', async () => {
  const c = await client({ locale: 'zh-cn' });
  const uri = 'file:///work/settings.yaml';
  await c.open(uri, 'yaml', SHARED);
  const zh = (await c.pull(uri)).find((x) => x.code === 'k8s/hostpath-shared-by-pods')!;
  assert.match(zh.message, /的多个 Pod 写入同一 hostPath \/mnt（卷 "workdir1"）/);
  c.settings = { rules: { 'k8s/hostpath-shared-by-pods': 'off' } };
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { logtailLint: c.settings } });
  assert.deepEqual((await c.pull(uri)).filter((x) => x.code === 'k8s/hostpath-shared-by-pods'), []);
  c.settings = { enable: false };
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  assert.deepEqual(await c.pull(uri), []);
});

test('invalid YAML, an empty file, NUL bytes and a 5 MB file each get a result; the server keeps serving', async () => {
  const c = await client();
  const cases: [string, string, (d: Diagnostic[]) => void][] = [
    ['file:///work/invalid.yaml', 'kind: Pod\nspec: {containers: [\n', (d) => assert.ok(d.some((x) => x.code === 'syntax/yaml'))],
    ['file:///work/empty.yaml', '', (d) => assert.deepEqual(d, [])],
    ['file:///work/nul.yaml', 'a: 1\u0000\u0000b', (d) => assert.equal(d[0]!.code, 'internal/not-linted')],
  ];
  for (const [uri, text, check] of cases) {
    await c.open(uri, 'yaml', text);
    check(await c.pull(uri));
  }
  // 5 MB: 2,000 copies of the broken Deployment as separate documents
  const big = Array.from({ length: Math.ceil((5 * 1024 * 1024) / SHARED.length) }, () => SHARED).join('---\n');
  assert.ok(big.length >= 5 * 1024 * 1024);
  const bigUri = 'file:///work/big.yaml';
  await c.open(bigUri, 'yaml', big);
  const bigDiags = await c.pull(bigUri);
  assert.ok(bigDiags.length > 0, 'the 5 MB file is linted');
  // the server still answers for the other files
  await c.open('file:///work/after.yaml', 'yaml', SHARED);
  assert.ok((await c.pull('file:///work/after.yaml')).some((x) => x.code === 'k8s/hostpath-shared-by-pods'));
  assert.equal(c.proc.exitCode, null, 'server alive');
});

test('JSON documents are served too (strict JSON syntax errors)', async () => {
  const c = await client();
  const uri = 'file:///work/config.json';
  await c.open(uri, 'json', '{"configName": "x",}');
  const d = await c.pull(uri);
  assert.equal(d[0]!.code, 'syntax/json');
  assert.equal(d[0]!.message, catalogMessage('en', 'syntax', 'TrailingComma'));
});

test('an unchanged document answers "unchanged" to a pull with its previous result id; a change recomputes', async () => {
  const c = await client();
  const a = 'file:///work/a.yaml';
  const b = 'file:///work/b.yaml';
  await c.open(a, 'yaml', SHARED);
  await c.open(b, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  const { DocumentDiagnosticRequest } = await import('vscode-languageserver-protocol/node');
  const first = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a } });
  assert.equal(first.kind, 'full');
  const again = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a }, previousResultId: (first as { resultId?: string }).resultId });
  assert.equal(again.kind, 'unchanged');
  // editing only a comment in another file changes no workspace fact: still unchanged
  await c.change(b, '# note\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', 2);
  await c.pull(b);
  const third = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a }, previousResultId: (first as { resultId?: string }).resultId });
  assert.equal(third.kind, 'unchanged');
  // a change of facts elsewhere that a does not read (a PVC appears; a mounts no claim): still unchanged
  await c.change(b, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: x\nspec:\n  accessModes: [ReadWriteOnce]\n', 3);
  await c.pull(b);
  const fourth = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a }, previousResultId: (first as { resultId?: string }).resultId });
  assert.equal(fourth.kind, 'unchanged');
  // a change of facts a reads (a Kustomize patch of its Deployment `web` appears) recomputes
  await c.change(b, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        env:\n        - name: MODE\n          value: patched\n', 4);
  await c.pull(b);
  const fifth = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a }, previousResultId: (first as { resultId?: string }).resultId });
  assert.equal(fifth.kind, 'full');
});
