// The document model (server/src/engine/model/document.ts) and the per-document rule cache of
// lint(): an edit in document k re-builds document k's model only, reused documents that moved
// keep exact offsets without being copied, and findings are the same as a cold lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore, lint, WorkspaceIndex, allRules, type Rule } from '../server/src/engine/index';

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

test('document-scope findings are cached with the document; an edit re-runs the rules of that document only', () => {
  let runs = 0;
  const counting: Rule[] = allRules.map((r) => ({ ...r, check: (ctx: Parameters<Rule['check']>[0]) => (runs++, r.check(ctx)) }));
  const store = new DocumentStore();
  const workspace = new WorkspaceIndex();
  const first = lint(text, { uri, store, rules: counting, workspace });
  assert.equal(runs, N * counting.length);
  runs = 0;
  const edited = [...docs.slice(0, 5), deployment(5, '\n        imagePullPolicy: Always'), ...docs.slice(6)].join('---\n');
  const second = lint(edited, { uri, store, rules: counting, workspace });
  const docScoped = counting.filter((r) => (r.scope ?? 'document') === 'document').length;
  // the edited document runs every rule; the others only the file/workspace rules whose inputs
  // changed (the edit changed a workload, so the rules reading workloads run again everywhere)
  const before = first.model.fingerprints();
  const after = second.model.fingerprints();
  const changed = new Set(Object.keys(after).filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after]));
  assert.ok(changed.has('workloads') && !changed.has('claims'), [...changed].join());
  const rerun = counting.filter((r) => r.scope !== 'document' && r.inputs?.some((k) => changed.has(k))).length;
  assert.ok(rerun < counting.length - docScoped + 1);
  assert.equal(runs, counting.length + (N - 1) * rerun, `runs: ${runs}`);
  assert.ok(docScoped > 0);
  assert.equal(second.findings.length, first.findings.length);
  // an edit of a comment changes no fact: only the edited document's rules run
  runs = 0;
  lint(edited.replace('name: app-7\n', 'name: app-7 # a comment\n'), { uri, store, rules: counting, workspace });
  assert.equal(runs, counting.length);
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
  assert.match(f[0]!.message, /does not declare/);
});
