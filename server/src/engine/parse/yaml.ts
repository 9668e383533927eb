import { isAlias, isMap as yIsMap, isPair, isScalar as yIsScalar, isSeq as yIsSeq, parseDocument, Document } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes';
import type { ParsedDoc, SyntaxIssue } from './types';

type YNode = unknown;

/**
 * Split a YAML stream at its document markers. A line that starts with `---` (followed by
 * a blank or the end of the line) always starts a new document: the YAML spec forbids such
 * a line inside any scalar, so the split is exact and each document can be parsed (and
 * cached) on its own.
 */
export function splitYamlDocuments(text: string): { start: number; end: number }[] {
  const marks: number[] = [];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) marks.push(m.index);
  const bounds = [0, ...marks.filter((x) => x > 0), text.length];
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push({ start: bounds[i]!, end: bounds[i + 1]! });
  // A leading chunk of only comments, blank lines or directives belongs to the first document.
  if (out.length > 1 && /^(\s*(#.*|%.*)?(\r?\n|$))*$/.test(text.slice(out[0]!.start, out[0]!.end))) {
    out[1] = { start: out[0]!.start, end: out[1]!.end };
    out.shift();
  }
  return out;
}

/** One parsed `---` document: offsets are absolute (the chunk's offset in its file was added while converting). */
export interface ParsedChunk {
  root: Node | undefined;
  errors: SyntaxIssue[];
  templated: boolean;
}

/** Offset of the current chunk in its file, added to every offset while converting (no second pass, no copy). */
let base = 0;

/** Aliases without an anchor found while converting the current document. */
let unresolved: SyntaxIssue[] | undefined;
/**
 * Nodes the conversion may still create for the current document. Aliases are expanded (each
 * use becomes a copy of its anchor's node), so a "billion laughs" document would grow without
 * bound: past this budget further aliases stay unexpanded and one error says why.
 */
let budget = 0;
let budgetExceeded = false;

/** A node's range in file offsets. */
function at(r: readonly number[] | null | undefined): [number, number, number] {
  return r ? [r[0]! + base, r[1]! + base, r[2]! + base] : [base, base, base];
}

function convert(n: YNode, doc: Document, parent: MapNode | SeqNode | undefined, depth: number): Node {
  if (depth > 150) return { type: 'scalar', value: null, start: base, end: base, parent };
  budget--;
  if (isAlias(n)) {
    const target = n.resolve(doc);
    if (target && budget > 0) return convert(target, doc, parent, depth + 1);
    if (target) {
      const r = at(n.range);
      if (!budgetExceeded) unresolved?.push({ start: r[0], end: r[1], message: 'Too many alias expansions in this document (a "billion laughs" pattern?): aliases from here on are not expanded', code: 'ALIAS_BUDGET' });
      budgetExceeded = true;
      return { type: 'scalar', value: null, start: r[0], end: r[1], parent };
    }
    const r = at(n.range);
    unresolved?.push({ start: r[0], end: r[1], message: `Unresolved alias: no anchor &${n.source} before it in this document`, code: 'BAD_ALIAS' });
    return { type: 'scalar', value: null, start: r[0], end: r[1], parent };
  }
  if (yIsMap(n)) {
    const r = at(n.range);
    const map: MapNode = { type: 'map', pairs: [], start: r[0], end: r[1], parent, flow: !!n.flow };
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key;
      if (!yIsScalar(k)) continue;
      const kr = at(k.range);
      const keyNode: ScalarNode = {
        type: 'scalar',
        value: k.value === null || k.value === undefined ? null : (k.value as ScalarNode['value']),
        start: kr[0],
        end: kr[1],
        parent: map,
        quoted: k.type === 'QUOTE_DOUBLE' || k.type === 'QUOTE_SINGLE',
      };
      if (typeof keyNode.value !== 'string' && keyNode.value !== null) keyNode.value = String(keyNode.value);
      const pair = { key: keyNode, start: kr[0], parent: map } as Pair;
      if (item.value === null || item.value === undefined) {
        pair.value = { type: 'scalar', value: null, start: kr[1], end: kr[1], parent: map, parentPair: pair };
      } else {
        pair.value = convert(item.value, doc, map, depth + 1);
        pair.value.parentPair = pair;
      }
      pair.end = Math.max(pair.value.end, kr[1]);
      map.pairs.push(pair);
    }
    return map;
  }
  if (yIsSeq(n)) {
    const r = at(n.range);
    const seq: SeqNode = { type: 'seq', items: [], start: r[0], end: r[1], parent, flow: !!n.flow };
    for (const item of n.items) seq.items.push(convert(item, doc, seq, depth + 1));
    return seq;
  }
  if (yIsScalar(n)) {
    const r = at(n.range);
    let v = n.value as unknown;
    if (typeof v === 'bigint') v = Number(v);
    if (v instanceof Date) v = v.toISOString();
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') v = String(v);
    return {
      type: 'scalar',
      value: (v ?? null) as ScalarNode['value'],
      start: r[0],
      end: r[1],
      parent,
      block: n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED',
      quoted: n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE',
    };
  }
  return { type: 'scalar', value: null, start: base, end: base, parent };
}

