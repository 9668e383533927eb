// Where the cursor is, in a document that is being typed: which map's key or which key's value
// is being completed, as a path from the document root, the range of the partial word, and
// the document re-parsed with that partial word blanked out (so the rest parses as it will
// once the word is complete). YAML is analysed by indentation (the node model may have no node
// at an empty line); JSON by jsonc-parser's scanner. Inside a ConfigMap's `data` block scalar
// (`x.yaml: |`) the embedded config is analysed in place, with outer-file offsets.
import { getLocation } from 'jsonc-parser';
import { objectsOfDoc, type K8sObject } from '../model/k8s';
import { get, isMap, isScalar } from '../parse/nodes';
import { parseFile } from '../parse/index';
import { LineIndex } from '../parse/lines';
import type { Language, ParsedDoc, ParsedFile } from '../parse/types';
import { parseYamlChunk, splitYamlDocuments } from '../parse/yaml';
import type { PathSeg } from './schema-nav';

export interface CursorContext {
  /** Language of the text at the cursor (an embedded config's own language inside a ConfigMap). */
  language: 'yaml' | 'json';
  /**
   * `key`: a key of the map at `path` is being typed. `value`: the value at `path` is being
   * typed. `item`: a YAML list item with nothing typed after `- ` (path ends with its index):
   * a map key or a scalar, depending on what the list holds.
   */
  mode: 'key' | 'value' | 'item';
  /** From the root of the document (or of the embedded config). */
  path: PathSeg[];
  /** The partial word (without a JSON opening quote) and the range the completion replaces. */
  prefix: string;
  replace: { start: number; end: number };
  /** JSON: the replaced range starts with `"` (the item's filter text must too). */
  quoted: boolean;
  /** YAML key mode: the line already has `:` after the key (only the key is inserted). */
  hasColon: boolean;
  /** The cursor is right after `:` (a space goes before the value). */
  needSpace: boolean;
  /** JSON: another member follows the cursor, so a comma goes after the insertion. */
  needComma: boolean;
  /** YAML: column of the key being typed, and the leading whitespace of its line. */
  keyColumn: number;
  lineIndent: number;
  /** The file re-parsed with the partial word blanked (same offsets as the original). */
  file: ParsedFile;
  /** The document holding the cursor in `file`, and its root. */
  doc: ParsedDoc | undefined;
  /** The URI of the file, or the ConfigMap data key for an embedded config. */
  uri: string;
  embedded?: { key: string; configMap: K8sObject };
}

