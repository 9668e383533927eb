// The shipped language server as a user's editor starts it: a command over stdio (the npm
// package's bin, or a copy of the bundles in a folder of their own), one document opened, the
// first non-empty diagnostics it publishes for that document. Used by the packaging tests
// (cli-package, lazy-parts); the protocol tests drive dist/server.js through ./lsp-client.ts.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { assertNoNetwork } from './server-process';

export interface FirstDiagnosticsOptions {
  cwd: string;
  /** The document opened (version 1). */
  doc: { uri: string; languageId: string; text: string };
  timeoutMs: number;
  /** The server was started with ./no-network.cjs: fail when it tried to reach the network. */
  offline?: boolean;
}

/**
 * Starts `cmd args`, initializes it (no capabilities, no workspace), opens `doc` and resolves with
 * the initialize result and the first non-empty published diagnostics of `doc`; shuts the
 * server down whatever happened (and checks its stderr for network attempts when `offline`).
 */
export async function firstDiagnostics(cmd: string, args: string[], opts: FirstDiagnosticsOptions): Promise<{ init: InitializeResult; published: PublishDiagnosticsParams }> {
  const proc = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const { uri } = opts.doc;
  const got = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no diagnostics in ${opts.timeoutMs / 1000} s; stderr: ${stderr}`)), opts.timeoutMs);
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri && p.diagnostics.length) {
        clearTimeout(t);
        resolve(p);
      }
    });
  });
  conn.listen();
  try {
    const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { ...opts.doc, version: 1 } });
    return { init, published: await got };
  } finally {
    await conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
    conn.dispose();
    proc.kill();
    if (opts.offline) assertNoNetwork(stderr);
  }
}
