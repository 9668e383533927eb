// The document model (server/src/engine/model/document.ts) and the per-document rule cache of
// lint(): an edit in document k re-builds document k's model only, reused documents that moved
// keep exact offsets without being copied, and findings are the same as a cold lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore, lint, WorkspaceIndex, allRules, type Rule } from '../server/src/engine/index';
import type { WorkspaceView } from '../server/src/engine/workspace/index';
import { commonPrefix, commonSuffix, editedMarks } from '../server/src/engine/model/document';
import { boundsFromMarks, markersIn, splitYamlDocuments } from '../server/src/engine/parse/yaml';
import { LineIndex } from '../server/src/engine/parse/lines';

function deployment(i: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27${extra}
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
      volumes:
      - name: logs
        hostPath:
          path: /var/log/app-${i}
`;
}
const N = 50;
const docs = Array.from({ length: N }, (_, i) => deployment(i));
const text = docs.join('---\n');
const uri = 'file:///many.yaml';

test('an edit in document k rebuilds only document k (count of builds)', () => {
  const store = new DocumentStore();
  store.update(text, 'yaml', uri);
  assert.equal(store.builds, N, 'the first version builds every document');
  for (const k of [0, 17, N - 1]) {
    const before: number = store.builds;
    const edited = [...docs.slice(0, k), deployment(k, `\n        imagePullPolicy: Always # edit ${k}`), ...docs.slice(k + 1)].join('---\n');
    const model = store.update(edited, 'yaml', uri);
    assert.equal(store.builds - before, 1, `editing document ${k} builds one model`);
    assert.equal(model.docs.length, N);
    // back to the original text: document k is rebuilt, the others are reused again
    store.update(text, 'yaml', uri);
    assert.equal(store.builds - before, 2);
  }
  const before: number = store.builds;
  store.update(text, 'yaml', uri);
  assert.equal(store.builds, before, 'the same text builds nothing');
});

test('documents after an edit that changed their position keep exact offsets (moved in place, not copied)', () => {
  const store = new DocumentStore();
  const first = store.update(text, 'yaml', uri);
  const lastDoc = first.docs[N - 1]!;
  const lastRoot = lastDoc.doc.root;
  const grown = [deployment(0, '\n        imagePullPolicy: IfNotPresent'), ...docs.slice(1)].join('---\n');
  const second = store.update(grown, 'yaml', uri);
  assert.equal(second.docs[N - 1], lastDoc, 'the same model object is reused');
  assert.equal(second.docs[N - 1]!.doc.root, lastRoot, 'the same tree, not a copy');
  const name = second.docs[N - 1]!.objects[0]!.node.pairs.find((p) => p.key.value === 'metadata')!.value;
  assert.equal(grown.slice(name.start, name.end).trim(), `name: app-${N - 1}`);
  // and the findings equal those of a cold lint of the same text, positions included
  const warm = lint(grown, { uri, store }).findings;
  const cold = lint(grown, { uri }).findings;
  assert.deepEqual(warm, cold);
  assert.ok(cold.length >= N, 'the documents have findings to compare');
});

/** The rules, counting their runs and recording what each run read beyond its document (by document name). */
function counted() {
  const log = { runs: 0, reads: new Map<string, Map<string, string[]>>() };
  const rules: Rule[] = allRules.map((r) => ({
    ...r,
    check: (ctx: Parameters<Rule['check']>[0]) => {
      log.runs++;
      try {
        r.check(ctx);
      } finally {
        const doc = ctx.objects[0]?.name ?? '?';
        const reads = [...((ctx.workspace as WorkspaceView).reads ?? [])];
        if (!log.reads.has(doc)) log.reads.set(doc, new Map());
        log.reads.get(doc)!.set(r.id, reads);
      }
    },
  }));
  return { log, rules };
}

const pipeline = `apiVersion: v1
kind: ConfigMap
metadata:
  name: pipelines
  namespace: kube-system
data:
  app.yaml: |
    enable: true
    inputs:
      - Type: input_file
        FilePaths:
          - /var/log/app-3/*.log
        EnableContainerDiscovery: false
    flushers:
      - Type: flusher_sls
        Logstore: app
`;

