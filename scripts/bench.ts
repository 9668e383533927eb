// npm run bench: engine timings on generated manifests. Figures go to bench/RESULTS.md by hand
// (machines are noisy: nothing here is asserted).
import { performance } from 'node:perf_hooks';
import { lint } from '../server/src/engine/index';

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 3
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
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
          subPathExpr: $(POD_NAME)
      volumes:
      - name: logs
        hostPath:
          path: /var/log/app-${i}
          type: DirectoryOrCreate
`;
}

function time<T>(label: string, runs: number, fn: () => T): T {
  let result!: T;
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  (min ${samples[0]!.toFixed(1)}, max ${samples[samples.length - 1]!.toFixed(1)}, ${runs} runs)`);
  return result;
}

const docs = Array.from({ length: 500 }, (_, i) => deployment(i));
const big = docs.join('---\n');
console.log(`manifest: ${docs.length} Deployments, ${big.split('\n').length} lines, ${(big.length / 1024).toFixed(0)} KiB`);
time('cold lint (first parse of every document)', 1, () => lint(big, { uri: 'file:///big.yaml' }));
time('re-lint unchanged text (documents cached)', 5, () => lint(big, { uri: 'file:///big.yaml' }));
let n = 0;
time('keystroke: one document edited, re-lint the file', 10, () => {
  n++;
  const edited = big.replace('name: app-250\n', `name: app-250-${n}\n`);
  return lint(edited, { uri: 'file:///big.yaml' });
});
const single = deployment(1);
time('small file (one Deployment), warm', 50, () => lint(single.replace('app-1', `app-${Math.random()}`), { uri: 'file:///one.yaml' }));
const five = Array.from({ length: Math.ceil((5 * 1024 * 1024) / single.length) }, (_, i) => deployment(100000 + i)).join('---\n');
time(`5 MB file (${(five.length / 1048576).toFixed(1)} MiB), cold`, 1, () => lint(five, { uri: 'file:///five.yaml' }));
let k = 0;
time('5 MB file: one document edited, re-lint the file', 5, () => {
  k++;
  return lint(five.replace('name: app-100010\n', `name: app-100010-${k}\n`), { uri: 'file:///five.yaml' });
});
const json = JSON.stringify({ configName: 'c', inputType: 'file', inputDetail: { logType: 'common_reg_log', logPath: '/var/log', filePattern: '*.log', key: ['content'], regex: '(.*)' }, outputDetail: { logstoreName: 's' } }, null, 2);
time('legacy JSON config, warm', 50, () => lint(json.replace('"c"', `"c${Math.random()}"`.replace('.', '')), { uri: 'file:///c.json' }));
