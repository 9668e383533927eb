// The cheap YAML parse path (parse/yaml-cst.ts: our tree built from the parser's syntax tree) must
// give exactly what the full composer path gives — the same tree (values, kinds, flags, parent
// links), the same positions, the same syntax errors — or decline the document. Differential test
// over every YAML file and every ```yaml block of the repository, each also with CRLF line breaks,
// and over randomized mutations of them (seeded: the same cases on every run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYamlChunk, parseYamlChunkFull, splitYamlDocuments, MAX_DEPTH } from '../server/src/engine/parse/yaml';
import { mayBeTyped, parseYamlCst } from '../server/src/engine/parse/yaml-cst';
import { Document } from 'yaml';
import { parseYamlLines } from '../server/src/engine/parse/yaml-lines';
import type { Node } from '../server/src/engine/parse/nodes';
import { ROOT } from './helpers/fixtures';

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    if (n === 'node_modules' || n === '.git' || n === 'dist' || n === 'dist-test' || n === 'out') continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every YAML text of the repository: .yaml/.yml files and ```yaml blocks of Markdown files. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const f of walk(ROOT)) {
    const name = relative(ROOT, f);
    if (/\.ya?ml$/i.test(f)) out.push({ name, text: readFileSync(f, 'utf8') });
    else if (/\.md$/i.test(f)) {
      const md = readFileSync(f, 'utf8');
      let i = 0;
      for (const m of md.matchAll(/```ya?ml\n([\s\S]*?)```/g)) out.push({ name: `${name} block ${++i}`, text: m[1]! });
    }
  }
  return out;
}

/** The tree as a comparable string: every field, numbers exactly (-0, NaN, Infinity), and whether each parent link is right. */
function canon(n: Node | undefined, parent?: Node): unknown {
  if (!n) return n;
  const base = { type: n.type, start: n.start, end: n.end, flow: n.flow, parentOk: n.parent === parent, keys: Object.keys(n).sort().join(',') };
  if (n.type === 'scalar') return { ...base, value: typeof n.value === 'number' ? `num:${Object.is(n.value, -0) ? '-0' : String(n.value)}` : n.value, block: n.block, quoted: n.quoted };
  if (n.type === 'seq') return { ...base, items: n.items.map((x) => canon(x, n)) };
  return {
    ...base,
    pairs: n.pairs.map((p) => ({
      start: p.start,
      end: p.end,
      parentOk: p.parent === n,
      valueLinkOk: p.value.parentPair === p,
      keyLinkOk: p.key.parent === n,
      pairKeys: Object.keys(p).sort().join(','),
      key: canon(p.key, n),
      value: canon(p.value, n),
    })),
  };
}

let cheapTaken = 0;
let linesTaken = 0;
let compared = 0;
/** Parses each `---` document of `text` both ways; they must be equal. */
function same(name: string, text: string): void {
  for (const { start, end } of splitYamlDocuments(text)) {
    const chunk = text.slice(start, end);
    const full = parseYamlChunkFull(chunk, start);
    const auto = parseYamlChunk(chunk, start);
    compared++;
    const src = chunk.includes('\r') ? chunk.replace(/\r(?!\n)/g, '\n') : chunk;
    if (parseYamlCst(src, start, MAX_DEPTH)) cheapTaken++;
    if (parseYamlLines(src, start, MAX_DEPTH)) linesTaken++;
    const where = `${name} @${start}: ${JSON.stringify(chunk.length > 300 ? chunk.slice(0, 300) + '…' : chunk)}`;
    assert.deepEqual(auto.errors, full.errors, `errors: ${where}`);
    assert.deepEqual(canon(auto.root), canon(full.root), `tree: ${where}`);
    assert.equal(auto.templated, full.templated, where);
    assert.deepEqual(auto.expansion, full.expansion, where);
  }
}

/** A small seeded PRNG (mulberry32): the same mutations on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const PIECES = [' ', '  ', '\n', ': ', ':', '- ', '-', '#', ' #x', '"', "'", '|', '>', '|-', '[', ']', '{', '}', ',', '&a ', '*a', '!', '? ', '\t', 'a', '0', '1e400', '~', 'null', 'true', '0x1F', '.inf', '\\', '---\n', '...\n', '%', '@', '`', '<<: ', 'é', '\r\n'];
function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  switch (Math.floor(r() * 6)) {
    case 0: // delete a few characters
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
    case 1: // insert a YAML-significant piece
    case 2:
      return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
    case 3: // indent or dedent a line
      return r() < 0.5 ? text.slice(0, lineStart) + ' ' + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(/^ /, '');
    case 4: {
      // duplicate a line (duplicate keys, repeated items)
      const lineEnd = text.indexOf('\n', at);
      const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
      return text.slice(0, lineStart) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(lineStart);
    }
    default: // replace a character
      return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)]!.charAt(0) + text.slice(at + 1);
  }
}

