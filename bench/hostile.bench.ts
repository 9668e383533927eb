// npm run bench:hostile (issue 15): each hostile input is linted next to an ordinary file of the
// same size (distinct ConfigMaps, so no cache helps either side) in the same run, interleaved,
// 3 runs each; the ratio of the medians is what to compare across machines. Nothing is asserted:
// figures go to bench/RESULTS.md ("Hostile input") by hand. Each line also shows what the engine
// made of the input (findings reported), so a run shows the limits at work.
//
//   tsx bench/hostile.bench.ts [--quick]
import { performance } from 'node:perf_hooks';
import { lint } from '../server/src/engine/index';

const RUNS = process.argv.includes('--quick') ? 1 : 3;
const MAX = 64 * 1024 * 1024;

let run = 0;
/** Distinct ConfigMaps of about `chars` characters. */
function ordinary(chars: number): string {
  run++;
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const d = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${run}-${i}\ndata:\n  key: value-${i}\n---\n`;
    parts.push(d);
    n += d.length;
  }
  return parts.join('');
}

const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`))
  .join('\n');
const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n';

const cases: { name: string; text: string; uri: string }[] = [
  { name: '1,000 billion-laughs documents (412 B each)', text: Array(1000).fill(LAUGHS).join('\n---\n'), uri: 'file:///b/laughs.yaml' },
  { name: 'unterminated JSON string, 2.3 M lines (7 MB)', text: '{"configName": "' + 'xy\n'.repeat(2_300_000), uri: 'file:///b/c.json' },
  { name: 'YAML error on each of 300,000 lines (tabs)', text: 'a:\n' + '\tb: 1\n'.repeat(300_000), uri: 'file:///b/tabs.yaml' },
  { name: '60 blank lines, a near miss, then ---', text: '\n'.repeat(60) + 'x\n---\na: 1\n', uri: 'file:///b/blank.yaml' },
  { name: '5,000 blank lines before ---', text: '\n'.repeat(5000) + '---\na: 1\n', uri: 'file:///b/blank2.yaml' },
  { name: 'mapping with 40,000 keys', text: Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\n', uri: 'file:///b/keys.yaml' },
  { name: 'chart with 40,000 unclosed {{', text: 'a: ' + '{{'.repeat(40_000) + '\nb: 1\n', uri: 'file:///b/chart.yaml' },
  { name: 'CR-only line endings, 2,000 Pods', text: Array.from({ length: 2000 }, (_, i) => POD_HEAD.replace('name: p', `name: p${i}`)).join('---\n').replace(/\n/g, '\r'), uri: 'file:///b/cr.yaml' },
  { name: 'YAML nested 1,000 levels', text: Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', uri: 'file:///b/deep.yaml' },
  { name: 'Pod with 1,200 unmounted emptyDirs (findings cap)', text: POD_HEAD + '  volumes:\n' + Array.from({ length: 1200 }, (_, i) => `  - name: v${i}\n    emptyDir: {}\n`).join(''), uri: 'file:///b/vols.yaml' },
  { name: 'hostPath of 200,000 slashes', text: POD_HEAD + `    volumeMounts: [{name: l, mountPath: /l}]\n  volumes:\n  - name: l\n    hostPath: {path: "${'/'.repeat(200_000)}a"}\n`, uri: 'file:///b/slashes.yaml' },
  { name: 'regex of 100,000 characters', text: `{"configName": "c", "inputType": "file", "inputDetail": {"logType": "common_reg_log", "logPath": "/var/log", "filePattern": "*.log", "regex": "${'a'.repeat(100_000)}(a+)+", "key": ["k"]}, "outputType": "LogService", "outputDetail": {"logstoreName": "s"}}`, uri: 'file:///b/regex.json' },
  { name: '20,000 unknown keys in a Logtail config', text: `{"configName": "c", "inputType": "file", "inputDetail": {"logType": "common_reg_log", "logPath": "/var/log", "filePattern": "*.log", ${Array.from({ length: 20_000 }, (_, i) => `"unknownKey${i}": 1`).join(', ')}}, "outputType": "LogService", "outputDetail": {"logstoreName": "s"}}`, uri: 'file:///b/unknown.json' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(text: string, uri: string): { ms: number; findings: number } {
  const t = performance.now();
  const { findings } = lint(text, { uri, settings: { maxFileSize: MAX } });
  return { ms: performance.now() - t, findings: findings.length };
}

console.log(`${'input'.padEnd(50)} ${'chars'.padStart(10)} ${'hostile ms'.padStart(11)} ${'ordinary ms'.padStart(12)} ${'ratio'.padStart(7)} ${'findings'.padStart(9)}`);
for (const c of cases) {
  const h: number[] = [];
  const o: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = time(c.text, c.uri);
    h.push(r.ms);
    findings = r.findings;
    o.push(time(ordinary(c.text.length), 'file:///b/ordinary.yaml').ms);
  }
  const hm = median(h);
  const om = median(o);
  console.log(`${c.name.padEnd(50)} ${String(c.text.length).padStart(10)} ${hm.toFixed(0).padStart(11)} ${om.toFixed(0).padStart(12)} ${(hm / om).toFixed(2).padStart(7)} ${String(findings).padStart(9)}`);
}
console.log(`heap used at the end: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB; rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
