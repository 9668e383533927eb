// (2) Diagnostics for the seed's broken examples: rule id (Diagnostic.code), range, severity.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertRange, closeAll, open, waitForDiagnostic } from './helpers';

const S = vscode.DiagnosticSeverity;
const CASES: { file: string; code: string; range: [number, number, number, number]; text: string; severity: vscode.DiagnosticSeverity }[] = [
  { file: 'hostpath/deployment-hostpath-shared.yaml', code: 'k8s/hostpath-shared-by-pods', range: [20, 16, 20, 24], text: 'workdir1', severity: S.Warning },
  { file: 'hostpath/deployment-hostpath-shared.yaml', code: 'k8s/hostpath-log-retention', range: [25, 16, 25, 20], text: '/mnt', severity: S.Hint },
  { file: 'hostpath/deployment-subpathexpr-no-env.yaml', code: 'k8s/subpath-expr-undefined-var', range: [22, 25, 22, 36], text: '$(POD_NAME)', severity: S.Error },
  { file: 'emptydir/pod-emptydir.yaml', code: 'k8s/emptydir-no-size-limit', range: [17, 4, 17, 12], text: 'emptyDir', severity: S.Warning },
];

suite('diagnostics of the broken examples', () => {
  suiteTeardown(closeAll);

  for (const c of CASES) {
    test(`${c.file}: ${c.code}`, async () => {
      const doc = await open(c.file);
      const d = await waitForDiagnostic(doc.uri, c.code);
      assertRange(doc, d, c.range, c.text);
      assert.equal(d.severity, c.severity, `severity of ${c.code}`);
      assert.equal(d.source, 'logtail-lint');
      assert.ok(d.message.length > 20, 'a message that explains the problem');
    });
  }

  test('the error message names the undefined variable', async () => {
    const doc = await open('hostpath/deployment-subpathexpr-no-env.yaml');
    const d = await waitForDiagnostic(doc.uri, 'k8s/subpath-expr-undefined-var');
    assert.match(d.message, /POD_NAME/);
  });
});
