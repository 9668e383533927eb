/**
 * The line parse path of one YAML document: the plainest documents — block mappings and
 * sequences of one-line plain and quoted scalars, no comments — read line by line into our node
 * model, without the `yaml` package's lexer and syntax tree (whose token generators were the
 * largest part of a first lint: ~35 % of the server's open of 500 documents, most of the
 * garbage).
 *
 * It is the first of three paths (parse/yaml.ts): anything it does not take returns `undefined`
 * and goes to the cheap syntax-tree path (parse/yaml-cst.ts), and from there to the full
 * composer. It takes only lines of these forms, at the indentation their collection expects:
 *
 *     key: scalar        key:          - scalar        -          - key: scalar        - key:
 *
 * where a key is a plain scalar and a scalar is a one-line plain, single- or double-quoted
 * scalar, plus blank lines and a leading `---` line, with LF or CRLF line breaks. Anything else — tabs, a lone CR, flow
 * collections, block scalars, anchors, aliases, tags, directives, multi-line scalars, explicit,
 * empty, quoted or merge keys, duplicate keys, a scalar after a sequence indicator on the same
 * line as another, a root scalar, nesting deeper than the limit, control characters — makes it
 * decline the whole document, so that errors, warnings and what is (not) reported after them stay
 * the parser's. Values are resolved as the other paths resolve them (the core schema's tags for
 * plain scalars, `CST.resolveAsScalar` for escapes in double quotes); ranges are those the
 * composer computes. test/parse-cst.test.ts compares the result (tree, positions, errors) with the
 * full composer's on every YAML text of the repository, LF and CRLF, on thousands of seeded random
 * mutations of them and on hand-picked cases.
 */
import { CST } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes';
import { mayBeTyped, resolvePlain } from './yaml-cst';

/** Thrown (and caught in `parseYamlLines`) when the document needs another path. */
const DECLINE = Symbol('decline');
function decline(): never {
  throw DECLINE;
}

const SPACE = 32;
const LF = 10;
const CR = 13;
const DASH = 45;
const COLON = 58;
const HASH = 35;
const SQUOTE = 39;
const DQUOTE = 34;

class LineReader {
  /** Start of the current content line (its first character, indentation included). */
  line = 0;
  /** Its indentation (spaces), content start and end (before the line break: LF or CRLF), or `indent = -1` at the end. */
  indent = -1;
  content = 0;
  lineEnd = 0;
  /** The start of the line after it (after its line break). */
  nextLine = 0;
  constructor(
    readonly src: string,
    readonly base: number,
    readonly maxDepth: number,
  ) {}

  /** Whether the last `seek` passed comment lines. */
  comments = false;

  /**
   * Where the composer's range of the node built last ends (its `range[2]`: after the line break
   * of its last line), set by each builder (instead of returning a pair of node and end).
   */
  end = 0;
  /** The raw value and quoting of the scalar read last (`scalarAt`). */
  raw: unknown = undefined;
  quoted = false;
  /**
   * The pairs and items of the collections being built, innermost last: each collection gets an
   * array of its exact length when it is complete (`push` from empty reserves 16 slots, kept as
   * long as the tree).
   */
  readonly stack: (Pair | Node)[] = [];

  /**
   * Moves to the next line that is neither blank nor a comment, from `from` (a line start).
   * Comment lines are taken only where they touch no range: each comment of the run at the
   * indentation of the line that follows it (the composer puts them in that item's start), or
   * at column 0 at the end of the document (they end up in the root's trailing tokens). A comment
   * more indented than the line after it belongs to the value before it, which extends its range:
   * declined, as are comments elsewhere.
   */
  seek(from: number): void {
    const s = this.src;
    const n = s.length;
    let i = from;
    let commentIndent = -1;
    this.comments = false;
    while (i < n) {
      let j = i;
      while (j < n && s.charCodeAt(j) === SPACE) j++;
      if (j >= n) break;
      const c = s.charCodeAt(j);
      if (c === LF) {
        i = j + 1;
        continue;
      }
      if (c === CR && s.charCodeAt(j + 1) === LF) {
        i = j + 2;
        continue;
      }
      let e = s.indexOf('\n', j);
      if (e < 0) e = n;
      if (c === HASH) {
        if (this.comments && commentIndent !== j - i) decline();
        this.comments = true;
        commentIndent = j - i;
        i = e < n ? e + 1 : n;
        continue;
      }
      if (this.comments && commentIndent !== j - i) decline();
      this.line = i;
      this.indent = j - i;
      this.content = j;
      this.lineEnd = e > j && s.charCodeAt(e - 1) === CR ? e - 1 : e;
      this.nextLine = e < n ? e + 1 : n;
      return;
    }
    if (this.comments && commentIndent !== 0) decline();
    this.line = n;
    this.indent = -1;
    this.content = n;
    this.lineEnd = n;
    this.nextLine = n;
  }

