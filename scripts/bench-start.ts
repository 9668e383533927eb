// npm run bench:start [-- <other-server.js>]: language-server start-up, measured over stdio —
// spawn → `initialize` answered, and spawn → first diagnostics of a small Deployment (the first
// Kubernetes object loads the schemas). With a second server bundle (e.g. a build of an earlier
// commit), both are measured interleaved in the same run. Figures go to bench/RESULTS.md by hand.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol/node';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          volumeMount:
            - {name: logs, mountPath: /var/log/nginx}
      volumes:
        - name: logs
          emptyDir: {}
`;

async function once(server: string): Promise<{ init: number; firstDiagnostic: number; count: number }> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, workspaceFolders: null });
  const init = performance.now() - t0;
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = 'file:///bench/web.yaml';
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT } });
  const r = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items?: unknown[] };
  const firstDiagnostic = performance.now() - t0;
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  conn.dispose();
  proc.kill();
  return { init, firstDiagnostic, count: r.items?.length ?? 0 };
}

async function main() {
  const servers = [join(__dirname, '..', 'dist', 'server.js'), ...process.argv.slice(2)];
  const runs = Number(process.env.RUNS ?? 15);
  const samples = new Map<string, { init: number[]; first: number[]; count: number }>();
  for (const s of servers) samples.set(s, { init: [], first: [], count: 0 });
  await once(servers[0]!); // warm the file cache
  for (let r = 0; r < runs; r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const x = await once(s);
      const m = samples.get(s)!;
      m.init.push(x.init);
      m.first.push(x.firstDiagnostic);
      m.count = x.count;
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const min = (a: number[]) => Math.min(...a);
  for (const [s, m] of samples) {
    console.log(`${s}\n  initialize answered: median ${med(m.init).toFixed(0)} ms (min ${min(m.init).toFixed(0)})   first diagnostics of a Deployment: median ${med(m.first).toFixed(0)} ms (min ${min(m.first).toFixed(0)}), ${m.count} diagnostics   (${runs} runs)`);
  }
}

void main();
