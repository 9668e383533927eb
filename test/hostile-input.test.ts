// Hostile input at the parse layer (issue 15): each test builds its input. Inputs that made the
// old code hang (exponential or quadratic work) run in a bounded child process
// (helpers/bounded.ts): a hang fails the test instead of stalling the suite; no timing is asserted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { catalogMessage } from '../server/src/engine/catalog';
import { lint, parseFile, ExpansionBudget, ALIAS_LIMITS, DocumentStore, MAX_FINDINGS, TRUNCATED_RULE, SYNTAX_RULE, type Finding } from '../server/src/engine/index';
import type { Node } from '../server/src/engine/parse/nodes';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli';
import { assertSaid } from './helpers/said';
import { startSession } from './helpers/lsp-session';
import { splitYamlDocuments } from '../server/src/engine/parse/index';
import { maskTemplate } from '../server/src/engine/parse/template';
import { at, str } from '../server/src/engine/parse/nodes';
import { runBounded } from './helpers/bounded';

const Y = 'file:///x.yaml';
const J = 'file:///x.json';
const syntax = (fs: Finding[]) => fs.filter((f) => f.ruleId === SYNTAX_RULE.yaml || f.ruleId === SYNTAX_RULE.json);

describe('document splitting: linear, exact', () => {
  test('blank lines and comments before the first --- belong to the first document', () => {
    const t = '\n'.repeat(40) + '# c\n' + '\n'.repeat(40) + '---\napiVersion: v1\nkind: ConfigMap\n---\nkind: Secret\n';
    assert.deepEqual(splitYamlDocuments(t), [
      { start: 0, end: t.lastIndexOf('---') },
      { start: t.lastIndexOf('---'), end: t.length },
    ]);
    assert.equal(splitYamlDocuments('  # c\n%YAML 1.2\n---\na: 1\n').length, 1, 'comments and directives are a preamble');
    assert.equal(splitYamlDocuments('a\n---\nb').length, 2);
    assert.equal(splitYamlDocuments('a: "x\u2028--- y"\nb: 1\n').length, 1, 'U+2028 is not a YAML line break');
  });

  test('30 and thousands of blank lines before a document that is not a preamble (the old regex was exponential)', () => {
    // the old preamble regex backtracked 4x per two more lines on a near miss: 40 lines never finish
    const out = runBounded(`
      for (const n of [30, 40, 5000]) for (const blank of ['\\n', ' \\n', '\\r\\n']) {
        const t = blank.repeat(n) + 'x\\n---\\na: 1\\n';
        const d = parse.splitYamlDocuments(t);
        console.log(JSON.stringify([n, d.length, d[0].end === t.indexOf('---')]));
      }
      const many = '\\n'.repeat(100000) + '---\\na: 1\\n';
      console.log(JSON.stringify(['many', parse.splitYamlDocuments(many).length]));
    `);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 10);
    for (const l of lines.slice(0, 9)) assert.deepEqual(l.slice(1), [2, true], JSON.stringify(l));
    assert.deepEqual(lines[9], ['many', 1]);
  });
});

describe('line endings', () => {
  test('CR-only line endings: no false syntax error, same findings at the same offsets, exact positions', () => {
    const lf = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n    volumeMounts:\n    - name: missing\n      mountPath: /var/log\n---\nkind: ConfigMap\n';
    const cr = lf.replace(/\n/g, '\r');
    const a = lint(lf, { uri: Y }).findings;
    const b = lint(cr, { uri: Y }).findings;
    assert.deepEqual(syntax(b), []);
    assert.ok(a.length > 0);
    assert.deepEqual(b.map((f) => [f.ruleId, f.start, f.end]), a.map((f) => [f.ruleId, f.start, f.end]));
    const p = parseFile(cr, 'yaml');
    assert.equal(p.docs.length, 2);
    assert.deepEqual(p.lines.positionAt(cr.indexOf('missing')), { line: 9, character: 12 });
    // a CR inside a quoted scalar is a line break there too (folded to a space), as in LF files
    assert.equal(str(at(parseFile('a: "x\ry"\r', 'yaml').docs[0]!.root, 'a')), str(at(parseFile('a: "x\ny"\n', 'yaml').docs[0]!.root, 'a')));
  });
});

