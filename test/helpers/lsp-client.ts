// A minimal LSP client over stdio for protocol tests: spawns the bundled server (dist/server.js).
import { spawn, type ChildProcess } from 'node:child_process';
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
  DidChangeWatchedFilesNotification,
  RegistrationRequest,
  DiagnosticRefreshRequest,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type FileEvent,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { assertNoNetwork, serverArgs } from './server-process';

export interface TestClient {
  conn: ProtocolConnection;
  proc: ChildProcess;
  stderr: () => string;
  settings: Record<string, unknown>;
  open(uri: string, languageId: string, text: string, version?: number): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  pull(uri: string): Promise<Diagnostic[]>;
  /** Wait for a publishDiagnostics for `uri` that satisfies `pred` (push mode). */
  pushed(uri: string, pred?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Send workspace/didChangeWatchedFiles (type: 1 created, 2 changed, 3 deleted). */
  watched(changes: FileEvent[]): Promise<void>;
  /** Capabilities the server registered dynamically (client/registerCapability). */
  registrations: Registration[];
  /** Resolves at the next workspace/diagnostic/refresh request of the server (with `refreshSupport`). */
  refreshed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startClient(
  opts: { pull?: boolean; locale?: string; settings?: Record<string, unknown>; rootUri?: string | null; refreshSupport?: boolean; watchedFilesRegistration?: boolean } = {},
): Promise<TestClient> {
  const proc = spawn(process.execPath, serverArgs(), { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters: (() => void)[] = [];
  const refreshWaiters: (() => void)[] = [];
  conn.onRequest(DiagnosticRefreshRequest.type, () => {
    for (const w of refreshWaiters.splice(0)) w();
  });
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, p);
    for (const w of waiters.splice(0)) w();
  });
  const client: TestClient = {
    conn,
    proc,
    stderr: () => err,
    settings: opts.settings ?? {},
    registrations: [],
    refreshed(timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no workspace/diagnostic/refresh within ${timeoutMs} ms`)), timeoutMs);
        refreshWaiters.push(() => {
          clearTimeout(deadline);
          resolve();
        });
      });
    },
    async watched(changes) {
      await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    },
    async open(uri, languageId, text, version = 1) {
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    async change(uri, text, version) {
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async pull(uri) {
      const r = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return r.kind === 'full' ? r.items : [];
    },
    pushed(uri, pred = () => true, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no matching publishDiagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const p = published.get(uri);
          if (p && pred(p.diagnostics)) {
            clearTimeout(deadline);
            resolve(p.diagnostics);
          } else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      try {
        await conn.sendRequest(ShutdownRequest.type);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        /* already gone */
      }
      conn.dispose();
      proc.kill();
      assertNoNetwork(err);
    },
  };
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'logtailLint' ? client.settings : null)));
  conn.onRequest(RegistrationRequest.type, (p) => {
    client.registrations.push(...p.registrations);
  });
  conn.listen();
  const capabilities: ClientCapabilities = {
    workspace: {
      configuration: true,
      diagnostics: { refreshSupport: !!opts.refreshSupport },
      ...(opts.watchedFilesRegistration ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
    },
    textDocument: {
      ...(opts.pull === false ? {} : { diagnostic: { dynamicRegistration: false } }),
      publishDiagnostics: {},
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: opts.rootUri ?? null, capabilities, locale: opts.locale ?? 'en', workspaceFolders: null });
  await conn.sendNotification(InitializedNotification.type, {});
  return client;
}
