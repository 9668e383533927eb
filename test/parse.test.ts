import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, lint } from '../server/src/engine/index';
import { catalogMessage } from '../server/src/engine/catalog';
import { at, getPair, str, type MapNode } from '../server/src/engine/parse/nodes';

const slice = (t: string, n: { start: number; end: number }) => t.slice(n.start, n.end);

test('multi-document YAML: every document, offsets into the whole file', () => {
  const t = '# leading comment\napiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: ConfigMap\n--- # c\nkind: Secret\n';
  const f = parseFile(t, 'yaml');
  assert.equal(f.docs.length, 3);
  assert.deepEqual(f.docs.map((d) => str(at(d.root, 'kind'))), ['Pod', 'ConfigMap', 'Secret']);
  const k = getPair(f.docs[2]!.root, 'kind')!;
  assert.equal(slice(t, k.value), 'Secret');
});

test('CRLF line endings, a BOM, tabs in values and non-ASCII text give exact ranges', () => {
  const t = '\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: "日志-nginx"\r\n  labels:\r\n    note: "a\tb 😀"\r\n    app: web\r\n';
  const f = parseFile(t, 'yaml');
  const name = at(f.docs[0]!.root, 'metadata', 'name')!;
  assert.equal(slice(t, name), '"日志-nginx"');
  const app = at(f.docs[0]!.root, 'metadata', 'labels', 'app')!;
  assert.equal(slice(t, app), 'web');
  const pos = f.lines.positionAt(app.start);
  assert.deepEqual(pos, { line: 6, character: 9 });
  assert.equal(f.lines.offsetAt(pos), app.start);
  // a character after an astral-plane emoji counts 2 UTF-16 units
  const note = at(f.docs[0]!.root, 'metadata', 'labels', 'note')!;
  assert.equal(f.lines.positionAt(note.end).character, 4 + 'note: '.length + '"a\tb 😀"'.length);
});

test('a UTF-8 BOM before JSON is not a syntax error, and offsets stay exact', () => {
  const t = '\uFEFF{\r\n  "configName": "app",\r\n  "inputDetail": {"preserve": false}\r\n}\r\n';
  const res = lint(t, { uri: 'file:///app.json' });
  assert.deepEqual(res.findings.filter((f) => f.ruleId === 'syntax/json').map((f) => f.message), []);
  const name = at(res.parsed.docs[0]!.root, 'configName')!;
  assert.equal(slice(t, name), '"app"');
});

test('strict JSON reports trailing commas and comments; JSONC allows both', () => {
  const t = '{\n  "a": 1, // note\n  "b": [1, 2,],\n}\n';
  const strict = lint(t, { uri: 'file:///x.json' }).findings.filter((f) => f.ruleId === 'syntax/json');
  const msgs = strict.map((f) => f.messageId);
  assert.ok(msgs.includes('InvalidCommentToken'), msgs.join('; '));
  assert.ok(msgs.includes('TrailingComma'));
  const zhComma = lint(t, { uri: 'file:///x.json', locale: 'zh-CN' }).findings.find((f) => f.messageId === 'TrailingComma')!;
  assert.equal(zhComma.message, catalogMessage('zh-CN', 'syntax', 'TrailingComma'), 'parser messages are translated');
  const comma = strict.find((f) => f.messageId === 'TrailingComma')!;
  assert.equal(comma.message, catalogMessage('en', 'syntax', 'TrailingComma'));
  assert.equal(t.slice(comma.start, comma.end), ',');
  assert.deepEqual(lint(t, { uri: 'file:///x.jsonc' }).findings.filter((f) => f.ruleId === 'syntax/json'), []);
  assert.deepEqual(lint(t, { uri: 'file:///p/tsconfig.json' }).findings.filter((f) => f.ruleId === 'syntax/json'), [], 'tsconfig.json is JSONC');
});