test('the cheap path gives the full path\'s tree, positions and errors on every YAML text of the repository (LF and CRLF)', () => {
  const texts = corpus();
  assert.ok(texts.length > 400, `${texts.length} texts`);
  cheapTaken = linesTaken = compared = 0;
  let lfTaken = 0;
  let crlfTaken = 0;
  for (const { name, text } of texts) {
    let before = linesTaken;
    same(name, text);
    lfTaken += linesTaken - before;
    before = linesTaken;
    same(`${name} (CRLF)`, text.replace(/\r?\n/g, '\r\n'));
    crlfTaken += linesTaken - before;
  }
  // the line path takes CRLF documents as it takes LF ones
  assert.ok(crlfTaken >= lfTaken * 0.95, `line path taken for ${crlfTaken} CRLF documents, ${lfTaken} LF documents`);
  // the cheap path must actually be taken for most documents, or this test proves nothing
  assert.ok(cheapTaken > compared * 0.5, `cheap path taken for ${cheapTaken} of ${compared} documents`);
  // and the line path (parse/yaml-lines.ts), tried first, for a good part of them
  assert.ok(linesTaken > compared * 0.1, `line path taken for ${linesTaken} of ${compared} documents`);
});

test('the cheap path gives the full path\'s result on 6,000 randomized mutations (or declines)', () => {
  const texts = corpus().filter((t) => t.text.length < 20_000);
  const r = rng(9);
  cheapTaken = linesTaken = compared = 0;
  for (let i = 0; i < 6_000; i++) {
    const base = texts[Math.floor(r() * texts.length)]!;
    let text = base.text;
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) text = mutate(text, r);
    same(`${base.name} mutation ${i}`, text);
  }
  assert.ok(cheapTaken > compared * 0.3, `cheap path taken for ${cheapTaken} of ${compared} documents`);
  assert.ok(linesTaken > compared * 0.05, `line path taken for ${linesTaken} of ${compared} documents`);
});

