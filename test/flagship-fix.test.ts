// "Isolate per pod with subPathExpr" must turn the shared hostPath into the seed's pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { lint, applyEdits } from '../server/src/engine/index';

const RULE = 'k8s/hostpath-shared-by-pods';
const TITLE = 'Isolate per pod with subPathExpr';
/** After the fix nothing is left above a hint (k8s/hostpath-log-retention rightly stays as a hint). */
const remaining = (t: string) => lint(t, { uri: 'file:///d.yaml' }).findings.filter((f) => f.severity !== 'hint').map((f) => f.ruleId);

function isolate(text: string): string {
  const f = lint(text, { uri: 'file:///d.yaml' }).findings.filter((x) => x.ruleId === RULE);
  assert.equal(f.length, 1, 'one finding');
  const fix = f[0]!.fixes.find((x) => x.title === TITLE)!;
  assert.equal(fix.kind, 'suggestion', 'it changes where logs land, so it is a suggestion');
  return applyEdits(text, fix.edits);
}

test('kubectl style (indentless sequences, 2 spaces, comments): exactly the seed pattern', () => {
  const before = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3 # three pods, maybe on one node
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - name: workdir1
          mountPath: /logs   # 容器内目录
      # the node directory
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt          # 宿主机目录
`;
  const expected = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3 # three pods, maybe on one node
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - name: workdir1
          mountPath: /logs   # 容器内目录
          subPathExpr: $(POD_NAME)
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
      # the node directory
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt          # 宿主机目录
          type: DirectoryOrCreate
`;
  const after = isolate(before);
  assert.equal(after, expected);
  assert.deepEqual(remaining(after), [], 're-linting the result gives no finding');
});

test('4-space indentation with indented sequences and an existing env list keep their style', () => {
  const before = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '    name: api',
    'spec:',
    '    replicas: 3',
    '    selector:',
    '        matchLabels:',
    '            app: api',
    '    template:',
    '        spec:',
    '            containers:',
    '                - name: api',
    '                  image: nginx:1.27',
    '                  env:',
    '                      - name: TZ',
    '                        value: UTC',
    '                  volumeMounts:',
    '                      - name: logs',
    '                        mountPath: /logs',
    '            volumes:',
    '                - name: logs',
    '                  hostPath:',
    '                      path: /mnt',
    '                      type: Directory',
    '',
  ].join('\r\n');
  const after = isolate(before);
  assert.ok(after.includes('\r\n                        subPathExpr: $(POD_NAME)\r\n'), after);
  assert.ok(after.includes('                      - name: TZ\r\n                        value: UTC\r\n                      - name: POD_NAME\r\n                        valueFrom:\r\n                            fieldRef:\r\n                                fieldPath: metadata.name\r\n'), after);
  assert.ok(after.includes('                      type: DirectoryOrCreate'), after);
  assert.ok(!/[^\r]\n/.test(after), 'CRLF kept everywhere');
  const doc = parse(after);
  const c = doc.spec.template.spec.containers[0];
  assert.deepEqual(c.env[1], { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  assert.equal(c.volumeMounts[0].subPathExpr, '$(POD_NAME)');
  assert.deepEqual(remaining(after), []);
});

test('a static subPath becomes a per-pod subPathExpr below it', () => {
  const before = `apiVersion: apps/v1
kind: Deployment
metadata: {name: w}
spec:
  selector: {matchLabels: {app: w}}
  template:
    spec:
      containers:
      - name: w
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /logs
          subPath: web
      volumes:
      - name: logs
        hostPath:
          path: /var/log/apps
          type: DirectoryOrCreate
`;
  const after = isolate(before);
  const m = parse(after).spec.template.spec.containers[0].volumeMounts[0];
  assert.deepEqual(m, { name: 'logs', mountPath: '/logs', subPathExpr: 'web/$(POD_NAME)' });
  assert.deepEqual(remaining(after), []);
});

test('a JSON manifest (kubectl -o json) gets the same three edits, as valid JSON with its indentation', () => {
  const before = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'j' }, spec: { replicas: 3, selector: { matchLabels: { app: 'j' } }, template: { spec: { containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }], volumes: [{ name: 'logs', hostPath: { path: '/mnt' } }] } } } }, null, 4);
  const f = lint(before, { uri: 'file:///d.json' }).findings.filter((x) => x.ruleId === RULE);
  const after = applyEdits(before, f[0]!.fixes[0]!.edits);
  const spec = JSON.parse(after).spec.template.spec;
  assert.deepEqual(spec.containers[0].volumeMounts[0], { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' });
  assert.deepEqual(spec.containers[0].env, [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
  assert.equal(spec.volumes[0].hostPath.type, 'DirectoryOrCreate');
  assert.ok(after.includes('\n                                "subPathExpr": "$(POD_NAME)"\n'), after);
  assert.deepEqual(lint(after, { uri: 'file:///d.json' }).findings.filter((x) => x.severity !== 'hint').map((x) => x.ruleId), []);
});