describe('duplicate keys: linear check, same diagnostics', () => {
  test('duplicates are reported once each, at the repeated key, in YAML block and flow maps', () => {
    const t = 'a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\n"b": 4\n';
    const errs = parseFile(t, 'yaml').docs[0]!.errors;
    assert.deepEqual(errs.map((e) => [e.code, t.slice(e.start, e.end), e.start]), [
      ['DUPLICATE_KEY', 'a', t.indexOf('a: 3')],
      ['DUPLICATE_KEY', 'x', t.indexOf('x: 2')],
      ['DUPLICATE_KEY', '"b"', t.indexOf('"b"')],
    ]);
    const f = lint(t, { uri: Y, locale: 'zh-CN' }).findings;
    assert.deepEqual(f.map((x) => [x.ruleId, x.messageId]), Array(3).fill([SYNTAX_RULE.yaml, 'DUPLICATE_KEY']));
    assert.match(f[0]!.message, /重复的键/);
    assert.deepEqual(parseFile('a: 1\nb: {a: 1}\n', 'yaml').docs[0]!.errors, [], 'equal keys in different maps are no duplicates');
  });

  test('a mapping with 200,000 keys (the parser\'s own check compares each key with every earlier one)', () => {
    const out = runBounded(`
      const t = Array.from({ length: 200000 }, (_, i) => 'k' + i + ': ' + i).join('\\n') + '\\nk5: again\\n';
      const e = parse.parseFile(t, 'yaml', 64 * 1024 * 1024).docs[0].errors;
      console.log(JSON.stringify(e.map((x) => [x.code, t.slice(x.start, x.end), x.start === t.lastIndexOf('k5')])));
    `);
    assert.deepEqual(JSON.parse(out), [['DUPLICATE_KEY', 'k5', true]]);
  });

  test('a sequence of 200,000 plain items (searches for a key\'s colon or a comment stop at the end of the line)', () => {
    const out = runBounded(`
      const t = 'items:\\n' + Array.from({ length: 200000 }, (_, i) => '- item' + i).join('\\n') + '\\n';
      const d = parse.parseFile(t, 'yaml', 64 * 1024 * 1024).docs[0];
      console.log(JSON.stringify([d.errors.length, d.root.pairs[0].value.items.length, d.root.pairs[0].value.items[199999].value]));
    `);
    assert.deepEqual(JSON.parse(out), [0, 200000, 'item199999']);
  });
});

describe('numbers that overflow', () => {
  test('1e400 keeps its text (never "Infinity"), in YAML and JSON; .inf stays a float', () => {
    const y = parseFile('sizeLimit: 1e400\nb: .inf\nc: -1e999\n', 'yaml').docs[0]!.root;
    assert.equal(str(at(y, 'sizeLimit')), '1e400');
    assert.equal(str(at(y, 'c')), '-1e999');
    assert.equal((at(y, 'b') as { value: unknown }).value, Infinity);
    const j = parseFile('{"sizeLimit": 1e400, "n": -1e999}', 'json').docs[0]!.root;
    assert.equal(str(at(j, 'sizeLimit')), '1e400');
    assert.equal(str(at(j, 'n')), '-1e999');
    // no message anywhere says Infinity
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n    volumeMounts:\n    - name: l\n      mountPath: /var/log\n  volumes:\n  - name: l\n    emptyDir:\n      sizeLimit: 1e400\n';
    for (const locale of ['en', 'zh-CN']) for (const f of lint(pod, { uri: Y, locale }).findings) assert.doesNotMatch(`${f.message} ${f.details ?? ''}`, /Infinity/);
  });
});

