/**
 * The cheap parse path of one YAML document: our node model built straight from the `yaml`
 * package's concrete syntax tree (`Parser`, `CST.resolveAsScalar` and the schema's scalar tags,
 * all public API), without the `Composer` and its `Document` nodes — about a third less parse time
 * and garbage on ordinary manifests.
 *
 * It takes only documents whose every token it understands and for which the composer would
 * report nothing: block mappings and sequences, plain, quoted and block scalars, comments. Any
 * other token or case (flow collections, anchors, aliases, tags, explicit keys, empty keys,
 * directives, `...`, a byte-order mark, tabs, multi-line implicit keys, a scalar the resolver
 * complains about, items at another column, nesting deeper than MAX_DEPTH, merge keys, …) returns
 * `undefined`, and the caller parses the document with the full composer (parse/yaml.ts) — so the
 * errors, and the rule that nothing is reported from a tree the parser had to guess after a
 * syntax error, stay the full parser's. The ranges are computed as the composer computes them
 * (its `resolveBlockMap`, `resolveBlockSeq`, `resolveProps`, `emptyScalarPosition`), and
 * test/parse-cst.test.ts checks the whole result (tree, positions, errors) against the full path
 * on every YAML file of the repository and on randomized mutations of them.
 */
import { CST, Document, isScalar as yIsScalar, Parser } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes';
import type { SyntaxIssue } from './types';

type Token = CST.Token;
type SourceToken = CST.SourceToken;
interface ScalarTagLike {
  test?: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

/** Thrown (and caught in `parseYamlCst`) when the document needs the full parser. */
const FALLBACK = Symbol('fallback');

let tags: { plain: ScalarTagLike[]; options: unknown } | undefined;
/** The core schema's tags that resolve a plain scalar by its text, in the order the composer tries them; the options it passes them. */
function schemaTags(): { plain: ScalarTagLike[]; options: unknown } {
  if (!tags) {
    const d = new Document(null, { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
    const plain = (d.schema.tags as unknown as (ScalarTagLike & { default?: unknown; collection?: unknown })[]).filter((t) => t.default === true && !t.collection && t.test);
    tags = { plain, options: d.options };
  }
  return tags;
}

interface Ctx {
  base: number;
  errors: SyntaxIssue[];
  maxDepth: number;
}

function fail(): never {
  throw FALLBACK;
}

/**
 * The composer's `resolveProps` for the tokens we accept (space, newline, comment, the one
 * indicator): where they end, whether they hold a newline, whether the indicator was found.
 * Anything the composer would warn or fail about makes the document fall back.
 */
function props(tokens: readonly SourceToken[], indicator: string, offset: number, startOnNewline: boolean): { found: boolean; end: number; hasNewline: boolean; hasComment: boolean } {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let hasComment = false;
  let found = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        if (t.source.includes('\t')) fail();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) fail();
        hasComment = true;
        break;
      case 'newline':
        hasNewline = true;
        hasSpace = true;
        break;
      default:
        if (t.type !== indicator || found) fail();
        found = true;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, end: last ? last.offset + last.source.length : offset, hasNewline, hasComment };
}

/** The composer's `emptyScalarPosition`: an empty value stands after the spaces that follow the last token before it. */
function emptyPosition(offset: number, before: readonly SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    let st: SourceToken | undefined = before[i]!;
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    st = before[++i];
    while (st?.type === 'space') {
      offset += st.source.length;
      st = before[++i];
    }
    break;
  }
  return offset;
}

/** A scalar token resolved as the composer does (same resolver; plain scalars typed by the core schema's tags). */
function scalar(t: Token, c: Ctx): { value: ScalarNode['value']; raw: unknown; start: number; valueEnd: number; end: number; block: boolean; quoted: boolean } {
  if (t.type !== 'scalar' && t.type !== 'single-quoted-scalar' && t.type !== 'double-quoted-scalar' && t.type !== 'block-scalar') fail();
  const r = CST.resolveAsScalar(t, false, () => fail());
  if (!r) fail();
  let value: unknown = r.value;
  if (t.type === 'scalar') value = resolvePlain(r.value, fail).raw;
  return {
    value: scalarValue(value, r.value),
    raw: value,
    start: r.range[0] + c.base,
    valueEnd: r.range[1] + c.base,
    end: r.range[2] + c.base,
    block: t.type === 'block-scalar',
    quoted: t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar',
  };
}