  /** The start of the line after the current one. */
  next(): number {
    return this.nextLine;
  }

  /**
   * The end of a scalar's range: after the spaces, the comment and the line break that follow it
   * (nothing else may follow it; a comment needs a space before its `#`).
   */
  after(valueEnd: number): number {
    const s = this.src;
    let i = valueEnd;
    while (i < this.lineEnd && s.charCodeAt(i) === SPACE) i++;
    if (i !== this.lineEnd && (i === valueEnd || s.charCodeAt(i) !== HASH)) decline();
    return this.next();
  }

  /** Does the current line end at `i` (after spaces, and a comment after a space)? */
  endsAt(i: number): boolean {
    const s = this.src;
    while (i < this.lineEnd && s.charCodeAt(i) === SPACE) i++;
    return i === this.lineEnd || (s.charCodeAt(i) === HASH && s.charCodeAt(i - 1) === SPACE);
  }

  /** Is the current line a sequence item at `indent` (`-` then a space or the line's end)? */
  isItem(indent: number): boolean {
    if (this.indent !== indent || this.src.charCodeAt(this.content) !== DASH) return false;
    const c = this.content + 1;
    return c === this.lineEnd || this.src.charCodeAt(c) === SPACE;
  }

  /** The offset of the `:` ending a plain key that starts at `from` on the current line, or -1. */
  keyColon(from: number): number {
    const s = this.src;
    const c = s.charCodeAt(from);
    if (c === SQUOTE || c === DQUOTE) return -1;
    // (a loop bounded by the line: indexOf would search the rest of the text on every line)
    for (let i = from; i < this.lineEnd; i++) {
      if (s.charCodeAt(i) !== COLON) continue;
      const d = i + 1 === this.lineEnd ? SPACE : s.charCodeAt(i + 1);
      if (d === SPACE) return i;
    }
    return -1;
  }
}

/** Characters that may not start a plain scalar here (flow indicators, comment, anchor, alias, tag, block scalar, directive, reserved, quotes). */
function badFirst(c: number): boolean {
  switch (c) {
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case COLON:
    case SQUOTE:
    case DQUOTE:
      return true;
  }
  return false;
}

/** Checks a one-line plain scalar's text `[from, to)`: nothing the lexer would read as something else, no character the parser complains about. */
function checkPlain(s: string, from: number, to: number): void {
  if (from >= to) decline();
  const first = s.charCodeAt(from);
  if (badFirst(first)) decline();
  if (first === DASH && (from + 1 === to || s.charCodeAt(from + 1) === SPACE)) decline();
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < SPACE || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c >= 0xfffe) decline();
    if (c === HASH && s.charCodeAt(i - 1) === SPACE) decline(); // a comment
    if (c === COLON && (i + 1 === to || s.charCodeAt(i + 1) === SPACE)) decline(); // a mapping value
    // flow indicators inside a plain scalar are the lexer's business in flow context only, but
    // these documents are rare: leave them to the other paths
    if (c === 91 || c === 93 || c === 123 || c === 125) decline();
  }
}

/**
 * The value of the one-line scalar `[from, to)` (`to`: the line's end less trailing spaces, or
 * the key's `:`); `r.raw` gets what its tag gave and `r.quoted` whether it was quoted.
 */
function scalarAt(r: LineReader, from: number, to: number, indent: number): ScalarNode['value'] {
  const s = r.src;
  const q = s.charCodeAt(from);
  if (q === SQUOTE || q === DQUOTE) {
    // the closing quote must end the text
    if (to - from < 2 || s.charCodeAt(to - 1) !== q) decline();
    let i = from + 1;
    let escapes = false;
    for (; i < to - 1; i++) {
      const c = s.charCodeAt(i);
      if (c < SPACE || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c >= 0xfffe) decline();
      if (q === SQUOTE && c === SQUOTE) {
        if (s.charCodeAt(i + 1) !== SQUOTE || i + 1 >= to - 1) decline();
        i++;
        escapes = true;
      } else if (q === DQUOTE) {
        if (c === DQUOTE) decline();
        if (c === 92) {
          escapes = true;
          i++;
        }
      }
    }
    if (i !== to - 1) decline(); // an escape ate the closing quote
    let value: string;
    if (!escapes) value = s.slice(from + 1, to - 1);
    else if (q === SQUOTE) value = s.slice(from + 1, to - 1).replaceAll("''", "'");
    else {
      const token = { type: 'double-quoted-scalar', offset: from, indent, source: s.slice(from, to) } as CST.FlowScalar;
      const res = CST.resolveAsScalar(token, false, () => decline());
      if (!res) decline();
      value = res.value;
    }
    r.raw = value;
    r.quoted = true;
    return value;
  }
  checkPlain(s, from, to);
  const text = s.slice(from, to);
  r.quoted = false;
  // most plain scalars (keys, names, paths) cannot be anything but a string: no tag to try
  if (!mayBeTyped(q)) {
    r.raw = text;
    return text;
  }
  const { value, raw } = resolvePlain(text, decline);
  r.raw = raw;
  return value;
}

