// Suppression, severity settings, locale, rule containment, workload recognition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, type Rule } from '../server/src/engine/index';
import { objectsOfDoc, workloadOf } from '../server/src/engine/model/k8s';
import { parseFile } from '../server/src/engine/parse/index';

const shared = (extra = '', annotations = '', templateAnnotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${annotations}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web${templateAnnotations}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
${extra}        - name: logs
          mountPath: /logs
      volumes:
      - name: logs
        hostPath:
          path: /mnt
`;
const RULE = 'k8s/hostpath-shared-by-pods';
// Hints are left out: the manifest also (rightly) gets the k8s/hostpath-log-retention hint.
const ids = (t: string, opts = {}) => lint(t, { uri: 'file:///d.yaml', ...opts }).findings.filter((f) => f.severity !== 'hint').map((f) => f.ruleId);

test('the unsuppressed manifest fires', () => {
  assert.deepEqual(ids(shared()), [RULE]);
});

test('# logtail-lint-disable-next-line <id> suppresses that rule on the next line only', () => {
  assert.deepEqual(ids(shared(`        # logtail-lint-disable-next-line ${RULE}\n`)), []);
  assert.deepEqual(ids(shared(`        # logtail-lint-disable-next-line k8s/other-rule\n`)), [RULE]);
  assert.deepEqual(ids(shared(`        # logtail-lint-disable-next-line\n`)), [], 'no id: every rule');
});

test('# logtail-lint-disable-file <id> suppresses the rule in the whole file', () => {
  assert.deepEqual(ids(`# logtail-lint-disable-file ${RULE}\n` + shared()), []);
});

test('the logtail-lint.io/ignore annotation works on the object and on its pod template', () => {
  assert.deepEqual(ids(shared('', `\n  annotations:\n    logtail-lint.io/ignore: "${RULE}"`)), []);
  assert.deepEqual(ids(shared('', '', `\n      annotations:\n        logtail-lint.io/ignore: "k8s/x, ${RULE}"`)), []);
  assert.deepEqual(ids(shared('', `\n  annotations:\n    logtail-lint.io/ignore: "all"`)), []);
  assert.deepEqual(ids(shared('', `\n  annotations:\n    logtail-lint.io/ignore: "k8s/other"`)), [RULE]);
});

test('severity settings override the default, and off disables the rule', () => {
  const f = lint(shared(), { uri: 'file:///d.yaml', settings: { rules: { [RULE]: 'error' } } }).findings;
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(ids(shared(), { settings: { rules: { [RULE]: 'off' } } }), []);
});

test('messages follow the locale', () => {
  const en = lint(shared(), { uri: 'file:///d.yaml', locale: 'en' }).findings[0]!;
  const zh = lint(shared(), { uri: 'file:///d.yaml', locale: 'zh-CN' }).findings[0]!;
  assert.equal(en.messageId, 'shared');
  assert.equal(zh.messageId, 'shared');
  const { why: _w1, ...enData } = en.data!;
  const { why: _w2, ...zhData } = zh.data!;
  assert.deepEqual(zhData, enData);
  assert.deepEqual(enData, { volume: 'logs', path: '/mnt', container: 'web', kind: 'Deployment', workload: 'web' });
  assert.match(en.message, /\(volume "logs"\) is written by several pods/);
  assert.match(zh.message, /（卷 "logs"）/);
  assert.equal(lint(shared(), { uri: 'file:///d.yaml', locale: 'zh_CN.UTF-8' }).findings[0]!.message, zh.message);
  assert.equal(en.fixes[0]!.title, 'Isolate per pod with subPathExpr');
  assert.equal(zh.fixes[0]!.title, '用 subPathExpr 按 Pod 隔离');
});

test('a rule that throws is contained and reported; the other rules still run', () => {
  const boom: Rule = {
    id: 'test/boom',
    severity: 'error',
    docs: {} as Rule['docs'],
    messages: [],
    check() {
      throw new Error('kaboom');
    },
  };
  const quiet: Rule = { ...boom, id: 'test/quiet', messages: ['m'], check: (ctx) => ctx.report({ node: { start: 0, end: 1 }, messageId: 'm' }) };
  const f = lint('a: 1\n', { uri: 'file:///x.yaml', rules: [boom, quiet] }).findings;
  assert.deepEqual(f.map((x) => x.ruleId).sort(), ['internal/rule-error', 'test/quiet']);
  assert.match(f.find((x) => x.ruleId === 'internal/rule-error')!.message, /test\/boom.*kaboom/);
});

test('every workload kind with a pod spec is recognised, including CronJob and List items', () => {
  const pod = (indent: string) => `${indent}containers:\n${indent}- name: c\n${indent}  image: busybox:1\n`;
  const docs = [
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${pod('  ')}`,
    ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].map(
      (k) => `apiVersion: apps/v1\nkind: ${k}\nmetadata: {name: ${k.toLowerCase()}}\nspec:\n  template:\n    spec:\n${pod('      ')}`,
    ),
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${pod('          ')}`,
    `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: pt}\ntemplate:\n  spec:\n${pod('    ')}`,
    `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: in-list}\n  spec:\n${pod('    ')}`,
  ];
  const f = parseFile(docs.join('---\n'), 'yaml');
  const ws = f.docs.flatMap((d) => objectsOfDoc(d)).map(workloadOf).filter((w) => !!w);
  assert.deepEqual(
    ws.map((w) => `${w!.kind}/${w!.name}/${w!.containers.map((c) => c.name).join(',')}`),
    ['Pod/p/c', 'Deployment/deployment/c', 'ReplicaSet/replicaset/c', 'StatefulSet/statefulset/c', 'DaemonSet/daemonset/c', 'Job/job/c', 'ReplicationController/replicationcontroller/c', 'CronJob/cj/c', 'PodTemplate/pt/c', 'Pod/in-list/c'],
  );
  const multi = Object.fromEntries(ws.map((w) => [w!.kind, w!.multiPod.several]));
  assert.deepEqual(multi, { Pod: false, Deployment: true, ReplicaSet: true, StatefulSet: true, DaemonSet: false, Job: false, ReplicationController: true, CronJob: true, PodTemplate: false });
});