/** Can a plain scalar starting with this character be typed by a core schema tag other than `str` (null `~`, `null`, booleans, numbers, `.inf`, `.nan`)? */
export function mayBeTyped(c: number): boolean {
  switch (c) {
    case 126: // ~
    case 78: // N
    case 110: // n
    case 84: // T
    case 116: // t
    case 70: // F
    case 102: // f
    case 45: // -
    case 43: // +
    case 46: // .
      return true;
  }
  return c >= 48 && c <= 57; // 0-9
}

/**
 * A plain scalar's text typed as the composer types it (the core schema's tags, in its order):
 * `raw` what the tag gave, `value` that as our model keeps it. `fail` is called if the tag reports
 * an error.
 */
export function resolvePlain(text: string, fail: () => never): { value: ScalarNode['value']; raw: unknown } {
  // most plain scalars (keys, names, paths) cannot match any tag but `str` (test/parse-cst.test.ts checks the tags)
  if (text.length && !mayBeTyped(text.charCodeAt(0))) return { value: text, raw: text };
  const { plain, options } = schemaTags();
  const tag = plain.find((x) => x.test!.test(text));
  if (!tag) return { value: text, raw: text };
  let failed = false;
  const res = tag.resolve(text, () => (failed = true), options);
  if (failed) fail();
  const raw = yIsScalar(res) ? res.value : res;
  return { value: scalarValue(raw, text), raw };
}

/** The same as parse/yaml.ts's scalarValue (kept in step by test/parse-cst.test.ts). */
function scalarValue(value: unknown, source: string): ScalarNode['value'] {
  let v = value;
  if (typeof v === 'bigint') v = Number(v);
  if (v instanceof Date) v = v.toISOString();
  if (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) && !/^[-+]?\.(inf|Inf|INF)$/.test(source)) v = source;
  if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') v = String(v);
  return (v ?? null) as ScalarNode['value'];
}

/** A node and the offset where the composer's range for it ends (its `range[2]`, file offset). */
function node(t: Token, c: Ctx, parent: MapNode | SeqNode | undefined, depth: number): { n: Node; end: number } {
  if (depth > c.maxDepth) fail();
  if (t.type === 'block-map') return blockMap(t, c, parent, depth);
  if (t.type === 'block-seq') return blockSeq(t, c, parent, depth);
  const s = scalar(t, c);
  return { n: { type: 'scalar', value: s.value, start: s.start, end: s.valueEnd, parent, block: s.block, quoted: s.quoted }, end: s.end };
}

/** An empty value (`key:` with nothing after it): a null scalar where the composer puts it. */
function empty(offset: number, before: readonly SourceToken[] | undefined, c: Ctx, parent: MapNode | SeqNode): { n: Node; end: number } {
  const at = emptyPosition(offset, before) + c.base;
  return { n: { type: 'scalar', value: null, start: at, end: at, parent, block: false, quoted: false }, end: at };
}

