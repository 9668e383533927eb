import { isAlias, isMap as yIsMap, isPair, isScalar as yIsScalar, isSeq as yIsSeq, parseDocument, Document } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes';
import type { ParsedDoc, SyntaxIssue } from './types';
import { ALIAS_LIMITS, ExpansionBudget, type Expansion, type ExpansionScope } from './budget';
import { foldErrors } from './cascade';
import { parseYamlCst } from './yaml-cst';
import { parseYamlLines } from './yaml-lines';
import type { TextLike } from './text';

type YNode = unknown;

/**
 * Split a YAML stream at its document markers. A line that starts with `---` (followed by
 * a blank or the end of the line) always starts a new document: the YAML spec forbids such
 * a line inside any scalar, so the split is exact and each document can be parsed (and
 * cached) on its own. Only CR and LF break lines (not U+2028/U+2029). Linear time: one scan,
 * no regular expression.
 */
export function splitYamlDocuments(text: string): { start: number; end: number }[] {
  const marks: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (text.charCodeAt(i) === 45 && text.startsWith('---', i)) {
      const c = text.charCodeAt(i + 3);
      if (i + 3 === n || c === 32 || c === 9 || c === 10 || c === 13) marks.push(i);
    }
    // to the start of the next line
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) break;
      j++;
    }
    if (j >= n) break;
    i = text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
  }
  return boundsFromMarks(text, marks);
}

/**
 * Is there a document marker at offset `i` (`---` at the start of a line, then a blank, a line
 * break or the end)? The same test as `splitYamlDocuments`, reading only `text[i-1 .. i+3]` (and
 * whether `i + 3` is the end): model/document.ts looks for markers again only around an edit.
 */
export function markerAt(text: string, i: number): boolean {
  if (i > 0) {
    const p = text.charCodeAt(i - 1);
    if (p !== 10 && p !== 13) return false;
  }
  if (!text.startsWith('---', i)) return false;
  const c = text.charCodeAt(i + 3);
  return i + 3 === text.length || c === 32 || c === 9 || c === 10 || c === 13;
}

/** The offsets of every document marker in `text[from, to]` (a marker starting at `to` included), by `markerAt`. */
export function markersIn(text: string, from = 0, to = text.length): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('---', from); i >= 0 && i <= to; i = text.indexOf('---', i + 1)) if (markerAt(text, i)) out.push(i);
  return out;
}

/**
 * `markersIn(text, from, to)` for a text that may be pieced: only the characters from the one
 * before `from` to the one after a marker starting at `to` are read (one slice).
 */
export function markersNear(text: TextLike, from: number, to: number): number[] {
  const lo = Math.max(0, from - 1);
  const hi = Math.min(text.length, to + 4);
  // within the slice, `markerAt` sees the same characters it would see in the whole text (the one
  // before `from`, the three after a marker at `to`, and the text's end when the slice reaches it)
  const out = markersIn(text.slice(lo, hi), from - lo, to - lo);
  for (let k = 0; k < out.length; k++) out[k]! += lo;
  return out;
}

/** The documents of a YAML stream from the offsets of its markers (as `splitYamlDocuments` gives them). */
export function boundsFromMarks(text: TextLike, marks: readonly number[]): { start: number; end: number }[] {
  const n = text.length;
  const bounds = [0, ...marks.filter((x) => x > 0), n];
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push({ start: bounds[i]!, end: bounds[i + 1]! });
  // A leading chunk of only comments, blank lines or directives belongs to the first document.
  if (out.length > 1 && onlyPreamble(text, out[0]!.start, out[0]!.end)) {
    out[1] = { start: out[0]!.start, end: out[1]!.end };
    out.shift();
  }
  return out;
}

/**
 * `boundsFromMarks` as two arrays of offsets (the starts and the ends of the documents): no object
 * per document (the document store computes them on every keystroke of a file of 8,000 documents).
 */
export function boundsArrays(text: TextLike, marks: readonly number[]): { starts: Float64Array; ends: Float64Array } {
  const n = text.length;
  let cuts = 0;
  for (let i = 0; i < marks.length; i++) if (marks[i]! > 0) cuts++;
  // a leading chunk of only comments, blank lines or directives belongs to the first document
  let first = 0;
  while (first < marks.length && !(marks[first]! > 0)) first++;
  const merge = cuts > 0 && onlyPreamble(text, 0, marks[first]!);
  const count = cuts + 1 - (merge ? 1 : 0);
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let k = 0;
  let at = 0;
  for (let i = first + (merge ? 1 : 0); i < marks.length; i++) {
    const m = marks[i]!;
    if (!(m > 0)) continue;
    starts[k] = at;
    ends[k++] = m;
    at = m;
  }
  starts[k] = at;
  ends[k] = n;
  return { starts, ends };
}

