// Completion from the bundled schemas: keys (with their documentation, excluding keys already
// present) and values (enums, booleans, known plugin types; the default first) in every kind of
// Logtail config, including the configs inside CRDs and ConfigMaps; Logtail env names in a
// collector container's `env`; and the snippets at the top of an empty document.
import { normalizeLocale, type Locale } from '../i18n';
import { catalogText, term } from '../catalog';
import { isCollector } from '../model/collector';
import { objectsOfDoc, POD_SPEC_PATHS, workloadOf, type Container } from '../model/k8s';
import { configsOfFile, detectStandalone } from '../model/logtail';
import { at, get, isMap, toJS, type MapNode, type Node } from '../parse/nodes';
import type { Language } from '../parse/types';
import { cursorContext, type CursorContext } from './context';
import { COLLECTOR_ENV, envDetail, envDoc, envMarkdown } from './env';
import { escapeChoice, escapeSnippet, jsonValue, schemaDetail, schemaMarkdown, yamlValue } from './format';
import { describe, descriptionIn, flattenAll, k8sRootSchema, propertiesOf, resolvePath, rootSchema, type PathSeg, type SchemaInfo, type SchemaRef } from './schema-nav';
import { snippetPreview, snippetRange, snippetsFor } from './snippets';

export type CompletionKind = 'property' | 'value' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line next to the label (type, default, minimum version). */
  detail?: string;
  /** Markdown, in the requested locale. */
  documentation?: string;
  /** What replaces `range`; snippet syntax when `snippet` is set. */
  insertText: string;
  snippet: boolean;
  /** UTF-16 offsets of the text the item replaces (the partial word, quotes included). */
  range: { start: number; end: number };
  sortText?: string;
  filterText?: string;
  /** The insert text spans lines that must be indented like the cursor's line. */
  multiline?: boolean;
  preselect?: boolean;
}

export interface CompletionOptions {
  uri?: string;
  locale?: Locale | string;
  /** Offer the snippets of snippets/*.json (default true; VS Code has them from the manifest). */
  snippets?: boolean;
  /**
   * The character that triggered the request, if any. A space only completes after `key: `
   * or `- ` (not while indenting); `:` only completes a value.
   */
  triggerCharacter?: string;
  /** `off`: no completion from the Kubernetes schemas (setting `logtailLint.kubernetesSchema`). */
  kubernetesSchema?: 'on' | 'off';
}

/** The config or Kubernetes object whose tree holds the cursor, its schema, and the path inside it. */
interface ConfigAt {
  schema: SchemaRef;
  root: MapNode;
  rel: PathSeg[];
}

/** Position of the object or config `target` below the document root (`[]`, or `['items', i]` in a List). */
function prefixOf(docRoot: Node | undefined, target: Node, path: readonly PathSeg[]): number | undefined {
  for (let k = 0; k <= Math.min(path.length, 4); k++) if (at(docRoot, ...path.slice(0, k)) === target) return k;
  return undefined;
}

function configAt(ctx: CursorContext): ConfigAt | undefined {
  const doc = ctx.doc;
  if (!doc || !isMap(doc.root)) return undefined;
  if (ctx.embedded) {
    const kind = detectStandalone(doc.root, ctx.uri);
    return kind ? { schema: rootSchema(kind), root: doc.root, rel: ctx.path } : undefined;
  }
  // only the document at the cursor: a keystroke must not re-read every ConfigMap of the file
  const objects = objectsOfDoc(doc);
  for (const c of configsOfFile({ ...ctx.file, docs: [doc] }, ctx.uri, objects)) {
    if (c.doc !== doc || c.embedded) continue;
    const k = prefixOf(doc.root, c.root, ctx.path);
    if (k !== undefined) return { schema: rootSchema(c.kind), root: c.root, rel: ctx.path.slice(k) };
  }
  return undefined;
}

