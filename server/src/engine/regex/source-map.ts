/**
 * Maps a position inside a string value back to the file: a YAML/JSON scalar's source text is
 * `text.slice(node.start, node.end)` and may be quoted with escapes (`"\\d+"` in JSON is the
 * regex `\d+`). Plain and single-quoted YAML scalars and double-quoted/JSON strings are
 * decoded character by character; anything else (block scalars, folded multi-line scalars)
 * falls back to the whole value.
 */
import type { ScalarNode } from '../parse/nodes';
import type { TextLike } from '../parse/text';

const SIMPLE: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  a: '\x07',
  v: '\x0b',
  e: '\x1b',
  ' ': ' ',
  '\t': '\t',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * For each UTF-16 index `j` of the scalar's string value (and `value.length`), the file offset
 * where the source of character `j` starts; undefined when the source does not map 1:1.
 */
export function valueOffsets(text: TextLike, node: ScalarNode): number[] | undefined {
  if (typeof node.value !== 'string' || node.block) return undefined;
  const value = node.value;
  const raw = text.slice(node.start, node.end);
  const offs: number[] = [];
  let decoded = '';
  if (raw.startsWith('"')) {
    if (raw.length < 2 || !raw.endsWith('"')) return undefined;
    let k = 1;
    while (k < raw.length - 1) {
      const c = raw[k]!;
      if (c === '\n' || c === '\r') return undefined; // folded line: not 1:1
      const at = node.start + k;
      if (c !== '\\') {
        offs.push(at);
        decoded += c;
        k++;
        continue;
      }
      const e = raw[k + 1];
      if (e === undefined) return undefined;
      if (e in SIMPLE) {
        offs.push(at);
        decoded += SIMPLE[e];
        k += 2;
        continue;
      }
      const n = HEX_LEN[e];
      if (!n) return undefined;
      const digits = raw.slice(k + 2, k + 2 + n);
      if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== n) return undefined;
      const s = String.fromCodePoint(parseInt(digits, 16));
      for (let u = 0; u < s.length; u++) offs.push(at);
      decoded += s;
      k += 2 + n;
    }
  } else if (raw.startsWith("'")) {
    if (raw.length < 2 || !raw.endsWith("'")) return undefined;
    let k = 1;
    while (k < raw.length - 1) {
      const c = raw[k]!;
      if (c === '\n' || c === '\r') return undefined;
      offs.push(node.start + k);
      decoded += c;
      k += c === "'" && raw[k + 1] === "'" ? 2 : 1;
    }
  } else {
    if (raw !== value) return undefined;
    for (let k = 0; k < raw.length; k++) offs.push(node.start + k);
    decoded = raw;
  }
  if (decoded !== value) return undefined;
  offs.push(node.end - (raw.startsWith('"') || raw.startsWith("'") ? 1 : 0));
  return offs;
}

/** The file range of `value.slice(start, end)`, or the whole scalar when it does not map 1:1. */
export function rangeInValue(text: TextLike, node: ScalarNode, start: number, end: number): { start: number; end: number } {
  const offs = valueOffsets(text, node);
  if (!offs || start < 0 || end > offs.length - 1 || start > end) return { start: node.start, end: node.end };
  const s = offs[start]!;
  const e = end > start ? offs[end]! : offs[start]!;
  return { start: s, end: Math.max(e, s + (end > start ? 1 : 0)) };
}
