import { parseTree, printParseErrorCode, type Node as JNode, type ParseError } from 'jsonc-parser';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes';
import { ErrorCollector } from './cascade';
import type { ParsedDoc, SyntaxIssue } from './types';

/** Nesting levels converted (as for YAML: parse/yaml.ts). */
const MAX_DEPTH = 150;
/** The first node past MAX_DEPTH met by the current conversion. */
let deep: SyntaxIssue | undefined;

function convert(text: string, n: JNode, parent: MapNode | SeqNode | undefined, depth: number, base: number): Node {
  const start = n.offset + base;
  const end = n.offset + n.length + base;
  if (depth > MAX_DEPTH) {
    // not converted: the tree is incomplete, so the document gets an error (and no findings)
    deep ??= { start, end: start + 1, message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed`, code: 'NESTING_LIMIT', data: { max: MAX_DEPTH } };
    return { type: 'scalar', value: null, start, end: start, parent };
  }
  if (n.type === 'object') {
    const map: MapNode = { type: 'map', pairs: [], start, end, parent, flow: true };
    for (const prop of n.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k) continue;
      const key: ScalarNode = { type: 'scalar', value: String(k.value), start: k.offset + base, end: k.offset + k.length + base, parent: map, quoted: true };
      const pair = { key, start: prop.offset + base, end: prop.offset + prop.length + base, parent: map } as Pair;
      pair.value = v
        ? convert(text, v, map, depth + 1, base)
        : { type: 'scalar', value: null, start: key.end, end: key.end, parent: map };
      pair.value.parentPair = pair;
      map.pairs.push(pair);
    }
    return map;
  }
  if (n.type === 'array') {
    const seq: SeqNode = { type: 'seq', items: [], start, end, parent, flow: true };
    for (const c of n.children ?? []) seq.items.push(convert(text, c, seq, depth + 1, base));
    return seq;
  }
  let v = n.value as ScalarNode['value'];
  // `1e400` overflows a float64 (Go's encoding/json rejects it): keep the text, never "Infinity"
  if (typeof v === 'number' && !Number.isFinite(v)) v = text.slice(n.offset, n.offset + n.length);
  return { type: 'scalar', value: v ?? null, start, end, parent, quoted: n.type === 'string' };
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not permitted in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence in string',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid characters in string',
};

/** Parse a JSON text; `base` is added to every offset (a JSON text embedded at that offset of a file). */
export function parseJsonDoc(text: string, strict: boolean, base = 0): ParsedDoc[] {
  // A leading UTF-8 byte order mark (files saved by Windows editors) is an encoding mark, not JSON
  // text: editors strip it before the language server sees the file, and the YAML parser skips it.
  // Blank it out (same length, so every offset stays right).
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  // Errors are folded as the parser reports them (one per spot, one per cascade): jsonc-parser
  // reports an unterminated string once per following line, millions on a large file.
  const collector = new ErrorCollector(text);
  const sink = { push: (e: ParseError) => (collector.add(issueOf(text, e)), 0) } as unknown as ParseError[];
  let tree: JNode | undefined;
  try {
    tree = parseTree(text, sink, { allowTrailingComma: !strict, disallowComments: strict, allowEmptyContent: true });
  } catch (err) {
    // jsonc-parser recurses per nesting level: absurdly deep input exhausts the stack
    const message = err instanceof RangeError ? 'Nesting too deep to parse' : `Cannot parse: ${(err as Error)?.message ?? err}`;
    return [{ index: 0, start: base, end: base + text.length, root: undefined, errors: [{ start: base, end: base + Math.min(1, text.length), message, code: 'TOO_DEEP' }], templated: false }];
  }
  deep = undefined;
  const root = tree ? convert(text, tree, undefined, 0, base) : undefined;
  const errors = base ? collector.errors.map((u) => ({ ...u, start: u.start + base, end: u.end + base })) : collector.errors;
  if (deep) errors.push(deep);
  deep = undefined;
  return [{ index: 0, start: base, end: base + text.length, root, errors, templated: false }];
}

function issueOf(text: string, e: ParseError): SyntaxIssue {
  let code: string = printParseErrorCode(e.error);
  let message = MESSAGES[code] ?? code;
  // jsonc-parser reports a trailing comma as "property name / value expected" at the closing token.
  let start = e.offset;
  let end = e.offset + Math.max(e.length, 1);
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && /^\s*[}\]]/.test(text.slice(e.offset, e.offset + 200))) {
    let i = e.offset - 1;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    if (text[i] === ',') {
      message = 'Trailing comma is not permitted in JSON';
      code = 'TrailingComma';
      start = i;
      end = i + 1;
    }
  }
  return { start, end, message, code };
}