describe('Helm template masking: linear, same offsets', () => {
  test('actions masked with the offsets the regular expression gave', () => {
    const t = 'a: {{ .Values.a }}\n{{- if .x }}\nb: {{ x }}-{{ y }}\n{{- end }}\nc: {{ unclosed\nd: 1\n';
    const m = maskTemplate(t);
    assert.equal(m.text.length, t.length);
    assert.deepEqual(m.values.map((v) => t.slice(v.start, v.end)), ['{{ .Values.a }}', '{{ x }}', '{{ y }}', '{{ unclosed']);
    assert.deepEqual(m.removed.map((v) => t.slice(v.start, v.end)), ['{{- if .x }}', '{{- end }}']);
  });

  test('40,000 and 200,000 unclosed {{ (and as many actions on one line) in a chart', () => {
    const out = runBounded(`
      for (const n of [40000, 200000]) {
        const t = 'a: ' + '{{'.repeat(n) + '\\nb: 1\\n';
        const m = template.maskTemplate(t);
        const line = 'a: ' + '{{ x }}'.repeat(n) + '\\n';
        const k = template.maskTemplate(line);
        console.log(JSON.stringify([m.values.length, m.values[0].end === t.indexOf('\\n'), k.values.length]));
      }
    `);
    assert.deepEqual(out.trim().split('\n').map((l) => JSON.parse(l)), [[1, true, 40000], [1, true, 200000]]);
  });
});

describe('YAML merge keys', () => {
  const MERGED = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - &app
    name: app
    image: nginx:1.25
    volumeMounts:
    - name: logs
      mountPath: /var/log/app
  - <<: *app
    name: app2
  volumes:
  - name: data
    emptyDir:
      sizeLimit: 1Gi
`;
  test('rules see the keys a <<: merge brings in, at the exact position of their text', () => {
    const f = parseFile(MERGED, 'yaml');
    assert.deepEqual(f.docs[0]!.errors, []);
    const second = at(f.docs[0]!.root, 'spec', 'containers', 1);
    assert.equal(str(at(second, 'name')), 'app2', 'explicit keys win');
    assert.equal(str(at(second, 'image')), 'nginx:1.25');
    const mount = at(second, 'volumeMounts', 0, 'mountPath')!;
    assert.equal(MERGED.slice(mount.start, mount.end), '/var/log/app');
    assert.ok(second?.type === 'map' && !second.pairs.some((p) => p.key.value === '<<'), 'the merge key itself is not a key of the map');
    // the undefined volume is reported for both containers (the merged one was invisible before)
    const undef = lint(MERGED, { uri: Y }).findings.filter((x) => x.ruleId === 'k8s/volume-mount-undefined');
    assert.equal(undef.length, 2, JSON.stringify(undef.map((x) => x.message)));
    assert.deepEqual(undef.map((x) => MERGED.slice(x.start, x.end)), ['logs', 'logs']);
  });

  test('a list of merge sources: the first source that has a key wins; explicit keys win over all; no duplicate error', () => {
    const t = 'a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n';
    const d = parseFile(t, 'yaml').docs[0]!;
    const c = at(d.root, 'c');
    assert.deepEqual([str(at(c, 'x')), str(at(c, 'y')), str(at(c, 'z'))], ['1', '3', '2']);
    assert.deepEqual(d.errors, []);
    // `<<` that is quoted, or whose value is not a map, stays an ordinary key
    assert.equal(str(at(parseFile('"<<": 1\n', 'yaml').docs[0]!.root, '<<')), '1');
    assert.equal(str(at(parseFile('<<: 1\n', 'yaml').docs[0]!.root, '<<')), '1');
  });
});

describe('nesting', () => {
  test('YAML nested deeper than 150 levels: one error, no silently truncated tree', () => {
    let t = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n';
    for (let i = 1; i < 200; i++) t += ' '.repeat(i + 1) + 'a:\n';
    for (const locale of ['en', 'zh-CN']) {
      const f = lint(t, { uri: Y, locale }).findings;
      assert.deepEqual(f.map((x) => [x.ruleId, x.messageId]), [['syntax/yaml', 'NESTING_LIMIT']]);
      assert.match(f[0]!.message, locale === 'en' ? /deeper than 150 levels/ : /超过 150 层/);
    }
    let ok = 'a:\n';
    for (let i = 1; i < 140; i++) ok += ' '.repeat(i) + 'a:\n';
    assert.deepEqual(parseFile(ok, 'yaml').docs[0]!.errors, []);
    // JSON alike
    const json = '{"a": '.repeat(200) + '1' + '}'.repeat(200);
    assert.deepEqual(lint(json, { uri: J }).findings.map((x) => [x.ruleId, x.messageId, x.start]), [['syntax/json', 'NESTING_LIMIT', json.indexOf('{', 6 * 151 - 1)]]);
    assert.deepEqual(parseFile('{"a": '.repeat(140) + '1' + '}'.repeat(140), 'json').docs[0]!.errors, []);
  });
});

describe('syntax errors: one per spot (YAML), one per cascade (JSON)', () => {
  test('a 7 MB unterminated JSON string gives one syntax error, not one per line', () => {
    const t = '{"configName": "' + 'xy\n'.repeat(2_300_000);
    const f = lint(t, { uri: J, settings: { maxFileSize: 16 * 1024 * 1024 } }).findings;
    assert.equal(syntax(f).length, 1, syntax(f).slice(0, 3).map((x) => x.message).join('; '));
  });

  test('independent errors apart are each reported; comments and trailing commas never hide one another', () => {
    const t = '{\n  "a": 1\n  "b": 2,\n\n\n  "c": 3\n  "d": 4\n}\n';
    assert.equal(syntax(lint(t, { uri: J }).findings).length, 2);
    const s = syntax(lint('{\n  "a": 1, // note\n  "b": [1, 2,],\n}\n', { uri: J }).findings).map((f) => f.messageId);
    assert.deepEqual(s, ['InvalidCommentToken', 'TrailingComma', 'TrailingComma']);
    // YAML: each line's mistake is its own (the parser recovers per line)
    assert.equal(syntax(lint('a:\n\tb: 1\n\tc: 2\n', { uri: Y }).findings).length, 2);
  });
});

/** Nodes of a tree, counted without recursion (an expanded alias is a copy: every copy counts). */
function countNodes(root: Node | undefined): number {
  let n = 0;
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    if (x.type === 'map') for (const p of x.pairs) stack.push(p.key, p.value);
    else if (x.type === 'seq') for (const i of x.items) stack.push(i);
  }
  return n;
}

// 9 levels of 9 aliases: 9^9 copies when fully expanded (412 bytes)
const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`))
  .join('\n');

