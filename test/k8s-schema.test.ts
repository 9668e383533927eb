// k8s/schema: the bundled Kubernetes schemas, their lazy loading, the validator (checked against
// ajv as an oracle), quantities, IntOrString, enums, required fields, unknown kinds, the setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, applyEdits, term } from '../server/src/engine/index';
import { objectsOfDoc } from '../server/src/engine/model/k8s';
import { parseFile } from '../server/src/engine/parse/index';
import { K8S_SCHEMAS, k8sAjvValidatorFor, k8sDefinitionLoads, k8sValidatorFor } from '../server/src/engine/schemas/kubernetes';
import { valueOf } from '../server/src/engine/schemas/instance';
import { ROOT, RULE_FIXTURES, listFiles } from './helpers/fixtures';
import { assertSaid } from './helpers/said';

const RULE = 'k8s/schema';
const schemaFindings = (text: string, settings = {}) => lint(text, { uri: 'file:///m.yaml', settings }).findings.filter((f) => f.ruleId === RULE);

const pod = (container: string, volumes = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
${container}${volumes}`;

test('the schemas are loaded lazily: not for a Logtail config, once for the first Kubernetes object', () => {
  lint('{"configName": "abc", "inputType": "file", "inputDetail": {"logType": "common_reg_log", "logPath": "/var/log", "filePattern": "*.log"}}', { uri: 'file:///c.json' });
  lint('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', { uri: 'file:///w.yaml' });
  assert.equal(k8sDefinitionLoads(), 0, 'no Kubernetes schema loaded for a config or an unknown kind');
  schemaFindings(pod(''));
  schemaFindings(pod('      ports: [{containerPort: 80}]\n'));
  assert.equal(k8sDefinitionLoads(), 1);
});

test('the index names every kind of the catalog plus ConfigMap and Service, with versions', () => {
  const kinds = Object.keys(K8S_SCHEMAS.kinds).map((k) => k.slice(k.lastIndexOf('/') + 1)).sort();
  assert.deepEqual(kinds, ['ConfigMap', 'CronJob', 'DaemonSet', 'Deployment', 'Job', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicaSet', 'ReplicationController', 'Service', 'StatefulSet', 'StorageClass']);
  assert.match(K8S_SCHEMAS.kubernetes, /^1\.\d+\.\d+$/);
  assert.match(K8S_SCHEMAS.generator, /^ts-json-schema-generator@\d/);
  assert.match(K8S_SCHEMAS.source, /^kubernetes-models@\d/);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  assert.equal(`kubernetes-models@${lock.packages['node_modules/kubernetes-models'].version}`, K8S_SCHEMAS.source, 'generated from the locked version');
  assert.equal(`ts-json-schema-generator@${lock.packages['node_modules/ts-json-schema-generator'].version}`, K8S_SCHEMAS.generator);
});

test('quantities: 512Mi, 1e9, 0.5, 100m, 1 valid; 512MI invalid with a reason and a "Change to 512Mi" fix', () => {
  for (const q of ['512Mi', '1e9', '0.5', '100m', '1', '"2"', '1.5Gi', '+1k', '2E3']) {
    assert.deepEqual(schemaFindings(pod(`      resources:\n        limits:\n          memory: ${q}\n`)).map((f) => f.message), [], q);
  }
  const text = pod(`      resources:\n        limits:\n          memory: 512MI\n`);
  const [f, ...rest] = schemaFindings(text);
  assert.equal(rest.length, 0);
  assert.equal(text.slice(f!.start, f!.end), '512MI');
  assert.equal(f!.messageId, 'quantity');
  assert.equal(f!.data?.reason, term('en', 'schema.quantity.case', { corrected: '512Mi' }));
  assert.deepEqual(f!.fixes.map((x) => x.title), ['Change to "512Mi"']);
  assert.deepEqual(schemaFindings(applyEdits(text, f!.fixes[0]!.edits)), []);
  const zh = lint(text, { uri: 'file:///m.yaml', locale: 'zh-CN' }).findings.find((x) => x.ruleId === RULE)!;
  assert.equal(zh.data?.reason, term('zh-CN', 'schema.quantity.case', { corrected: '512Mi' }));
  for (const [q, why] of [['1gb', 'suffix'], ['"512 Mi"', 'space'], ['-1Gi', 'negative'], ['lots', 'shape']] as const) {
    const [g] = schemaFindings(pod(`      resources:\n        requests:\n          memory: ${q}\n`));
    assert.ok(g, q);
    assert.equal(g.messageId, 'quantity', q);
    assert.equal(g.data?.reason, term('en', `schema.quantity.${why}`), q);
    // the full list of suffixes is in the explanation (hover), not in the short message
    assert.match(g.details ?? '', /Ki, Mi, Gi, Ti, Pi, Ei/, q);
  }
});

test('quantity errors are found in every container section and in emptyDir sizeLimit', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: i, image: busybox, resources: {limits: {cpu: 1C}}}
  containers:
    - {name: a, image: nginx, resources: {requests: {memory: 64mi}}}
  ephemeralContainers:
    - {name: e, image: busybox, resources: {limits: {memory: 1Gb}}}
  volumes:
    - name: v
      emptyDir: {sizeLimit: 1gi}
`;
  assert.deepEqual(schemaFindings(text).map((f) => text.slice(f.start, f.end)), ['1C', '64mi', '1Gb', '1gi']);
});

