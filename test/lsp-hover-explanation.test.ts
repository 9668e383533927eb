// The long explanation of a finding (its `details`) in the hover of the flagged range, with a
// link to the rule's page — over the protocol, against the bundled server (dist/server.js), in
// the main thread and in the lint worker (large documents). The explanation stays on the server:
// the diagnostics sent to the client do not carry it.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { lint } from '../server/src/engine/index';
import { startSession, type Session } from './helpers/lsp-session';
import { ROOT } from './helpers/fixtures';
import { escapeAngles } from '../server/src/lsp/explain';

const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) await s.close();
});
async function session(locale = 'en', initializationOptions?: unknown) {
  const s = await startSession({ locale, initializationOptions });
  sessions.push(s);
  return s;
}

const FILE = join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml');
const TEXT = readFileSync(FILE, 'utf8');
const RULE = 'k8s/hostpath-shared-by-pods';

function md(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}
/** The explanation the engine gives for the finding (the long text, never shown in the Problems panel). */
function details(text: string, locale: 'en' | 'zh-CN'): string {
  const f = lint(text, { uri: 'file:///w/shared.yaml', locale }).findings.find((x) => x.ruleId === RULE);
  assert.ok(f?.details, `${RULE} has an explanation`);
  return f.details;
}
const inside = (d: Diagnostic): Position => ({ line: d.range.start.line, character: d.range.start.character + 1 });

describe('the explanation of a finding in the hover of its range', () => {
  test('pulled diagnostics: the hover on the flagged range shows the long text and links the rule page; nothing outside', async () => {
    const s = await session();
    const uri = 'file:///w/shared.yaml';
    await s.open(uri, 'yaml', TEXT);
    const diags = await s.pull(uri);
    const d = diags.find((x) => x.code === RULE);
    assert.ok(d, `${RULE} reported`);
    assert.equal((d.data as { details?: string }).details, undefined, 'the long text is not sent with the diagnostic');
    assert.ok(d.message.length < details(TEXT, 'en').length);
    const href = d.codeDescription?.href;
    assert.ok(href && href.endsWith(`/docs/rules/${RULE}.md`), String(href));

    const h = await s.hover(uri, inside(d));
    const value = md(h);
    // `<pod name>` is escaped outside code spans (the renderer would drop it as an HTML tag)
    const expected = escapeAngles(details(TEXT, 'en'));
    assert.match(details(TEXT, 'en'), /<pod name>/);
    assert.ok(value.includes('&lt;pod name&gt;') && value.includes(expected), value);
    assert.ok(value.includes(`](${href})`), 'the rule page is linked');
    assert.ok(value.includes(`[Documentation of ${RULE}]`), value);

    // `apiVersion` on line 3 is no finding's range: no explanation there
    const other = await s.hover(uri, { line: 2, character: 2 });
    assert.ok(!other || !md(other).includes('**logtail-lint**'), other ? md(other) : '');
  });

  test('hover before any diagnostics were pulled, and after an edit: always the current text', async () => {
    const s = await session();
    const uri = 'file:///w/fresh.yaml';
    /** A position inside the range the engine flags for `rule` in `text`. */
    const at = (text: string, rule: string): Position => {
      const f = lint(text, { uri }).findings.find((x) => x.ruleId === rule)!;
      const before = text.slice(0, f.start + 1).split('\n');
      return { line: before.length - 1, character: before[before.length - 1]!.length };
    };
    await s.open(uri, 'yaml', TEXT);
    const spot = at(TEXT, RULE);
    assert.ok(md(await s.hover(uri, spot)).includes(escapeAngles(details(TEXT, 'en'))));

    // a DaemonSet runs one pod per node: the finding is gone, and so is its explanation
    const fixed = TEXT.replace('kind: Deployment', 'kind: DaemonSet').replace('  replicas: 3\n', '');
    assert.ok(!lint(fixed, { uri }).findings.some((f) => f.ruleId === RULE));
    await s.change(uri, fixed, 2);
    const h2 = await s.hover(uri, { line: spot.line - 1, character: spot.character }); // the same volume mount, one line up

    assert.ok(!h2 || !md(h2).includes(RULE), h2 ? md(h2) : '');
    // the DaemonSet's successor on the node takes over its fixed /mnt: no retention hint either, so no hover
    assert.ok(!lint(fixed, { uri }).findings.some((f) => f.ruleId === 'k8s/hostpath-log-retention'));
    const h3 = await s.hover(uri, { line: spot.line, character: spot.character });
    assert.ok(!h3 || !md(h3).includes('**logtail-lint**'), h3 ? md(h3) : '');
  });

  test('Chinese: the explanation and the link label in Chinese', async () => {
    const s = await session('zh-CN');
    const uri = 'file:///w/shared-zh.yaml';
    await s.open(uri, 'yaml', TEXT);
    const d = (await s.pull(uri)).find((x) => x.code === RULE)!;
    const value = md(await s.hover(uri, inside(d)));
    const zh = details(TEXT, 'zh-CN');
    assert.match(zh, /[\u4e00-\u9fff]/);
    assert.ok(value.includes(escapeAngles(zh)), value);
    assert.ok(value.includes(`[${RULE} 的规则说明]`), value);
  });

  test('a large document (linted in the worker thread) has its explanation too', async () => {
    const s = await session();
    const uri = 'file:///w/large.yaml';
    const big = TEXT + '\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(17000);
    assert.ok(big.length > 1024 * 1024);
    await s.open(uri, 'yaml', big);
    const d = (await s.pull(uri)).find((x) => x.code === RULE);
    assert.ok(d);
    assert.equal((d.data as { details?: string }).details, undefined);
    assert.ok(md(await s.hover(uri, inside(d))).includes(escapeAngles(details(TEXT, 'en'))));
  });

  test('initializationOptions.locale (the setting logtailLint.language) wins over the editor\'s display language', async () => {
    const s = await session('en', { locale: 'zh-CN' });
    const uri = 'file:///w/shared-setting.yaml';
    await s.open(uri, 'yaml', TEXT);
    const d = (await s.pull(uri)).find((x) => x.code === RULE)!;
    assert.match(d.message, /[\u4e00-\u9fff]/, d.message);
    assert.ok(md(await s.hover(uri, inside(d))).includes(escapeAngles(details(TEXT, 'zh-CN'))));
  });
});