/** A scalar node; `pair`: the pair whose value it is (its `parentPair`, set in the literal so that the object has its final shape at once). */
function scalarNode(value: ScalarNode['value'], start: number, end: number, parent: MapNode | SeqNode, quoted: boolean, pair: Pair | undefined): ScalarNode {
  return pair ? { type: 'scalar', value, start, end, parent, block: false, quoted, parentPair: pair } : { type: 'scalar', value, start, end, parent, block: false, quoted };
}

/**
 * Where the one-line scalar starting at `from` ends: a quoted one after its closing quote (an
 * escaped quote does not close it), a plain one before the spaces and the comment that end its
 * line. Whatever follows is checked by `LineReader.after`.
 */
function scalarEnd(r: LineReader, from: number): number {
  const s = r.src;
  const q = s.charCodeAt(from);
  if (q === SQUOTE || q === DQUOTE) {
    for (let i = from + 1; i < r.lineEnd; i++) {
      const c = s.charCodeAt(i);
      if (q === DQUOTE && c === 92) i++;
      else if (c === q) {
        if (q === SQUOTE && s.charCodeAt(i + 1) === SQUOTE) i++;
        else return i + 1;
      }
    }
    decline(); // a multi-line quoted scalar
  }
  let e = r.lineEnd;
  for (let i = from + 1; i < e; i++) {
    if (s.charCodeAt(i) === HASH && s.charCodeAt(i - 1) === SPACE) {
      e = i - 1;
      break;
    }
  }
  while (e > from && s.charCodeAt(e - 1) === SPACE) e--;
  return e;
}

/**
 * The value after an indicator that ended its line (`key:` or `-`), `at` being where an empty
 * value would stand: a collection on the following lines, or an empty value. `pair`: the pair
 * whose value it is (undefined for a sequence item).
 */
function valueBelow(r: LineReader, indent: number, at: number, parent: MapNode | SeqNode, depth: number, pair: Pair | undefined): Node {
  const indicatorLineEnd = r.lineEnd;
  r.seek(r.next());
  if (r.indent > indent) {
    if (r.isItem(r.indent)) return seq(r, r.indent, parent, depth + 1, pair);
    return map(r, r.indent, r.content, parent, depth + 1, pair);
  }
  if (pair && r.isItem(indent)) return seq(r, indent, parent, depth + 1, pair);
  // an empty value: a comment after the indicator or below it moves its range in the composer
  if (r.comments || at !== indicatorLineEnd) decline();
  const pos = r.base + at;
  r.end = pos;
  return scalarNode(null, pos, pos, parent, false, pair);
}

/** A placeholder for a pair's value while it is built. */
const NO_VALUE = { type: 'scalar', value: null, start: 0, end: 0 } as ScalarNode;

/**
 * A block mapping whose keys stand at column `indent`; the reader is on its first line, whose key
 * starts at `first`. `pair`: the pair whose value it is.
 */
