// (4) A settings change takes effect without a reload: logtailLint.rules turns a rule off in the
// workspace settings, the diagnostic goes away; restoring the setting brings it back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bench, closeAll, open, waitFor, waitForDiagnostic, waitForNoDiagnostic, withCode } from './helpers';

const RULE = 'k8s/subpath-expr-undefined-var';

suite('settings', () => {
  suiteTeardown(closeAll);

  test(`logtailLint.rules {"${RULE}": "off"} applies at once, and restoring it brings the error back`, async () => {
    const doc = await open('hostpath/deployment-subpathexpr-no-env.yaml');
    await waitForDiagnostic(doc.uri, RULE);
    const config = vscode.workspace.getConfiguration('logtailLint', doc.uri);
    const before = config.inspect<Record<string, string>>('rules')?.workspaceValue;
    try {
      const t0 = Date.now();
      await config.update('rules', { ...(before ?? {}), [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
      assert.equal(vscode.workspace.getConfiguration('logtailLint', doc.uri).get<Record<string, string>>('rules')?.[RULE], 'off');
      await waitForNoDiagnostic(doc.uri, RULE);
      bench('setting change -> diagnostic removed', Date.now() - t0);
      // the other rules still run
      await waitForDiagnostic(doc.uri, 'k8s/hostpath-log-retention');
    } finally {
      await config.update('rules', before, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostic(doc.uri, RULE);
  });

  test('a severity override changes the severity shown', async () => {
    const doc = await open('hostpath/deployment-subpathexpr-no-env.yaml');
    await waitForDiagnostic(doc.uri, RULE);
    const config = vscode.workspace.getConfiguration('logtailLint', doc.uri);
    const before = config.inspect<Record<string, string>>('rules')?.workspaceValue;
    try {
      await config.update('rules', { ...(before ?? {}), [RULE]: 'information' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(`${RULE} shown as information`, () => (withCode(doc.uri, RULE)[0]?.severity === vscode.DiagnosticSeverity.Information ? true : undefined));
    } finally {
      await config.update('rules', before, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(`${RULE} back to error`, () => (withCode(doc.uri, RULE)[0]?.severity === vscode.DiagnosticSeverity.Error ? true : undefined));
  });
});