interface Elem {
  col: number;
  kind: 'dash' | 'key' | 'scalar';
  key?: string;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`-][^#]*?|-[^\s#][^#]*?)(?<![ \t])[ \t]*:(?=[ \t]|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k.trim();
}

/** Dashes (`- `) at the start of a line's content: their columns, and the column after them. */
function dashesOf(line: string, from: number): { cols: number[]; end: number } {
  const cols: number[] = [];
  let i = from;
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    cols.push(i);
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  return { cols, end: i };
}

function elementsOf(line: string): Elem[] | 'skip' | 'stop' {
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return 'stop';
  const indent = /^[ \t]*/.exec(line)![0].length;
  if (indent === line.length || line[indent] === '#') return 'skip';
  const { cols, end } = dashesOf(line, indent);
  const elems: Elem[] = cols.map((col) => ({ col, kind: 'dash' as const }));
  const content = line.slice(end);
  if (content && !content.startsWith('#')) {
    const m = KEY_RE.exec(content);
    elems.push(m ? { col: end, kind: 'key', key: unquote(m[1]!) } : { col: end, kind: 'scalar' });
  }
  return elems;
}

/**
 * Path (from the document root) of the container whose entries sit at `col`, found by walking
 * up the lines: a less indented key is the parent map's key, a less indented `- ` is a list
 * item (its index is the number of earlier dashes at that column).
 */
function yamlPathByIndent(lines: LineIndex, line: number, cursorDashes: number[], col: number): PathSeg[] | undefined {
  const out: PathSeg[] = [];
  let mode: 'map' | 'seq' = 'map';
  let cur = col;
  let count = 0;
  const stream = function* (): Generator<Elem> {
    for (const d of [...cursorDashes].reverse()) yield { col: d, kind: 'dash' };
    for (let l = line - 1; l >= 0; l--) {
      const els = elementsOf(lines.lineText(l));
      if (els === 'stop') return;
      if (els === 'skip') continue;
      for (let k = els.length - 1; k >= 0; k--) yield els[k]!;
    }
  };
  for (const e of stream()) {
    if (mode === 'map') {
      if (e.col >= cur) continue;
      if (e.kind === 'key') {
        out.unshift(e.key!);
        cur = e.col;
      } else if (e.kind === 'dash') {
        mode = 'seq';
        cur = e.col;
        count = 0;
      } else return undefined;
    } else {
      if (e.col > cur) continue;
      if (e.col === cur && e.kind === 'dash') {
        count++;
        continue;
      }
      out.unshift(count);
      if (e.kind === 'key') {
        out.unshift(e.key!);
        mode = 'map';
        cur = e.col;
      } else if (e.kind === 'dash') {
        cur = e.col;
        count = 0;
      } else return undefined;
    }
  }
  if (mode === 'seq') out.unshift(count);
  return out;
}

function blank(text: string, start: number, end: number): string {
  if (end <= start) return text;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

type Partial = Omit<CursorContext, 'file' | 'doc' | 'uri' | 'embedded' | 'language'> & { repaired: string };

function yamlCursor(text: string, offset: number): Partial | undefined {
  const lines = new LineIndex(text);
  const { line, character } = lines.positionAt(offset);
  const lineText = lines.lineText(line);
  const before = lineText.slice(0, character);
  const after = lineText.slice(character);
  if (/^(---|\.\.\.)/.test(before)) return undefined;
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(before)![0].length;
  if (before[indent] === '#') return undefined;
  const { cols: dashCols, end: contentCol } = dashesOf(before, indent);
  if (dashCols.length && before.endsWith('-') && dashCols[dashCols.length - 1] === before.length - 1) return undefined; // `-` without its space yet
  const rest = before.slice(contentCol);
  const base = { keyColumn: contentCol, lineIndent: /^[ \t]*/.exec(lineText)![0].length, quoted: false, needComma: false };

  const km = KEY_RE.exec(rest);
  if (km) {
    // value mode: `key: partial`
    const valueStart = km[0].length;
    const tail = rest.slice(valueStart);
    const needSpace = tail === '';
    const lead = /^[ \t]*/.exec(tail)![0].length;
    const partial = tail.slice(lead);
    if (/^[|>&*!{[]/.test(partial) || /\s#/.test(tail) || /[ \t]$/.test(partial)) return undefined;
    const quote = partial[0] === '"' || partial[0] === "'" ? partial[0] : '';
    const prefix = quote ? partial.slice(1) : partial;
    if (!quote && /\s/.test(prefix)) return undefined;
    const start = lineStart + contentCol + valueStart + lead;
    let endLen = /^[^\s#]*/.exec(after)![0].length;
    if (quote) endLen = after.indexOf(quote) >= 0 && !after.slice(0, after.indexOf(quote)).includes(' #') ? after.indexOf(quote) + 1 : after.length;
    const end = offset + endLen;
    const mapPath = yamlPathByIndent(lines, line, dashCols, contentCol);
    if (!mapPath) return undefined;
    return {
      ...base,
      mode: 'value',
      path: [...mapPath, unquote(km[1]!)],
      prefix,
      replace: { start, end },
      hasColon: true,
      needSpace,
      repaired: blank(text, start, end),
    };
  }
  // key mode: a single word (or nothing) after the indentation and dashes
  if (!/^[^\s:#{}[\],]*$/.test(rest)) return undefined;
  if (rest === '' && dashCols.length === 0 && after.trim() !== '' && !/^\s*#/.test(after)) return undefined;
  const wordAfter = /^[^\s:#]*/.exec(after)![0];
  const hasColon = /^[^\s:#]*[ \t]*:(?=[ \t]|$)/.test(after);
  const start = offset - rest.length;
  const end = offset + wordAfter.length;
  const mapPath = yamlPathByIndent(lines, line, dashCols, contentCol);
  if (!mapPath) return undefined;
  const bare = rest === '' && wordAfter === '' && dashCols.length > 0 && after.trim() === '';
  // blank the key being typed; with `key: value` after it, the whole entry (it is being edited)
  const repaired = hasColon ? blank(text, start, lines.lineEnd(line)) : blank(text, start, end);
  return {
    ...base,
    mode: bare ? 'item' : 'key',
    path: mapPath,
    prefix: rest.replace(/^["']/, ''),
    replace: { start, end },
    hasColon,
    needSpace: false,
    repaired,
  };
}

function jsonCursor(text: string, offset: number): Partial | undefined {
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  const inPrev = !!prev && offset >= prev.offset && offset <= prev.offset + prev.length;
  const nextChar = (from: number) => /\S/.exec(text.slice(from))?.[0] ?? '';
  const base = { keyColumn: 0, lineIndent: 0, hasColon: false };
  if (loc.isAtPropertyKey) {
    let start = offset;
    let end = offset;
    let quoted = false;
    let prefix = '';
    if (prev && inPrev && (prev.type === 'property' || prev.type === 'string')) {
      start = prev.offset;
      end = prev.offset + prev.length;
      quoted = text[start] === '"';
      prefix = text.slice(start + (quoted ? 1 : 0), offset);
    } else {
      const w = /(?<![\w.-])[\w.-]*$/.exec(text.slice(0, offset))![0];
      start = offset - w.length;
      prefix = w;
      end = offset + /^[\w.-]*/.exec(text.slice(offset))![0].length;
    }
    const hasColon = /^\s*:/.test(text.slice(end));
    return {
      ...base,
      mode: 'key',
      path: loc.path.slice(0, -1),
      prefix,
      replace: { start, end },
      quoted,
      hasColon,
      needSpace: false,
      needComma: !hasColon && nextChar(end) === '"',
      repaired: blank(text, start, end),
    };
  }
  if (prev && !inPrev && prev.type !== 'property') return undefined; // after a complete value
  let start = offset;
  let end = offset;
  let quoted = false;
  let prefix: string;
  if (prev && inPrev && prev.type !== 'property' && prev.type !== 'object' && prev.type !== 'array') {
    start = prev.offset;
    end = prev.offset + prev.length;
    quoted = text[start] === '"';
    prefix = text.slice(start + (quoted ? 1 : 0), offset);
  } else {
    const w = /(?<![\w.+-])[\w.+-]*$/.exec(text.slice(0, offset))![0];
    start = offset - w.length;
    prefix = w;
    end = offset + /^[\w.+-]*/.exec(text.slice(offset))![0].length;
  }
  // the last non-blank character before the word (a backward scan: a regex here was quadratic on long blank runs)
  let b = start - 1;
  while (b >= 0 && /\s/.test(text[b]!)) b--;
  const before = b >= 0 ? text[b]! : '';
  if (before !== ':' && before !== '[' && before !== ',') return undefined;
  return {
    ...base,
    mode: 'value',
    path: loc.path,
    prefix,
    replace: { start, end },
    quoted,
    needSpace: text[start - 1] === ':',
    needComma: nextChar(end) === '"',
    repaired: blank(text, start, end),
  };
}

/** The ConfigMap data block scalar (`x.yaml: |`) the cursor is in, with the masked text of its content. */
function embeddedAt(text: string, file: ParsedFile, offset: number): { key: string; lang: 'yaml' | 'json'; obj: K8sObject; masked: string } | undefined {
  const lines = file.lines;
  for (const doc of file.docs) {
    if (offset < doc.start || offset > doc.end) continue;
    for (const obj of objectsOfDoc(doc)) {
      if (obj.kind !== 'ConfigMap') continue;
      const data = get(obj.node, 'data');
      if (!isMap(data)) continue;
      for (const p of data.pairs) {
        const key = String(p.key.value ?? '');
        const lang = /\.json$/i.test(key) ? 'json' : /\.ya?ml$/i.test(key) ? 'yaml' : undefined;
        const v = p.value;
        if (!lang || !isScalar(v) || !v.block || text[v.start] !== '|') continue;
        const header = lines.positionAt(v.start).line;
        const keyCol = lines.positionAt(p.key.start).character;
        const cursor = lines.positionAt(offset);
        if (cursor.line <= header) continue;
        // the block's extent: following lines that are blank or indented deeper than the key
        let contentIndent = -1;
        let last = header;
        for (let l = header + 1; l < lines.lineCount; l++) {
          const t = lines.lineText(l);
          if (!t.trim()) {
            last = l;
            continue;
          }
          const ind = /^[ \t]*/.exec(t)![0].length;
          if (contentIndent < 0) contentIndent = ind;
          if (ind < contentIndent || ind <= keyCol) break;
          last = l;
        }
        if (cursor.line > last) continue;
        const minCol = contentIndent >= 0 ? contentIndent : keyCol + 1;
        const lineText = lines.lineText(cursor.line);
        const ind = /^[ \t]*/.exec(lineText)![0].length;
        if (lineText.trim() ? ind < minCol : cursor.character < minCol) continue;
        const start = lines.lineStart(header + 1);
        const end = lines.lineEnd(last);
        const masked = blank(blank(text, 0, start), end, text.length);
        return { key, lang, obj, masked };
      }
    }
  }
  return undefined;
}

/**
 * The file parsed for completion/hover at `offset`: for YAML only the `---` document holding the
 * offset is parsed (with whole-file offsets), so a keystroke in a long stream stays cheap.
 */
export function parseAround(text: string, language: Language, offset: number): ParsedFile {
  if (language !== 'yaml') return parseFile(text, language);
  const chunks = splitYamlDocuments(text);
  const i = chunks.findIndex((c, k) => offset >= c.start && (offset < c.end || k === chunks.length - 1));
  const c = chunks[i];
  const lines = new LineIndex(text);
  if (!c) return { text, language, docs: [], lines };
  const d = parseYamlChunk(text.slice(c.start, c.end), c.start);
  const doc: ParsedDoc = { index: i, start: c.start, end: c.end, root: d.root, errors: d.errors, templated: d.templated };
  return { text, language, docs: [doc], lines };
}

function docAt(file: ParsedFile, offset: number): ParsedDoc | undefined {
  return file.docs.find((d, i) => offset >= d.start && (offset < d.end || i === file.docs.length - 1 || (offset === d.end && d.end === file.text.length)));
}

/** The cursor context at `offset`, or undefined where nothing can be completed. */
export function cursorContext(text: string, language: Language, offset: number, uri = ''): CursorContext | undefined {
  if (language === 'yaml') {
    const outer = parseAround(text, 'yaml', offset);
    const emb = embeddedAt(text, outer, offset);
    if (emb) {
      const inner = cursorContext(emb.masked, emb.lang, offset, emb.key);
      if (!inner) return undefined;
      return { ...inner, embedded: { key: emb.key, configMap: emb.obj } };
    }
  }
  const lang = language === 'yaml' ? 'yaml' : 'json';
  const partial = lang === 'yaml' ? yamlCursor(text, offset) : jsonCursor(text, offset);
  if (!partial) return undefined;
  const { repaired, ...ctx } = partial;
  const file = parseAround(repaired, language === 'json' ? 'jsonc' : language, offset);
  return { ...ctx, language: lang, file, doc: docAt(file, offset), uri };
}
