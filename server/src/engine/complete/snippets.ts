// The snippets of snippets/*.code-snippets.json as completion items, for editors that do not
// read VS Code's `contributes.snippets` (Neovim, Helix, Emacs, …). The JSON files are bundled
// (esbuild inlines JSON imports): no file access at run time.
import yamlSnippets from '../../../../snippets/yaml.code-snippets.json';
import jsonSnippets from '../../../../snippets/json.code-snippets.json';
import type { Language } from '../parse/types';
import { splitYamlDocuments } from '../parse/yaml';
import { snippetToPlain } from './format';

export interface SnippetDef {
  /** The snippet's name (the key in the file). */
  name: string;
  prefix: string;
  description: string;
  /** Snippet syntax, lines joined with `\n`. */
  body: string;
}

function load(file: unknown): SnippetDef[] {
  const out: SnippetDef[] = [];
  for (const [name, raw] of Object.entries(file as Record<string, { prefix?: unknown; description?: unknown; body?: unknown }>)) {
    const prefixes = Array.isArray(raw.prefix) ? raw.prefix : [raw.prefix];
    const body = Array.isArray(raw.body) ? raw.body.join('\n') : String(raw.body ?? '');
    for (const p of prefixes) if (typeof p === 'string') out.push({ name, prefix: p, description: String(raw.description ?? name), body });
  }
  return out;
}

export const YAML_SNIPPETS: readonly SnippetDef[] = load(yamlSnippets);
export const JSON_SNIPPETS: readonly SnippetDef[] = load(jsonSnippets);

export function snippetsFor(language: Language): readonly SnippetDef[] {
  return language === 'yaml' ? YAML_SNIPPETS : JSON_SNIPPETS;
}

/** A preview of what the snippet inserts (every default taken). */
export function snippetPreview(s: SnippetDef): string {
  return snippetToPlain(s.body);
}

const IGNORABLE_YAML = /^\s*(#.*|%.*)?$/;

/**
 * Where a snippet may be offered: the top level of an empty or new document, i.e. column 0 of
 * a line holding at most the word being typed, in a YAML document (between `---` markers) that
 * has nothing else but comments, or in a JSON file that is otherwise empty. Returns the range
 * the snippet replaces (the typed word).
 */
export function snippetRange(text: string, language: Language, offset: number): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  const yaml = language === 'yaml';
  if (!(yaml ? /^[\w-]*$/ : /^\s*[\w-]*$/).test(before) || !/^[\w-]*\s*$/.test(after)) return undefined;
  const end = offset + /^[\w-]*/.exec(after)![0].length;
  const start = offset - /(?<![\w-])[\w-]*$/.exec(before)![0].length;
  if (yaml) {
    const chunk = splitYamlDocuments(text).find((d, i, all) => offset >= d.start && (offset < d.end || i === all.length - 1));
    if (!chunk) return { start: lineStart, end };
    const lines = text.slice(chunk.start, chunk.end).split('\n');
    let pos = chunk.start;
    for (const raw of lines) {
      const l = raw.replace(/\r$/, '');
      const isCursorLine = pos === lineStart;
      const isMarker = pos === chunk.start && /^---(\s|$)/.test(l);
      if (!isCursorLine && !isMarker && !IGNORABLE_YAML.test(l)) return undefined;
      if (isMarker && l.slice(3).trim() && !/^\s*#/.test(l.slice(3))) return undefined; // `--- content`
      pos += raw.length + 1;
    }
    return { start: lineStart, end };
  }
  if (!onlyComments(text.slice(0, start)) || !onlyComments(text.slice(end))) return undefined;
  return { start, end };
}

// Only blanks and line or block comments (a linear scan: the regex it replaces was quadratic on many unclosed comments).
function onlyComments(s: string): boolean {
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) i++;
    else if (s.startsWith('//', i)) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (s.startsWith('/*', i)) {
      const close = s.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 2;
    } else return false;
  }
  return true;
}
