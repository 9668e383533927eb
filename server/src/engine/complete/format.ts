// Text helpers shared by completion and hover: markdown documentation of a schema place,
// YAML/JSON rendering of values, and escaping for snippet syntax.
import type { Locale } from '../i18n';
import { term } from '../catalog';
import { descriptionIn, type SchemaInfo } from './schema-nav';
import { k8sFieldMarkdown } from './k8s-words';

/** The labels of the facts, from the catalog of `locale`. */
function labels(locale: Locale) {
  const l = (k: string) => term(locale, `complete.label.${k}`);
  return { type: l('type'), default: l('default'), values: l('values'), value: l('value'), range: l('range'), since: l('since'), examples: l('examples'), pattern: l('pattern') };
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

export function showValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}

/**
 * Markdown for a schema place: heading (optional), description in the locale, then the facts.
 * A Kubernetes field's description: see k8s-words.ts (`entryKey`: the key of a map entry).
 */
export function schemaMarkdown(info: SchemaInfo, locale: Locale, name?: string, entryKey?: string): string {
  const L = labels(locale);
  const out: string[] = [];
  if (name !== undefined) out.push(`**${name}**` + (info.types.length ? ` · ${code(info.types.join(' | '))}` : ''));
  const description = info.kubernetes || entryKey ? k8sFieldMarkdown(info.described, locale, entryKey) : descriptionIn(info, locale);
  if (description) out.push(description);
  const facts: string[] = [];
  if (name === undefined && info.types.length) facts.push(`${L.type}: ${code(info.types.join(' | '))}`);
  if (info.hasDefault) facts.push(`${L.default}: ${code(showValue(info.default))}`);
  if (info.constValue) facts.push(`${L.value}: ${code(showValue(info.constValue.value))}`);
  else if (info.values.length) facts.push(`${L.values}: ${info.values.map((v) => code(showValue(v))).join(', ')}`);
  else if (info.examples.length) facts.push(`${L.examples}: ${info.examples.map((v) => code(showValue(v))).join(', ')}`);
  if (info.minimum !== undefined || info.maximum !== undefined) facts.push(`${L.range}: ${info.minimum ?? '…'} – ${info.maximum ?? '…'}`);
  if (info.pattern) facts.push(`${L.pattern}: ${code(info.pattern)}`);
  if (info.since) facts.push(`${L.since}: ${info.since}`);
  if (facts.length) out.push(facts.map((f) => `- ${f}`).join('\n'));
  return out.join('\n\n');
}

/** A one-line summary for a completion item's `detail`. */
export function schemaDetail(info: SchemaInfo, locale: Locale): string {
  const L = labels(locale);
  const parts: string[] = [];
  if (info.types.length) parts.push(info.types.join(' | '));
  if (info.hasDefault && (info.default === null || typeof info.default !== 'object')) parts.push(`${L.default} ${showValue(info.default)}`);
  if (info.since) parts.push(`≥ ${info.since}`);
  return parts.join(' · ');
}

const YAML_PLAIN_UNSAFE = /^(?:[-?:,[\]{}#&*!|>'"%@`]|\s)|[\s]$|: |\s#|^(?:true|false|yes|no|on|off|null|~|y|n)$|^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$|^0x|^0o|^\.(?:inf|nan)$|[\u0000-\u001f]/i;

/** A value as YAML flow text (a plain scalar where that keeps its type, else quoted). */
export function yamlValue(v: unknown): string {
  if (typeof v === 'string') {
    if (v === '' || YAML_PLAIN_UNSAFE.test(v)) {
      if (/[\u0000-\u001f\\]/.test(v) && !/'/.test(v)) return `'${v}'`;
      if (/[\u0000-\u001f]/.test(v)) return JSON.stringify(v);
      return `'${v.replace(/'/g, "''")}'`;
    }
    return v;
  }
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function jsonValue(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

/** Escape literal text inside a snippet (`$`, `}` and `\`). */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** Escape one value of a snippet choice (`,`, `|` and `\`). */
export function escapeChoice(s: string): string {
  return s.replace(/[\\,|]/g, (c) => '\\' + c);
}

/**
 * Snippet text → the plain text an editor inserts when every placeholder keeps its default and
 * every choice its first value (for clients without snippet support).
 */
export function snippetToPlain(snippet: string): string {
  let out = '';
  let i = 0;
  const defaults = new Map<string, string>();
  const read = (nested: boolean): string => {
    let text = '';
    while (i < snippet.length) {
      const c = snippet[i]!;
      if (c === '\\' && /[\\$}]/.test(snippet[i + 1] ?? '')) {
        text += snippet[i + 1];
        i += 2;
        continue;
      }
      if (nested && c === '}') return text;
      if (c === '$') {
        const rest = snippet.slice(i);
        let m = /^\$(\d+|[A-Za-z_]\w*)/.exec(rest);
        if (m) {
          i += m[0].length;
          text += defaults.get(m[1]!) ?? '';
          continue;
        }
        m = /^\$\{(\d+|[A-Za-z_]\w*)/.exec(rest);
        if (m) {
          i += m[0].length;
          const id = m[1]!;
          const t = snippet[i];
          if (t === '}') {
            i++;
            text += defaults.get(id) ?? '';
            continue;
          }
          if (t === ':') {
            i++;
            const v = read(true);
            i++;
            if (!defaults.has(id)) defaults.set(id, v);
            text += v;
            continue;
          }
          if (t === '|') {
            const end = snippet.indexOf('|}', i + 1);
            const body = snippet.slice(i + 1, end < 0 ? snippet.length : end);
            i = end < 0 ? snippet.length : end + 2;
            const first = (/^((?:\\.|[^,\\])*)/.exec(body)?.[1] ?? '').replace(/\\(.)/g, '$1');
            if (!defaults.has(id)) defaults.set(id, first);
            text += first;
            continue;
          }
        }
      }
      text += c;
      i++;
    }
    return text;
  };
  out = read(false);
  return out;
}
