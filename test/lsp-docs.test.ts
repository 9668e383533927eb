// The rule pages one click away: codeDescription on every diagnostic, "Disable for this file",
// and the file kind the editor's status item shows.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
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
const apply = (text: string, a: CodeAction) => TextDocument.applyEdits(TextDocument.create('u', 'yaml', 1, text), (a.edit!.documentChanges![0] as { edits: TextEdit[] }).edits);

test('every rule diagnostic links to its bundled rule page (codeDescription.href), syntax errors to none', async () => {
  const c = await client();
  const uri = 'file:///work/links.yaml';
  await c.open(uri, 'yaml', SHARED);
  // a file with a syntax error reports that error only (issue 11): it gets a file of its own
  const broken = 'file:///work/broken.yaml';
  await c.open(broken, 'yaml', 'key: [unclosed\n');
  const diags = [...(await c.pull(uri)), ...(await c.pull(broken))];
  const rules = diags.filter((d) => d.code !== 'syntax/yaml');
  assert.ok(rules.length >= 2, JSON.stringify(diags.map((d) => d.code)));
  for (const d of rules) {
    const href = d.codeDescription?.href;
    assert.ok(href, `${d.code} has a codeDescription`);
    assert.ok(href.endsWith(`/docs/rules/${d.code}.md`), href);
    assert.ok(existsSync(fileURLToPath(href)), `${href} exists`);
  }
  const syntax = diags.find((d) => d.code === 'syntax/yaml');
  assert.ok(syntax, 'the syntax error is reported');
  assert.equal(syntax.codeDescription, undefined);
});

test('the setting logtailLint.docs.baseUrl points the links at hosted pages', async () => {
  const c = await client({ settings: { docs: { baseUrl: 'https://docs.example.test/rules/' } } });
  const uri = 'file:///work/hosted.yaml';
  await c.open(uri, 'yaml', SHARED);
  const d = (await c.pull(uri)).find((x) => x.code === 'k8s/hostpath-shared-by-pods');
  assert.equal(d?.codeDescription?.href, 'https://docs.example.test/rules/k8s/hostpath-shared-by-pods.md');
});

test('"Disable <rule> for this file" puts one comment at the top (YAML), and a second rule joins it', async () => {
  const c = await client();
  const uri = 'file:///work/file-disable.yaml';
  await c.open(uri, 'yaml', SHARED);
  const diags = await c.pull(uri);
  const d = diags.find((x) => x.code === 'k8s/hostpath-shared-by-pods')!;
  const actions = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  // the order users know: fixes, then "disable for this line", then "disable for the file"
  assert.ok(titles.indexOf(catalogMessage('en', 'ui', 'disableLine', { rule: 'k8s/hostpath-shared-by-pods' })!) < titles.indexOf(catalogMessage('en', 'ui', 'disableFile', { rule: 'k8s/hostpath-shared-by-pods' })!), titles.join(' | '));
  assert.ok(titles.indexOf('Isolate per pod with subPathExpr') < titles.indexOf(catalogMessage('en', 'ui', 'disableLine', { rule: 'k8s/hostpath-shared-by-pods' })!));
  const text = apply(SHARED, actions.find((a) => a.title === catalogMessage('en', 'ui', 'disableFile', { rule: 'k8s/hostpath-shared-by-pods' })!)!);
  assert.ok(text.startsWith('# logtail-lint-disable-file k8s/hostpath-shared-by-pods\n'), text.slice(0, 80));
  await c.change(uri, text, 2);
  const left = await c.pull(uri);
  assert.deepEqual(left.filter((x) => x.code === 'k8s/hostpath-shared-by-pods'), []);
  const other = left.find((x) => x.code !== 'k8s/hostpath-shared-by-pods' && x.code !== 'syntax/yaml');
  if (other) {
    const more = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri, version: 2 } as never, range: other.range, context: { diagnostics: [other] } })) as CodeAction[];
    const joined = apply(text, more.find((a) => a.title === catalogMessage('en', 'ui', 'disableFile', { rule: other.code })!)!);
    assert.ok(joined.startsWith(`# logtail-lint-disable-file k8s/hostpath-shared-by-pods, ${other.code}\n`), joined.slice(0, 120));
  }
});

test('logtailLint/fileKind tells a Kubernetes manifest, a Logtail pipeline config and anything else apart', async () => {
  const c = await client();
  const cases: [string, string, string, string][] = [
    ['file:///work/k.yaml', 'yaml', SHARED, 'kubernetes'],
    ['file:///work/p.json', 'json', '{"inputs":[{"Type":"input_file","FilePaths":["/var/log/app/*.log"]}],"flushers":[{"Type":"flusher_sls","Logstore":"app"}]}', 'logtail-pipeline'],
    ['file:///work/other.yaml', 'yaml', 'name: my-app\nversion: 1\n', 'other'],
    ['file:///work/.logtail-lint.yaml', 'yaml', 'rules: {}\n', 'project-config'],
  ];
  for (const [uri, lang, text, kind] of cases) {
    await c.open(uri, lang, text);
    assert.deepEqual(await c.conn.sendRequest('logtailLint/fileKind', { uri }), { kind }, uri);
  }
  assert.equal(await c.conn.sendRequest('logtailLint/fileKind', { uri: 'file:///work/not-open.yaml' }), null);
});

test('the workspace scan waits until a Kubernetes or Logtail file is open', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const dir = mkdtempSync(join(tmpdir(), 'logtail-lint-scan-'));
  writeFileSync(join(dir, 'claim.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: logs\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
  const c = await client({ rootUri: pathToFileURL(dir).toString(), refreshSupport: true });
  let refreshes = 0;
  const count = () => c.refreshed(60_000).then(() => refreshes++, () => undefined);
  void count();
  await c.open(pathToFileURL(join(dir, 'chart-values.yaml')).toString(), 'yaml', 'image: nginx\nreplicas: 3\n');
  await c.pull(pathToFileURL(join(dir, 'chart-values.yaml')).toString());
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(refreshes, 0, 'no scan (and no refresh) for a workspace where only a non-Kubernetes file is open');
  const scanned = c.refreshed(30_000);
  await c.open(pathToFileURL(join(dir, 'pod.yaml')).toString(), 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
  await scanned;
});

