// A client over the real bundled server (dist/server.js --stdio) for the cross-file features:
// workspace folders, pull diagnostics with refresh, definition, references, symbols, CodeLens.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  DefinitionRequest,
  ReferencesRequest,
  DocumentSymbolRequest,
  WorkspaceSymbolRequest,
  CodeLensRequest,
  ExecuteCommandRequest,
  ConfigurationRequest,
  ShutdownRequest,
  ExitNotification,
  type CodeLens,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type Location,
  type Position,
  type ShowDocumentParams,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './fixtures';

export interface WorkspaceSession {
  init: InitializeResult;
  /** How many workspace/diagnostic/refresh and workspace/codeLens/refresh requests the server sent. */
  refreshes: { diagnostics: number; codeLens: number };
  shown: ShowDocumentParams[];
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  pull(uri: string): Promise<Diagnostic[]>;
  definition(uri: string, position: Position): Promise<Location[]>;
  references(uri: string, position: Position, includeDeclaration?: boolean): Promise<Location[]>;
  documentSymbols(uri: string): Promise<DocumentSymbol[]>;
  workspaceSymbols(query: string): Promise<SymbolInformation[]>;
  codeLens(uri: string): Promise<CodeLens[]>;
  execute(command: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
  stderr(): string;
}

export async function startWorkspaceSession(opts: { folders?: string[]; locale?: string } = {}): Promise<WorkspaceSession> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const refreshes = { diagnostics: 0, codeLens: 0 };
  const shown: ShowDocumentParams[] = [];
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes.diagnostics++;
    return null;
  });
  conn.onRequest('workspace/codeLens/refresh', () => {
    refreshes.codeLens++;
    return null;
  });
  conn.onRequest('window/showDocument', (p: ShowDocumentParams) => {
    shown.push(p);
    return { success: true };
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true }, symbol: {} },
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false }, publishDiagnostics: { relatedInformation: true }, definition: {}, references: {}, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, codeLens: {} },
      window: { showDocument: { support: true } },
    },
    locale: opts.locale ?? 'en',
    workspaceFolders: (opts.folders ?? []).map((f) => ({ uri: f, name: f.replace(/^.*\//, '') })),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    init,
    refreshes,
    shown,
    async open(uri, text, languageId = uri.endsWith('.json') ? 'json' : 'yaml') {
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    async change(uri, text, version) {
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async pull(uri) {
      const r = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return r.kind === 'full' ? r.items : [];
    },
    async definition(uri, position) {
      const r = await conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
      return (Array.isArray(r) ? r : r ? [r] : []) as Location[];
    },
    async references(uri, position, includeDeclaration = false) {
      return (await conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration } })) ?? [];
    },
    async documentSymbols(uri) {
      return ((await conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
    },
    async workspaceSymbols(query) {
      return ((await conn.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as SymbolInformation[];
    },
    async codeLens(uri) {
      return (await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    },
    async execute(command, args) {
      return conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
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
    },
    stderr: () => err,
  };
}

/** Position (0-based) of the first occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let i = -1;
  for (let n = 0; n <= occurrence; n++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  i += delta;
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** Wait until `fn` returns a truthy value (the server's scan and refresh are asynchronous). */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await fn();
    if (ok(last) || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}
