// (1) A JSON Logtail config, the first document of this VS Code session, gets the extension
// active and diagnosed (yaml-first.ts is the session that starts with YAML).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertRange, bench, closeAll, extension, open, waitFor, waitForDiagnostic } from './helpers';

suite('activation (JSON first)', () => {
  suiteTeardown(closeAll);

  test('is active once a JSON Logtail config is opened, and diagnoses it', async () => {
    const ext = extension();
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes('onLanguage:json'), `activationEvents declare onLanguage:json (${events.join(', ')})`);
    // (the workbench itself may have the user settings.json open: a jsonc document outside the workspace)
    const openFiles = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => `${d.uri.fsPath} (${d.languageId})`);
    console.log(`      documents open before the test opens one: ${openFiles.join(', ') || 'none'}`);
    assert.ok(!vscode.workspace.textDocuments.some((d) => vscode.workspace.getWorkspaceFolder(d.uri)), 'no workspace file is open yet');
    const activeAtStart = ext.isActive;
    console.log(`      extension active before the first file was opened: ${activeAtStart}`);

    const t0 = Date.now();
    const config = await open('logtail/invalid-config.json');
    assert.equal(config.languageId, 'json');
    await waitFor('the extension to be active', () => (ext.isActive ? true : undefined));
    await ext.activate();
    const tReady = Date.now();
    const d = await waitForDiagnostic(config.uri, 'logtail/schema');
    bench('small JSON config open -> activate() resolved', tReady - t0, { activeAtStart });
    bench('small JSON config open -> first diagnostic', Date.now() - t0);
    assertRange(config, d, [4, 15, 4, 33], '"common_regex_log"');
    assert.match(d.message, /common_reg_log/, 'the message lists the valid logType values');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'logtail-lint');
  });
});
