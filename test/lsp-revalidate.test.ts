// Which open documents the server validates again after an edit of another file (issue 9): only
// those whose workspace findings read facts that changed. Counted over the protocol, never timed:
// with push diagnostics every lint is one publishDiagnostics; with pull diagnostics a document
// that is not linted again answers `unchanged` to a pull that names its previous result.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  ShutdownRequest,
  ExitNotification,
  type DocumentDiagnosticReport,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { serverArgs } from './helpers/server-process';

const A = 'file:///ws/logtail.yaml'; // a Logtail config: reads the other files' workloads and hostPath volumes
const B = 'file:///ws/app.yaml'; // the Deployment whose hostPath volume A collects from
const C = 'file:///ws/other.yaml'; // a Deployment that reads nothing B's edits change

const CONFIG = `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: web-log
spec:
  project:
    name: k8s-log-shop
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - /logtail_host/mnt/web/*/*.log
    flushers:
    - Type: flusher_sls
      Logstore: web-log
`;
const app = (hostPath: string, comment = 'the web tier') => `# ${comment}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        volumeMounts:
        - name: web-logs
          mountPath: /var/log/web
          subPathExpr: $(POD_NAME)
      volumes:
      - name: web-logs
        hostPath:
          path: ${hostPath}
          type: DirectoryOrCreate
`;
const OTHER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: registry.example.com/shop/api:2.0.1
`;
const NO_VOLUME = 'workspace/path-matches-no-volume';

interface Client {
  conn: ProtocolConnection;
  published: Map<string, Diagnostic[][]>;
  refreshes: number;
  open(uri: string, text: string): Promise<void>;
  change(uri: string, text: string): Promise<void>;
  close(): Promise<void>;
}

async function start(mode: 'pull' | 'push'): Promise<Client> {
  const proc = spawn(process.execPath, serverArgs(), { stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stderr!.on('data', () => undefined);
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const versions = new Map<string, number>();
  const client: Client = {
    conn,
    published: new Map(),
    refreshes: 0,
    async open(uri, text) {
      versions.set(uri, 1);
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    },
    async change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async close() {
      await conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await conn.sendNotification(ExitNotification.type).catch(() => undefined);
      conn.dispose();
      proc.kill();
    },
  };
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => {
    client.refreshes++;
    return null;
  });
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const list = client.published.get(p.uri) ?? [];
    list.push(p.diagnostics);
    client.published.set(p.uri, list);
  });
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: { relatedInformation: true } },
    },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return client;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls until `ok()` (a loaded machine may take longer than the settle time), then returns. */
async function until(ok: () => boolean, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok() && Date.now() < end) await sleep(50);
}
/** Long enough for the server's debounce of a push (150 ms) and of the other files' refresh (500 ms). */
const SETTLE_MS = 1500;

describe('an edit re-validates only the documents whose workspace inputs changed', () => {
  test('pull: a document that read none of the changed facts answers `unchanged`; one that did is linted again', async () => {
    const c = await start('pull');
    try {
      const pull = (uri: string, previousResultId?: string) => c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }) as Promise<DocumentDiagnosticReport & { resultId?: string; items?: Diagnostic[] }>;
      await c.open(A, CONFIG);
      await c.open(B, app('/mnt/web'));
      await c.open(C, OTHER);
      await sleep(SETTLE_MS); // the refresh the openings cause is sent
      const ids = new Map<string, string>();
      for (const uri of [A, B, C]) {
        const r = await pull(uri);
        assert.equal(r.kind, 'full');
        ids.set(uri, r.resultId!);
        if (uri === A) assert.deepEqual(r.items!.filter((d) => d.code === NO_VOLUME), [], 'A: the volume matches');
      }
      /** Pull A and C as a client does after a refresh; which ones were linted again. */
      const repull = async () => {
        const linted: string[] = [];
        for (const uri of [A, C]) {
          const r = await pull(uri, ids.get(uri));
          if (r.kind === 'full') {
            linted.push(uri);
            ids.set(uri, r.resultId!);
          } else assert.equal(r.resultId, ids.get(uri));
        }
        return linted;
      };
      assert.deepEqual(await repull(), [], 'nothing changed: nothing is linted again');

      // an edit of B that changes no fact (a comment)
      const refreshes0 = c.refreshes;
      await c.change(B, app('/mnt/web', 'the web tier, three replicas'));
      await sleep(SETTLE_MS);
      assert.equal(c.refreshes, refreshes0, 'no refresh for an edit that changes no fact');
      assert.deepEqual(await repull(), [], 'a comment in B re-lints neither A nor C');

      // an edit of B that changes a fact A reads (B's hostPath volume) and none C reads
      await c.change(B, app('/mnt/website'));
      await until(() => c.refreshes > refreshes0);
      await sleep(SETTLE_MS);
      assert.equal(c.refreshes, refreshes0 + 1, 'the server asks the client to pull again');
      assert.deepEqual(await repull(), [A], 'A is linted again, C is not');
      const a = await pull(A, ids.get(A));
      assert.equal(a.kind, 'unchanged', 'A is not linted twice for one change');
      const full = await pull(A);
      assert.ok(full.items!.some((d) => d.code === NO_VOLUME), 'A now reports the path that matches no volume');
      ids.set(A, full.resultId!);

      // and back: A again, with the finding gone
      await c.change(B, app('/mnt/web'));
      await until(() => c.refreshes > refreshes0 + 1);
      await sleep(SETTLE_MS);
      assert.deepEqual(await repull(), [A], 'A is linted again when B is put back');
      assert.deepEqual((await pull(A)).items!.filter((d) => d.code === NO_VOLUME), [], 'the finding is gone');
    } finally {
      await c.close();
    }
  });

  test('push: only the documents whose inputs changed are linted (and published) again', async () => {
    const c = await start('push');
    try {
      await c.open(A, CONFIG);
      await c.open(B, app('/mnt/web'));
      await c.open(C, OTHER);
      const count = (uri: string) => c.published.get(uri)?.length ?? 0;
      await until(() => count(A) >= 1 && count(B) >= 1 && count(C) >= 1);
      await sleep(SETTLE_MS);
      const before = { A: count(A), B: count(B), C: count(C) };
      assert.ok(before.A >= 1 && before.B >= 1 && before.C >= 1, 'each open document published once at least');

      await c.change(B, app('/mnt/web', 'the web tier, three replicas'));
      await until(() => count(B) > before.B);
      await sleep(SETTLE_MS);
      assert.deepEqual({ A: count(A), B: count(B), C: count(C) }, { ...before, B: before.B + 1 }, 'a comment in B: B alone is linted');

      await c.change(B, app('/mnt/website'));
      await until(() => count(A) > before.A && count(B) > before.B + 1);
      await sleep(SETTLE_MS);
      assert.deepEqual({ A: count(A), B: count(B), C: count(C) }, { A: before.A + 1, B: before.B + 2, C: before.C }, 'B\'s volume changed: A and B are linted, C is not');
      assert.ok(c.published.get(A)!.at(-1)!.some((d) => d.code === NO_VOLUME), 'A reports the path that matches no volume');
    } finally {
      await c.close();
    }
  });
});