test('IntOrString: integers and strings valid, a fraction or a boolean not', () => {
  const svc = (v: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - port: 80\n      targetPort: ${v}\n`;
  for (const v of ['8080', 'http', '"8080"']) assert.deepEqual(schemaFindings(svc(v)).map((f) => f.message), [], v);
  for (const v of ['1.5', 'true']) assert.equal(schemaFindings(svc(v)).length, 1, v);
});

test('hostPath.type enum, with a close-value fix; required fields; unknown fields with rename fixes', () => {
  const text = pod(
    '      volumeMount:\n        - {name: logs, mountPath: /logs}\n',
    '  volumes:\n    - name: logs\n      hostPath:\n        type: Directroy\n',
  );
  const f = schemaFindings(text);
  const at = (s: string) => f.find((x) => text.slice(x.start, x.end) === s);
  assert.deepEqual(at('volumeMount')!.fixes.map((x) => x.title), ['Rename to "volumeMounts"']);
  assert.deepEqual(at('Directroy')!.fixes.map((x) => x.title), ['Change to "Directory"']);
  assertSaid(at('hostPath'), 'required', { key: 'path' });
  assert.equal(f.length, 3);
  for (const x of f) for (const fix of x.fixes) assert.ok(schemaFindings(applyEdits(text, fix.edits)).length < f.length, fix.title);
});

test('kinds without a schema (CRDs, other kinds, removed API versions) give no finding', () => {
  for (const t of [
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: 1}\n',
    'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {unknown: 1}\n',
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: s}\nspec: {template: {spec: {containers: [{image: x}]}}}\n',
    'apiVersion: log.alibabacloud.com/v1alpha1\nkind: AliyunLogConfig\nmetadata: {name: a}\nspec: {logstore: s, logtailConfig: {inputType: file, configName: a, inputDetail: {logType: common_reg_log, logPath: /var/log, filePattern: "*.log"}}}\n',
  ]) {
    assert.deepEqual(schemaFindings(t), [], t);
  }
});

test('logtailLint.kubernetesSchema: off turns the check off; rules settings and suppression comments work', () => {
  const text = pod('      volumeMount: []\n');
  assert.equal(schemaFindings(text).length, 1);
  assert.deepEqual(schemaFindings(text, { kubernetesSchema: 'off' }), []);
  assert.deepEqual(schemaFindings(text, { rules: { [RULE]: 'off' } }), []);
  assert.equal(lint(text, { uri: 'file:///m.yaml', settings: { rules: { [RULE]: 'warning' } } }).findings.find((f) => f.ruleId === RULE)!.severity, 'warning');
  assert.deepEqual(schemaFindings(text.replace('      volumeMount', `      # logtail-lint-disable-next-line ${RULE}\n      volumeMount`)), []);
});

test('a document with a syntax error gives no schema finding', () => {
  const text = pod('      volumeMount: []\n      ports: [\n');
  const all = lint(text, { uri: 'file:///m.yaml' }).findings;
  assert.ok(all.some((f) => f.ruleId === 'syntax/yaml'));
  assert.deepEqual(all.filter((f) => f.ruleId === RULE), []);
});

test('the validator reports what ajv reports, on every fixture, clean file and example', () => {
  const files = [...listFiles(join(RULE_FIXTURES, 'k8s')), ...listFiles(join(RULE_FIXTURES, 'collector')), ...listFiles(join(ROOT, 'test', 'fixtures', 'clean')), ...listFiles(join(ROOT, 'examples'))].filter((f) => /\.ya?ml$/.test(f));
  let objects = 0;
  let errors = 0;
  for (const file of files) {
    const parsed = parseFile(readFileSync(file, 'utf8'), 'yaml');
    for (const d of parsed.docs) {
      if (d.errors.length) continue;
      for (const o of objectsOfDoc(d)) {
        const mine = k8sValidatorFor(o.apiVersion, o.kind);
        const oracle = k8sAjvValidatorFor(o.apiVersion, o.kind);
        assert.equal(!!mine, !!oracle);
        if (!mine || !oracle) continue;
        objects++;
        const data = valueOf(o.node, 0, true);
        const key = (e: { keyword: string; instancePath: string; params: unknown }) => `${e.keyword} ${e.instancePath} ${JSON.stringify(e.params)}`;
        const got = mine(o.node).map(key).sort();
        oracle(data);
        const want = (oracle.errors ?? []).map(key).sort();
        assert.deepEqual(got, want, `${file}: ${o.kind} ${o.name}`);
        errors += got.length;
      }
    }
  }
  assert.ok(objects > 30, `${objects} objects compared`);
  assert.ok(errors > 10, `${errors} errors compared`);
});
