// Cross-file features over the LSP protocol, on the real bundled server and a workspace of several
// files (test/fixtures/workspace/shop, copied to a temporary folder): findings that follow edits of
// another file, definition, references, symbols, CodeLens; and the CLI agreeing with the server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ROOT } from './helpers/fixtures';
import { term } from '../server/src/engine/catalog';
import { startWorkspaceSession, positionOf, eventually, type WorkspaceSession } from './helpers/lsp-workspace';

const SHOP = join(ROOT, 'test', 'fixtures', 'workspace', 'shop');
const EXTRA = `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: mistakes
spec:
  project:
    name: k8s-log-shop
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - /logtail_host/mnt/webb/*/*.log
    flushers:
    - Type: flusher_sls
      Logstore: mistakes
---
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: claim-path
spec:
  project:
    name: k8s-log-shop
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - /logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/orders-logs/mount/*.log
    flushers:
    - Type: flusher_sls
      Logstore: orders
`;

let dir: string;
let s: WorkspaceSession;
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const lineOf = (name: string, needle: string, occurrence = 0) => positionOf(text(name), needle, 0, occurrence).line;

describe('cross-file features over LSP', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logtail-lint-ws-'));
    cpSync(SHOP, dir, { recursive: true });
    s = await startWorkspaceSession({ folders: [pathToFileURL(dir).toString()] });
    // open two files; storage.yaml and collector.yaml are only on disk (the workspace scan reads them)
    await s.open(uri('app.yaml'), text('app.yaml'));
    await s.open(uri('logtail.yaml'), text('logtail.yaml'));
    // the scan is asynchronous: wait until the claim in storage.yaml is known
    await eventually(() => s.definition(uri('app.yaml'), positionOf(text('app.yaml'), 'claimName: orders-logs', 'claimName: '.length + 2)), (r) => r.length > 0);
  });
  after(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('server advertises the navigation capabilities', () => {
    const c = s.init.capabilities;
    assert.ok(c.definitionProvider && c.referencesProvider && c.documentSymbolProvider && c.workspaceSymbolProvider && c.codeLensProvider);
  });

  test('editing file B makes file A\'s finding appear, with B as related information, and disappear again', async () => {
    const A = uri('logtail.yaml');
    const B = uri('app.yaml');
    const id = 'workspace/path-matches-no-volume';
    assert.deepEqual((await s.pull(A)).filter((d) => d.code === id), [], 'silent while the volume matches');
    const refreshesBefore = s.refreshes.diagnostics;
    await s.change(B, text('app.yaml').replace('path: /mnt/web', 'path: /mnt/website'), 2);
    const appeared = await eventually(() => s.pull(A), (ds) => ds.some((d) => d.code === id));
    const d = appeared.find((x) => x.code === id);
    assert.ok(d, 'the finding appears in A after B changed');
    assert.equal(d!.range.start.line, lineOf('logtail.yaml', '/logtail_host/mnt/web/'));
    const rel = d!.relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0]!.location.uri, B);
    assert.equal(rel[0]!.location.range.start.line, lineOf('app.yaml', 'path: /mnt/web'));
    assert.deepEqual((d!.data as { fixes: { title: string; edits: unknown[] }[] }).fixes.map((f) => f.title), ['Change to /logtail_host/mnt/website/*/*.log']);
    await eventually(async () => s.refreshes.diagnostics, (n) => n > refreshesBefore, 5000);
    assert.ok(s.refreshes.diagnostics > refreshesBefore, 'the server asked the client to pull the other files again');
    await s.change(B, text('app.yaml'), 3);
    const gone = await eventually(() => s.pull(A), (ds) => !ds.some((x) => x.code === id));
    assert.deepEqual(gone.filter((x) => x.code === id), [], 'the finding disappears when B is put back');
  });

  test('go to definition: mount → volume, claimName → PVC in another file, path → hostPath volume, csi segment → PV, env → startup file', async () => {
    const app = text('app.yaml');
    const mount = await s.definition(uri('app.yaml'), positionOf(app, '- name: web-logs', 10));
    assert.deepEqual(mount.map((l) => [l.uri, l.range.start.line]), [[uri('app.yaml'), lineOf('app.yaml', '- name: web-logs', 1)]]);
    const claim = await s.definition(uri('app.yaml'), positionOf(app, 'claimName: orders-logs', 'claimName: '.length + 1));
    assert.deepEqual(claim.map((l) => [l.uri, l.range.start.line]), [[uri('storage.yaml'), lineOf('storage.yaml', 'name: orders-logs')]]);
    const logtail = text('logtail.yaml');
    const host = await s.definition(uri('logtail.yaml'), positionOf(logtail, '/logtail_host/mnt/web/', 5));
    assert.deepEqual(host.map((l) => [l.uri, l.range.start.line]), [[uri('app.yaml'), lineOf('app.yaml', 'path: /mnt/web')]]);
    const pv = await s.definition(uri('logtail.yaml'), positionOf(logtail, 'orders-pv/mount', 2));
    assert.deepEqual(pv.map((l) => [l.uri, l.range.start.line]), [[uri('storage.yaml'), lineOf('storage.yaml', 'name: orders-pv')]]);
    await s.open(uri('collector.yaml'), text('collector.yaml'));
    const env = await s.definition(uri('collector.yaml'), positionOf(text('collector.yaml'), '/etc/ilogtail/conf/ilogtail_config.json', 3));
    assert.deepEqual(env.map((l) => [l.uri, l.range.start.line]), [[uri('collector.yaml'), lineOf('collector.yaml', 'ilogtail_config.json:')]]);
  });

  test('find references from a hostPath volume, a PVC and a PV', async () => {
    await s.open(uri('storage.yaml'), text('storage.yaml'));
    const host = await s.references(uri('app.yaml'), positionOf(text('app.yaml'), 'path: /mnt/web', 8));
    const hostAt = host.map((l) => `${l.uri.replace(/^.*\//, '')}:${l.range.start.line}`).sort();
    assert.deepEqual(hostAt, [`app.yaml:${lineOf('app.yaml', '- name: web-logs')}`, `logtail.yaml:${lineOf('logtail.yaml', '/logtail_host/mnt/web/')}`].sort());
    const pvc = await s.references(uri('storage.yaml'), positionOf(text('storage.yaml'), 'name: orders-logs', 7));
    const pvcAt = pvc.map((l) => `${l.uri.replace(/^.*\//, '')}:${l.range.start.line}`).sort();
    assert.deepEqual(pvcAt, [`app.yaml:${lineOf('app.yaml', 'claimName: orders-logs')}`, `logtail.yaml:${lineOf('logtail.yaml', 'orders-pv/mount')}`, `storage.yaml:${lineOf('storage.yaml', 'name: orders-logs')}`, `storage.yaml:${lineOf('storage.yaml', 'name: orders-pv')}`].sort());
    const pv = await s.references(uri('storage.yaml'), positionOf(text('storage.yaml'), 'name: orders-pv', 7));
    const pvAt = pv.map((l) => `${l.uri.replace(/^.*\//, '')}:${l.range.start.line}`).sort();
    assert.deepEqual(pvAt, [`logtail.yaml:${lineOf('logtail.yaml', 'orders-pv/mount')}`, `storage.yaml:${lineOf('storage.yaml', 'name: orders-logs')}`].sort());
  });

  test('document symbols: one per object, containers and volumes as children', async () => {
    const syms = await s.documentSymbols(uri('app.yaml'));
    assert.deepEqual(syms.map((x) => x.name), ['Deployment web', 'StatefulSet orders']);
    assert.deepEqual(syms[0]!.children!.map((c) => c.name), ['web', 'web-logs']);
    assert.deepEqual(syms[1]!.children!.map((c) => c.name), ['orders', 'orders-logs', 'audit']);
    assert.equal(syms[0]!.selectionRange.start.line, lineOf('app.yaml', 'name: web'));
  });

  test('workspace symbols by object name, across files', async () => {
    const syms = await s.workspaceSymbols('orders');
    const got = syms.map((x) => `${x.name}@${x.location.uri.replace(/^.*\//, '')}`).sort();
    for (const want of ['orders@app.yaml', 'orders-logs@storage.yaml', 'orders-pv@storage.yaml', 'orders-log@logtail.yaml']) assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
    assert.ok(!got.some((g) => g.startsWith('web@')), 'names without the query are left out');
  });

  test('CodeLens above hostPath and PVC volumes: collected by a config, or by none; a click shows the config', async () => {
    const lenses = await s.codeLens(uri('app.yaml'));
    const byLine = lenses.map((l) => `${l.range.start.line}:${l.command?.title}`).sort();
    assert.deepEqual(byLine, [
      `${lineOf('app.yaml', '- name: web-logs', 1)}:${term('en', 'lens.collectedBy', { config: 'web-log', file: 'logtail.yaml' })}`,
      `${lineOf('app.yaml', '- name: orders-logs', 1)}:${term('en', 'lens.collectedBy', { config: 'orders-log', file: 'logtail.yaml' })}`,
      `${lineOf('app.yaml', '- name: audit', 1)}:${term('en', 'lens.notCollected')}`,
    ].sort());
    const web = lenses.find((l) => l.command?.title === term('en', 'lens.collectedBy', { config: 'web-log', file: 'logtail.yaml' }))!;
    assert.ok(web.command!.command, 'a lens with a config is clickable');
    await s.execute(web.command!.command, web.command!.arguments ?? []);
    const shown = await eventually(async () => s.shown, (x) => x.length > 0, 5000);
    assert.equal(shown[0]!.uri, uri('logtail.yaml'));
    assert.equal(shown[0]!.selection!.start.line, lineOf('logtail.yaml', '/logtail_host/mnt/web/'));
    assert.equal(lenses.find((l) => l.command?.title.startsWith('not collected'))!.command!.command, '', 'the "not collected" lens has nothing to open');
  });

  test('the CLI and the server report the same findings on the same folder', async () => {
    writeFileSync(join(dir, 'mistakes.yaml'), EXTRA);
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (const f of files) await s.open(uri(f), text(f));
    // the server: every file open with its disk text
    const server: string[] = [];
    for (const f of files) {
      for (const d of await eventually(() => s.pull(uri(f)), () => true)) {
        const rel = (d.relatedInformation ?? []).map((r) => `${r.location.uri.replace(/^.*\//, '')}:${r.location.range.start.line + 1}`).join(',');
        server.push(`${f}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message} [${rel}]`);
      }
    }
    const out = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' }).toString()) as { filePath: string; messages: { ruleId: string; message: string; line: number; column: number; related?: { filePath: string; line: number }[] }[] }[];
    const cli: string[] = [];
    for (const r of out) {
      const f = r.filePath.replace(/^.*\//, '');
      for (const m of r.messages) cli.push(`${f}:${m.line}:${m.column} ${m.ruleId} ${m.message} [${(m.related ?? []).map((x) => `${x.filePath.replace(/^.*\//, '')}:${x.line}`).join(',')}]`);
    }
    assert.ok(cli.some((x) => x.includes('workspace/path-matches-no-volume')) && cli.some((x) => x.includes('workspace/csi-dir-uses-claim-name')), `cross-file findings present:\n${cli.join('\n')}`);
    assert.deepEqual(server.sort(), cli.sort());
  });
});
