// Schema error reporting is linear in the number of errors (issue: 20,000 unknown keys in a
// Logtail config took 68 s, because every error re-scanned the map it was in). No timing is
// asserted: the size is one where the old code ran for minutes (8,000 keys: 12 s; 20,000: 68 s),
// so the test runner's timeout fails it if the reporting turns quadratic again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../server/src/engine/index';

const N = 20_000;

test(`${N} unknown keys in a legacy config: one finding each, on its key`, { timeout: 60_000 }, () => {
  const config: Record<string, unknown> = {
    configName: 'many-keys',
    inputType: 'file',
    inputDetail: { logType: 'common_reg_log', logPath: '/var/log', filePattern: '*.log' },
    outputType: 'LogService',
    outputDetail: { logstoreName: 's' },
  };
  for (let i = 0; i < N; i++) config[`unknownKey${i}`] = i;
  const text = JSON.stringify(config, null, 2);
  const { findings } = lint(text, { uri: 'file:///c.json', settings: { rules: { 'logtail/schema': 'warning' } }, maxFindings: Infinity });
  const unknown = findings.filter((f) => f.ruleId === 'logtail/schema');
  assert.equal(unknown.length, N);
  // spot-check placement: the finding covers exactly the quoted key
  for (const i of [0, N / 2, N - 1]) {
    const key = `"unknownKey${i}"`;
    const at = text.indexOf(key + ':');
    const f = unknown.find((x) => x.start === at);
    assert.ok(f, `finding on ${key}`);
    assert.equal(text.slice(f.start, f.end), key);
  }
});

// 5,000 here: the YAML parser's own duplicate-key check is still quadratic in the keys of one map.
const M = 5_000;
test(`${M} unknown keys in one container of a Deployment: one k8s/schema finding each`, { timeout: 60_000 }, () => {
  const keys = Array.from({ length: M }, (_, i) => `          unknownField${i}: ${i}`).join('\n');
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: nginx:1.27
${keys}
`;
  const { findings } = lint(text, { uri: 'file:///d.yaml', maxFindings: Infinity });
  const schema = findings.filter((f) => f.ruleId === 'k8s/schema');
  assert.equal(schema.length, M);
  assert.equal(text.slice(schema[M - 1]!.start, schema[M - 1]!.end), `unknownField${M - 1}`);
});
