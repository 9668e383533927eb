// (6) Hover over a key of a Logtail config shows the key's description from schemas/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, DEADLINE_MS, extension, open, poll } from './helpers';

type Schema = { definitions: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };

async function legacySchema(): Promise<Schema> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, 'schemas', 'logtail-config.schema.json'));
  return JSON.parse(new TextDecoder().decode(bytes)) as Schema;
}

/** Markdown-insensitive text: no backticks, emphasis or escapes, single spaces. */
function plain(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1').replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(doc: vscode.TextDocument, key: string): Promise<{ text: string; position: vscode.Position }> {
  const offset = doc.getText().indexOf(key);
  assert.ok(offset >= 0, `${key} is in ${doc.uri.path}`);
  const position = doc.positionAt(offset + 2);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  return { text: hoverText(hovers), position };
}

suite('hover', () => {
  suiteTeardown(closeAll);

  const cases = [
    { file: 'logtail/hostpath-mnt.json', key: '"logPath"', description: (s: Schema) => s.definitions.inputDetailFile!.properties!.logPath!.description! },
    { file: 'logtail/hostpath-mnt.json', key: '"configName"', description: (s: Schema) => s.definitions.configName!.description! },
    { file: 'logtail/aliyunlogconfig-mnt.yaml', key: 'logPath:', description: (s: Schema) => s.definitions.inputDetailFile!.properties!.logPath!.description! },
  ];
  for (const c of cases) {
    test(`${c.file}: hover over ${c.key} shows its schema description`, async function () {
      const want = plain(c.description(await legacySchema()));
      assert.ok(want.length > 20, 'the schema describes the key');
      const head = want.slice(0, 40);
      const doc = await open(c.file);
      let seen = '';
      const hit = await poll(async () => {
        const { text } = await hoverAt(doc, c.key);
        if (text.trim()) seen = text;
        return plain(text).includes(head) ? text : undefined;
      }, DEADLINE_MS, 200);
      if (hit) return;
      assert.fail(`hover over ${c.key} does not show "${head}…"; it shows:\n${seen || '(no hover)'}`);
    });
  }
});
