// (1) A YAML file, the first document of this VS Code session, gets the extension active and
// diagnosed; and the cold-start cost (opening a small file -> first diagnostic).
//
// Note: VS Code's workbench opens JSON/JSONC models of its own (settings) at startup, which
// fires onLanguage:json/jsonc, so with the current activationEvents the extension may already
// be activating before any file is opened; scripts/test-editor.mjs reads the activation event
// and its time from the extension host log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertRange, bench, closeAll, extension, fixture, waitFor, waitForDiagnostic } from './helpers';

suite('activation (YAML first)', () => {
  suiteTeardown(closeAll);

  test('is active once a YAML file is opened, and diagnoses it', async () => {
    const ext = extension();
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes('onLanguage:yaml'), `activationEvents declare onLanguage:yaml (${events.join(', ')})`);
    // (the workbench itself may have the user settings.json open: a jsonc document outside the workspace)
    const openFiles = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => `${d.uri.fsPath} (${d.languageId})`);
    console.log(`      documents open before the test opens one: ${openFiles.join(', ') || 'none'}`);
    assert.ok(!vscode.workspace.textDocuments.some((d) => vscode.workspace.getWorkspaceFolder(d.uri)), 'no workspace file is open yet');
    const activeAtStart = ext.isActive;
    console.log(`      extension active before the first file was opened: ${activeAtStart}`);

    const t0 = Date.now();
    const doc = await vscode.workspace.openTextDocument(fixture('hostpath/deployment-subpathexpr-no-env.yaml'));
    await vscode.window.showTextDocument(doc);
    const tShown = Date.now();
    assert.equal(doc.languageId, 'yaml');
    await waitFor('the extension to be active', () => (ext.isActive ? true : undefined));
    const tActive = Date.now();
    await ext.activate(); // resolves once activate() has returned: the language client is started
    const d = await waitForDiagnostic(doc.uri, 'k8s/subpath-expr-undefined-var');
    const tDiag = Date.now();
    assertRange(doc, d, [22, 25, 22, 36], '$(POD_NAME)');
    const state = activeAtStart ? 'extension already active' : 'extension not yet active';
    bench(`first small YAML: openTextDocument + showTextDocument (${state})`, tShown - t0, { at: t0 });
    if (!activeAtStart) bench('first small YAML open -> extension active (extension not yet active)', tActive - t0);
    bench(`first small YAML open -> first diagnostic (${state})`, tDiag - t0, { firstDiagnosticAt: tDiag });

    // warm: the server is up, another small file
    const t1 = Date.now();
    const other = await vscode.workspace.openTextDocument(fixture('hostpath/deployment-hostpath-shared.yaml'));
    await vscode.window.showTextDocument(other);
    const tShown2 = Date.now();
    await waitForDiagnostic(other.uri, 'k8s/hostpath-shared-by-pods');
    bench('second small YAML: openTextDocument + showTextDocument', tShown2 - t1);
    bench('second small YAML open -> first diagnostic', Date.now() - t1);
  });
});
