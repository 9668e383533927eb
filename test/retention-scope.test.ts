// k8s/hostpath-log-retention reads the workspace (is the directory cleaned up by a DaemonSet?),
// and only what decides that: the cleanup DaemonSets' hostPath volumes (`Facts.cleanups`). An edit
// of any other workload must not re-run it in the other documents (a keystroke in a file of 500
// Deployments re-ran it 500 times); an edit that adds, removes or changes a cleanup DaemonSet must
// change the other documents' findings. Runs are counted, findings compared with a cold lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore, lint, WorkspaceIndex, allRules, type Rule } from '../server/src/engine/index';

const RULE = 'k8s/hostpath-log-retention';

function deployment(i: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
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

/** A DaemonSet with a writable hostPath mount of `path`; `mount` adds to the mount (readOnly, subPath: then it is no cleanup). */
function daemonSet(name: string, path: string, mount = '', image = 'busybox:1.36'): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
      - name: main
        image: ${image}
        volumeMounts:
        - name: host
          mountPath: /host${mount}
      volumes:
      - name: host
        hostPath:
          path: ${path}
`;
}

const N = 20;
const uri = 'file:///apps.yaml';
const otherUri = 'file:///other.yaml';

/** Every rule; the runs of k8s/hostpath-log-retention counted per document (by its object's name). */
function counted() {
  const runs = new Map<string, number>();
  const rules: Rule[] = allRules.map((r) =>
    r.id !== RULE
      ? r
      : {
          ...r,
          check: (ctx: Parameters<Rule['check']>[0]) => {
            const doc = ctx.objects[0]?.name ?? '?';
            runs.set(doc, (runs.get(doc) ?? 0) + 1);
            r.check(ctx);
          },
        },
  );
  const total = () => [...runs.values()].reduce((a, b) => a + b, 0);
  return { runs, rules, total };
}

const retained = (findings: { ruleId: string }[]) => findings.filter((f) => f.ruleId === RULE).length;

test('an edit of a workload that is not a cleanup DaemonSet re-runs k8s/hostpath-log-retention in the edited document only', () => {
  const { runs, rules, total } = counted();
  const store = new DocumentStore();
  const workspace = new WorkspaceIndex();
  const apps = Array.from({ length: N }, (_, i) => deployment(i));
  // DaemonSets that are no cleanup: a read-only mount, a mount of a subPath, the node's root
  const others = [daemonSet('reader', '/var/log', '\n          readOnly: true'), daemonSet('sub', '/var/log', '\n          subPath: x'), daemonSet('root', '/')];
  const version = (list: string[]) => [...list, ...others].join('---\n');
  let text = version(apps);
  const first = lint(text, { uri, store, rules, workspace });
  workspace.updateModel(first.model);
  assert.equal(total(), N + others.length, 'the first lint runs the rule once per document');
  assert.equal(retained(first.findings), N, 'every Deployment writes logs to a hostPath nothing cleans up');

  // a Deployment changed (its hostPath volume too), then another renamed: the file's hostPath volumes change, its cleanups do not
  const edit1 = apps.map((a, i) => (i === 5 ? deployment(5, '\n        imagePullPolicy: Always').replace('/var/log/app-5', '/var/log/app-55') : a));
  const edits = [edit1, edit1.map((a, i) => (i === 12 ? a.replace('name: app-12', 'name: app-12b') : a))];
  for (const list of edits) {
    const before = first.model.fingerprints();
    runs.clear();
    text = version(list);
    const r = lint(text, { uri, store, rules, workspace });
    assert.notEqual(r.model.fingerprint('hostPaths'), before.hostPaths, 'the edit changed the hostPath volumes of the file');
    assert.equal(r.model.fingerprint('cleanups'), before.cleanups);
    assert.equal(total(), 1, `the rule ran in the edited document only: ${JSON.stringify([...runs])}`);
    assert.deepEqual(r.findings, lint(text, { uri, workspace: new WorkspaceIndex() }).findings, 'the same findings as a cold lint');
    workspace.updateModel(r.model);
  }
  // a DaemonSet that stays no cleanup (read-only) edited: the same
  runs.clear();
  const readerEdited = [...edits[1]!, daemonSet('reader', '/var/log', '\n          readOnly: true', 'busybox:1.37'), ...others.slice(1)].join('---\n');
  lint(readerEdited, { uri, store, rules, workspace });
  assert.equal(total(), 1, `${JSON.stringify([...runs])}`);
});

test('an edit that adds, changes or removes a cleanup DaemonSet changes the findings of the other documents (same file and another file)', () => {
  const { runs, rules, total } = counted();
  const store = new DocumentStore();
  const workspace = new WorkspaceIndex();
  const apps = Array.from({ length: N }, (_, i) => deployment(i));
  const cold = (t: string, ws = new WorkspaceIndex()) => lint(t, { uri, workspace: ws }).findings;
  const step = (t: string, expected: number, ranAt: number) => {
    runs.clear();
    const r = lint(t, { uri, store, rules, workspace });
    workspace.updateModel(r.model);
    assert.equal(retained(r.findings), expected, t.slice(-300));
    assert.ok(total() >= ranAt, `the rule ran again in the other documents (${total()})`);
    return r;
  };
  const cold0 = cold(apps.join('---\n'));
  step(apps.join('---\n'), N, N);
  // the same file gets a cleanup DaemonSet of /var/log (a parent of every app's directory): every document's finding goes
  const withCleanup = [...apps, daemonSet('log-cleanup', '/var/log')].join('---\n');
  let r = step(withCleanup, 0, N + 1);
  assert.deepEqual(r.findings, cold(withCleanup));
  // its mount made read-only: no cleanup any more, the findings come back
  const readOnly = [...apps, daemonSet('log-cleanup', '/var/log', '\n          readOnly: true')].join('---\n');
  r = step(readOnly, N, N + 1);
  assert.deepEqual(r.findings, cold(readOnly));
  // a cleanup of one app's directory only: that app's finding goes
  const one = [...apps, daemonSet('log-cleanup', '/var/log/app-3')].join('---\n');
  r = step(one, N - 1, N + 1);
  assert.deepEqual(r.findings, cold(one));
  // removed: back to the first findings
  r = step(apps.join('---\n'), N, N);
  assert.deepEqual(r.findings, cold0);

  // in another file of the workspace
  const other = (t: string) => workspace.updateModel(lint(t, { uri: otherUri }).model);
  const coldWith = (t: string) => {
    const ws = new WorkspaceIndex();
    ws.updateModel(lint(t, { uri: otherUri }).model);
    return cold(apps.join('---\n'), ws);
  };
  const cleanupThere = [deployment(100), daemonSet('log-cleanup', '/var/log')].join('---\n');
  other(cleanupThere);
  r = step(apps.join('---\n'), 0, N);
  assert.deepEqual(r.findings, coldWith(cleanupThere));
  const reads = r.workspaceReads;
  const fingerprints = () => reads.map((k) => workspace.fingerprint(k, uri));
  const was = fingerprints();
  // an ordinary Deployment of the other file edited: nothing this file's rules read changed (the
  // server re-validates nothing) and the rule runs nowhere
  const editedThere = [deployment(100, '\n        imagePullPolicy: Always'), daemonSet('log-cleanup', '/var/log')].join('---\n');
  other(editedThere);
  assert.deepEqual(fingerprints(), was, `kinds read: ${reads.join()}`);
  runs.clear();
  r = lint(apps.join('---\n'), { uri, store, rules, workspace });
  assert.equal(total(), 0);
  assert.deepEqual(r.findings, coldWith(editedThere));
  // the other file's cleanup moved to another directory: the findings come back
  const moved = [deployment(100, '\n        imagePullPolicy: Always'), daemonSet('log-cleanup', '/srv/cache')].join('---\n');
  other(moved);
  assert.notDeepEqual(fingerprints(), was);
  r = step(apps.join('---\n'), N, N);
  assert.deepEqual(r.findings, coldWith(moved));
});