test('an edit re-runs the rules of the edited document, and elsewhere only the runs that read a fact that changed', () => {
  const { log, rules } = counted();
  const store = new DocumentStore();
  const workspace = new WorkspaceIndex();
  const withConfig = [...docs, pipeline].join('---\n');
  const first = lint(withConfig, { uri, store, rules, workspace });
  assert.equal(log.runs, (N + 1) * rules.length);
  const readsBefore = log.reads;
  // the configuration's rules read the workloads of the file (a node path against hostPath volumes)
  const configReads = [...readsBefore.get('pipelines')!.values()].flat();
  assert.ok(configReads.includes('workloads'), configReads.join());
  // a Deployment's rules read no workload of another document
  assert.ok(![...readsBefore.get('app-9')!.values()].flat().includes('workloads'));
  assert.ok(first.findings.some((f) => f.ruleId === 'logtail/host-path-without-prefix'), 'the config document has a finding that reads workloads');

  log.runs = 0;
  log.reads = new Map();
  const edited = [...docs.slice(0, 5), deployment(5, '\n        imagePullPolicy: Always'), ...docs.slice(6), pipeline].join('---\n');
  const second = lint(edited, { uri, store, rules, workspace });
  const before = first.model.fingerprints();
  const after = second.model.fingerprints();
  const changed = new Set(Object.keys(after).filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after]));
  assert.ok(changed.has('workloads') && !changed.has('claims'), [...changed].join());
  // expected: every rule on document 5, plus each run elsewhere that read a kind that changed
  let expected = rules.length;
  for (const [doc, byRule] of readsBefore) {
    if (doc === 'app-5') continue;
    for (const reads of byRule.values()) if (reads.some((k) => changed.has(k))) expected++;
  }
  assert.ok(expected > rules.length, 'some run elsewhere read a changed kind (the configuration document)');
  assert.equal(log.runs, expected, `runs: ${log.runs}`);
  // the documents that ran: the edited one, and those with a run that read a changed kind (the
  // configuration; the Deployments whose hostPath log volumes k8s/hostpath-log-retention checks
  // against the workspace's cleanup DaemonSets)
  const ran = [...readsBefore].filter(([doc, byRule]) => doc === 'app-5' || [...byRule.values()].some((reads) => reads.some((k) => changed.has(k)))).map(([doc]) => doc);
  assert.ok(ran.includes('pipelines'));
  assert.deepEqual([...log.reads.keys()].sort(), ran.sort());
  assert.deepEqual(second.findings, lint(edited, { uri }).findings, 'the same findings as a cold lint');

  // an edit of a comment changes no fact: only the edited document's rules run
  log.runs = 0;
  lint(edited.replace('name: app-7\n', 'name: app-7 # a comment\n'), { uri, store, rules, workspace });
  assert.equal(log.runs, rules.length);
  // the same text again: nothing runs
  log.runs = 0;
  lint(edited.replace('name: app-7\n', 'name: app-7 # a comment\n'), { uri, store, rules, workspace });
  assert.equal(log.runs, 0);
});

test('the store keys documents by content, not by a slice of the file text', () => {
  const store = new DocumentStore();
  const m = store.update(text, 'yaml', uri);
  for (const d of m.docs) assert.ok(d.key.length < 32, 'a short hash');
  // duplicated documents each get their own model (each is moved on its own)
  const d0 = docs[0]!;
  const thrice = store.update([d0, d0, d0].join('---\n'), 'yaml', uri);
  assert.equal(thrice.docs[1]!.key, thrice.docs[2]!.key, 'the same text');
  assert.notEqual(thrice.docs[1], thrice.docs[2], 'but a model of its own each');
  assert.deepEqual(thrice.docs.map((d) => d.doc.start), [0, d0.length, 2 * d0.length + 4]);
  const moved = ['kind: ConfigMap', d0, d0, d0].join('---\n');
  const again = store.update(moved, 'yaml', uri);
  const fresh = new DocumentStore().update(moved, 'yaml', uri);
  assert.deepEqual(again.docs.map((d) => [d.doc.start, d.doc.end, d.objects[0]?.node.start]), fresh.docs.map((d) => [d.doc.start, d.doc.end, d.objects[0]?.node.start]));
});

test('every rule declares its scope, and file/workspace rules their inputs', () => {
  for (const r of allRules) {
    assert.ok(r.scope === 'document' || r.scope === 'file' || r.scope === 'workspace', `${r.id} declares scope`);
    if (r.scope !== 'document') assert.ok(r.inputs && r.inputs.length > 0, `${r.id} declares inputs`);
  }
});

