// (3) Quick fixes through VS Code's own code-action machinery: vscode.executeCodeActionProvider,
// then workspace.applyEdit; the document changes as expected and the diagnostic clears.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, closeAll, DEADLINE_MS, open, poll, quickFixes, revert, waitFor, waitForDiagnostic, waitForNoDiagnostic, withCode } from './helpers';

const ISOLATED = `# Three replicas write the node directory /mnt: two pods on one node write the same files.
# Quick fix "Isolate per pod with subPathExpr" turns this into deployment-subpathexpr.yaml.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: workdir1
          mountPath: /logs
          subPathExpr: $(POD_NAME)
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt
          type: DirectoryOrCreate
`;

async function fixByTitle(doc: vscode.TextDocument, d: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await waitFor(`the quick fix "${title}"`, async () => {
    const all = await quickFixes(doc.uri, d);
    return all.some((a) => a.title === title) ? all : undefined;
  });
  const action = actions.find((a) => a.title === title)!;
  assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), `"${title}" is a quickfix`);
  // (vscode.executeCodeActionProvider does not return CodeAction.diagnostics, so the link to the
  // diagnostic is checked by asking for the actions of exactly its range)
  await applyAction(action);
}

suite('quick fixes', () => {
  teardown(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.scheme === 'file') await revert(doc);
    await closeAll();
  });

  test('"Isolate per pod with subPathExpr" rewrites the Deployment and the warning clears', async () => {
    const doc = await open('hostpath/deployment-hostpath-shared.yaml');
    const d = await waitForDiagnostic(doc.uri, 'k8s/hostpath-shared-by-pods');
    await fixByTitle(doc, d, 'Isolate per pod with subPathExpr');
    assert.equal(doc.getText().replace(/\r\n/g, '\n'), ISOLATED);
    await waitForNoDiagnostic(doc.uri, 'k8s/hostpath-shared-by-pods');
    // the result is the correct pattern of examples/hostpath/deployment-subpathexpr.yaml: no new problem
    assert.equal(withCode(doc.uri, 'k8s/subpath-expr-undefined-var').length, 0);
    assert.equal(withCode(doc.uri, 'k8s/hostpath-expr-type').length, 0);
  });

  for (const c of [
    { file: 'logtail/hostpath-mnt.json', kind: 'legacy JSON config', before: '"/mnt/"', after: '"/logtail_host/mnt/"', read: (t: string) => JSON.parse(t).inputDetail.logPath },
    { file: 'logtail/aliyunlogconfig-mnt.yaml', kind: 'AliyunLogConfig', before: '/mnt/', after: '/logtail_host/mnt/', read: (t: string) => /^\s*logPath:\s*(\S+)\s*$/m.exec(t)?.[1] },
  ]) {
    test(`"Prefix with /logtail_host" on the logPath of a ${c.kind} next to a hostPath /mnt Deployment`, async function () {
      const doc = await open(c.file);
      const d = await poll(() => withCode(doc.uri, 'logtail/host-path-without-prefix')[0], DEADLINE_MS);
      assert.ok(d, 'a logtail/host-path-without-prefix diagnostic on the logPath');
      assert.equal(doc.getText(d.range), c.before, 'the diagnostic covers the logPath value');
      await fixByTitle(doc, d, 'Prefix with /logtail_host');
      assert.equal(c.read(doc.getText()), '/logtail_host/mnt/');
      assert.ok(doc.getText().includes(c.after));
      await waitForNoDiagnostic(doc.uri, 'logtail/host-path-without-prefix');
    });
  }
});
