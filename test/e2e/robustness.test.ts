// (7) A file with broken YAML and a 5 MB file do not break the extension for the other open files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bench, closeAll, fixture, open, revert, waitFor, waitForDiagnostic, withCode } from './helpers';

const BIG_TIMEOUT_MS = 150_000;

/** A rendered-chart-like manifest stream of at least `minBytes`: Deployments (correct emptyDir
 *  pattern), Services and ConfigMaps, with one broken Deployment at the very end. */
export function bigManifest(minBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < minBytes; i++) {
    const doc = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: registry.example.com/app-${i}:1.${i}.0
        ports:
        - containerPort: 8080
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
      volumes:
      - name: logs
        emptyDir:
          sizeLimit: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${i}-config
data:
  application.properties: |
${Array.from({ length: 12 }, (_, k) => `    app.setting.${k}=value-${i}-${k}-${'x'.repeat(40)}`).join('\n')}
`;
    parts.push(doc);
    size += doc.length;
  }
  parts.push(`---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: last
spec:
  replicas: 3
  selector:
    matchLabels:
      app: last
  template:
    metadata:
      labels:
        app: last
    spec:
      containers:
      - name: last
        image: nginx:1.27
        volumeMounts:
        - name: workdir1
          mountPath: /logs
          subPathExpr: $(POD_NAME)
      volumes:
      - name: workdir1
        hostPath:
          path: /var/log/last
          type: DirectoryOrCreate
`);
  return parts.join('');
}

/** Renames the variable of the `subPathExpr:` line (not the one in the file's comment). */
async function renameVar(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const needle = `subPathExpr: $(${from})`;
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${doc.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length)), `subPathExpr: $(${to})`);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('robustness: broken YAML and a 5 MB file', function () {
  this.timeout(4 * BIG_TIMEOUT_MS);
  const bigUri = () => fixture('large/big-manifests.yaml');

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.scheme === 'file') await revert(doc);
    await closeAll();
    await vscode.workspace.fs.delete(bigUri(), { useTrash: false }).then(undefined, () => undefined);
  });

  test('broken YAML gets a syntax error and the other open files keep their diagnostics', async () => {
    const good = await open('hostpath/deployment-subpathexpr-no-env.yaml');
    await waitForDiagnostic(good.uri, 'k8s/subpath-expr-undefined-var');
    const broken = await open('broken/broken.yaml');
    const d = await waitForDiagnostic(broken.uri, 'syntax/yaml');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    // typing into the broken file (still broken) does not disturb the server
    const edit = new vscode.WorkspaceEdit();
    edit.insert(broken.uri, new vscode.Position(broken.lineCount - 1, 0), '  - ]]] {{\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostic(broken.uri, 'syntax/yaml');
    // another file opened afterwards is diagnosed normally
    const other = await open('emptydir/pod-emptydir.yaml');
    await waitForDiagnostic(other.uri, 'k8s/emptydir-no-size-limit');
    assert.equal(withCode(good.uri, 'k8s/subpath-expr-undefined-var').length, 1);
  });

  test('a 5 MB file is linted and the other open files stay responsive', async () => {
    const text = bigManifest(5 * 1024 * 1024);
    await vscode.workspace.fs.writeFile(bigUri(), new TextEncoder().encode(text));
    const small = await open('hostpath/deployment-subpathexpr-no-env.yaml');
    await waitForDiagnostic(small.uri, 'k8s/subpath-expr-undefined-var');

    const t0 = Date.now();
    const big = await vscode.workspace.openTextDocument(bigUri());
    await vscode.window.showTextDocument(big, { preview: false });
    assert.ok(big.getText().length >= 5 * 1024 * 1024, '5 MB in the editor');
    const tOpened = Date.now();

    // right away, while the server works on the big file: edit the small one, which must update
    const t1 = Date.now();
    await vscode.window.showTextDocument(small, { preview: false });
    await renameVar(small, 'POD_NAME', 'POD_ID');
    await waitFor('the small file to be re-diagnosed ($(POD_ID)) while the 5 MB file is open', () =>
      withCode(small.uri, 'k8s/subpath-expr-undefined-var').find((d) => /POD_ID/.test(d.message)), BIG_TIMEOUT_MS);
    const tSmall = Date.now();

    const d = await waitFor('the broken Deployment at the end of the 5 MB file to be reported', () =>
      withCode(big.uri, 'k8s/subpath-expr-undefined-var')[0], BIG_TIMEOUT_MS);
    const tBig = Date.now();
    assert.equal(d.range.start.line, big.lineCount - 7, 'the diagnostic is on the last Deployment, near the end of the file');
    assert.equal(big.getText(d.range), '$(POD_NAME)');
    bench('5 MB YAML: openTextDocument + showTextDocument', tOpened - t0, { bytes: text.length, lines: big.lineCount });
    bench('5 MB YAML open: edit in a small file -> its new diagnostic', tSmall - t1);
    bench('5 MB YAML: open -> its diagnostic', tBig - t0, { diagnostics: vscode.languages.getDiagnostics(big.uri).length });

    // steady state, the big file linted and still open: another edit in the small file
    const t3 = Date.now();
    await renameVar(small, 'POD_ID', 'POD_NAME');
    await waitFor('the small file to be re-diagnosed ($(POD_NAME)) with the 5 MB file open', () =>
      withCode(small.uri, 'k8s/subpath-expr-undefined-var').find((d) => /POD_NAME/.test(d.message)), BIG_TIMEOUT_MS);
    bench('5 MB YAML open (linted): edit in a small file -> its new diagnostic', Date.now() - t3);

    // with the big file still open, a new small file is diagnosed
    const t2 = Date.now();
    const fresh = await vscode.workspace.openTextDocument({ language: 'yaml', content: new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('hostpath/deployment-hostpath-shared.yaml'))) });
    await vscode.window.showTextDocument(fresh);
    await waitForDiagnostic(fresh.uri, 'k8s/hostpath-shared-by-pods', BIG_TIMEOUT_MS);
    bench('5 MB YAML open: new small untitled file -> first diagnostic', Date.now() - t2);
  });
});