/** The Kubernetes object (a document or a `List` item) whose tree holds the cursor, when its kind has a bundled schema. */
function k8sAt(ctx: CursorContext): ConfigAt | undefined {
  const doc = ctx.doc;
  if (!doc || ctx.embedded || !isMap(doc.root)) return undefined;
  for (const obj of objectsOfDoc(doc)) {
    const k = prefixOf(doc.root, obj.node, ctx.path);
    if (k === undefined) continue;
    const schema = k8sRootSchema(obj.apiVersion, obj.kind);
    if (schema) return { schema, root: obj.node, rel: ctx.path.slice(k) };
  }
  return undefined;
}

function isObjectLike(info: SchemaInfo, flat: readonly SchemaRef[]): boolean {
  if (info.types.some((t) => t !== 'object' && t !== 'null') && !info.object) return false;
  return info.object || flat.some((f) => f.schema.properties !== undefined);
}

function keysOf(node: Node | undefined): Set<string> {
  return new Set(isMap(node) ? node.pairs.map((p) => String(p.key.value)) : []);
}

function scalarDefault(info: SchemaInfo): boolean {
  return info.hasDefault && (info.default === null || typeof info.default !== 'object');
}

/** The values to offer for a place: the default first, then enum/const values, booleans, examples. */
function valuesOf(info: SchemaInfo): { value: unknown; isDefault: boolean }[] {
  const list: unknown[] = [];
  const add = (v: unknown) => {
    if (v !== null && typeof v === 'object') return;
    if (!list.some((x) => x === v)) list.push(v);
  };
  if (info.constValue) add(info.constValue.value);
  else {
    info.values.forEach(add);
    if (!info.values.length && info.types.includes('boolean')) [true, false].forEach(add);
    info.examples.forEach(add);
    if (scalarDefault(info) && !info.values.length) add(info.default);
  }
  const out = list.map((value) => ({ value, isDefault: info.hasDefault && info.default === value }));
  out.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return out;
}

function pad(n: number): string {
  return ' '.repeat(Math.max(0, n));
}

function yamlValueSnippet(info: SchemaInfo, ctx: CursorContext): { text: string; multiline: boolean } {
  const childIndent = pad(ctx.keyColumn - ctx.lineIndent + 2);
  if (info.constValue) return { text: ' ' + escapeSnippet(yamlValue(info.constValue.value)), multiline: false };
  const vals = valuesOf({ ...info, examples: [] });
  if (vals.length > 1 && (info.values.length || info.types.includes('boolean'))) {
    return { text: ' ${1|' + vals.map((v) => escapeChoice(yamlValue(v.value))).join(',') + '|}', multiline: false };
  }
  if (scalarDefault(info) && !(info.object && !info.types.some((t) => t !== 'object'))) return { text: ' ${1:' + escapeSnippet(yamlValue(info.default)) + '}', multiline: false };
  const examples = info.examples.filter((e) => e !== null && typeof e !== 'object');
  if (examples.length > 1) return { text: ' ${1|' + examples.map((v) => escapeChoice(yamlValue(v))).join(',') + '|}', multiline: false };
  if (examples.length === 1) return { text: ' ${1:' + escapeSnippet(yamlValue(examples[0])) + '}', multiline: false };
  const onlyObject = info.types.length ? info.types.every((t) => t === 'object') : info.object;
  const onlyArray = info.types.length ? info.types.every((t) => t === 'array') : info.array;
  if (onlyObject) return { text: '\n' + childIndent + '$0', multiline: true };
  if (onlyArray) return { text: '\n' + childIndent + '- $0', multiline: true };
  return { text: ' $0', multiline: false };
}

