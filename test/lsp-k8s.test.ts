// Kubernetes completion, hover and k8s/schema over the LSP protocol, against the real bundled
// server (dist/server.js): a Deployment, a DaemonSet, a PVC and a List; multi-document files;
// the setting logtailLint.kubernetesSchema; files the Red Hat YAML extension validates itself.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextMode, MarkupKind, type CompletionItem, type Diagnostic, type Hover, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { caret, startSession, type Session } from './helpers/lsp-session';

const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) await s.close();
});
async function session(opts: Parameters<typeof startSession>[0] = {}) {
  const s = await startSession(opts);
  sessions.push(s);
  return s;
}
let shared: Session | undefined;
const server = async () => (shared ??= await session());
let n = 0;
const uri = (name: string) => `file:///w/k8s-${n++}-${name}`;

async function completeAt(s: Session, src: string, name = 'm.yaml') {
  const { text, position } = caret(src);
  const u = uri(name);
  await s.open(u, 'yaml', text);
  return { text, items: await s.completion(u, position) };
}
async function hoverAt(s: Session, src: string) {
  const { text, position } = caret(src);
  const u = uri('h.yaml');
  await s.open(u, 'yaml', text);
  return { text, hover: await s.hover(u, position) };
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const byLabel = (items: CompletionItem[], label: string) => {
  const i = items.find((x) => x.label === label);
  assert.ok(i, `${label} in ${labels(items).join(', ')}`);
  return i;
};
function md(h: Hover | null): string {
  assert.ok(h, 'a hover');
  assert.equal((h.contents as MarkupContent).kind, MarkupKind.Markdown);
  return (h.contents as MarkupContent).value;
}
const apply = (text: string, item: CompletionItem) => TextDocument.applyEdits(TextDocument.create('u', 'yaml', 1, text), [item.textEdit as TextEdit]);
const schemaDiags = (d: Diagnostic[]) => d.filter((x) => x.code === 'k8s/schema');

const deployment = (containerLine: string, volumeLine = '          emptyDir: {}') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
${containerLine}
      volumes:
        - name: logs
${volumeLine}
`;

describe('Kubernetes completion and hover over LSP', () => {
  test('Deployment: container keys (present ones left out), enum values, hover with description and type', async () => {
    const s = await server();
    const { items, text } = await completeAt(s, deployment('          volume‸'));
    const vm = byLabel(items, 'volumeMounts');
    assert.equal(vm.kind, CompletionItemKind.Property);
    assert.ok(!labels(items).includes('image'), 'keys already present are not offered');
    assert.ok(labels(items).includes('resources') && labels(items).includes('volumeDevices'));
    assert.match((vm.documentation as MarkupContent).value, /Pod volumes to mount into the container's filesystem/);
    // a list: the item dash on the next line, indented by the client (insertTextMode adjustIndentation)
    assert.equal((vm.textEdit as TextEdit).newText, 'volumeMounts:\n  - $0');
    assert.equal(vm.insertTextMode, InsertTextMode.adjustIndentation);
    assert.match(apply(text, vm), /\n {10}volumeMounts:\n {2}- \$0\n/);

    const pull = await completeAt(s, deployment('          imagePullPolicy: ‸'));
    assert.deepEqual(labels(pull.items).sort(), ['Always', 'IfNotPresent', 'Never']);

    const hp = await completeAt(s, deployment('          volumeMounts: [{name: logs, mountPath: /logs}]', '          hostPath:\n            path: /var/log/web\n            type: ‸'));
    assert.ok(labels(hp.items).includes('DirectoryOrCreate') && labels(hp.items).includes('FileOrCreate'), labels(hp.items).join());

    const h = await hoverAt(s, deployment('          volumeMounts: [{name: logs, mountPath: /logs, subPath‸Expr: $(POD_NAME)}]'));
    assert.match(md(h.hover), /\*\*subPathExpr\*\* · `string`/);
    assert.match(md(h.hover), /Expanded path within the volume/);
    const col = h.text.split('\n')[15]!.indexOf('subPathExpr');
    assert.deepEqual(h.hover!.range, { start: { line: 15, character: col }, end: { line: 15, character: col + 'subPathExpr'.length } });
    const sizeHover = await hoverAt(s, deployment('          resources: {limits: {memory: 512Mi}}', '          emptyDir: {size‸Limit: 1Gi}'));
    assert.match(md(sizeHover.hover), /sizeLimit/);
    assert.match(md(sizeHover.hover), /string \| number/);
  });

  test('DaemonSet: keys of spec (updateStrategy) and of a volume; hover on hostPath', async () => {
    const s = await server();
    const ds = (specLine: string, volume = '          hostPath: {path: /var/log}') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
${specLine}
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: loongcollector:3.0.5
      volumes:
        - name: varlog
${volume}
`;
    const { items } = await completeAt(s, ds('  update‸'));
    assert.ok(labels(items).includes('updateStrategy'));
    assert.ok(!labels(items).includes('replicas'), 'a DaemonSet has no replicas');
    assert.ok(!labels(items).includes('strategy'), 'strategy is a Deployment field');
    const vol = await completeAt(s, ds('  minReadySeconds: 0', '          hostPath: {path: /var/log}\n          empty‸'));
    assert.ok(labels(vol.items).includes('emptyDir'), labels(vol.items).join());
    const h = await hoverAt(s, ds('  minReadySeconds: 0', '          host‸Path: {path: /var/log}'));
    assert.match(md(h.hover), /\*\*hostPath\*\* · `object`/);
    assert.match(md(h.hover), /pre-existing file or directory on the host machine/);
  });

  test('PersistentVolumeClaim: spec keys, accessModes values, hover on storageClassName', async () => {
    const s = await server();
    const pvc = (line: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: logs\nspec:\n${line}\n  resources:\n    requests:\n      storage: 10Gi\n`;
    const { items } = await completeAt(s, pvc('  storage‸'));
    assert.ok(labels(items).includes('storageClassName') && labels(items).includes('accessModes') && labels(items).includes('volumeMode'));
    assert.ok(!labels(items).includes('resources'));
    const modes = await completeAt(s, pvc('  accessModes:\n    - ‸'));
    assert.ok(labels(modes.items).includes('ReadWriteOnce') && labels(modes.items).includes('ReadWriteMany'), labels(modes.items).join());
    const h = await hoverAt(s, pvc('  storageClass‸Name: standard'));
    assert.match(md(h.hover), /\*\*storageClassName\*\* · `string`/);
    assert.match(md(h.hover), /StorageClass required by the claim/);
  });

  test('List items and later documents of a multi-document file get completion, hover and k8s/schema', async () => {
    const s = await server();
    const list = (line: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: first}
data: {a: b}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: nginx:1.27
${line}
`;
    const { items } = await completeAt(s, list('          liveness‸'));
    assert.ok(labels(items).includes('livenessProbe'), labels(items).join());
    const h = await hoverAt(s, list('          terminationMessage‸Path: /dev/termination-log'));
    assert.match(md(h.hover), /\*\*terminationMessagePath\*\*/);
    const u = uri('list.yaml');
    await s.open(u, 'yaml', list('          resources: {limits: {memory: 512MI}}\n          volumeMount: []'));
    const d = schemaDiags(await s.pull(u));
    assert.equal(d.length, 2, JSON.stringify(d));
    assert.ok(d.every((x) => x.range.start.line === 15 || x.range.start.line === 16));
    const data = d.find((x) => x.message.includes('512MI'))!.data as { fixes: { title: string }[] };
    assert.deepEqual(data.fixes.map((f) => f.title), ['Change to "512Mi"']);
  });

  test('unknown kinds and CRDs: no completion from the Kubernetes schemas, no k8s/schema finding', async () => {
    const s = await server();
    const props = async (src: string) => (await completeAt(s, src)).items.filter((i) => i.kind === CompletionItemKind.Property).map((i) => i.label);
    assert.ok((await props('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  ‸\n')).includes('replicas'), 'a Deployment gets spec keys');
    assert.deepEqual(await props('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  ‸\n'), []);
    assert.deepEqual(await props('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  ‸\n'), [], 'a removed API version');
    const u = uri('crd.yaml');
    await s.open(u, 'yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {volumeMount: 1}\n');
    assert.deepEqual(schemaDiags(await s.pull(u)), []);
  });

  test('logtailLint.kubernetesSchema off: no k8s/schema, no Kubernetes completion or hover', async () => {
    const s = await session({ settings: { kubernetesSchema: 'off' } });
    const u = uri('off.yaml');
    await s.open(u, 'yaml', deployment('          volumeMount: []'));
    const all = await s.pull(u);
    assert.deepEqual(schemaDiags(all), []);
    assert.ok(all.some((x) => x.code === 'k8s/volume-unused'), 'the other rules still run');
    assert.deepEqual((await completeAt(s, deployment('          volume‸'))).items.filter((i) => i.label === 'volumeMounts'), []);
    assert.equal((await hoverAt(s, deployment('          volume‸Mounts: []'))).hover, null);
  });

  test('Red Hat YAML validating with a Kubernetes schema: those files are left to it', async () => {
    const s = await session({ initializationOptions: { redHatKubernetes: { globs: ['/k8s/*.yaml'] } } });
    const text = deployment('          volumeMount: []');
    await s.open('file:///w/k8s/web.yaml', 'yaml', text);
    assert.deepEqual(schemaDiags(await s.pull('file:///w/k8s/web.yaml')), [], 'matched by the yaml.schemas pattern');
    await s.open('file:///w/other/web.yaml', 'yaml', text);
    assert.equal(schemaDiags(await s.pull('file:///w/other/web.yaml')).length, 1, 'not matched: still checked');
    const modeline = '# yaml-language-server: $schema=https://example.com/kubernetes-json-schema/v1.30.0-standalone-strict/deployment-apps-v1.json\n' + text;
    await s.open('file:///w/other/modeline.yaml', 'yaml', modeline);
    assert.deepEqual(schemaDiags(await s.pull('file:///w/other/modeline.yaml')), [], 'a modeline naming a Kubernetes schema');
    // Red Hat YAML uninstalled or its validation turned off: the client says null
    await s.notify('logtailLint/redHatKubernetes', null);
    assert.equal(schemaDiags(await s.pull('file:///w/k8s/web.yaml')).length, 1);
    // without Red Hat YAML a modeline means nothing
    const plain = await server();
    await plain.open('file:///w/plain/modeline.yaml', 'yaml', modeline);
    assert.equal(schemaDiags(await plain.pull('file:///w/plain/modeline.yaml')).length, 1);
  });
});
