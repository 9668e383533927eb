// Hostile input at the parse layer (issue 15): each test builds its input. Inputs that made the
// old code hang (exponential or quadratic work) run in a bounded child process
// (helpers/bounded.ts): a hang fails the test instead of stalling the suite; no timing is asserted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lint, parseFile, SYNTAX_RULE, type Finding } from '../server/src/engine/index';
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