function jsonValueSnippet(info: SchemaInfo): string {
  if (info.constValue) return escapeSnippet(jsonValue(info.constValue.value));
  const vals = valuesOf({ ...info, examples: [] });
  if (vals.length > 1 && (info.values.length || info.types.includes('boolean'))) return '${1|' + vals.map((v) => escapeChoice(jsonValue(v.value))).join(',') + '|}';
  const t = info.types;
  if (scalarDefault(info)) {
    const d = info.default;
    if (d === '') return '"$1"';
    if (typeof d === 'string') return '"${1:' + escapeSnippet(JSON.stringify(d).slice(1, -1)) + '}"';
    return '${1:' + escapeSnippet(jsonValue(d)) + '}';
  }
  const examples = info.examples.filter((e) => e !== null && typeof e !== 'object');
  if (examples.length > 1) return '${1|' + examples.map((v) => escapeChoice(jsonValue(v))).join(',') + '|}';
  if (examples.length === 1) {
    const e = examples[0];
    return typeof e === 'string' ? '"${1:' + escapeSnippet(JSON.stringify(e).slice(1, -1)) + '}"' : '${1:' + escapeSnippet(jsonValue(e)) + '}';
  }
  if (t.length === 1 && t[0] === 'string') return '"$1"';
  if (t.length === 1 && t[0] === 'object') return '{$1}';
  if (t.length === 1 && t[0] === 'array') return '[$1]';
  if (!t.length && info.object) return '{$1}';
  if (!t.length && info.array) return '[$1]';
  return '$1';
}

function keyItems(ctx: CursorContext, flat: readonly SchemaRef[], present: Set<string>, locale: Locale): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const p of propertiesOf(flat)) {
    if (present.has(p.name)) continue;
    const info = describe(flattenAll(p.schemas));
    let insertText: string;
    let snippet = true;
    let multiline = false;
    let filterText: string | undefined;
    if (ctx.language === 'yaml') {
      if (ctx.hasColon) {
        insertText = /^[\w.-]+$/.test(p.name) ? p.name : JSON.stringify(p.name);
        snippet = false;
      } else {
        const key = /^[\w.-]+$/.test(p.name) ? escapeSnippet(p.name) : escapeSnippet(JSON.stringify(p.name));
        const v = yamlValueSnippet(info, ctx);
        insertText = key + ':' + v.text;
        multiline = v.multiline;
      }
    } else {
      const key = JSON.stringify(p.name);
      if (ctx.hasColon) {
        insertText = key;
        snippet = false;
      } else insertText = escapeSnippet(key) + ': ' + jsonValueSnippet(info) + (ctx.needComma ? ',' : '');
      if (ctx.quoted) filterText = key;
    }
    out.push({
      label: p.name,
      kind: 'property',
      detail: schemaDetail(info, locale),
      documentation: schemaMarkdown(info, locale),
      insertText,
      snippet,
      range: ctx.replace,
      sortText: (p.required ? '0_' : '1_') + p.name,
      filterText,
      multiline,
    });
  }
  return out;
}