function map(r: LineReader, indent: number, first: number, parent: MapNode | SeqNode | undefined, depth: number, pair?: Pair): MapNode {
  if (depth + 1 > r.maxDepth) decline(); // (its values are one level deeper)
  const s = r.src;
  if (indent === 0 && (s.startsWith('---', first) || s.startsWith('...', first))) decline(); // a marker: the splitter's business
  const m: MapNode = pair ? { type: 'map', pairs: [], start: r.base + first, end: 0, parent, flow: false, parentPair: pair } : { type: 'map', pairs: [], start: r.base + first, end: 0, parent, flow: false };
  const stack = r.stack;
  const base = stack.length;
  /** The keys so far, once there are many (a few are compared one by one). */
  let own: Set<string> | undefined;
  let keyStart = first;
  let end = 0;
  for (;;) {
    const colon = r.keyColon(keyStart);
    if (colon < 0 || s.charCodeAt(colon - 1) === SPACE) decline();
    scalarAt(r, keyStart, colon, indent);
    const raw = r.raw;
    if (raw === '<<') decline(); // merge key: parse/yaml.ts merges
    let keyValue: ScalarNode['value'] = null;
    if (raw !== null && raw !== undefined) {
      const name = typeof raw === 'string' ? raw : String(raw);
      // a duplicate key: the other paths report it
      if (own) {
        if (own.has(name)) decline();
        own.add(name);
      } else if (stack.length - base < 8) {
        for (let j = base; j < stack.length; j++) if ((stack[j] as Pair).key.value === name) decline();
      } else {
        own = new Set();
        for (let j = base; j < stack.length; j++) {
          const v = (stack[j] as Pair).key.value;
          if (v !== null) own.add(v as string);
        }
        if (own.has(name)) decline();
        own.add(name);
      }
      keyValue = name;
    }
    const kStart = r.base + keyStart;
    const kEnd = r.base + colon;
    const key: ScalarNode = { type: 'scalar', value: keyValue, start: kStart, end: kEnd, parent: m, quoted: false };
    const p: Pair = { key, start: kStart, parent: m, value: NO_VALUE, end: 0 };
    let v: Node;
    let i = colon + 1;
    while (i < r.lineEnd && s.charCodeAt(i) === SPACE) i++;
    if (r.endsAt(i)) v = valueBelow(r, indent, i, m, depth, p);
    else {
      const e = scalarEnd(r, i);
      const value = scalarAt(r, i, e, indent);
      v = scalarNode(value, r.base + i, r.base + e, m, r.quoted, p);
      r.end = r.base + r.after(e);
      r.seek(r.next());
      if (r.indent > indent) decline(); // a continuation line, or an error
    }
    p.value = v;
    p.end = Math.max(v.end, kEnd);
    stack.push(p);
    end = r.end;
    if (r.indent !== indent) break;
    if (r.isItem(indent)) decline(); // a sequence item where a key belongs
    keyStart = r.content;
  }
  if (r.indent > indent) decline();
  m.pairs = stack.slice(base) as Pair[];
  stack.length = base;
  m.end = end;
  r.end = end;
  return m;
}

/** A block sequence whose `-` stand at column `indent`; the reader is on its first item. `pair`: the pair whose value it is. */
function seq(r: LineReader, indent: number, parent: MapNode | SeqNode | undefined, depth: number, pair?: Pair): SeqNode {
  if (depth + 1 > r.maxDepth) decline();
  const s = r.src;
  const q: SeqNode = pair ? { type: 'seq', items: [], start: r.base + r.content, end: 0, parent, flow: false, parentPair: pair } : { type: 'seq', items: [], start: r.base + r.content, end: 0, parent, flow: false };
  const stack = r.stack;
  const base = stack.length;
  let end = 0;
  while (r.isItem(indent)) {
    let i = r.content + 1;
    while (i < r.lineEnd && s.charCodeAt(i) === SPACE) i++;
    let v: Node;
    if (r.endsAt(i)) v = valueBelow(r, indent, i, q, depth, undefined);
    else if (s.charCodeAt(i) === DASH && (i + 1 === r.lineEnd || s.charCodeAt(i + 1) === SPACE)) decline(); // `- - x`
    else if (r.keyColon(i) >= 0) {
      // `- key: …`: a mapping whose keys stand at the column of this one
      const col = i - r.line;
      r.indent = col;
      r.content = i;
      v = map(r, col, i, q, depth + 1);
    } else {
      const e = scalarEnd(r, i);
      const value = scalarAt(r, i, e, indent);
      v = scalarNode(value, r.base + i, r.base + e, q, r.quoted, undefined);
      r.end = r.base + r.after(e);
      r.seek(r.next());
      if (r.indent > indent) decline();
    }
    stack.push(v);
    end = r.end;
  }
  if (r.indent > indent) decline();
  q.items = stack.slice(base) as Node[];
  stack.length = base;
  q.end = end;
  r.end = end;
  return q;
}

/**
 * One document's tree by the line path, or `undefined` when the document needs another path.
 * `source`: the document's text (LF or CRLF line breaks); `base`: its offset in the file. Declined
 * documents include every one the other paths would report an error or warning in, so there are
 * no errors to return.
 */
export function parseYamlLines(source: string, base: number, maxDepth: number): { root: Node; errors: [] } | undefined {
  // CR only in CRLF line breaks (parse/yaml.ts has turned a lone CR into LF already)
  if (source.includes('\t') || (source.includes('\r') && /\r(?!\n)/.test(source))) return undefined;
  const r = new LineReader(source, base, maxDepth);
  try {
    let from = 0;
    if (source.startsWith('---')) {
      const c = source.charCodeAt(3);
      if (source.length > 3 && c !== LF && !(c === CR && source.charCodeAt(4) === LF)) return undefined;
      from = Math.min(source.length, c === CR ? 5 : 4);
    }
    r.seek(from);
    if (r.indent !== 0) return undefined;
    const root = r.isItem(0) ? seq(r, 0, undefined, 0) : map(r, 0, r.content, undefined, 0);
    if (r.indent >= 0) return undefined; // something left at column 0 that is neither a key nor an item
    return { root, errors: [] };
  } catch (e) {
    if (e === DECLINE || e instanceof RangeError) return undefined;
    throw e;
  }
}