describe('alias expansion is bounded per document, per file and per run', () => {
  test('1,000 billion-laughs documents in one file: the tree stays within the per-file limit; each document says which limit', () => {
    const text = Array(1000).fill(LAUGHS).join('\n---\n');
    const f = parseFile(text, 'yaml');
    assert.equal(f.docs.length, 1000);
    const nodes = f.docs.reduce((s, d) => s + countNodes(d.root), 0);
    // the expanded copies stay within the per-file limit (plus the nodes the text itself spells out: ~130 a document)
    assert.ok(nodes <= ALIAS_LIMITS.perFile + 1000 * 200, `${nodes} nodes`);
    assert.ok(f.docs.every((d) => d.errors.length === 1 && d.errors[0]!.code?.startsWith('ALIAS_BUDGET')));
    assert.equal(f.docs[0]!.errors[0]!.code, 'ALIAS_BUDGET');
    assert.equal(f.docs[999]!.errors[0]!.code, 'ALIAS_BUDGET_FILE');
    const zh = lint(text, { uri: Y, locale: 'zh-CN' }).findings;
    assert.match(zh[0]!.message, /此文档中的别名展开过多/);
    assert.match(zh.at(-1)!.message, /此文件中的别名展开过多|还有 \d+ 个问题未显示/);
    // the document store (the language server) keeps the same limits
    const m = new DocumentStore().update(text, 'yaml', Y);
    assert.ok(m.docs.reduce((s, d) => s + countNodes(d.doc.root), 0) <= ALIAS_LIMITS.perFile + 1000 * 200);
  });

  test('a budget shared by the files of a run stops expansion once the run limit is spent', () => {
    const budget = new ExpansionBudget(1000, 2000, 3000);
    const used = [1, 2, 3, 4].map(() => parseFile(LAUGHS, 'yaml', undefined, budget));
    // a copy in progress completes its alias-free part: a limit is exceeded by at most one anchored node
    assert.deepEqual(used.map((p) => p.docs[0]!.errors.map((e) => e.code)), [['ALIAS_BUDGET'], ['ALIAS_BUDGET'], ['ALIAS_BUDGET_RUN'], ['ALIAS_BUDGET_RUN']]);
    assert.ok(countNodes(used[3]!.docs[0]!.root) < 200, 'nothing is expanded past the run limit');
    assert.ok(budget.spent >= 3000 && budget.spent < 3100, String(budget.spent));
    assert.equal(lint(LAUGHS, { uri: Y, parsed: used[3] }).findings[0]!.messageId, 'ALIAS_BUDGET_RUN');
    // a fresh budget expands again
    assert.equal(parseFile(LAUGHS, 'yaml', undefined, new ExpansionBudget(1000, 2000, 3000)).docs[0]!.errors[0]!.code, 'ALIAS_BUDGET');
  });

  test('an edit in one document of the server\'s store keeps the per-file limit (a reused document counts)', () => {
    const store = new DocumentStore();
    const docs = Array(8).fill(LAUGHS);
    store.update(docs.join('\n---\n'), 'yaml', Y);
    docs[0] = LAUGHS + '\nz: 1';
    const m = store.update(docs.join('\n---\n'), 'yaml', Y);
    assert.ok(m.docs.reduce((s, d) => s + countNodes(d.doc.root), 0) <= ALIAS_LIMITS.perFile + 8 * 200);
    const codes = m.docs.map((d) => d.doc.errors[0]?.code);
    assert.deepEqual(codes, ['ALIAS_BUDGET', 'ALIAS_BUDGET', 'ALIAS_BUDGET', 'ALIAS_BUDGET', 'ALIAS_BUDGET_FILE', 'ALIAS_BUDGET_FILE', 'ALIAS_BUDGET_FILE', 'ALIAS_BUDGET_FILE']);
    assert.deepEqual(new DocumentStore().update(docs.join('\n---\n'), 'yaml', Y).docs.map((d) => d.doc.errors[0]?.code), codes, 'as a fresh parse');
  });

  test('ordinary anchors, aliases and merge keys expand within the limits (no error)', () => {
    const t = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: &l\n    app: web\n  annotations: *l\ndata:\n  a: "1"\n';
    const f = parseFile(t, 'yaml');
    assert.deepEqual(f.docs[0]!.errors, []);
    assert.equal(str(at(f.docs[0]!.root, 'metadata', 'annotations', 'app')), 'web');
    assert.deepEqual(lint(t, { uri: Y }).findings, []);
  });

  test('CLI: 1,000 billion-laughs documents in each of 5 files, with a 300 MB heap: no crash, one report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'laughs-'));
    try {
      const text = Array(1000).fill(LAUGHS).join('\n---\n') + '\n';
      for (let i = 0; i < 5; i++) writeFileSync(join(dir, `l${i}.yaml`), text);
      const r = runCli([dir, '--format', 'json'], { env: { NODE_OPTIONS: '--max-old-space-size=300' } });
      assert.equal(r.code, 1, r.err.slice(0, 500));
      const files = JSON.parse(r.out) as { filePath: string; messages: { message: string }[] }[];
      assert.equal(files.length, 5);
      for (const f of files) assert.ok(f.messages.some((m) => /alias expansions in this file/.test(m.message)), f.filePath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('findings per file are capped', () => {
  // 1,200 unsized emptyDir volumes that no container mounts: two findings each
  const vols = Array.from({ length: 1200 }, (_, i) => `  - name: v${i}\n    emptyDir: {}\n`).join('');
  const POD = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n  volumes:\n${vols}`;

  test('past MAX_FINDINGS, one internal/too-many-findings finding counts the rest (English and Chinese)', () => {
    const all = lint(POD, { uri: Y, maxFindings: Infinity }).findings;
    assert.ok(all.length > MAX_FINDINGS + 100, String(all.length));
    const capped = lint(POD, { uri: Y }).findings;
    assert.equal(capped.length, MAX_FINDINGS + 1);
    const order = ['error', 'warning', 'information', 'hint'];
    const rank = (f: Finding) => order.indexOf(f.severity);
    // the most severe first (file order among equals), reported in file order
    const kept = all.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).slice(0, MAX_FINDINGS).sort((a, b) => a.i - b.i).map((x) => x.f);
    const hidden = all.filter((f) => !kept.includes(f));
    const last = capped.find((f) => f.ruleId === TRUNCATED_RULE)!;
    assert.deepEqual(capped.filter((f) => f !== last), kept);
    assert.ok(new Set(kept.map((f) => f.severity)).size === 1 || kept.filter((f) => f.severity === 'error').length === all.filter((f) => f.severity === 'error').length, 'no error hidden while fewer errors than the cap');
    const rest = all.length - MAX_FINDINGS;
    assert.deepEqual([last.ruleId, last.messageId, last.data?.count, last.start], [TRUNCATED_RULE, 'tooManyFindings', rest, hidden[0]!.start]);
    assertSaid(last, 'tooManyFindings', { count: rest });
    assert.equal(last.severity, order.find((sev) => hidden.some((f) => f.severity === sev)), 'the highest severity among those not shown');
    assert.deepEqual(capped.map((f) => f.start), [...capped.map((f) => f.start)].sort((a, b) => a - b), 'in file order');
    const zhLast = lint(POD, { uri: Y, locale: 'zh-CN' }).findings.find((f) => f.ruleId === TRUNCATED_RULE)!;
    assertSaid(zhLast, 'tooManyFindings', { count: rest }, 'zh-CN');
    assert.equal(zhLast.message, catalogMessage('zh-CN', 'internal', 'tooManyFindings', { count: rest }));
    // a level for the id like any rule's; off: the first findings only
    assert.equal(lint(POD, { uri: Y, settings: { rules: { [TRUNCATED_RULE]: 'off' } } }).findings.length, MAX_FINDINGS);
    assert.equal(lint(POD, { uri: Y, maxFindings: 10 }).findings.length, 11);
  });

  test('YAML with an error on each of 50,000 lines: 1,001 findings', () => {
    const t = 'a:\n' + '\tb: 1\n'.repeat(50_000);
    const f = lint(t, { uri: Y }).findings;
    assert.equal(f.length, MAX_FINDINGS + 1);
    assert.equal(f.filter((x) => x.ruleId === TRUNCATED_RULE).length, 1);
  });

  test('CLI --format sarif on a file with an error on each of 300,000 lines and on a 7 MB unterminated string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'many-'));
    try {
      writeFileSync(join(dir, 'tabs.yaml'), 'a:\n' + '\tb: 1\n'.repeat(300_000));
      writeFileSync(join(dir, 'string.json'), '{"configName": "' + 'xy\n'.repeat(2_300_000));
      const r = runCli([dir, '--format', 'sarif']);
      assert.equal(r.code, 1, r.err.slice(0, 500));
      const results = (JSON.parse(r.out) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results;
      assert.equal(results.filter((x) => x.ruleId === TRUNCATED_RULE).length, 1);
      assert.equal(results.length, MAX_FINDINGS + 1 + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the language server answers on such a file, with 1,001 diagnostics', { timeout: 120_000 }, async () => {
    const s = await startSession();
    try {
      const uri = 'file:///tmp/many.yaml';
      await s.open(uri, 'yaml', 'a:\n' + '\tb: 1\n'.repeat(300_000));
      const d = await s.pull(uri);
      assert.equal(d.length, MAX_FINDINGS + 1);
      assert.equal(d.filter((x) => x.code === TRUNCATED_RULE).length, 1);
    } finally {
      await s.close();
    }
  });
});

describe('CLI output and trust', () => {
  test('`logtail-lint … | head`: the CLI ends quietly when its reader goes away (no EPIPE stack), in every format', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./helpers/cli');
    const dir = mkdtempSync(join(tmpdir(), 'epipe-'));
    try {
      const vols = Array.from({ length: 900 }, (_, i) => `  - name: v${i}\n    emptyDir: {}\n`).join('');
      writeFileSync(join(dir, 'p.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n  volumes:\n${vols}`);
      for (const format of ['text', 'json', 'sarif', 'gitlab']) {
        const proc = spawn(process.execPath, [CLI, dir, '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        proc.stderr.on('data', (d) => (err += d));
        // read one chunk, then close the pipe as `head` does
        await new Promise<void>((res) => proc.stdout.once('data', () => { proc.stdout.destroy(); res(); }));
        const code = await new Promise<number | null>((res) => proc.on('close', (c) => res(c)));
        assert.equal(err, '', `${format}: ${err.slice(0, 300)}`);
        assert.ok(code === 0 || code === 1, `${format}: exit ${code}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the extension declares that it runs in untrusted workspaces (a read-only analyser: nothing is executed)', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });
});