function blockMap(bm: CST.BlockMap, c: Ctx, parent: MapNode | SeqNode | undefined, depth: number): { n: Node; end: number } {
  const map: MapNode = { type: 'map', pairs: [], start: bm.offset + c.base, end: 0, parent, flow: false };
  // First the keys (and the duplicate-key errors, before any error of the values, as parse/yaml.ts's convert reports them)
  const keys: { k: ReturnType<typeof scalar>; sep: readonly SourceToken[] | undefined; vp: ReturnType<typeof props>; value: Token | undefined }[] = [];
  let offset = bm.offset;
  let commentEnd: number | null = null;
  const own = new Set<string>();
  for (const { start, key, sep, value } of bm.items) {
    const kp = props(start, 'explicit-key-ind', offset, true);
    if (kp.found) fail(); // explicit key `? `
    if (!key) {
      if (sep || value || !start.length) fail(); // empty key
      commentEnd = kp.end; // a comment-only item
      continue;
    }
    if (!('indent' in key) || key.indent !== bm.indent) fail();
    if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') fail();
    if (key.source.includes('\n') || key.end?.some((t) => t.type === 'newline')) fail(); // multi-line implicit key
    const k = scalar(key, c);
    if (k.raw === '<<' && key.type === 'scalar') fail(); // merge key: parse/yaml.ts merges
    const vp = props(sep ?? [], 'map-value-ind', k.end - c.base, false);
    if (!vp.found) fail();
    if (value?.type === 'block-map' && !vp.hasNewline) fail();
    if (!value && vp.hasComment) fail(); // an empty value after a comment: composeEmptyNode moves its range end
    if (k.raw !== null && k.raw !== undefined) {
      const name = String(k.raw);
      if (own.has(name)) c.errors.push({ start: k.start, end: k.valueEnd, message: 'Map keys must be unique', code: 'DUPLICATE_KEY' });
      own.add(name);
    }
    keys.push({ k, sep, vp, value });
    offset = vp.end;
  }
  offset = bm.offset;
  for (const { k, sep, vp, value } of keys) {
    const raw = k.raw;
    const keyNode: ScalarNode = { type: 'scalar', value: raw === null || raw === undefined ? null : (raw as ScalarNode['value']), start: k.start, end: k.valueEnd, parent: map, quoted: k.quoted };
    if (typeof keyNode.value !== 'string' && keyNode.value !== null) keyNode.value = String(keyNode.value);
    const pair = { key: keyNode, start: k.start, parent: map } as Pair;
    const v = value ? node(value, c, map, depth + 1) : empty(vp.end, sep, c, map);
    pair.value = v.n;
    v.n.parentPair = pair;
    pair.end = Math.max(v.n.end, k.valueEnd);
    map.pairs.push(pair);
    offset = v.end - c.base;
  }
  if (commentEnd !== null && commentEnd < offset) fail(); // the composer's IMPOSSIBLE error
  map.end = offset + c.base;
  return { n: map, end: (commentEnd ?? offset) + c.base };
}

function blockSeq(bs: CST.BlockSequence, c: Ctx, parent: MapNode | SeqNode | undefined, depth: number): { n: Node; end: number } {
  const seq: SeqNode = { type: 'seq', items: [], start: bs.offset + c.base, end: 0, parent, flow: false };
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const p = props(start, 'seq-item-ind', offset, true);
    if (!p.found) {
      if (value) fail();
      commentEnd = p.end;
      continue;
    }
    const v = value ? node(value, c, seq, depth + 1) : p.hasComment ? fail() : empty(p.end, start, c, seq);
    seq.items.push(v.n);
    offset = v.end - c.base;
  }
  seq.end = offset + c.base;
  return { n: seq, end: (commentEnd ?? offset) + c.base };
}

/**
 * One document's tree and syntax errors by the cheap path, or `undefined` when the document needs
 * the full parser. `source`: the document's text (LF line breaks); `base`: its offset in the file.
 * The errors are the duplicate keys (the only error this path reports); the caller folds them.
 */
export function parseYamlCst(source: string, base: number, maxDepth: number): { root: Node; errors: SyntaxIssue[] } | undefined {
  let doc: CST.Document | undefined;
  for (const t of new Parser().parse(source)) {
    // comments, blank lines and spaces outside the document: the composer keeps them as comments only
    if (t.type === 'comment' || t.type === 'newline' || t.type === 'space') continue;
    if (t.type !== 'document' || doc) return undefined;
    doc = t;
  }
  if (!doc || !doc.value) return undefined;
  const c: Ctx = { base, errors: [], maxDepth };
  try {
    const p = props(doc.start, 'doc-start', doc.offset, true);
    const v = doc.value;
    if (p.found && (v.type === 'block-map' || v.type === 'block-seq') && !p.hasNewline) return undefined;
    const { n } = node(v, c, undefined, 0);
    for (const t of doc.end ?? []) if (t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment') return undefined;
    return { root: n, errors: c.errors };
  } catch {
    // FALLBACK, or anything unexpected (the full parser then reports it as it always did)
    return undefined;
  }
}