/**
 * Parse one document of a YAML stream: `chunk` is the document's text and `start` its offset in
 * the file; every offset of the result is a file offset. No cache here: callers that keep parsed
 * documents across versions (model/document.ts) own their cache.
 */
export function parseYamlChunk(chunk: string, start = 0): ParsedChunk {
  const templated = /\{\{|\{%/.test(chunk);
  const end = start + chunk.length;
  let result: ParsedChunk;
  base = start;
  try {
    const doc = parseDocument(chunk, { keepSourceTokens: false, prettyErrors: false, strict: false });
    const errors: SyntaxIssue[] = doc.errors.map((e) => ({
      start: e.pos[0] + start,
      end: Math.max(e.pos[1], e.pos[0]) + start,
      message: /Maximum call stack size exceeded/.test(e.message) ? 'Nesting too deep to parse' : (e.message.split('\n')[0] ?? e.message),
      code: /Maximum call stack size exceeded/.test(e.message) ? 'TOO_DEEP' : e.code,
    }));
    // a stack overflow inside the parser surfaces as one error per unwound level, at a depth that
    // depends on the caller's stack: report it once, at the first place
    const deep = errors.findIndex((e) => e.message === 'Nesting too deep to parse');
    if (deep >= 0) for (let i = errors.length - 1; i > deep; i--) if (errors[i]!.message === 'Nesting too deep to parse') errors.splice(i, 1);
    unresolved = [];
    budget = Math.max(100_000, chunk.length);
    budgetExceeded = false;
    const root = doc.contents ? convert(doc.contents, doc, undefined, 0) : undefined;
    errors.push(...unresolved);
    unresolved = undefined;
    result = { root, errors, templated };
  } catch (err) {
    const message = err instanceof RangeError ? 'Nesting too deep to parse' : `Cannot parse: ${String((err as Error)?.message ?? err)}`;
    result = { root: undefined, errors: [{ start, end: Math.min(end, start + 1), message, code: 'PARSE_FAILED' }], templated };
  } finally {
    base = 0;
    unresolved = undefined;
  }
  for (const e of result.errors) {
    e.start = Math.min(e.start, end);
    e.end = Math.min(Math.max(e.end, e.start), end);
  }
  return result;
}

/** Every document of a YAML stream, parsed (offsets are file offsets). */
export function parseYamlDocs(text: string, offset = 0): ParsedDoc[] {
  const docs: ParsedDoc[] = [];
  for (const { start, end } of splitYamlDocuments(text)) {
    const c = parseYamlChunk(text.slice(start, end), start + offset);
    docs.push({ index: docs.length, start: start + offset, end: end + offset, templated: c.templated, root: c.root, errors: c.errors });
  }
  return docs;
}