test('hand-picked cases: empty values, comments, block scalars, quoted keys, numbers, duplicates, nesting', () => {
  const cases = [
    'a:\nb: 1\n',
    'a: # c\nb: 1\n',
    'a:   \n  # c\nb:\n',
    '- \n-\n- a\n',
    '- # c\n- b\n',
    'k: |\n  line\n  two\n\nn: >-\n  folded\n  text\n',
    '"q": 1\n\'s\': x\n"a b": "c\\td"\n',
    'i: 0x1F\no: 0o17\nf: 1.50\ne: 1e400\nn: -.inf\nnan: .NaN\nt: True\nnull: ~\nbig: 123456789012345678901234567890\n',
    'a: 1\nb: 2\na: 3\n1: x\n01: y\n',
    'x:\n  y:\n    - z: 1\n      w:\n        - - 2\n',
    '---\na: 1\n# end\n',
    '--- # c\na: 1\n',
    '# only a comment\n',
    '',
    'a: b\n  c\n',
    'a: 1\n b: 2\n',
    'a:\n  - 1\n  -2\n',
    'key: value # trailing\n# between\nnext: v\n',
    `${'a:\n'.repeat(3)}${'  '.repeat(3)}deep: 1\n`,
    Array.from({ length: MAX_DEPTH + 3 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
  ];
  cheapTaken = compared = 0;
  for (const c of cases) same('case', c);
  assert.ok(cheapTaken >= 10, `cheap path taken for ${cheapTaken} of ${compared}`);
});

test('hand-picked cases for the line path: what it takes gives the full path\'s result; what it must decline, it declines', () => {
  const taken = [
    'a: 1\nb:\n  c: x  \n  d:\n  - e: q\n    f: z\n  -   y\n  - \ng:\n\n\n',
    'a:\n  b: 1\n\n  \nc: 2\n',
    '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  k: "v \\"q\\" \\u00e9"\n  s: \'it\'\'s\'\n  n: "1"\n',
    '- a: 1\n  b:\n- c\n-\n- --flag=x\n- -1\n',
    'i: 0x1F\no: 0o17\nf: 1.50\ne: 1e400\nn: -.inf\nnan: .NaN\nt: True\nnull: ~\nbig: 123456789012345678901234567890\n1: x\n',
    'url: http://x/y#frag\nimage: nginx:1.27\npath: $(POD_NAME)/a b\n',
    'a:\n- x\n-\n',
    'a: 1   \n\n',
    'x:\n  y:\n    - z: 1\n      w:\n        - 2\n',
    // comments where they touch no range, and after values on their line
    'a: 1 # c\n',
    '# c\na: 1\n',
    'a:\n  b: 1 # c\nd: 2 #e',
    'a: # c\n  b: 1\n',
    '- # c\n  a: 1\n- x # y\n- \'q\'  # z\n',
    'a:\n  b: 1\n  # c\n\n  # d\n  e: 3',
    '# c\n\na:\n  # d\n  b: "x" # e\n  c: x#y\n# end\n',
    // CRLF line breaks (and LF and CRLF mixed)
    'a: 1\r\n',
    '---\r\napiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  k: "v"\r\n  s: \'it\'\'s\'\r\n',
    'a: 1\r\nb:\r\n  c: x  \r\n  d:\r\n  - e: q\r\n    f: z\r\n  -   y\r\n  - \r\ng:\r\n\r\n  \r\n',
    '# c\r\na: # d\r\n  b: 1 # e\r\n\r\n  # f\r\n  g: ~\r\n# end\r\n',
    'a:\r\n- x\r\n-\r\n',
    'a: 1\nb: 2\r\nc:\n  d: 3\r\n',
    'a: 1\r\nb: 2',
  ];
  const declined = [
    'a: b\n  c\n', // a multi-line plain scalar
    'a: 1\n b: 2\n', // an error
    'a: 1\na: 2\n', // a duplicate key: reported by the other paths
    'a: [1, 2]\n',
    'a: {b: 1}\n',
    'a:\n  b: 1\n    # c\nd: 2\n', // a comment more indented than the next line: part of the value's range
    'a:\n  b: 1\n  # c\n', // a comment that ends a nested mapping: part of its range
    'a: # c\nb: 1\n', // an empty value after a comment
    'a:\n# c\nb: 1\n',
    "a: 'x'# c\n",
    'a: |\n  x\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '"q": 1\n',
    '<<: {a: 1}\n',
    'a:\tb\n',
    'a: 1\rb: 2\n', // a lone CR (parse/yaml.ts turns it into LF before this path)
    'a: b\r\n  c\r\n', // a multi-line plain scalar
    'a: # c\r\nb: 1\r\n', // an empty value after a comment
    '---a: 1\r\n',
    'a: b: c\n',
    'a: x]\n',
    '- - 1\n',
    'plain\n',
    '  a: 1\n',
    'a: "open\n  quote"\n',
    "a: 'x' y\n",
    'a :\n',
    '--- a: 1\n',
    Array.from({ length: MAX_DEPTH + 3 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
  ];
  cheapTaken = linesTaken = compared = 0;
  for (const c of [...taken, ...declined]) same('case', c);
  for (const c of taken) assert.ok(parseYamlLines(c, 0, MAX_DEPTH), `taken: ${JSON.stringify(c)}`);
  for (const c of declined) assert.equal(parseYamlLines(c, 0, MAX_DEPTH), undefined, `declined: ${JSON.stringify(c)}`);
});

test('a plain scalar whose first character mayBeTyped() rules out matches no core schema tag but str (the shortcut of both cheap paths)', () => {
  const d = new Document(null, { strict: false });
  const tags = (d.schema.tags as unknown as { default?: unknown; collection?: unknown; test?: RegExp; tag: string }[]).filter((t) => t.default === true && !t.collection && t.test);
  assert.ok(tags.length >= 6, tags.map((t) => t.tag).join(', '));
  // every tail that makes some tag match after one of the characters it allows
  const tails = ['', '0', '1', '7', 'a', 'F', 'x1F', 'o17', '.5', '5.', 'e5', '1e5', 'inf', 'Inf', 'INF', 'nan', 'NaN', 'NAN', 'ull', 'ULL', 'rue', 'RUE', 'alse', 'ALSE', '~', 'true', 'null'];
  let ruledOut = 0;
  for (let c = 0x20; c < 0x3000; c++) {
    if (mayBeTyped(c)) continue;
    ruledOut++;
    for (const tail of tails) {
      const text = String.fromCharCode(c) + tail;
      for (const t of tags) assert.ok(!t.test!.test(text), `${t.tag} matches ${JSON.stringify(text)}, which mayBeTyped() rules out`);
    }
  }
  // and those it allows do start some typed scalar
  for (const text of ['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '0', '9', '-1', '+1', '.5', '.inf', '-.inf', '+.inf', '.nan']) {
    assert.ok(mayBeTyped(text.charCodeAt(0)), text);
    assert.ok(tags.some((t) => t.test!.test(text)), `no tag matches ${text}`);
  }
  assert.ok(ruledOut > 10000);
});

test('the line path on mappings of many keys (duplicates found by comparison, then by a set), nested and at the root', () => {
  const keys = (n: number, indent = '') => Array.from({ length: n }, (_, i) => `${indent}k${i}: v${i}\n`).join('');
  const cases: [string, boolean][] = [];
  for (const n of [1, 2, 7, 8, 9, 10, 40]) {
    cases.push([keys(n), true]);
    cases.push([`a:\n${keys(n, '  ')}b: 1\n`, true]);
    // a duplicate of the first key, the last key, and the key before the switch to a set
    for (const dup of [0, n - 1, Math.min(n - 1, 7)]) {
      cases.push([`${keys(n)}k${dup}: again\n`, false]);
      cases.push([`a:\n${keys(n, '  ')}  k${dup}: again\nb: 1\n`, false]);
    }
  }
  // the same name typed differently is the same key to the composer (1 and "1": only plain keys here)
  cases.push(['1: a\n2: b\n3: c\n4: d\n5: e\n6: f\n7: g\n8: h\n9: i\n1: j\n', false]);
  cases.push(['null: a\n~: b\n', true]);
  for (const [text, taken] of cases) {
    same('many keys', text);
    assert.equal(!!parseYamlLines(text, 0, MAX_DEPTH), taken, JSON.stringify(text));
  }
});
