// Like ./lsp-client.ts, with what the completion/hover and duplicate-diagnostics tests need on
// top: `initializationOptions`, chosen client capabilities, and completion/hover requests.
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
  ConfigurationRequest,
  CompletionRequest,
  HoverRequest,
  ShutdownRequest,
  ExitNotification,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { assertNoNetwork, serverArgs } from './server-process';

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: false } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    publishDiagnostics: {},
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertTextModeSupport: { valueSet: [1, 2] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export interface Session {
  settings: Record<string, unknown>;
  init: InitializeResult;
  open(uri: string, languageId: string, text: string): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  pull(uri: string): Promise<Diagnostic[]>;
  completion(uri: string, position: Position): Promise<CompletionItem[]>;
  hover(uri: string, position: Position): Promise<Hover | null>;
  notify(method: string, params: unknown): Promise<void>;
  close(): Promise<void>;
  stderr(): string;
}

export async function startSession(opts: { initializationOptions?: unknown; capabilities?: ClientCapabilities; locale?: string; settings?: Record<string, unknown> } = {}): Promise<Session> {
  const proc = spawn(process.execPath, serverArgs(), { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const session = {
    settings: opts.settings ?? {},
  } as Session;
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'logtailLint' ? session.settings : null)));
  conn.listen();
  session.init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: opts.capabilities ?? FULL_CAPABILITIES,
    locale: opts.locale ?? 'en',
    workspaceFolders: null,
    initializationOptions: opts.initializationOptions,
  });
  await conn.sendNotification(InitializedNotification.type, {});
  Object.assign(session, {
    async open(uri: string, languageId: string, text: string) {
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    async change(uri: string, text: string, version: number) {
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async pull(uri: string) {
      const r = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return r.kind === 'full' ? r.items : [];
    },
    async completion(uri: string, position: Position) {
      const r = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
      return !r ? [] : Array.isArray(r) ? r : r.items;
    },
    async hover(uri: string, position: Position) {
      return conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    },
    async notify(method: string, params: unknown) {
      await conn.sendNotification(method, params);
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
    stderr: () => err,
  });
  return session;
}

/** Split a text with a `‸` caret into the text and the caret's LSP position. */
export function caret(src: string): { text: string; position: Position } {
  const offset = src.indexOf('‸');
  if (offset < 0) throw new Error('no caret');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}
