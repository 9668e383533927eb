// Issue "trust on real-world files": behaviours that need more than one file or more than a
// fixture's line numbers — namespaces across files and Kustomize, the collector a message names,
// one quantity grammar everywhere.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { lint, parseFile, applyEdits, WorkspaceIndex, type Finding } from '../server/src/engine/index';
import { mergeSettings } from '../server/src/engine/config/load';
import { SIZE_QUANTITY_PATTERN, isSizeQuantity } from '../server/src/engine/model/quantity';
import { ROOT } from './helpers/fixtures';

function workspace(files: Record<string, string>): WorkspaceIndex {
  const ws = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) ws.update(uri, parseFile(text, 'yaml'));
  return ws;
}
const only = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

const CLAIM = (name: string, ns?: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
const POD = (claim: string, ns?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app${ns ? `\n  namespace: ${ns}` : ''}
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
    volumeMounts:
    - name: logs
      mountPath: /var/log/app
  volumes:
  - name: logs
    persistentVolumeClaim:
      claimName: ${claim}
`;

describe('k8s/pvc-not-found matches namespaces', () => {
  test('a claim of another namespace neither satisfies the pod nor makes the check run', () => {
    const ws = workspace({ 'file:///w/pvc.yaml': CLAIM('app-logs', 'logging') });
    const { findings } = lint(POD('app-logs'), { uri: 'file:///w/pod.yaml', workspace: ws });
    assert.deepEqual(only(findings, 'k8s/pvc-not-found'), []);
  });
  test('a claim in the default namespace, in another file, is compared with', () => {
    const ws = workspace({ 'file:///w/pvc.yaml': CLAIM('app-logs') });
    const { findings } = lint(POD('app-log'), { uri: 'file:///w/pod.yaml', workspace: ws });
    const f = only(findings, 'k8s/pvc-not-found');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /"default"/);
    assert.equal(applyEdits(POD('app-log'), f[0]!.fixes[0]!.edits), POD('app-logs'));
  });
  test('the namespace of a kustomization.yaml applies to the files of its directory', () => {
    const files = {
      'file:///k/base/kustomization.yaml': 'namespace: shop\nresources:\n- pvc.yaml\n- pod.yaml\n',
      'file:///k/base/pvc.yaml': CLAIM('app-logs'),
      'file:///k/other/pvc.yaml': CLAIM('app-log', 'shop'),
    };
    const ws = workspace(files);
    // pod in the kustomization's namespace "shop": app-logs exists there, app-log too
    assert.deepEqual(only(lint(POD('app-logs'), { uri: 'file:///k/base/pod.yaml', workspace: ws }).findings, 'k8s/pvc-not-found'), []);
    const typo = only(lint(POD('app-lgs'), { uri: 'file:///k/base/pod.yaml', workspace: ws }).findings, 'k8s/pvc-not-found');
    assert.equal(typo.length, 1);
    assert.match(typo[0]!.message, /"shop"/);
  });
  test('a kustomization without namespace leaves the namespace unknown: silent', () => {
    const ws = workspace({ 'file:///k/base/kustomization.yaml': 'resources:\n- pod.yaml\n', 'file:///k/base/pvc.yaml': CLAIM('other', 'default') });
    assert.deepEqual(only(lint(POD('app-logs'), { uri: 'file:///k/base/pod.yaml', workspace: ws }).findings, 'k8s/pvc-not-found'), []);
  });
});

describe('k8s/emptydir-logs-lost-on-delete: only a collector that can see the pod and drops unread files', () => {
  const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /var/log/nginx
      volumes:
      - name: logs
        emptyDir:
          sizeLimit: 1Gi
`;
  const ds = (ns: string, hostPath: string, timeout?: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: ${ns}
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
${timeout === undefined ? '' : `        env:\n        - name: force_release_deleted_file_fd_timeout\n          value: "${timeout}"\n`}        volumeMounts:
        - name: host
          mountPath: /logtail_host
          readOnly: true
      volumes:
      - name: host
        hostPath:
          path: ${hostPath}
`;
  const lost = (dsText: string) => only(lint(app, { uri: 'file:///a.yaml', workspace: workspace({ 'file:///ds.yaml': dsText }) }).findings, 'k8s/emptydir-logs-lost-on-delete');
  test('a DaemonSet that mounts the node root and releases files after 10 s is named, with the setting as related location', () => {
    const f = lost(ds('kube-system', '/', '10'));
    assert.equal(f.length, 1);
    assert.equal(f[0]!.messageId, 'released');
    assert.match(f[0]!.message, /logtail-ds/);
    assert.match(f[0]!.message, /10/);
    assert.equal(f[0]!.related?.[0]?.uri, 'file:///ds.yaml');
  });
  test('the default (-1, no env) keeps files open to the end: silent', () => {
    assert.deepEqual(lost(ds('kube-system', '/')), []);
    assert.deepEqual(lost(ds('kube-system', '/', '-1')), []);
  });
  test('a DaemonSet of another namespace that cannot see pod volumes is not the collector of this pod: silent', () => {
    assert.deepEqual(lost(ds('monitoring', '/var/log', '0')), []);
  });
  test('the same namespace is enough', () => {
    assert.equal(lost(ds('shop', '/var/log', '0')).length, 1);
  });
});

describe('one quantity grammar', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const cfg = JSON.parse(readFileSync(join(ROOT, 'schemas', 'logtail-lint-config.schema.json'), 'utf8'));
  test('the settings schema and the configuration schema carry the engine pattern', () => {
    assert.equal(pkg.contributes.configuration.properties['logtailLint.emptyDirSizeLimit'].pattern, SIZE_QUANTITY_PATTERN);
    assert.equal(cfg.properties.emptyDirSizeLimit.pattern, SIZE_QUANTITY_PATTERN);
  });
  test('512Ki is accepted and 512ki rejected, by the schemas and by the engine alike', () => {
    const v = new Ajv({ strict: false }).compile(cfg);
    for (const [value, ok] of [['512Ki', true], ['1Gi', true], ['1.5Gi', true], ['1e9', true], ['500M', true], ['512ki', false], ['512MI', false], ['1gb', false], ['-1Gi', false], ['512 Mi', false]] as const) {
      assert.equal(v({ emptyDirSizeLimit: value }), ok, `config schema: ${value}`);
      assert.equal(new RegExp(pkg.contributes.configuration.properties['logtailLint.emptyDirSizeLimit'].pattern, 'u').test(value), ok, `settings schema: ${value}`);
      assert.equal(isSizeQuantity(value), ok, `engine: ${value}`);
    }
  });
  test('an invalid size from the editor is never written by a fix', () => {
    const settings = mergeSettings({ editor: { emptyDirSizeLimit: '512ki' } });
    assert.equal(settings.emptyDirSizeLimit, undefined);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - name: logs\n      mountPath: /var/log/nginx\n  volumes:\n  - name: logs\n    emptyDir: {}\n';
    for (const s of [{ emptyDirSizeLimit: '512ki' }, settings]) {
      const f = only(lint(pod, { uri: 'file:///p.yaml', settings: s }).findings, 'k8s/emptydir-no-size-limit');
      assert.equal(f.length, 1);
      const fixed = applyEdits(pod, f[0]!.fixes[0]!.edits);
      assert.match(fixed, /sizeLimit: 1Gi/);
      assert.doesNotMatch(fixed, /512ki/);
    }
  });
});

describe('Helm chart templates', () => {
  test('masking keeps every offset and newline', async () => {
    const { maskTemplate } = await import('../server/src/engine/parse/template');
    const text = 'metadata:\n  name: {{ include "x" . }}\n  labels:\n    {{- include "l" . | nindent 4 }}\n';
    const m = maskTemplate(text);
    assert.equal(m.text.length, text.length);
    assert.deepEqual([...m.text].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0), [...text].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0));
    assert.equal(m.values.length, 1);
    assert.equal(m.removed.length, 1);
  });
  test('a template whose structure cannot be parsed gets one information, once per file', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n{{- if .Values.a }}\n  containers: [\n{{- end }}\n---\nkind: {{ .Values.kind }}\nfoo: [\n';
    const { findings } = lint(text, { uri: 'file:///c/templates/pod.yaml' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['internal/template-not-checked', 'information']]);
  });
  test('_helpers.tpl gives no findings', () => {
    assert.deepEqual(lint('{{- define "x.labels" -}}\napp: {{ .Chart.Name }}\n{{- end }}\n', { uri: 'file:///c/templates/_helpers.tpl' }).findings, []);
  });
  test('a plain manifest is untouched by the template logic', () => {
    const { findings } = lint('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    volumeMounts:\n    - name: nope\n      mountPath: /x\n', { uri: 'file:///p.yaml' });
    assert.deepEqual(findings.map((f) => f.ruleId), ['k8s/volume-mount-undefined']);
  });
});

describe('workspace/checkpoint-dir-shared', () => {
  test('the same DaemonSet defined in two alternative files is one workload, not two', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ilogtail-ds
  namespace: ilogtail
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4
        volumeMounts:
        - name: checkpoint
          mountPath: /usr/local/ilogtail/checkpoint
      volumes:
      - name: checkpoint
        hostPath:
          path: /var/lib/ilogtail-ilogtail-ds/checkpoint
          type: DirectoryOrCreate
`;
    const ws = workspace({ 'file:///t/to-kafka.yaml': ds, 'file:///t/to-sls.yaml': ds });
    assert.deepEqual(only(lint(ds, { uri: 'file:///t/to-sls.yaml', workspace: ws }).findings, 'workspace/checkpoint-dir-shared'), []);
    const other = ds.replace('name: ilogtail-ds', 'name: ilogtail-ds-2');
    const ws2 = workspace({ 'file:///t/a.yaml': ds, 'file:///t/b.yaml': other });
    assert.equal(only(lint(ds, { uri: 'file:///t/a.yaml', workspace: ws2 }).findings, 'workspace/checkpoint-dir-shared').length, 1);
  });
});

describe('1.x plug-in chains', () => {
  test('a plug-in item without detail (iLogtail quick start) is a 1.x chain, not a broken pipeline', () => {
    const chain = '{\n  "inputs": [{ "type": "metric_mock", "detail": { "Index": 0 } }],\n  "processors": [{ "type": "processor_default" }],\n  "flushers": [{ "type": "flusher_stdout", "detail": { "FileName": "a.stdout" } }]\n}\n';
    assert.deepEqual(lint(chain, { uri: 'file:///quickstart.json' }).findings.filter((f) => f.ruleId === 'logtail/schema'), []);
    // a pipeline item with a mistyped "type" and parameters beside it is still a pipeline
    const typo = '{\n  "inputs": [{ "type": "input_file", "FilePaths": ["/var/log/a.log"] }],\n  "flushers": [{ "Type": "flusher_stdout" }]\n}\n';
    assert.ok(lint(typo, { uri: 'file:///p.json' }).findings.some((f) => f.ruleId === 'logtail/schema'));
  });
});
