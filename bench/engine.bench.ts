// npm run bench (engine part, issue 9): the CLI and the engine against the parse floor measured in
// the same run. Inputs are generated (bench/gen.ts) under bench/out/ (git-ignored). Runs are
// interleaved (floor, subject, floor, subject, …); we report min and median and the ratio of the
// medians. Nothing here is asserted: figures go to bench/RESULTS.md by hand.
//
//   tsx bench/engine.bench.ts [--quick]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { DocumentStore, engineCaches, lint, WorkspaceIndex, languageOf, parseFile } from '../server/src/engine/index';
import { walkFiles } from '../server/src/host/walk';
import { deployment, floorProgram, manifest, workspaceDir } from './gen';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const CLI = join(ROOT, 'dist', 'cli.js');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;
mkdirSync(OUT, { recursive: true });

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Interleaved runs of a floor and a subject; returns both stats and the ratio of medians. */
function versus(label: string, floor: () => void, subject: () => void, runs = RUNS) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    floor();
    a.push(performance.now() - t);
    t = performance.now();
    subject();
    b.push(performance.now() - t);
  }
  const f = stats(a);
  const s = stats(b);
  console.log(`${label.padEnd(52)} floor min ${ms(f.min).padStart(9)} med ${ms(f.median).padStart(9)} | subject min ${ms(s.min).padStart(9)} med ${ms(s.median).padStart(9)} | ratio ${(s.median / f.median).toFixed(2)}×`);
  return { floor: f, subject: s, ratio: s.median / f.median };
}

function proc(args: string[]): void {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
}

// The floor program: the same node start-up, read the files, yaml's parseAllDocuments on each.
const FLOOR = join(OUT, 'parse-floor.cjs');
writeFileSync(FLOOR, floorProgram(require.resolve('yaml')));

console.log(`# engine benchmarks (${new Date().toISOString()}, node ${process.version}, ${RUNS} interleaved runs)\n`);

// 1. Cold lint of one multi-document file through the CLI, against parseAllDocuments (both as a process).
console.log('## cold lint of one file: CLI process vs parseAllDocuments process (same start-up)');
const sizes = [100, 500, 2000, 8000];
const perDoc: string[] = [];
for (const n of sizes) {
  const file = join(OUT, `manifest-${n}.yaml`);
  writeFileSync(file, manifest(n));
  const r = versus(`${n} documents (${readFileSync(file, 'utf8').split('\n').length} lines)`, () => proc([FLOOR, file]), () => proc([CLI, file]));
  perDoc.push(`${n}: ${(r.subject.median / n).toFixed(3)} ms/doc`);
}
console.log(`growth (CLI median per document): ${perDoc.join(', ')}\n`);

// 1b. The same in process (no start-up): lint() with a fresh store vs parseAllDocuments.
console.log('## cold lint in process: lint() vs parseAllDocuments');
for (const n of quick ? [100, 500, 2000] : sizes) {
  const text = manifest(n);
  versus(`${n} documents`, () => parseAllDocuments(text), () => lint(text, { uri: `file:///m${n}.yaml` }), quick ? 3 : 5);
}
console.log('');

// 2. The CLI over a folder of small files vs the parse floor over the same files.
console.log('## workspace: CLI over a folder of small files vs the parse floor');
for (const n of quick ? [500, 2000] : [500, 1000, 2000]) {
  const dir = workspaceDir(join(OUT, `ws-${n}`), n);
  versus(`${n} files`, () => proc([FLOOR, dir]), () => proc([CLI, dir]), quick ? 3 : 5);
}
console.log('');

// 3. The server's index: walk + model + index 2,000 files (the code the server runs on start-up), RSS, one edit.
console.log('## workspace index (in process, the server\'s code path: walker, document store, index)');
{
  const dir = join(OUT, 'ws-2000');
  const times: number[] = [];
  let index!: WorkspaceIndex;
  let stores!: Map<string, DocumentStore>;
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    global.gc?.();
    const t = performance.now();
    index = new WorkspaceIndex();
    stores = new Map();
    for (const e of walkFiles([dir], { maxFiles: 2000 })) {
      if (e.kind !== 'file') continue;
      const uri = pathToFileURL(e.path).toString();
      const store = new DocumentStore();
      stores.set(uri, store);
      index.updateModel(store.update(e.text, languageOf(e.path) ?? 'yaml', uri));
    }
    times.push(performance.now() - t);
  }
  global.gc?.();
  const rss = process.memoryUsage().rss / 1048576;
  const s = stats(times);
  console.log(`initial index of ${index.size} files: min ${ms(s.min)}, median ${ms(s.median)}; RSS with it indexed ${rss.toFixed(0)} MB`);
  // edit one file: re-model it and update its facts (what didChange does before the diagnostics)
  const [uri] = [...stores.keys()].filter((u) => /app-\d+\.yaml$/.test(u));
  const edits: number[] = [];
  const original = readFileSync(new URL(uri!), 'utf8');
  for (let i = 0; i < 200; i++) {
    const text = original.replace('replicas: 3', `replicas: ${4 + (i % 5)}`);
    const t = performance.now();
    index.updateModel(stores.get(uri!)!.update(text, 'yaml', uri!));
    edits.push(performance.now() - t);
  }
  const e = stats(edits);
  console.log(`edit one file → index updated: min ${ms(e.min)}, median ${ms(e.median)}, p95 ${ms(e.p95)} (200 edits)\n`);
}