test('JSON nodes carry offsets of keys and values', () => {
  const t = '{"inputDetail": {"logPath": "/mnt/"}}';
  const f = parseFile(t, 'json');
  const p = at(f.docs[0]!.root, 'inputDetail', 'logPath')!;
  assert.equal(slice(t, p), '"/mnt/"');
  assert.equal(str(p), '/mnt/');
  const key = getPair(at(f.docs[0]!.root, 'inputDetail') as MapNode, 'logPath')!.key;
  assert.equal(slice(t, key), '"logPath"');
});

test('YAML syntax errors become syntax/yaml diagnostics with a range inside the document', () => {
  const t = 'apiVersion: v1\nkind: Pod\n---\nmetadata:\n  name: [unclosed\n';
  const r = lint(t, { uri: 'file:///x.yaml' });
  const errs = r.findings.filter((f) => f.ruleId === 'syntax/yaml');
  assert.ok(errs.length >= 1);
  for (const e of errs) assert.ok(e.start >= t.indexOf('---') && e.end <= t.length);
});

test('templated documents ({{ }}) are not linted and give no syntax errors', () => {
  const t = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  {{- if .Values.x }}\n  replicas: 3\n  {{- end }}\n';
  assert.deepEqual(lint(t, { uri: 'file:///templates/d.yaml' }).findings, []);
});

test('binary and over-size files give one clear information finding', () => {
  const bin = lint('a: 1\u0000\u0001', { uri: 'file:///x.yaml' }).findings;
  assert.equal(bin.length, 1);
  assert.equal(bin[0]!.ruleId, 'internal/not-linted');
  assert.equal(bin[0]!.messageId, 'binary');
  const big = lint('a: 1\n'.repeat(100), { uri: 'file:///x.yaml', settings: { maxFileSize: 100 } }).findings;
  assert.equal(big[0]!.ruleId, 'internal/not-linted');
  assert.deepEqual([big[0]!.messageId, big[0]!.data?.max], ['tooLarge', 100]);
});

test('an empty file and a comment-only file give nothing', () => {
  assert.deepEqual(lint('', { uri: 'file:///x.yaml' }).findings, []);
  assert.deepEqual(lint('# only a comment\n', { uri: 'file:///x.yaml' }).findings, []);
  assert.deepEqual(lint('', { uri: 'file:///x.json' }).findings, []);
});

test('an alias without its anchor is a syntax error on the alias (kubectl rejects it too)', () => {
  const t = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  user: &u admin\n  db: *db\n  again: *u\n';
  const errs = lint(t, { uri: 'file:///x.yaml' }).findings.filter((f) => f.ruleId === 'syntax/yaml');
  assert.equal(errs.length, 1);
  assert.equal(t.slice(errs[0]!.start, errs[0]!.end), '*db');
  assert.equal(errs[0]!.messageId, 'BAD_ALIAS');
});

// A hang here would be a denial of service in the editor; the timeout only turns a hang into a failure.
test('hostile input gives a clear diagnostic: billion laughs, absurd nesting (YAML and JSON)', { timeout: 60000 }, () => {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat('bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`))
    .join('\n');
  const l = lint(laughs, { uri: 'file:///laughs.yaml' }).findings;
  assert.ok(l.some((f) => f.ruleId === 'syntax/yaml' && /Too many alias expansions/.test(f.message)), JSON.stringify(l));
  const deepYaml = 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n';
  assert.deepEqual(lint(deepYaml, { uri: 'file:///deep.yaml' }).findings.map((f) => f.messageId), ['TOO_DEEP']);
  const deepJson = '['.repeat(50000) + ']'.repeat(50000);
  assert.deepEqual(lint(deepJson, { uri: 'file:///deep.json' }).findings.map((f) => [f.messageId, f.message]), [['TOO_DEEP', 'Nesting too deep to parse.']]);
  // ordinary anchors and aliases still expand
  const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: &n x\ndata:\n  copy: *n\n  meta: |\n    see metadata\nbinaryData: {}\n';
  assert.deepEqual(lint(ok, { uri: 'file:///ok.yaml' }).findings, []);
});
