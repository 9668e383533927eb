// The language server under hostile or unusual clients (issue 15) and large documents
// (issue 9): the real bundled server over stdio.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CodeActionRequest, DocumentDiagnosticRequest, ShowMessageNotification, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, type TestClient } from './helpers/lsp-client';
import { ROOT } from './helpers/fixtures';
import { serverArgs } from './helpers/server-process';

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
const EMPTYDIR = readFileSync(join(ROOT, 'examples/emptydir/pod-emptydir.yaml'), 'utf8');
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: logtail-startup
  namespace: kube-system
data:
  ilogtail_config.json: |
    {
      "cpu_usage_limit": 0.4,
      "check_point_filename": "/tmp/logtail_check_point"
    }
`;

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('u', 'yaml', 1, text), edits);
}
function editsOf(a: CodeAction): TextEdit[] {
  return (a.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
}
async function actions(c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) as CodeAction[];
}

// ---------------------------------------------------------------------------------------------
// Caches and fixes keyed by content
// ---------------------------------------------------------------------------------------------

test('a client that reuses a version number gets the diagnostics and fixes of the new text', async () => {
  const c = await client();
  const uri = 'file:///work/reuse.yaml';
  await c.open(uri, 'yaml', SHARED, 1);
  const first = await c.pull(uri);
  const shared = first.find((d) => d.code === 'k8s/hostpath-shared-by-pods');
  assert.ok(shared, 'the hostPath finding of the first text');
  await c.change(uri, 'a: [broken\n', 1); // same version, other text
  const second = await c.pull(uri);
  assert.deepEqual(
    second.map((d) => d.code),
    ['syntax/yaml'],
  );
  // the earlier diagnostic (same version number) carries fixes of the earlier text: none is offered
  assert.deepEqual(await actions(c, uri, [shared]), []);
});

// ---------------------------------------------------------------------------------------------
// Editor settings
// ---------------------------------------------------------------------------------------------

test('a multi-line emptyDirSizeLimit setting is ignored (with a warning): "Add sizeLimit" writes valid YAML', async () => {
  const c = await client({ settings: { emptyDirSizeLimit: '1Gi\nevil: true' } });
  const warnings: string[] = [];
  c.conn.onNotification(ShowMessageNotification.type, (p) => void warnings.push(p.message));
  const uri = 'file:///work/emptydir.yaml';
  await c.open(uri, 'yaml', EMPTYDIR);
  const d = (await c.pull(uri)).find((x) => x.code === 'k8s/emptydir-no-size-limit');
  assert.ok(d);
  const add = (await actions(c, uri, [d])).find((a) => /sizeLimit/.test(a.title) && !a.title.startsWith('Disable'));
  assert.ok(add, 'the Add sizeLimit fix');
  const fixed = apply(EMPTYDIR, editsOf(add));
  assert.ok(parseAllDocuments(fixed).every((doc) => doc.errors.length === 0), fixed);
  assert.doesNotMatch(fixed, /evil/);
  assert.match(fixed, /sizeLimit: 1Gi\b/);
  assert.ok(warnings.some((w) => w.includes('logtailLint.emptyDirSizeLimit')), warnings.join('\n'));
});

test('valid settings still apply: emptyDirSizeLimit 512Mi, a rule turned off', async () => {
  const c = await client({ settings: { emptyDirSizeLimit: '512Mi', rules: { 'k8s/hostpath-shared-by-pods': 'off' } } });
  const uri = 'file:///work/emptydir-ok.yaml';
  await c.open(uri, 'yaml', EMPTYDIR);
  const d = (await c.pull(uri)).find((x) => x.code === 'k8s/emptydir-no-size-limit')!;
  const add = (await actions(c, uri, [d])).find((a) => /sizeLimit/.test(a.title) && !a.title.startsWith('Disable'))!;
  assert.match(apply(EMPTYDIR, editsOf(add)), /sizeLimit: 512Mi\b/);
  const other = 'file:///work/shared-off.yaml';
  await c.open(other, 'yaml', SHARED);
  assert.equal((await c.pull(other)).filter((x) => x.code === 'k8s/hostpath-shared-by-pods').length, 0);
});

// ---------------------------------------------------------------------------------------------
// "Disable … for this line"
// ---------------------------------------------------------------------------------------------

test('"Disable for this line" on a finding inside a block scalar puts the comment above the key that owns it, and silences it', async () => {
  const c = await client();
  const uri = 'file:///work/cm.yaml';
  await c.open(uri, 'yaml', CONFIGMAP);
  const d = (await c.pull(uri)).find((x) => x.code === 'startup/checkpoint-in-tmp');
  assert.ok(d, 'the checkpoint finding inside the embedded JSON');
  const disable = (await actions(c, uri, [d])).find((a) => a.title.startsWith('Disable'));
  assert.ok(disable);
  const text = apply(CONFIGMAP, editsOf(disable));
  assert.match(text, /\n {2}# logtail-lint-disable-next-line startup\/checkpoint-in-tmp\n {2}ilogtail_config\.json: \|\n/);
  // the embedded JSON is untouched, and YAML still reads it as the same string
  const value = (parseAllDocuments(text)[0]!.toJS() as { data: Record<string, string> }).data['ilogtail_config.json'];
  assert.equal(value, (parseAllDocuments(CONFIGMAP)[0]!.toJS() as { data: Record<string, string> }).data['ilogtail_config.json']);
  await c.change(uri, text, 2);
  assert.deepEqual((await c.pull(uri)).filter((x) => x.code === 'startup/checkpoint-in-tmp'), []);
});

test('no fix and no "Disable" for a diagnostic of an earlier version of the document', async () => {
  const c = await client();
  const uri = 'file:///work/stale.yaml';
  await c.open(uri, 'yaml', SHARED, 1);
  const d = (await c.pull(uri)).find((x) => x.code === 'k8s/hostpath-shared-by-pods')!;
  assert.ok((await actions(c, uri, [d])).length >= 2, 'fix and disable offered for the current version');
  await c.change(uri, '# a comment line moves every line down\n' + SHARED, 2);
  assert.deepEqual(await actions(c, uri, [d]), []);
});

// ---------------------------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------------------------

test('no quick fix, no "Disable" and no fix-all in a document with a syntax error', async () => {
  const c = await client();
  const uri = 'file:///work/broken.yaml';
  // the same Deployment, with an unterminated flow sequence in its spec
  const broken = SHARED.replace('  replicas: 3\n', '  replicas: 3\n  strategy: [web, api\n');
  assert.notEqual(broken, SHARED);
  await c.open(uri, 'yaml', SHARED);
  const good = await c.pull(uri);
  assert.ok((await actions(c, uri, good.filter((d) => d.code === 'k8s/hostpath-shared-by-pods'))).length > 0, 'fixes offered without the syntax error');
  await c.change(uri, broken, 2);
  const diags = await c.pull(uri);
  assert.ok(diags.some((d) => d.code === 'syntax/yaml'), 'the syntax error is reported');
  for (const d of diags) assert.deepEqual(await actions(c, uri, [d]), [], `no action for ${String(d.code)}`);
  assert.deepEqual(await actions(c, uri, [], ['source.fixAll']), []);
});

// ---------------------------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------------------------

/** A raw stdio session with the server: write bytes, read framed messages. */
function raw() {
  const proc = spawn(process.execPath, serverArgs(), { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  const messages: Record<string, unknown>[] = [];
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdin.on('error', () => undefined); // EPIPE once the server has exited
  proc.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const h = buf.indexOf('\r\n\r\n');
      if (h < 0) return;
      const n = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, h).toString())![1]);
      if (buf.length < h + 4 + n) return;
      messages.push(JSON.parse(buf.subarray(h + 4, h + 4 + n).toString()));
      buf = buf.subarray(h + 4 + n);
    }
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const api = {
    proc,
    messages,
    stderr: () => stderr,
    exited,
    write(data: string | Buffer) {
      proc.stdin.write(data);
    },
    send(m: object, lengthDelta = 0) {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }));
      proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length + lengthDelta}\r\n\r\n`), body]));
    },
    async reply(id: number, timeoutMs = 10000): Promise<Record<string, unknown>> {
      const t0 = Date.now();
      for (;;) {
        const m = messages.find((x) => x.id === id);
        if (m) return m;
        if (Date.now() - t0 > timeoutMs) throw new Error(`no reply to ${id} within ${timeoutMs} ms; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async initialize() {
      api.send({ id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } } });
      await api.reply(0);
      api.send({ method: 'initialized', params: {} });
    },
    kill() {
      proc.kill();
    },
  };
  return api;
}

const pullParams = (uri: string) => ({ method: 'textDocument/diagnostic', params: { textDocument: { uri } } });

test('before initialize every request gets ServerNotInitialized and notifications are dropped; after shutdown, InvalidRequest', async () => {
  const s = raw();
  try {
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.yaml', languageId: 'yaml', version: 1, text: 'a: [broken\n' } } });
    s.send({ id: 1, ...pullParams('file:///a.yaml') });
    s.send({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.yaml' }, position: { line: 0, character: 0 } } });
    assert.equal(((await s.reply(1)).error as { code: number }).code, -32002);
    assert.equal(((await s.reply(2)).error as { code: number }).code, -32002);
    await s.initialize();
    // the didOpen sent before initialize was dropped: the document is unknown
    s.send({ id: 3, ...pullParams('file:///a.yaml') });
    assert.deepEqual((await s.reply(3)).result, { kind: 'full', items: [] });
    s.send({ id: 4, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    assert.equal(((await s.reply(4)).error as { code: number }).code, -32600);
    s.send({ id: 5, method: 'shutdown' });
    assert.equal((await s.reply(5)).result, null);
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///b.yaml', languageId: 'yaml', version: 1, text: 'a: 1\n' } } });
    s.send({ id: 6, ...pullParams('file:///b.yaml') });
    assert.equal(((await s.reply(6)).error as { code: number }).code, -32600);
    s.send({ method: 'exit' });
    assert.equal(await s.exited, 0);
  } finally {
    s.kill();
  }
});

test('malformed params are answered with InvalidParams and a sentence, never internal error text', async () => {
  const s = raw();
  try {
    await s.initialize();
    const bad: [string, unknown][] = [
      ['textDocument/diagnostic', {}],
      ['textDocument/diagnostic', { textDocument: null }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.yaml' } }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.yaml' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: {} }],
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri: 'file:///x.yaml' }, position: { line: -1, character: 'a' } }],
      ['textDocument/completion', { textDocument: 5 }],
    ];
    bad.forEach(([method, params], i) => s.send({ id: 100 + i, method, params }));
    // notifications with malformed params are dropped, the server goes on
    s.send({ method: 'textDocument/didOpen', params: { textDocument: {} } });
    s.send({ method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///x.yaml' }, contentChanges: 'x' } });
    s.send({ method: 'workspace/didChangeConfiguration', params: null });
    for (let i = 0; i < bad.length; i++) {
      const r = await s.reply(100 + i);
      const e = r.error as { code: number; message: string };
      assert.equal(e?.code, -32602, `${bad[i]![0]}: ${JSON.stringify(r)}`);
      assert.doesNotMatch(e.message, /Cannot read|reading '|undefined|null \(|TypeError/, e.message);
    }
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///ok.yaml', languageId: 'yaml', version: 1, text: 'a: [broken\n' } } });
    s.send({ id: 200, ...pullParams('file:///ok.yaml') });
    const ok = (await s.reply(200)).result as { items: Diagnostic[] };
    assert.deepEqual(
      ok.items.map((d) => d.code),
      ['syntax/yaml'],
    );
    assert.doesNotMatch(s.stderr(), /TypeError|Cannot read/);
  } finally {
    s.kill();
  }
});

for (const [name, delta] of [
  ['too large', 7],
  ['too small', -5],
] as const) {
  test(`after a message whose Content-Length is ${name}, the server answers again`, async () => {
    const s = raw();
    try {
      await s.initialize();
      s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///c.yaml', languageId: 'yaml', version: 1, text: 'a: [broken\n' } } });
      s.send({ id: 1, ...pullParams('file:///c.yaml') }, delta);
      await new Promise((r) => setTimeout(r, 100));
      s.send({ id: 2, ...pullParams('file:///c.yaml') });
      s.send({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///c.yaml' }, position: { line: 0, character: 0 } } });
      const r2 = (await s.reply(2)).result as { items: Diagnostic[] };
      assert.deepEqual(
        r2.items.map((d) => d.code),
        ['syntax/yaml'],
      );
      assert.ok('result' in (await s.reply(3)));
      // the message with the wrong header itself is recovered too
      assert.ok('result' in (await s.reply(1)));
    } finally {
      s.kill();
    }
  });
}

test('garbage without any message header: the server exits with an error (the client restarts it) instead of hanging', async () => {
  const s = raw();
  try {
    await s.initialize();
    const junk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 18; i++) s.write(junk);
    const code = await Promise.race([s.exited, new Promise((r) => setTimeout(() => r('still running'), 20000))]);
    assert.equal(code, 1, s.stderr());
    assert.match(s.stderr(), /stream is lost/);
  } finally {
    s.kill();
  }
});

// ---------------------------------------------------------------------------------------------
// Large documents
// ---------------------------------------------------------------------------------------------

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
      volumes:
      - name: logs
        hostPath:
          path: /var/log/app-${i}
`;
}
/** About `chars` characters of Deployments, the last one with a volume mount that names no volume. */
function bigFile(chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const d = deployment(i);
    parts.push(d);
    n += d.length + 4;
  }
  parts.push(deployment(999999).replace('- name: logs\n          mountPath', '- name: missing\n          mountPath'));
  return parts.join('---\n');
}

test('while a 5 MB file is linted for the first time, a pull for a small file is answered first', async () => {
  const c = await client();
  const big = 'file:///work/big.yaml';
  const small = 'file:///work/small.yaml';
  const order: string[] = [];
  await c.open(big, 'yaml', bigFile(5 * 1024 * 1024));
  await c.open(small, 'yaml', SHARED);
  const bigPull = c.pull(big).then((d) => {
    order.push('big');
    return d;
  });
  const smallPull = c.pull(small).then((d) => {
    order.push('small');
    return d;
  });
  const [bigDiags, smallDiags] = await Promise.all([bigPull, smallPull]);
  assert.deepEqual(order, ['small', 'big']);
  assert.ok(smallDiags.some((d) => d.code === 'k8s/hostpath-shared-by-pods'));
  assert.ok(bigDiags.some((d) => d.code === 'k8s/volume-mount-undefined'), bigDiags.map((d) => d.code).join(', '));
});

test('$/cancelRequest: a cancelled pull of a large file is answered with RequestCancelled', async () => {
  const c = await client();
  const uri = 'file:///work/big-cancel.yaml';
  await c.open(uri, 'yaml', bigFile(1.2 * 1024 * 1024));
  const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
  const source = new CancellationTokenSource();
  const pending = c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
  setTimeout(() => source.cancel(), 50);
  await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  // the server goes on: the next pull is answered in full
  const again = await c.pull(uri);
  assert.ok(again.some((d) => d.code === 'k8s/volume-mount-undefined'));
});