// 4. A keystroke through the engine (document store + per-document findings), 200 edits spread over the file.
console.log('## keystroke through the engine: lint() with the file\'s store and an index, one document edited (200 edits spread over the file)');
const keystrokeSizes = [100, 500, 2000, 8000];
for (const n of keystrokeSizes) {
  const docs = Array.from({ length: n }, (_, i) => deployment(i));
  const store = new DocumentStore();
  const uri = `file:///k${n}.yaml`;
  const workspace = new WorkspaceIndex();
  const whole = docs.join('---\n');
  let t = performance.now();
  const first = lint(whole, { uri, store, workspace });
  workspace.updateModel(first.model);
  const cold = performance.now() - t;
  t = performance.now();
  parseAllDocuments(whole);
  const coldFloor = performance.now() - t;
  const floor: number[] = [];
  const times: number[] = [];
  const builds = store.builds;
  const edits = 200;
  for (let i = 0; i < edits; i++) {
    const k = Math.floor((i * n) / edits);
    // typing: one more character at the end of the document's name (the length changes: the
    // documents after it move), as the server benchmark edits
    docs[k] = docs[k]!.replace(/name: app-(\d+)(x*)\n/, (_m, a: string, b: string) => `name: app-${a}${b}x\n`);
    const text = docs.join('---\n');
    t = performance.now();
    parseAllDocuments(docs[k]!); // floor: parsing the one edited document
    floor.push(performance.now() - t);
    t = performance.now();
    const r = lint(text, { uri, store, workspace });
    workspace.updateModel(r.model);
    times.push(performance.now() - t);
  }
  const s = stats(times);
  const f = stats(floor);
  console.log(
    `${String(n).padStart(5)} documents (${(whole.length / 1048576).toFixed(2)} MiB): cold ${ms(cold)} (parseAllDocuments ${ms(coldFloor)}); keystroke min ${ms(s.min)}, median ${ms(s.median)}, p95 ${ms(s.p95)}; parse of the edited document alone: median ${ms(f.median)} → ratio ${(s.median / f.median).toFixed(1)}×; models built per edit ${((store.builds - builds) / edits).toFixed(2)}`,
  );
}
console.log('');

// 5. Memory over edits (in process): heap after GC and what the caches hold, before and after many edits.
console.log('## memory over edits (in process; run with --expose-gc for heap figures)');
{
  const n = 500;
  const docs = Array.from({ length: n }, (_, i) => deployment(i));
  const store = new DocumentStore();
  const uri = 'file:///soak.yaml';
  const workspace = new WorkspaceIndex();
  const heap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed / 1048576;
  };
  workspace.updateModel(lint(docs.join('---\n'), { uri, store, workspace }).model);
  const h0 = heap();
  const edits = quick ? 1000 : 10000;
  const marks: string[] = [];
  for (let i = 0; i < edits; i++) {
    const k = (i * 7919) % n;
    docs[k] = docs[k]!.replace(/image: nginx:1\.\d+/, `image: nginx:1.${i}`);
    workspace.updateModel(lint(docs.join('---\n'), { uri, store, workspace }).model);
    if ((i + 1) % (edits / 5) === 0) marks.push(`${i + 1}: ${heap().toFixed(0)} MB`);
  }
  const kept = store.retained();
  console.log(`${edits} edits of a ${n}-document file (each in another document): heap after GC ${h0.toFixed(0)} MB at start, then ${marks.join(', ')}${global.gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`);
  console.log(`store keeps ${kept.models} models, ~${(kept.bytes / 1048576).toFixed(1)} MiB estimated (budget ${(kept.budget / 1048576).toFixed(0)} MiB)`);
  for (const c of engineCaches()) console.log(`cache ${c.name}: ${c.entries} entries, ~${(c.cost / 1024).toFixed(0)} KiB of ${(c.budget / 1048576).toFixed(0)} MiB`);
}

// keep parseFile referenced for readers comparing with the previous benchmark
void parseFile;
