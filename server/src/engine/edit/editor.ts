import { stringify } from 'yaml';
import { isScalar, isSeq, type MapNode, type Node, type Pair, type SeqNode } from '../parse/nodes';
import type { Language } from '../parse/types';
import { flat, type TextLike } from '../parse/text';
import type { Edit } from '../types';

/** Plain data to insert: objects keep key order. */
export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

/**
 * Structure-aware edit builders. Every builder returns edits in offsets of the original
 * text and keeps the file valid: new keys take the indentation of their siblings, new
 * sequence items the dash style of the document, comments stay where they were.
 */
export interface Editor {
  /** Add pairs at the end of a map (or fill an empty/null value of `pair`). */
  insertIntoMap(map: MapNode, value: Record<string, Value>): Edit;
  /** Add pairs as the value of a pair whose value is null or an empty map. */
  fillPair(pair: Pair, value: Record<string, Value>): Edit;
  /** Append an item to a sequence. */
  appendToSeq(seq: SeqNode, item: Value): Edit;
  /** Append `item` to the sequence at `map[key]`, creating the key if missing. */
  addToList(map: MapNode, key: string, item: Value): Edit;
  /** Replace the value of `pair` (null, `[]`, `{}`, a scalar) by a list of `items`. */
  setList(pair: Pair, items: Value[]): Edit;
  /** Set `map[key]` to a scalar value (replace or insert). */
  setScalar(map: MapNode, key: string, value: string | number | boolean): Edit;
  /** Replace a scalar node's value. */
  replaceScalar(node: Node, value: string | number | boolean): Edit;
  renameKey(pair: Pair, newKey: string): Edit;
  removePair(pair: Pair): Edit;
  /** Remove a sequence item. */
  removeItem(seq: SeqNode, index: number): Edit;
  /** The text of a value as this language writes it. */
  scalarText(value: string | number | boolean | null): string;
}

