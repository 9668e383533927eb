// Kubernetes fields in hovers and completion: the upstream OpenAPI descriptions are English only.
// In Chinese, the fields the rules talk about have a short description of our own from the
// catalog (section $k8s), followed by the upstream text under a label saying it is English;
// every other field gets the upstream text after a note saying so. The chrome (labels, the
// documentation link) is the catalog's in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, term } from '../server/src/engine/index';
import { hover } from '../server/src/engine/complete/hover';
import { complete } from '../server/src/engine/complete/completion';
import { K8S_FIELDS, k8sFieldKeys } from '../server/src/engine/complete/k8s-words';
import { k8sDefinitions } from '../server/src/engine/schemas/kubernetes';
import { ROOT } from './helpers/fixtures';

const ZH = 'zh-CN';
const CJK = /[\u4e00-\u9fff]/;
const defs = () => k8sDefinitions().definitions as Record<string, { properties?: Record<string, { description?: string; additionalProperties?: unknown }> }>;
const upstreamOf = (key: string) => {
  const [def, prop] = key.split('.');
  return defs()[`I${def}`]?.properties?.[prop!];
};

/** The fields the rules talk about: each must have its own description in every catalog. */
const RULE_FIELDS = [
  'PodSpec.volumes',
  'PodSpec.terminationGracePeriodSeconds',
  'Volume.emptyDir',
  'EmptyDirVolumeSource.medium',
  'EmptyDirVolumeSource.sizeLimit',
  'Volume.hostPath',
  'HostPathVolumeSource.path',
  'HostPathVolumeSource.type',
  'Volume.persistentVolumeClaim',
  'PersistentVolumeClaimVolumeSource.claimName',
  'PersistentVolumeClaimSpec.accessModes',
  'Container.volumeMounts',
  'VolumeMount.subPath',
  'VolumeMount.subPathExpr',
  'VolumeMount.readOnly',
  'VolumeMount.mountPropagation',
  'Container.env',
  'EnvVar.valueFrom',
  'Container.resources',
  'ResourceRequirements.limits.ephemeral-storage',
  'ResourceRequirements.requests.ephemeral-storage',
  'DaemonSetSpec.updateStrategy',
  'DaemonSetUpdateStrategy.type',
  'Container.securityContext',
  'SecurityContext.privileged',
  'SecurityContext.readOnlyRootFilesystem',
  'Container.restartPolicy',
];

/** Runs of `n` words an English text shares with another (copied text). */
function shared(a: string, b: string, n = 7): string[] {
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9$()]+/g) ?? [];
  const grams = (w: string[]) => new Set(w.slice(0, Math.max(0, w.length - n + 1)).map((_, i) => w.slice(i, i + n).join(' ')));
  const gb = grams(words(b));
  return [...grams(words(a))].filter((g) => gb.has(g));
}