function setAt(root: unknown, path: readonly PathSeg[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(root) ? [...root] : [];
    arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj = root && typeof root === 'object' && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {};
  obj[head!] = setAt(obj[head!], rest, value);
  return obj;
}

function renderValue(ctx: CursorContext, v: unknown): { insert: string; label: string; filter?: string } {
  if (ctx.language === 'json') {
    const s = jsonValue(v);
    return { insert: (ctx.needSpace ? ' ' : '') + s + (ctx.needComma ? ',' : ''), label: typeof v === 'string' && v !== '' ? v : s, filter: ctx.quoted ? s : undefined };
  }
  let s = yamlValue(v);
  const quote = ctx.file.text[ctx.replace.start];
  if (typeof v === 'string' && (quote === '"' || quote === "'")) s = quote === '"' ? JSON.stringify(v) : `'${v.replace(/'/g, "''")}'`;
  return { insert: (ctx.needSpace ? ' ' : '') + s, label: typeof v === 'string' && v !== '' ? v : s, filter: quote === '"' || quote === "'" ? s : undefined };
}

function valueItems(ctx: CursorContext, cfg: ConfigAt, info: SchemaInfo, path: readonly PathSeg[], instance: unknown, locale: Locale): CompletionEntry[] {
  const root = cfg.schema;
  const parentPath = path.slice(0, -1);
  const before = new Set(resolvePath(root, parentPath, instance).schemas.map((s) => s.schema));
  const docs = schemaMarkdown(info, locale);
  return valuesOf(info).map(({ value, isDefault }, i) => {
    // A dispatching value (a plugin `Type`, `inputType`) brings its own definition: show its text.
    let documentation = docs;
    if (path.length && typeof value === 'string') {
      const after = resolvePath(root, parentPath, setAt(instance, path, value)).schemas.filter((s) => !before.has(s.schema));
      const d = descriptionIn(describe(after), locale);
      if (d) documentation = `${d}\n\n---\n\n${docs}`;
    }
    const r = renderValue(ctx, value);
    return {
      label: r.label,
      kind: 'value',
      detail: isDefault ? term(locale, 'complete.default') : undefined,
      documentation,
      insertText: r.insert,
      snippet: false,
      range: ctx.replace,
      sortText: (isDefault ? '0_' : '1_') + String(i).padStart(3, '0'),
      filterText: r.filter,
      preselect: isDefault || undefined,
    };
  });
}

function configCompletions(ctx: CursorContext, locale: Locale, k8s: boolean): CompletionEntry[] {
  const cfg = configAt(ctx) ?? (k8s ? k8sAt(ctx) : undefined);
  if (!cfg) return [];
  const instance = toJS(cfg.root);
  const root = cfg.schema;
  const resolved = resolvePath(root, cfg.rel, instance);
  if (!resolved.schemas.length) return [];
  const info = describe(resolved.schemas);
  if (ctx.mode === 'value') return valueItems(ctx, cfg, info, cfg.rel, instance, locale);
  if (isObjectLike(info, resolved.schemas)) {
    if (ctx.mode === 'key' && resolved.instance !== undefined && resolved.instance !== null && !isMap(at(cfg.root, ...cfg.rel))) return [];
    return keyItems(ctx, resolved.schemas, keysOf(at(cfg.root, ...cfg.rel)), locale);
  }
  // a list of scalars: `- |` completes the item's value
  if (typeof cfg.rel[cfg.rel.length - 1] === 'number') return valueItems(ctx, cfg, info, cfg.rel, instance, locale);
  return [];
}

// ---------------------------------------------------------------- collector env names

interface EnvTarget {
  container: Container;
  /** Path below the container's `env` (`[]`, `[i]`, `[i, 'name']`, `[i, 'value']`). */
  rest: PathSeg[];
}

function envTarget(ctx: CursorContext): EnvTarget | undefined {
  const doc = ctx.doc;
  if (!doc || ctx.embedded) return undefined;
  for (const obj of objectsOfDoc(doc)) {
    const paths = POD_SPEC_PATHS[obj.kind];
    if (!paths) continue;
    const k = prefixOf(doc.root, obj.node, ctx.path);
    if (k === undefined) continue;
    const rel = ctx.path.slice(k);
    if (!paths.spec.every((s, i) => rel[i] === s)) continue;
    const [section, ci, env, ...rest] = rel.slice(paths.spec.length);
    if (env !== 'env' || typeof ci !== 'number' || (section !== 'containers' && section !== 'initContainers' && section !== 'ephemeralContainers')) continue;
    const w = workloadOf(obj);
    const node = at(w?.podSpec, section, ci);
    const container = w?.containers.find((c) => c.node === node);
    if (container) return { container, rest };
  }
  return undefined;
}

function familyRank(name: string, c: Container): number {
  const e = envDoc(name);
  if (!e) return 9;
  const loong = /^LOONG_/.test(name) || e.loongOnly;
  const isLoong = /loongcollector/i.test(c.image ?? '') || c.env.some((x) => /^LOONG_/.test(x.name));
  if (loong && !isLoong) return 2;
  return e.common ? 0 : 1;
}

function envCompletions(ctx: CursorContext, locale: Locale): CompletionEntry[] {
  const t = envTarget(ctx);
  if (!t || !isCollector(t.container)) return [];
  const { container, rest } = t;
  const item = typeof rest[0] === 'number' ? container.env[rest[0]] : undefined;
  const itemNode = typeof rest[0] === 'number' ? at(container.envNode, rest[0]) : undefined;
  const taken = new Set(container.env.filter((e) => e.node !== itemNode).map((e) => e.name));
  const yaml = ctx.language === 'yaml';
  const entries = COLLECTOR_ENV.filter((e) => !taken.has(e.name));
  const base = (e: (typeof COLLECTOR_ENV)[number]) => ({
    label: e.name,
    detail: envDetail(e, locale),
    documentation: envMarkdown(e, locale),
    range: ctx.replace,
    sortText: `${familyRank(e.name, container)}_${e.name}`,
  });
  const valueLine = (e: (typeof COLLECTOR_ENV)[number]) => 'value: ' + (e.example ? '${1:' + escapeSnippet(yamlValue(e.example)) + '}' : '$1');
  // `name: |`
  if (ctx.mode === 'value' && rest.length === 2 && rest[1] === 'name') {
    return entries.map((e) => {
      const r = renderValue(ctx, e.name);
      return { ...base(e), kind: 'value' as const, insertText: r.insert, snippet: false, filterText: r.filter };
    });
  }
  // `value: |` of a known variable: its recommended value
  if (ctx.mode === 'value' && rest.length === 2 && rest[1] === 'value') {
    const e = item ? envDoc(item.name) : undefined;
    if (!e?.example) return [];
    const r = renderValue(ctx, e.example);
    return [{ label: r.label, kind: 'value', detail: envDetail(e, locale), documentation: envMarkdown(e, locale), insertText: r.insert, snippet: false, range: ctx.replace, filterText: r.filter, sortText: '0' }];
  }
  if (!yaml) return [];
  // `- |` or `- ALIY|` in the env list: a whole entry
  if ((ctx.mode === 'item' || ctx.mode === 'key') && rest.length === 1 && !get(itemNode, 'name')) {
    const p = pad(ctx.keyColumn - ctx.lineIndent);
    return entries.map((e) => ({ ...base(e), kind: 'value' as const, insertText: `name: ${escapeSnippet(e.name)}\n${p}${valueLine(e)}`, snippet: true, multiline: true, filterText: e.name }));
  }
  // a line under `env:` with no `- ` yet
  if (ctx.mode === 'key' && rest.length === 0 && !ctx.hasColon) {
    const p = pad(ctx.keyColumn - ctx.lineIndent + 2);
    return entries.map((e) => ({ ...base(e), kind: 'value' as const, insertText: `- name: ${escapeSnippet(e.name)}\n${p}${valueLine(e)}`, snippet: true, multiline: true, filterText: e.name }));
  }
  return [];
}

// ---------------------------------------------------------------- snippets

/** A snippet's name or description in `locale` (catalog section `snippets`, keyed by the English text of snippets/*.json). */
const snippetText = (locale: Locale, english: string) => catalogText(locale, 'snippets', english) ?? english;

function snippetCompletions(text: string, language: Language, offset: number, locale: Locale): CompletionEntry[] {
  const range = snippetRange(text, language, offset);
  if (!range) return [];
  const fence = language === 'yaml' ? 'yaml' : 'json';
  return snippetsFor(language).map((s) => ({
    label: s.prefix,
    kind: 'snippet' as const,
    detail: snippetText(locale, s.name),
    documentation: `${snippetText(locale, s.description)}\n\n\`\`\`${fence}\n${snippetPreview(s)}\n\`\`\``,
    insertText: s.body,
    snippet: true,
    range,
    sortText: '2_' + s.prefix,
    filterText: s.prefix,
    multiline: s.body.includes('\n'),
  }));
}

/** Completion items at `offset` of `text`. */
export function complete(text: string, language: Language, offset: number, options: CompletionOptions = {}): CompletionEntry[] {
  const locale = normalizeLocale(options.locale);
  const out: CompletionEntry[] = [];
  const trigger = options.triggerCharacter;
  if (trigger === ' ' || trigger === ':') {
    const lineBefore = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
    if (trigger === ' ' && !/(:|(^|\s)-)\s$/.test(lineBefore)) return [];
    if (trigger === ':' && !/["'\w\]]:$/.test(lineBefore)) return [];
  }
  if (options.snippets !== false && !trigger) out.push(...snippetCompletions(text, language, offset, locale));
  let ctx: CursorContext | undefined;
  try {
    ctx = cursorContext(text, language, offset, options.uri ?? '');
  } catch {
    ctx = undefined;
  }
  if (ctx) {
    out.push(...envCompletions(ctx, locale));
    out.push(...configCompletions(ctx, locale, options.kubernetesSchema !== 'off'));
  }
  return out;
}