/** `text` may be pieced (parse/text.ts): a YAML editor joins it only when it builds an edit. */
export function editorFor(text: TextLike, language: Language): Editor {
  return language === 'yaml' ? new YamlEditor(text) : new JsonEditor(flat(text));
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
function lastContentBefore(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return i;
}

export class YamlEditor implements Editor {
  private eolCache?: string;
  private styleCache?: { indent: number; seqIndent: boolean };
  #text: string | undefined;
  constructor(private readonly source: TextLike) {
    if (typeof source === 'string') this.#text = source;
  }
  /** The file's text as one string (a pieced text is joined when an edit is first built, not for `style()`). */
  get text(): string {
    return (this.#text ??= flat(this.source));
  }
  /** The file's line end (looked for when first needed: a 5 MB text is not scanned for an editor that builds nothing). */
  get eol(): string {
    return (this.eolCache ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  column(offset: number): number {
    return offset - lineStartOf(this.text, offset);
  }

  /** Indentation unit and whether sequences are indented under their key, read from the document. */
  style(): { indent: number; seqIndent: boolean } {
    if (this.styleCache) return this.styleCache;
    // the lines of the text, split as far as they are read (the style is usually decided in the
    // first lines; splitting a 5 MB file whole on every fix cost more than the fix)
    // (a pieced text is read from its beginning, in a window doubled as far as lines are read)
    const src = this.source;
    const length = src.length;
    let text = this.#text ?? '';
    const lines: string[] = [];
    let next = 0;
    const more = (i: number) => {
      while (lines.length <= i && next <= length) {
        let nl = text.indexOf('\n', next);
        while (nl < 0 && text.length < length) {
          text = src.slice(0, Math.min(length, Math.max(4096, 2 * text.length)));
          nl = text.indexOf('\n', next);
        }
        const end = nl < 0 ? length : nl;
        lines.push(text.slice(next, end > next && text.charCodeAt(end - 1) === 13 && nl >= 0 ? end - 1 : end));
        next = nl < 0 ? length + 1 : nl + 1;
      }
      return lines.length > i;
    };
    let indent = 0;
    let seqIndent: boolean | undefined;
    for (let i = 0; more(i + 1); i++) {
      const m = /^(\s*)(-\s+)?[^\s#-][^:#]*:\s*(#.*)?$/.exec(lines[i]!);
      if (!m) continue;
      const keyCol = m[1]!.length + (m[2]?.length ?? 0);
      let j = i + 1;
      while (more(j) && /^\s*(#.*)?$/.test(lines[j]!)) j++;
      const next = lines[j];
      if (next === undefined) continue;
      const n = /^(\s*)(-(\s|$))?/.exec(next)!;
      const col = n[1]!.length;
      if (n[2]) {
        if (seqIndent === undefined) seqIndent = col > keyCol;
        if (!indent && col > keyCol) indent = col - keyCol;
      } else if (col > keyCol && !indent) indent = col - keyCol;
      if (indent && seqIndent !== undefined) break;
    }
    this.styleCache = { indent: indent || 2, seqIndent: seqIndent ?? true };
    return this.styleCache;
  }

  scalarText(v: string | number | boolean | null): string {
    if (v === null) return 'null';
    return stringify(v, { lineWidth: 0 }).trimEnd();
  }

  private emitMap(value: Record<string, Value>, col: number): string[] {
    const pad = ' '.repeat(col);
    const { indent, seqIndent } = this.style();
    const out: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const key = this.scalarText(k);
      if (Array.isArray(v)) {
        if (v.length === 0) out.push(`${pad}${key}: []`);
        else {
          out.push(`${pad}${key}:`);
          for (const item of v) out.push(...this.emitItem(item, col + (seqIndent ? indent : 0)));
        }
      } else if (v !== null && typeof v === 'object') {
        if (Object.keys(v).length === 0) out.push(`${pad}${key}: {}`);
        else out.push(`${pad}${key}:`, ...this.emitMap(v, col + indent));
      } else out.push(`${pad}${key}: ${this.scalarText(v)}`);
    }
    return out;
  }

  private emitItem(item: Value, dashCol: number): string[] {
    const pad = ' '.repeat(dashCol);
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
      const lines = this.emitMap(item, dashCol + 2);
      lines[0] = pad + '- ' + lines[0]!.slice(dashCol + 2);
      return lines;
    }
    if (Array.isArray(item)) return [`${pad}- ${this.flow(item)}`];
    return [`${pad}- ${item !== null && typeof item === 'object' ? '{}' : this.scalarText(item as string)}`];
  }

  private flow(v: Value): string {
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(', ')}]`;
    if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${this.scalarText(k)}: ${this.flow(x)}`).join(', ')} }`;
    return this.scalarText(v);
  }

  /** Where to put new lines after `node`: the end of the line of its last character (after a trailing comment). */
  private afterNode(node: { start: number; end: number }): number {
    return lineEndOf(this.text, Math.max(node.start, lastContentBefore(this.text, node.end)));
  }

  insertIntoMap(map: MapNode, value: Record<string, Value>): Edit {
    if (map.flow || map.pairs.length === 0) {
      if (map.pairs.length === 0 && map.parentPair) return this.fillPair(map.parentPair, value);
      if (map.pairs.length === 0) {
        return { start: map.start, end: map.end, newText: this.emitMap(value, this.column(map.start)).join(this.eol).trimStart() };
      }
      const close = this.text.lastIndexOf('}', map.end - 1);
      const body = Object.entries(value).map(([k, v]) => `${this.scalarText(k)}: ${this.flow(v)}`).join(', ');
      const before = lastContentBefore(this.text, close);
      return { start: before + 1, end: before + 1, newText: `, ${body}` };
    }
    const col = this.column(map.pairs[0]!.key.start);
    const at = this.afterNode(map.pairs[map.pairs.length - 1]!);
    return { start: at, end: at, newText: this.eol + this.emitMap(value, col).join(this.eol) };
  }

  fillPair(pair: Pair, value: Record<string, Value>): Edit {
    const col = this.column(pair.key.start) + this.style().indent;
    const block = this.eol + this.emitMap(value, col).join(this.eol);
    const v = pair.value;
    if (isScalar(v) && v.value === null && v.end <= v.start) {
      const at = lineEndOf(this.text, pair.key.end);
      // keep a trailing comment on the key line: `emptyDir: # note`
      return { start: at, end: at, newText: block };
    }
    // `{}` / `[]` / `~` / `null`: replace the value (and the space before it) with a block.
    let s = v.start;
    while (s > pair.key.end && this.text[s - 1] === ' ') s--;
    const afterColon = this.text.indexOf(':', pair.key.end);
    if (afterColon >= 0 && afterColon < v.start) s = Math.max(s, afterColon + 1);
    return { start: s, end: v.end, newText: block };
  }

  appendToSeq(seq: SeqNode, item: Value): Edit {
    if (seq.flow || seq.items.length === 0) {
      if (seq.items.length === 0 && seq.parentPair) {
        const col = this.column(seq.parentPair.key.start);
        const { indent, seqIndent } = this.style();
        let s = seq.start;
        const afterColon = this.text.indexOf(':', seq.parentPair.key.end);
        if (afterColon >= 0 && afterColon < s) s = afterColon + 1;
        return { start: s, end: seq.end, newText: this.eol + this.emitItem(item, col + (seqIndent ? indent : 0)).join(this.eol) };
      }
      const close = this.text.lastIndexOf(']', seq.end - 1);
      const before = lastContentBefore(this.text, close);
      const sep = seq.items.length ? ', ' : '';
      return { start: before + 1, end: before + 1, newText: `${sep}${this.flow(item)}` };
    }
    const first = seq.items[0]!;
    let dash = first.start - 1;
    while (dash > 0 && this.text[dash] !== '-') dash--;
    const dashCol = this.column(dash);
    const at = this.afterNode(seq.items[seq.items.length - 1]!);
    return { start: at, end: at, newText: this.eol + this.emitItem(item, dashCol).join(this.eol) };
  }

  addToList(map: MapNode, key: string, item: Value): Edit {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (pair) {
      if (isSeq(pair.value)) return this.appendToSeq(pair.value, item);
      return this.fillPairWithList(pair, item);
    }
    return this.insertIntoMap(map, { [key]: [item] });
  }

  private fillPairWithList(pair: Pair, item: Value): Edit {
    return this.setList(pair, [item]);
  }

  setList(pair: Pair, items: Value[]): Edit {
    const { indent, seqIndent } = this.style();
    const col = this.column(pair.key.start) + (seqIndent ? indent : 0);
    const block = items.map((item) => this.eol + this.emitItem(item, col).join(this.eol)).join('');
    const v = pair.value;
    if (isScalar(v) && v.value === null && v.end <= v.start) {
      const at = lineEndOf(this.text, pair.key.end);
      return { start: at, end: at, newText: block };
    }
    const afterColon = this.text.indexOf(':', pair.key.end);
    return { start: afterColon + 1, end: v.end, newText: block };
  }

  setScalar(map: MapNode, key: string, value: string | number | boolean): Edit {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (pair && isScalar(pair.value) && !(pair.value.value === null && pair.value.end <= pair.value.start)) return this.replaceScalar(pair.value, value);
    if (pair) {
      const at = pair.key.end + 1;
      return { start: at, end: Math.max(at, pair.value.end), newText: ' ' + this.scalarText(value) };
    }
    return this.insertIntoMap(map, { [key]: value });
  }

  replaceScalar(node: Node, value: string | number | boolean): Edit {
    return { start: node.start, end: node.end, newText: this.scalarText(value) };
  }

  renameKey(pair: Pair, newKey: string): Edit {
    return { start: pair.key.start, end: pair.key.end, newText: this.scalarText(newKey) };
  }

  removePair(pair: Pair): Edit {
    const map = pair.parent;
    const idx = map.pairs.indexOf(pair);
    if (map.flow) {
      const next = map.pairs[idx + 1];
      if (next) return { start: pair.start, end: next.start, newText: '' };
      const prev = map.pairs[idx - 1];
      return { start: prev ? lastContentBefore(this.text, pair.start) : pair.start, end: pair.end, newText: '' };
    }
    const ls = lineStartOf(this.text, pair.key.start);
    const prefix = this.text.slice(ls, pair.key.start);
    const endLine = this.afterNode(pair);
    const next = map.pairs[idx + 1];
    if (/-\s*$/.test(prefix)) {
      // first key of a sequence item: pull the next key up onto the dash line
      if (next) return { start: pair.key.start, end: next.key.start, newText: '' };
      return { start: pair.key.start, end: endLine, newText: '{}' };
    }
    let end = endLine;
    if (this.text[end] === '\r') end++;
    if (this.text[end] === '\n') end++;
    return { start: ls, end, newText: '' };
  }

  removeItem(seq: SeqNode, index: number): Edit {
    const item = seq.items[index]!;
    if (seq.flow) {
      const next = seq.items[index + 1];
      if (next) return { start: item.start, end: next.start, newText: '' };
      const prev = seq.items[index - 1];
      return { start: prev ? lastContentBefore(this.text, item.start) : item.start, end: item.end, newText: '' };
    }
    const ls = lineStartOf(this.text, item.start);
    let end = this.afterNode(item);
    if (this.text[end] === '\r') end++;
    if (this.text[end] === '\n') end++;
    return { start: ls, end, newText: '' };
  }
}

