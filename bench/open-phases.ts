// The phases of a first (cold) lint in a fresh process, as the lint worker runs it: the document
// store's parse and models, lint(), and the conversion to LSP diagnostics. Not a timed test.
//   tsx bench/open-phases.ts [documents=2000] [--prof]   (with --prof: run under node --cpu-prof yourself)
import { performance } from 'node:perf_hooks';
import { DocumentStore, WorkspaceIndex, lint } from '../server/src/engine/index';
import { diagnose } from '../server/src/lsp/diagnose';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { manifest } from './gen';

const n = Number(process.argv[2] ?? 2000);
const text = manifest(n);
const uri = 'file:///bench/open.yaml';
const c0 = process.cpuUsage();
const t0 = performance.now();
const store = new DocumentStore();
const model = store.update(text, 'yaml', uri, {});
const t1 = performance.now();
const ws = new WorkspaceIndex();
const mode = process.argv[3] ?? 'diagnose';
let count = 0;
if (mode === 'lint') count = lint(text, { uri, language: 'yaml', settings: {}, locale: 'en', workspace: ws, model }).findings.length;
else count = diagnose({ uri, text, language: 'yaml', settings: DEFAULT_SETTINGS, locale: 'en', reportSyntax: true, version: 1, rev: 'r1', model }, ws).diagnostics.length;
const t2 = performance.now();
const cpu = process.cpuUsage(c0);
console.log(`${n} documents: store ${(t1 - t0).toFixed(0)} ms, ${mode} ${(t2 - t1).toFixed(0)} ms (${count} findings), total ${(t2 - t0).toFixed(0)} ms; CPU (all threads) ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