test('every field description of the catalogs names a real field, in both languages, written for us (not the upstream text)', () => {
  const keys = k8sFieldKeys();
  const en = CATALOGS.en[K8S_FIELDS]!;
  const zh = CATALOGS[ZH]![K8S_FIELDS]!;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const k of RULE_FIELDS) assert.ok(en[k], `${k}: a description of our own`);
  for (const [k, text] of Object.entries(en)) {
    const parts = k.split('.');
    if (parts.length === 3) {
      // an entry of a map: the map is a real field whose values are described by the entry key
      assert.ok(keys.has(parts.slice(0, 2).join('.')), k);
      assert.ok(upstreamOf(parts.slice(0, 2).join('.'))?.additionalProperties, `${k}: a map`);
    } else assert.ok(keys.has(k), `${k} is no field of the Kubernetes definitions`);
    assert.ok(zh[k]!.trim() && CJK.test(zh[k]!), `${k}: Chinese`);
    assert.doesNotMatch(text + zh[k], /`/, `${k}: no backticks`);
    const up = upstreamOf(k)?.description ?? '';
    assert.deepEqual(shared(text, up), [], `${k}: copied from the upstream description`);
    assert.ok(text.length <= 240 && zh[k]!.length <= 130, `${k}: short`);
  }
});

test('the copy check can fail', () => {
  const up = upstreamOf('VolumeMount.subPathExpr')!.description!;
  assert.ok(shared(`Note: ${up.slice(0, 120)}`, up).length > 0);
});

/** A Deployment with the fields of RULE_FIELDS; `at(name)` is the offset of a key on its line. */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  template:
    spec:
      terminationGracePeriodSeconds: 60
      containers:
      - name: app
        image: nginx
        env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        resources:
          limits:
            ephemeral-storage: 2Gi
          requests:
            ephemeral-storage: 1Gi
        securityContext:
          privileged: false
          readOnlyRootFilesystem: true
        volumeMounts:
        - name: logs
          mountPath: /logs
          subPathExpr: $(POD_NAME)
          readOnly: false
          mountPropagation: None
      volumes:
      - name: logs
        hostPath:
          path: /var/log/web
          type: DirectoryOrCreate
      nodeName: node-1
`;
const at = (text: string, key: string, nth = 0) => {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(`${key}:`, i + 1);
  assert.ok(i >= 0, key);
  return i + 1;
};
const hoverOn = (text: string, key: string, locale: string, nth = 0) => hover(text, 'yaml', at(text, key, nth), { locale, uri: 'file:///w/d.yaml' })?.markdown ?? '';

/** English prose left in a Chinese hover once the upstream quote, code, links and field names are taken out. */
function englishChrome(md: string): string[] {
  const rest = md
    .split('\n')
    .filter((l) => !l.startsWith('> '))
    .join('\n')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\*\*[^*]+\*\*/g, ' ');
  return rest.match(/[A-Za-z][A-Za-z'-]+(?:[ ,;]+[A-Za-z][A-Za-z'-]+){2,}/g) ?? [];
}

test('hover in Chinese on the rule fields: our description first, then the upstream text under the catalog\'s label, the documentation link labelled from the catalog', () => {
  const cases: [string, string, number?][] = [
    ['terminationGracePeriodSeconds', 'PodSpec.terminationGracePeriodSeconds'],
    ['valueFrom', 'EnvVar.valueFrom'],
    ['env', 'Container.env'],
    ['resources', 'Container.resources'],
    ['securityContext', 'Container.securityContext'],
    ['privileged', 'SecurityContext.privileged'],
    ['readOnlyRootFilesystem', 'SecurityContext.readOnlyRootFilesystem'],
    ['volumeMounts', 'Container.volumeMounts'],
    ['subPathExpr', 'VolumeMount.subPathExpr'],
    ['readOnly', 'VolumeMount.readOnly'],
    ['mountPropagation', 'VolumeMount.mountPropagation'],
    ['volumes', 'PodSpec.volumes'],
    ['hostPath', 'Volume.hostPath'],
    ['path', 'HostPathVolumeSource.path'],
    ['type', 'HostPathVolumeSource.type'],
  ];
  for (const [key, id, nth] of cases) {
    const zh = hoverOn(DEPLOYMENT, key, ZH, nth);
    const en = hoverOn(DEPLOYMENT, key, 'en', nth);
    assert.ok(zh.includes(CATALOGS[ZH]![K8S_FIELDS]![id]!), `${key}: our Chinese description\n${zh}`);
    assert.ok(zh.includes(term(ZH, 'k8s.upstream')), `${key}: the label of the upstream text`);
    const upstream = upstreamOf(id)!.description!.replace(/\s*More info:\s*\S+/g, '').trim().split('\n')[0]!;
    assert.ok(en.includes(upstream.slice(0, 60)), `${key}: English shows the upstream text\n${en}`);
    assert.ok(!en.includes(CATALOGS.en[K8S_FIELDS]![id]!), `${key}: English shows no second description`);
    assert.ok(zh.includes(`> ${upstream.slice(0, 60)}`), `${key}: the upstream text quoted in Chinese`);
    assert.deepEqual(englishChrome(zh), [], `${key}: English outside the upstream quote\n${zh}`);
    if (/More info:/.test(upstreamOf(id)!.description!)) {
      assert.match(zh, new RegExp(`\\[${term(ZH, 'k8s.docs')}\\]\\(https://kubernetes\\.io/`), `${key}: the link`);
      assert.match(en, new RegExp(`\\[${term('en', 'k8s.docs')}\\]\\(https://kubernetes\\.io/`), `${key}: the link in English`);
      assert.doesNotMatch(en, /More info:/);
    }
  }
});

test('hover on an entry of resources.limits / requests (ephemeral-storage): our description in both languages', () => {
  for (const [nth, id] of [[0, 'ResourceRequirements.limits.ephemeral-storage'], [1, 'ResourceRequirements.requests.ephemeral-storage']] as const) {
    for (const locale of ['en', ZH]) {
      const md = hoverOn(DEPLOYMENT, 'ephemeral-storage', locale, nth);
      assert.ok(md.includes(CATALOGS[locale]![K8S_FIELDS]![id]!), `${id} ${locale}\n${md}`);
    }
  }
  // another entry of the map: the upstream text as for any field
  const cpu = DEPLOYMENT.replace('ephemeral-storage: 2Gi', 'cpu: 500m');
  assert.ok(hoverOn(cpu, 'cpu', ZH).includes(term(ZH, 'k8s.upstreamOnly')));
});

test('hover in Chinese on any other field: the note that the upstream description is English only, then the upstream text; English unchanged', () => {
  const zh = hoverOn(DEPLOYMENT, 'nodeName', ZH);
  const en = hoverOn(DEPLOYMENT, 'nodeName', 'en');
  const up = upstreamOf('PodSpec.nodeName')!.description!.split('\n')[0]!;
  assert.ok(zh.includes(term(ZH, 'k8s.upstreamOnly')), zh);
  assert.ok(zh.includes(`> ${up.slice(0, 60)}`));
  assert.deepEqual(englishChrome(zh), []);
  assert.ok(en.includes(up.slice(0, 60)) && !en.includes(term('en', 'k8s.upstreamOnly')), en);
});

test('completion documentation of Kubernetes keys follows the same words', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes:\n  - name: v\n    emptyDir:\n      \n';
  const offset = text.length - 1;
  const zh = complete(text, 'yaml', offset, { locale: ZH, uri: 'file:///w/p.yaml' }).find((c) => c.label === 'medium');
  assert.ok(zh?.documentation?.includes(CATALOGS[ZH]![K8S_FIELDS]!['EmptyDirVolumeSource.medium']!), zh?.documentation);
  const en = complete(text, 'yaml', offset, { locale: 'en', uri: 'file:///w/p.yaml' }).find((c) => c.label === 'medium');
  assert.match(en?.documentation ?? '', /medium represents what type of storage medium/);
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('every Kubernetes key of the examples hovered in Chinese: our description or the note, never a bare English text; no English chrome', () => {
  let n = 0;
  let own = 0;
  const problems: string[] = [];
  for (const f of files(join(ROOT, 'examples'))) {
    const text = readFileSync(f, 'utf8');
    let offset = 0;
    for (const line of text.split('\n')) {
      const m = /^(\s*-?\s*)([A-Za-z][\w-]*):/.exec(line);
      if (m && !line.trimStart().startsWith('#')) {
        const h = hover(text, 'yaml', offset + m[1]!.length + 1, { locale: ZH, uri: 'file://' + f });
        const md = h?.markdown ?? '';
        if (md.includes('> ')) {
          n++;
          if (md.includes(term(ZH, 'k8s.upstream'))) own++;
          else if (!md.includes(term(ZH, 'k8s.upstreamOnly'))) problems.push(`${f}: ${m[2]} quoted without a label`);
          const e = englishChrome(md);
          if (e.length) problems.push(`${f}: ${m[2]}: ${e.join(' | ')}`);
        }
      }
      offset += line.length + 1;
    }
  }
  assert.ok(n > 100 && own > 30, `${n} Kubernetes hovers, ${own} with our description`);
  assert.deepEqual([...new Set(problems)].slice(0, 10), []);
});