export class JsonEditor implements Editor {
  readonly eol: string;
  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }
  scalarText(v: string | number | boolean | null): string {
    return JSON.stringify(v);
  }
  private indentAt(offset: number): string {
    const ls = lineStartOf(this.text, offset);
    return /^[ \t]*/.exec(this.text.slice(ls, offset))![0];
  }
  private unit(): string {
    const m = /\n([ \t]+)["{[]/.exec(this.text);
    return m ? m[1]! : '  ';
  }
  private json(v: Value, indent: string): string {
    return JSON.stringify(v, null, this.unit()).split('\n').join(this.eol + indent);
  }
  insertIntoMap(map: MapNode, value: Record<string, Value>): Edit {
    const entries = Object.entries(value);
    if (map.pairs.length === 0) {
      const ind = this.indentAt(map.start);
      const inner = ind + this.unit();
      const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${this.json(v, inner)}`).join(',' + this.eol);
      return { start: map.start, end: map.end, newText: `{${this.eol}${body}${this.eol}${ind}}` };
    }
    const last = map.pairs[map.pairs.length - 1]!;
    const ind = this.indentAt(last.key.start);
    const sameLine = lineStartOf(this.text, last.key.start) === lineStartOf(this.text, map.start);
    const sep = sameLine ? ' ' : this.eol + ind;
    const body = entries.map(([k, v]) => `${sep}${JSON.stringify(k)}: ${this.json(v, ind)}`).join(',');
    return { start: last.end, end: last.end, newText: ',' + body };
  }
  fillPair(pair: Pair, value: Record<string, Value>): Edit {
    const ind = this.indentAt(pair.key.start);
    return { start: pair.value.start, end: pair.value.end, newText: this.json(value, ind) };
  }
  appendToSeq(seq: SeqNode, item: Value): Edit {
    if (seq.items.length === 0) {
      const ind = this.indentAt(seq.start);
      return { start: seq.start, end: seq.end, newText: `[${this.eol}${ind}${this.unit()}${this.json(item, ind + this.unit())}${this.eol}${ind}]` };
    }
    const last = seq.items[seq.items.length - 1]!;
    const ind = this.indentAt(last.start);
    const sameLine = lineStartOf(this.text, last.start) === lineStartOf(this.text, seq.start);
    return { start: last.end, end: last.end, newText: `,${sameLine ? ' ' : this.eol + ind}${this.json(item, ind)}` };
  }
  addToList(map: MapNode, key: string, item: Value): Edit {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (pair && isSeq(pair.value)) return this.appendToSeq(pair.value, item);
    if (pair) return this.setList(pair, [item]);
    return this.insertIntoMap(map, { [key]: [item] });
  }
  setList(pair: Pair, items: Value[]): Edit {
    if (isSeq(pair.value) && pair.value.items.length === 0 && items.length === 1) return this.appendToSeq(pair.value, items[0]!);
    return { start: pair.value.start, end: pair.value.end, newText: this.json(items, this.indentAt(pair.key.start)) };
  }
  setScalar(map: MapNode, key: string, value: string | number | boolean): Edit {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (pair) return this.replaceScalar(pair.value, value);
    return this.insertIntoMap(map, { [key]: value });
  }
  replaceScalar(node: Node, value: string | number | boolean): Edit {
    return { start: node.start, end: node.end, newText: JSON.stringify(value) };
  }
  renameKey(pair: Pair, newKey: string): Edit {
    return { start: pair.key.start, end: pair.key.end, newText: JSON.stringify(newKey) };
  }
  removePair(pair: Pair): Edit {
    const map = pair.parent;
    const idx = map.pairs.indexOf(pair);
    const next = map.pairs[idx + 1];
    if (next) return { start: lineStartOf(this.text, pair.start) === lineStartOf(this.text, next.start) ? pair.start : lineStartOf(this.text, pair.start), end: lineStartOf(this.text, pair.start) === lineStartOf(this.text, next.start) ? next.start : lineStartOf(this.text, next.start), newText: '' };
    const prev = map.pairs[idx - 1];
    if (prev) return { start: prev.end, end: pair.end, newText: '' };
    return { start: pair.start, end: pair.end, newText: '' };
  }
  removeItem(seq: SeqNode, index: number): Edit {
    const item = seq.items[index]!;
    const next = seq.items[index + 1];
    if (next) return { start: item.start, end: next.start, newText: '' };
    const prev = seq.items[index - 1];
    if (prev) return { start: prev.end, end: item.end, newText: '' };
    return { start: item.start, end: item.end, newText: '' };
  }
}

/** Apply edits (offsets of `text`). Inserts at the same offset keep their array order, as LSP does. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) continue; // overlapping edit: skip rather than corrupt
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