/** Is every line of text[from, to) blank, a comment or a directive? (one scan: linear time; read in slices, a pieced text is not joined) */
function onlyPreamble(text: TextLike, from: number, to: number): boolean {
  let inComment = false;
  let chunk = '';
  let at = from;
  for (let i = from; i < to; i++) {
    if (i - at >= chunk.length) chunk = text.slice((at = i), Math.min(to, i + 4096));
    const c = chunk.charCodeAt(i - at);
    if (c === 10 || c === 13) inComment = false;
    // a comment or a directive runs to the end of its line; blanks may stand before it
    else if (inComment) continue;
    else if (c === 35 /* # */ || c === 37 /* % */) inComment = true;
    else if (c !== 32 && c !== 9 && c !== 0xfeff && c !== 0x0b && c !== 0x0c) return false;
  }
  return true;
}

/** One parsed `---` document: offsets are absolute (the chunk's offset in its file was added while converting). */
export interface ParsedChunk {
  root: Node | undefined;
  errors: SyntaxIssue[];
  templated: boolean;
  /** What alias expansion did in this document (see parse/budget.ts). */
  expansion: Expansion;
}

/** Nesting levels converted (Kubernetes manifests and Logtail configs use a few dozen). */
export const MAX_DEPTH = 150;

const ALIAS_CODE: Record<ExpansionScope, string> = { document: 'ALIAS_BUDGET', file: 'ALIAS_BUDGET_FILE', run: 'ALIAS_BUDGET_RUN' };

/** State of the conversion of one document. */
interface Conv {
  doc: Document;
  /** Offset of the document in its file, added to every offset (no second pass, no copy). */
  base: number;
  errors: SyntaxIssue[];
  /** Alias-expanded nodes the conversion may still create. */
  allowance: number;
  expanded: number;
  truncated: boolean;
  scope: ExpansionScope;
  tooDeep: boolean;
}

/** A node's range in file offsets. */
function at(c: Conv, r: readonly number[] | null | undefined): [number, number, number] {
  return r ? [r[0]! + c.base, r[1]! + c.base, r[2]! + c.base] : [c.base, c.base, c.base];
}

/** A plain `<<` key: YAML 1.1 merge key (Kubernetes' YAML reader, sigs.k8s.io/yaml over go-yaml, honours it). */
function isMergeKey(k: unknown): boolean {
  return yIsScalar(k) && k.value === '<<' && k.type === 'PLAIN';
}

/**
 * One node of our model. `copy`: the node is reached through an alias (a copy of its anchor's
 * node): it counts against the expansion allowance.
 */
