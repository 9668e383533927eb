// Shared helpers of the VS Code extension tests. Written against the `vscode` API only, so the
// same bundle runs in desktop VS Code (@vscode/test-electron) and in code-server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'logtail-lint.logtail-lint';
export const SOURCE = 'logtail-lint';
/** Deadline for anything the language server must deliver (diagnostics, code actions). */
export const DEADLINE_MS = 30_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace (test/e2e/workspace) open as a folder');
  return folder.uri;
}

export function fixture(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/** Polls `probe` every `interval` ms until it returns something other than undefined; no fixed sleeps. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = DEADLINE_MS, interval = 50): Promise<T> {
  const r = await poll(probe, timeoutMs, interval);
  if (r === undefined) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  return r;
}

/** Like waitFor, but returns undefined at the deadline instead of failing. */
export async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, interval = 50): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await probe();
    if (r !== undefined) return r;
    if (Date.now() >= end) return undefined;
    await new Promise((res) => setTimeout(res, interval));
  }
}

/** The rule id of a diagnostic: `code` is the id, or `{ value: id, target: docs link }`. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function withCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => codeOf(d) === code);
}

/** Waits until a diagnostic with rule id `code` is shown for `uri`. */
export function waitForDiagnostic(uri: vscode.Uri, code: string, timeoutMs = DEADLINE_MS): Promise<vscode.Diagnostic> {
  return waitFor(`a ${code} diagnostic on ${vscode.workspace.asRelativePath(uri)} (has: ${describe(uri)})`, () => withCode(uri, code)[0], timeoutMs);
}

/** Waits until no diagnostic with rule id `code` is shown for `uri`. */
export function waitForNoDiagnostic(uri: vscode.Uri, code: string, timeoutMs = DEADLINE_MS): Promise<true> {
  return waitFor(`${code} to clear on ${vscode.workspace.asRelativePath(uri)}`, () => (withCode(uri, code).length ? undefined : true), timeoutMs);
}

export function describe(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  return ds.length ? ds.map((d) => `${codeOf(d)}@${fmt(d.range)}`).join(', ') : 'none';
}

export function fmt(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Asserts a diagnostic's range (0-based, end exclusive) and the text it covers. */
export function assertRange(doc: vscode.TextDocument, d: vscode.Diagnostic, range: [number, number, number, number], text: string): void {
  assert.equal(fmt(d.range), `${range[0]}:${range[1]}-${range[2]}:${range[3]}`, `range of ${codeOf(d)}`);
  assert.equal(doc.getText(d.range), text, `text under ${codeOf(d)}`);
}

/** The quick fixes VS Code offers for a diagnostic (through every registered provider). */
export async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  return all.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/** Applies a code action as the lightbulb would: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `code action "${action.title}" has no edit`);
  const ok = await vscode.workspace.applyEdit(action.edit);
  assert.ok(ok, `workspace.applyEdit refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Reverts a document to its saved content (the tests never save). */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${vscode.workspace.asRelativePath(doc.uri)} to be reverted`, () => (doc.isDirty ? undefined : true));
}

/** Closes every editor, discarding unsaved untitled documents (no "Save?" dialog). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled && doc.isDirty) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Timings for bench/RESULTS.md: printed as `BENCH {"name":…,"ms":…}` lines, which
 * scripts/test-editor.mjs collects from the test output.
 */
export function bench(name: string, ms: number, extra: Record<string, unknown> = {}): void {
  console.log(`BENCH ${JSON.stringify({ name, ms: Math.round(ms), ...extra })}`);
}