test('a rule that reads workspace facts it did not declare fails loudly (reported as an internal error)', () => {
  const sneaky: Rule = { ...allRules[0]!, id: 'test/sneaky', scope: 'document', inputs: undefined, check: (ctx) => void ctx.workspace.claims() };
  const f = lint(text, { uri, rules: [sneaky] }).findings;
  assert.equal(f.filter((x) => x.ruleId === 'internal/rule-error').length, 1);
  assert.equal(f[0]!.messageId, 'ruleError');
  assert.equal(f[0]!.data?.rule, 'test/sneaky');
  assert.match(String(f[0]!.data?.error), /does not declare/);
});

function randomizedAgainstCold(seed: number, maxFindings?: number, extraPieces: string[] = []): number {
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const pieces = ['x', '\n', '---\n', '  ', ' # c', 'image: nginx:1.2', '/var/log/app-1', ': ', 'logs', '- name: logs\n', '\n---', '"', '', ...extraPieces];
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n';
  const other = 'file:///other.yaml';
  const collector = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        volumeMounts:
        - {name: root, mountPath: /logtail_host, readOnly: true}
      volumes:
      - {name: root, hostPath: {path: /}}
`;
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const cold = new WorkspaceIndex();
  for (const idx of [ws, cold]) idx.updateModel(lint(collector, { uri: other }).model);
  let current = [deployment(1), pipeline, pvc, deployment(2, '\n        imagePullPolicy: Always'), deployment(3)].join('---\n');
  let compared = 0;
  for (let step = 0; step < 300; step++) {
    const docsNow = current.split('\n---\n');
    const op = rnd(12);
    if (op < 6) {
      const at = rnd(current.length + 1);
      const end = Math.min(current.length, at + rnd(4) * rnd(6));
      current = current.slice(0, at) + pieces[rnd(pieces.length)] + current.slice(end);
    } else if (op === 6 && docsNow.length > 1) {
      const [a, b] = [rnd(docsNow.length), rnd(docsNow.length)];
      [docsNow[a], docsNow[b]] = [docsNow[b]!, docsNow[a]!];
      current = docsNow.join('\n---\n');
    } else if (op === 7) {
      docsNow.splice(rnd(docsNow.length + 1), 0, [deployment(rnd(5)), pipeline, pvc][rnd(3)]!);
      current = docsNow.join('\n---\n');
    } else if (op === 8 && docsNow.length > 1) {
      docsNow.splice(rnd(docsNow.length), 1);
      current = docsNow.join('\n---\n');
    } else if (op >= 10) {
      // make or break a document marker by the character after `---` (the split moves, the text before it does not)
      const marks = [...current.matchAll(/^---(.|$)/gm)].map((m) => m.index!);
      const broken = [...current.matchAll(/^---x/gm)].map((m) => m.index!);
      if (op === 10 && marks.length) {
        const at = marks[rnd(marks.length)]! + 3;
        current = current.slice(0, at) + 'x' + current.slice(at);
      } else if (broken.length) {
        const at = broken[rnd(broken.length)]! + 3;
        current = current.slice(0, at) + current.slice(at + 1);
      }
    } else if (op === 9 || (op === 8 && rnd(2) === 0)) {
      // back to a clean file now and then, so that findings (not only syntax errors) are compared
      current = [deployment(rnd(5)), pipeline, deployment(4), pvc].join('---\n');
    }
    const warm = lint(current, { uri, store, workspace: ws, maxFindings });
    ws.updateModel(warm.model);
    assert.deepEqual(warm.parsed.docs.map((d) => [d.start, d.end]), splitYamlDocuments(current).map((b) => [b.start, b.end]));
    const fresh = lint(current, { uri, workspace: cold, maxFindings });
    assert.deepEqual(warm.findings, fresh.findings, `step ${step}: ${JSON.stringify(current)}`);
    if (fresh.findings.some((f) => !f.ruleId.startsWith('syntax/'))) compared++;
  }
  return compared;
}

test('randomized: after any sequence of edits, the incremental lint equals a cold lint of the same text', () => {
  const compared = randomizedAgainstCold(20261203);
  assert.ok(compared > 40, `rule findings were compared (${compared} versions)`);
});

test('randomized: with the findings capped, the incremental lint (only shown findings made absolute) equals a cold lint', () => {
  // the cap keeps the most severe first, then file order: a small cap over documents of mixed
  // severities exercises every branch of the lazy hand-out (lint.ts `handOut`)
  // (with CRLF line ends and suppression comments typed in: the store finds both per document)
  const extra = ['\r\n', '# logtail-lint-disable-next-line\n', '# logtail-lint-disable-file k8s/hostpath-shared-by-pods\n', '\r'];
  for (const [seed, max, more] of [[7, 1, []], [11, 2, extra], [13, 3, []], [17, 5, extra], [19, 0, []], [23, 1000, extra], [29, 4, extra]] as const) {
    const compared = randomizedAgainstCold(seed, max, [...more]);
    assert.ok(compared > 20, `rule findings were compared (${compared} versions, cap ${max})`);
  }
});

test('randomized: markers and line starts patched around an edit equal those of the whole new text', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const alphabet = ['-', '-', '-', '---', '\n', '\r', '\r\n', ' ', '\t', 'a', '#'];
  const gen = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let t = 0; t < 5000; t++) {
    const a = gen(rnd(40));
    const p = rnd(a.length + 1);
    const e = p + rnd(a.length - p + 1);
    const b = a.slice(0, p) + gen(rnd(6)) + a.slice(e);
    const prefix = commonPrefix(a, b);
    const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
    assert.deepEqual(editedMarks(markersIn(a), b, prefix, b.length - suffix, b.length - a.length), markersIn(b), JSON.stringify([a, b]));
    assert.deepEqual(boundsFromMarks(b, markersIn(b)), splitYamlDocuments(b), JSON.stringify(b));
    const patched = LineIndex.edited(new LineIndex(a), b, prefix, suffix);
    const whole = new LineIndex(b);
    assert.equal(patched.lineCount, whole.lineCount, JSON.stringify([a, b]));
    for (let i = 0; i <= b.length; i++) assert.deepEqual(patched.positionAt(i), whole.positionAt(i));
  }
});

test('randomized: the file model\'s facts and fingerprint per kind (documents visited only for the kinds they have) equal a fresh model\'s', () => {
  let seed = 99;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n';
  const cleanup = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cleanup\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n        volumeMounts:\n        - {name: h, mountPath: /h}\n      volumes:\n      - {name: h, hostPath: {path: /var/log}}\n';
  const collector = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: logtail-ds\nspec:\n  template:\n    spec:\n      containers:\n      - name: logtail\n        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun\n';
  const kinds = ['objects', 'workloads', 'configs', 'collectors', 'claims', 'claimTemplates', 'persistentVolumes', 'hostPaths', 'cleanups', 'patches', 'scalers'] as const;
  const store = new DocumentStore();
  let current = [deployment(1), 'kind: ConfigMap\nmetadata:\n  name: empty\n', deployment(2)].join('---\n');
  const seen = new Set<string>();
  for (let step = 0; step < 200; step++) {
    const parts = current.split('---\n');
    const op = rnd(4);
    if (op === 0) parts.splice(rnd(parts.length + 1), 0, [deployment(rnd(9)), pipeline, pvc, cleanup, collector, 'kind: Namespace\n'][rnd(6)]!);
    else if (op === 1 && parts.length > 1) parts.splice(rnd(parts.length), 1);
    else if (op === 2) {
      const k = rnd(parts.length);
      parts[k] = parts[k]!.replace(/name: (\S+)/, (_m, n: string) => `name: ${n}x`);
    } else {
      const k = rnd(parts.length);
      parts[k] = parts[k] + '# c\n';
    }
    current = parts.join('---\n');
    const warm = store.update(current, 'yaml', uri);
    const fresh = new DocumentStore().update(current, 'yaml', uri);
    // one kind asked first (the lazy path), then all
    const first = kinds[rnd(kinds.length)]!;
    assert.equal(warm.fingerprint(first), fresh.fingerprints()[first], `step ${step}: ${first}`);
    for (const k of kinds) {
      assert.equal(warm.fingerprint(k), fresh.fingerprint(k), `step ${step}: ${k}`);
      assert.equal(warm.facts()[k].length, fresh.facts()[k].length, `step ${step}: ${k}`);
      assert.deepEqual(warm.facts()[k].map((x) => JSON.stringify(Object.keys(x))), fresh.facts()[k].map((x) => JSON.stringify(Object.keys(x))));
      if (warm.facts()[k].length) seen.add(k);
    }
    assert.deepEqual(warm.fingerprints(), fresh.fingerprints());
  }
  assert.deepEqual([...seen].sort(), ['claims', 'cleanups', 'collectors', 'configs', 'hostPaths', 'objects', 'workloads'].sort(), 'the kinds compared had facts at some step');
});
