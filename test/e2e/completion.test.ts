// (5) Snippet completion: VS Code offers the k8s-… snippets that package.json contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, extension } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function textOf(insert: vscode.CompletionItem['insertText']): string {
  return typeof insert === 'string' ? insert : insert?.value ?? '';
}

async function contributedPrefixes(file: string): Promise<Map<string, string[]>> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, file));
  const snippets = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, { prefix: string | string[]; body: string[] }>;
  const out = new Map<string, string[]>();
  for (const s of Object.values(snippets)) for (const p of [s.prefix].flat()) out.set(p, s.body);
  return out;
}

suite('snippet completion', () => {
  suiteTeardown(closeAll);

  test('offers every k8s-… snippet in a YAML file', async () => {
    const expected = [...(await contributedPrefixes('snippets/yaml.code-snippets.json')).keys()].filter((p) => p.startsWith('k8s-'));
    assert.ok(expected.length >= 10, `package.json contributes k8s- snippets (found ${expected.length})`);
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'k8s-' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 4));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
    const offered = new Set(snippets.map(labelOf));
    const missing = expected.filter((p) => !offered.has(p));
    assert.deepEqual(missing, [], `snippets offered: ${[...offered].join(', ') || 'none'}`);
    const hostpath = snippets.find((i) => labelOf(i) === 'k8s-deployment-hostpath-logs');
    assert.ok(hostpath, 'k8s-deployment-hostpath-logs is offered');
    // snippet syntax escapes the literal `$` of $(POD_NAME) as `\$`
    assert.match(textOf(hostpath.insertText), /subPathExpr: \\?\$\(POD_NAME\)/, `the hostPath snippet isolates pods with subPathExpr:\n${textOf(hostpath.insertText)}`);
  });

  test('offers no k8s-… snippet in a JSON file (they are YAML snippets)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
    const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.ok(labels.some((l) => l.startsWith('logtail-config-')), `JSON snippets are offered (got: ${labels.join(', ') || 'none'})`);
    assert.ok(!labels.some((l) => l.startsWith('k8s-')), 'no YAML snippet in JSON');
  });
});
