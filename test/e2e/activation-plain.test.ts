// (6) Activation costs nothing for a user who never opens a Kubernetes or Logtail file: in a
// workspace without such files (test/e2e/workspace-plain), the extension activates on a plain
// YAML file; its extension-host cost (loading its code + activate(), which starts the server
// without waiting for it) stays under 200 ms, and it reports nothing on the plain file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bench, closeAll, extension, fixture, poll, SOURCE, waitFor } from './helpers';

/** The extension host's cost of activating logtail-lint, ms (the bar of issue 12). */
const ACTIVATION_BUDGET_MS = 200;

suite('activation in a workspace without Kubernetes or Logtail files', () => {
  suiteTeardown(closeAll);

  test(`activation on a plain YAML file costs under ${ACTIVATION_BUDGET_MS} ms of extension-host time, and the file gets no diagnostic`, async () => {
    const ext = extension() as vscode.Extension<{ activationMs?: number; loadMs?: number; activateMs?: number } | undefined>;
    const doc = await vscode.workspace.openTextDocument(fixture('notes.yaml'));
    await vscode.window.showTextDocument(doc);
    await waitFor('the extension to be active', () => (ext.isActive ? true : undefined));
    const api = await ext.activate();
    const ms = api?.activationMs;
    assert.equal(typeof ms, 'number', 'activate() returns its cost ({ activationMs })');
    bench('activation in a workspace without Kubernetes/Logtail files (code load + activate(), extension host)', ms!);
    bench('…of which loading the bundle (vscode-languageclient included)', api!.loadMs ?? NaN);
    bench('…of which the activate() call (starts the server process, does not wait for it)', api!.activateMs ?? NaN);
    assert.ok(ms! < ACTIVATION_BUDGET_MS, `activation took ${ms} ms (budget ${ACTIVATION_BUDGET_MS} ms)`);
    // the server runs and has nothing to say about a plain file
    const late = await poll(() => (vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === SOURCE) ? true : undefined), 3000);
    assert.equal(late, undefined, 'no logtail-lint diagnostic on a plain YAML file');
  });
});