function convert(n: YNode, c: Conv, parent: MapNode | SeqNode | undefined, depth: number, copy: boolean): Node {
  if (depth > MAX_DEPTH) {
    // not converted: the tree is incomplete, so the document gets an error (and no findings)
    const r = at(c, (n as { range?: number[] }).range);
    if (!c.tooDeep) c.errors.push({ start: r[0], end: Math.max(r[0], r[1]), message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed`, code: 'NESTING_LIMIT', data: { max: MAX_DEPTH } });
    c.tooDeep = true;
    return { type: 'scalar', value: null, start: r[0], end: r[0], parent };
  }
  if (copy) c.expanded++;
  if (isAlias(n)) {
    const r = at(c, n.range);
    const target = n.resolve(c.doc);
    if (target && c.expanded < c.allowance) return convert(target, c, parent, depth + 1, true);
    if (target) {
      if (!c.truncated) c.errors.push({ start: r[0], end: r[1], message: `Too many alias expansions in this ${c.scope}: aliases from here on are not expanded`, code: ALIAS_CODE[c.scope] });
      c.truncated = true;
      return { type: 'scalar', value: null, start: r[0], end: r[1], parent };
    }
    c.errors.push({ start: r[0], end: r[1], message: `Unresolved alias: no anchor &${n.source} before it in this document`, code: 'BAD_ALIAS' });
    return { type: 'scalar', value: null, start: r[0], end: r[1], parent };
  }
  if (yIsMap(n)) {
    const r = at(c, n.range);
    const map: MapNode = { type: 'map', pairs: [], start: r[0], end: r[1], parent, flow: !!n.flow };
    // Explicit keys, for the duplicate check (linear: the parser's own check compares each key
    // with every earlier one) and so that merged keys never override them.
    const own = new Set<string>();
    for (const item of n.items) {
      if (!isPair(item) || !yIsScalar(item.key) || isMergeKey(item.key)) continue;
      const v = item.key.value;
      if (v === null || v === undefined) continue;
      const name = keyName(v);
      if (own.has(name)) {
        const kr = at(c, item.key.range);
        // a copy repeats its anchor's text: the duplicate was reported there
        if (!copy) c.errors.push({ start: kr[0], end: kr[1], message: 'Map keys must be unique', code: 'DUPLICATE_KEY' });
      }
      own.add(name);
    }
    const merged = new Set<string>();
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key;
      if (!yIsScalar(k)) continue;
      if (isMergeKey(k) && item.value && mergePairs(item.value, c, map, depth, copy, own, merged)) continue;
      const kr = at(c, k.range);
      const keyNode: ScalarNode = {
        type: 'scalar',
        value: k.value === null || k.value === undefined ? null : (k.value as ScalarNode['value']),
        start: kr[0],
        end: kr[1],
        parent: map,
        quoted: k.type === 'QUOTE_DOUBLE' || k.type === 'QUOTE_SINGLE',
      };
      if (typeof keyNode.value !== 'string' && keyNode.value !== null) keyNode.value = keyName(keyNode.value);
      const pair = { key: keyNode, start: kr[0], parent: map } as Pair;
      if (item.value === null || item.value === undefined) {
        pair.value = { type: 'scalar', value: null, start: kr[1], end: kr[1], parent: map, parentPair: pair };
      } else {
        pair.value = convert(item.value, c, map, depth + 1, copy);
        pair.value.parentPair = pair;
      }
      pair.end = Math.max(pair.value.end, kr[1]);
      map.pairs.push(pair);
    }
    return map;
  }
  if (yIsSeq(n)) {
    const r = at(c, n.range);
    const seq: SeqNode = { type: 'seq', items: [], start: r[0], end: r[1], parent, flow: !!n.flow };
    for (const item of n.items) seq.items.push(convert(item, c, seq, depth + 1, copy));
    return seq;
  }
  if (yIsScalar(n)) {
    const r = at(c, n.range);
    return {
      type: 'scalar',
      value: scalarValue(n.value, n.source),
      start: r[0],
      end: r[1],
      parent,
      block: n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED',
      quoted: n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE',
    };
  }
  return { type: 'scalar', value: null, start: c.base, end: c.base, parent };
}

/** A scalar's value in our model. `source`: the scalar's text (for numbers that overflow). */
function scalarValue(value: unknown, source: unknown): ScalarNode['value'] {
  let v = value;
  if (typeof v === 'bigint') v = Number(v);
  if (v instanceof Date) v = v.toISOString();
  // `1e400` overflows a float64: Go's YAML reader then keeps the text as a string (and so do we,
  // rather than print "Infinity"); `.inf` stays infinite.
  if (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) && typeof source === 'string' && !/^[-+]?\.(inf|Inf|INF)$/.test(source)) v = source;
  if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') v = String(v);
  return (v ?? null) as ScalarNode['value'];
}

/** A key's name as the duplicate check compares it (the parser's value: `1` and `01` are one integer key). */
function keyName(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return String(v);
}

/**
 * `<<: *base` or `<<: [*a, *b]`: the pairs of the source maps join `map` (explicit keys win;
 * among sources the first that has a key wins), each with the exact position of its text in
 * the anchored node. False when the value is not a map or a list of maps (the `<<` pair then
 * stays an ordinary pair).
 */
function mergePairs(value: YNode, c: Conv, map: MapNode, depth: number, copy: boolean, own: Set<string>, merged: Set<string>): boolean {
  const sources = yIsSeq(value) ? value.items : [value];
  const resolved = sources.map((s) => (isAlias(s) ? s.resolve(c.doc) : s));
  if (!resolved.length || !resolved.every((s) => yIsMap(s))) return false;
  for (const s of sources) {
    const m = convert(s, c, map, depth + 1, copy);
    if (m.type !== 'map') continue;
    for (const p of m.pairs) {
      const name = p.key.value === null ? undefined : String(p.key.value);
      if (name === undefined || own.has(name) || merged.has(name)) continue;
      merged.add(name);
      p.parent = map;
      p.key.parent = map;
      p.value.parent = map;
      map.pairs.push(p);
    }
  }
  return true;
}

/**
 * Parse one document of a YAML stream: `chunk` is the document's text and `start` its offset in
 * the file; every offset of the result is a file offset. `allowance`: the alias-expanded nodes the
 * document may create, and the limit it comes from (see parse/budget.ts). No cache here: callers
 * that keep parsed documents across versions (model/document.ts) own their cache.
 */
export function parseYamlChunk(chunk: string, start = 0, allowance: number = ALIAS_LIMITS.perDocument, scope: ExpansionScope = 'document'): ParsedChunk {
  return parseChunk(chunk, start, allowance, scope, true);
}

/** `parseYamlChunk` by the full composer only (never the cheap path of parse/yaml-cst.ts): the reference its test compares with. */
export function parseYamlChunkFull(chunk: string, start = 0, allowance: number = ALIAS_LIMITS.perDocument, scope: ExpansionScope = 'document'): ParsedChunk {
  return parseChunk(chunk, start, allowance, scope, false);
}

function parseChunk(chunk: string, start: number, allowance: number, scope: ExpansionScope, cheap: boolean): ParsedChunk {
  const templated = chunk.includes('{{') || chunk.includes('{%');
  const end = start + chunk.length;
  let result: ParsedChunk;
  const expansion: Expansion = { expanded: 0, truncated: false, allowance, scope };
  try {
    // Only CR and LF break lines in YAML, but the parser knows only LF (and CRLF): a lone CR
    // becomes LF (same length, so every offset stays exact).
    const source = chunk.includes('\r') ? lfOnly(chunk) : chunk;
    // The plainest documents (block mappings and sequences of one-line scalars, no comments)
    // are read line by line (parse/yaml-lines.ts); most others (block collections of any
    // scalars, with comments) are built straight from the parser's syntax tree
    // (parse/yaml-cst.ts); any other document by the full composer.
    const fast = cheap ? (parseYamlLines(source, start, MAX_DEPTH) ?? parseYamlCst(source, start, MAX_DEPTH)) : undefined;
    if (fast) return clamp({ root: fast.root, errors: foldErrors(source, fast.errors, start), templated, expansion }, end);
    // uniqueKeys: false — the parser's duplicate-key check compares each key with every earlier
    // one (40,000 keys took 12 s); convert() checks with a Set and reports the same error
    const doc = parseDocument(source, { keepSourceTokens: false, prettyErrors: false, strict: false, uniqueKeys: false });
    const errors: SyntaxIssue[] = [];
    let overflow = false;
    for (const e of doc.errors) {
      // a stack overflow inside the parser surfaces as one error per unwound level, at a depth
      // that depends on the caller's stack: report it once, at the first place
      const deep = /Maximum call stack size exceeded/.test(e.message);
      if (deep && overflow) continue;
      overflow ||= deep;
      errors.push({
        start: e.pos[0] + start,
        end: Math.max(e.pos[1], e.pos[0]) + start,
        message: deep ? 'Nesting too deep to parse' : (e.message.split('\n')[0] ?? e.message),
        code: deep ? 'TOO_DEEP' : e.code,
      });
    }
    // after the parser's own stack overflow, the cut-off depth needs no second error
    const c: Conv = { doc, base: start, errors: [], allowance, expanded: 0, truncated: false, scope, tooDeep: overflow };
    const root = doc.contents ? convert(doc.contents, c, undefined, 0, false) : undefined;
    expansion.expanded = c.expanded;
    expansion.truncated = c.truncated;
    result = { root, errors: foldErrors(source, [...errors, ...c.errors], start), templated, expansion };
  } catch (err) {
    const message = err instanceof RangeError ? 'Nesting too deep to parse' : `Cannot parse: ${String((err as Error)?.message ?? err)}`;
    result = { root: undefined, errors: [{ start, end: Math.min(end, start + 1), message, code: err instanceof RangeError ? 'TOO_DEEP' : 'PARSE_FAILED' }], templated, expansion };
  }
  return clamp(result, end);
}

/** Every error within the document. */
function clamp(result: ParsedChunk, end: number): ParsedChunk {
  for (const e of result.errors) {
    e.start = Math.min(e.start, end);
    e.end = Math.min(Math.max(e.end, e.start), end);
  }
  return result;
}

/** Every lone CR as LF (same length). */
function lfOnly(text: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) continue;
    out += text.slice(from, i) + '\n';
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Every document of a YAML stream, parsed (offsets are file offsets). Aliases are expanded within
 * the limits of `budget` (per document, per file, per run: see parse/budget.ts).
 */
export function parseYamlDocs(text: string, offset = 0, budget: ExpansionBudget = new ExpansionBudget()): ParsedDoc[] {
  const docs: ParsedDoc[] = [];
  let fileUsed = 0;
  for (const { start, end } of splitYamlDocuments(text)) {
    const { allowance, scope } = budget.allowance(fileUsed);
    const c = parseYamlChunk(text.slice(start, end), start + offset, allowance, scope);
    fileUsed += c.expansion.expanded;
    budget.spend(c.expansion.expanded);
    docs.push({ index: docs.length, start: start + offset, end: end + offset, templated: c.templated, root: c.root, errors: c.errors, expansion: c.expansion });
  }
  return docs;
}
