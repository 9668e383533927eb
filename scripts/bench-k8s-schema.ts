// npm run bench:k8s — the cost of k8s/schema on a 15,000-line manifest (500 Deployments):
// lint time with and without the rule, interleaved in one run (machines are noisy: compare the
// ratios), on an already parsed file (the parse is shared by every rule). Figures go to
// bench/RESULTS.md by hand.
import { performance } from 'node:perf_hooks';
import { lint, ruleById } from '../server/src/engine/index';
import { parseFile } from '../server/src/engine/parse/index';

function deployment(i: number, typo: boolean): string {
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
        resources:
          limits:
            memory: ${typo ? '512MI' : '512Mi'}
            cpu: 500m
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        ${typo ? 'volumeMount' : 'volumeMounts'}:
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

const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const runs = Number(process.env.RUNS ?? 9);
const schemaRule = ruleById('k8s/schema')!;
for (const typo of [false, true]) {
  const text = Array.from({ length: 500 }, (_, i) => deployment(i, typo)).join('---\n');
  const uri = 'file:///big.yaml';
  let t0 = performance.now();
  const parsed = parseFile(text, 'yaml');
  const parse = performance.now() - t0;
  lint(text, { uri, parsed }); // warm: schemas loaded, code compiled
  const withRule: number[] = [];
  const without: number[] = [];
  const alone: number[] = [];
  const none: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? ['without', 'with', 'none', 'alone'] : ['with', 'without', 'alone', 'none'];
    for (const o of order) {
      t0 = performance.now();
      if (o === 'with') findings = lint(text, { uri, parsed }).findings.filter((f) => f.ruleId === 'k8s/schema').length;
      else if (o === 'without') lint(text, { uri, parsed, settings: { rules: { 'k8s/schema': 'off' } } });
      else if (o === 'alone') lint(text, { uri, parsed, rules: [schemaRule] });
      else lint(text, { uri, parsed, rules: [] });
      (o === 'with' ? withRule : o === 'without' ? without : o === 'alone' ? alone : none).push(performance.now() - t0);
    }
  }
  console.log(`500 Deployments, ${text.split('\n').length} lines${typo ? ', two k8s/schema errors in each' : ', valid'} (${findings} k8s/schema findings); parse ${parse.toFixed(0)} ms`);
  console.log(`  all rules:                median ${med(withRule).toFixed(1)} ms (min ${Math.min(...withRule).toFixed(1)})`);
  console.log(`  all rules but k8s/schema: median ${med(without).toFixed(1)} ms (min ${Math.min(...without).toFixed(1)})`);
  console.log(`  no rule (the file's model): median ${med(none).toFixed(1)} ms (min ${Math.min(...none).toFixed(1)})`);
  console.log(`  k8s/schema alone:         median ${med(alone).toFixed(1)} ms (min ${Math.min(...alone).toFixed(1)})   ratio with/without ${(med(withRule) / med(without)).toFixed(2)}   (${runs} runs each, interleaved)`);
}
