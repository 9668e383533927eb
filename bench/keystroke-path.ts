// The language server's keystroke path in one process, step by step (issue 9, third pass): the
// worker's document store, lint(), the conversion to LSP diagnostics, the worker → main thread
// message (v8 serialize/deserialize as postMessage does) and the JSON of the pull response.
// Not a test and not the benchmark of record (bench/server.bench.ts is): a tool to profile with
//   node --cpu-prof --import tsx bench/keystroke-path.ts [documents=8000] [edits=40]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { serialize, deserialize } from 'node:v8';
import { DocumentStore, WorkspaceIndex } from '../server/src/engine/index';
import { PiecedText } from '../server/src/engine/parse/text';
import { diagnose, unpack, type PackState, type UnpackState } from '../server/src/lsp/diagnose';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { manifest } from './gen';

async function main() {
const n = Number(process.argv[2] ?? 8000);
const edits = Number(process.argv[3] ?? 40);
// the worker's copy of the text: in pieces, edited by offsets (lsp/worker.ts)
let text = PiecedText.of(manifest(n));
const uri = 'file:///bench/keystroke.yaml';
const ws = new WorkspaceIndex();
const store = new DocumentStore();
// as the worker sends them: packed against the last list the main thread received (lsp/worker.ts)
const pack: PackState = { id: 0, sent: new Map() };
let received: UnpackState | undefined;
const session = { diagnose: (i: ReturnType<typeof input>) => diagnose({ ...i, model: store.update(i.text, 'yaml', uri, { maxChars: 8 << 20 }) }, ws, undefined, pack) };
const input = (version: number) => ({ uri, text, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version, rev: `r${version}`, docsBase: 'file:///docs/rules/' });
let t = performance.now();
received = unpack(session.diagnose(input(1)).packed!, received)!.state;
console.log(`cold: ${(performance.now() - t).toFixed(0)} ms`);
// KEYSTROKE_PROFILE=file.cpuprofile: a CPU profile of the edits only (not the cold lint)
const profile = process.env.KEYSTROKE_PROFILE;
const inspector = profile ? new Session() : undefined;
const post = (method: string, params?: object) => new Promise<unknown>((res, rej) => inspector!.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
if (inspector) {
  inspector.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const lines = text.toString().split('\n');
const nameLines: number[] = [];
lines.forEach((l, i) => /^ {2}name: app-\d+$/.test(l) && nameLines.push(i));
const steps: Record<string, number[]> = { diagnose: [], clone: [], json: [], total: [] };
for (let k = 0; k < edits; k++) {
  const line = nameLines[Math.floor((k * nameLines.length) / edits)]!;
  let off = 0;
  for (let i = 0; i < line; i++) off += lines[i]!.length + 1;
  off += lines[line]!.length;
  lines[line] += 'x';
  const t0 = performance.now();
  text = text.edit([{ start: off, end: off, text: 'x' }]);
  const r = session.diagnose(input(k + 2));
  const t1 = performance.now();
  const msg = deserialize(serialize(r)) as typeof r;
  const u = unpack(msg.packed!, received)!;
  received = u.state;
  const t2 = performance.now();
  const json = JSON.stringify({ jsonrpc: '2.0', id: k, result: { kind: 'full', resultId: String(k), items: u.diagnostics } });
  const t3 = performance.now();
  steps.diagnose!.push(t1 - t0);
  steps.clone!.push(t2 - t1);
  steps.json!.push(t3 - t2);
  steps.total!.push(t3 - t0);
  if (process.env.KEYSTROKE_EACH) console.log(`edit ${k} line ${line}: ${(t1 - t0).toFixed(1)} + ${(t2 - t1).toFixed(1)} + ${(t3 - t2).toFixed(1)} ms`);
  if (k === 0) console.log(`diagnostics: ${u.diagnostics.length} (${msg.packed!.fresh.length} sent whole), JSON ${(json.length / 1048576).toFixed(2)} MiB, text joined: ${text.joined}`);
}
if (inspector) writeFileSync(profile!, JSON.stringify(((await post('Profiler.stop')) as { profile: object }).profile));
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
for (const [k, xs] of Object.entries(steps)) console.log(`${k.padEnd(9)} median ${med(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`);
}
void main();
