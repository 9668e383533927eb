// Mapping ajv errors to findings: every error placed on the exact key or value it is about,
// merged where ajv says one thing several times (schemas/README.md "Ajv errors the engine should
// filter or merge"), and turned into messages of our own: every word from the catalogs (section
// `schema`, terms `schema.*`), the schema's descriptions in the schema's own languages.
import { catalogDetails, catalogMessage, hasTerm, term, type Phrase } from '../catalog';
import type { ErrorObject } from 'ajv';
import { schemaDescription, type Locale } from '../i18n';
import { getPair, isMap, isScalar, isSeq, type Node, type Pair } from '../parse/nodes';
import { correctQuantityCase, parseQuantity } from '../model/quantity';
import { closeness, keySuggestions, maxDistance } from './fixes';
import { keysOf, pairOf, valueOf } from './instance';
import type { JsonSchema } from './load';

export type Segment = string | number;

export type SchemaMessageId =
  | 'unknownKey'
  | 'unknownKeyRequired'
  | 'required'
  | 'requiredOneOf'
  | 'logstoreRequired'
  | 'type'
  | 'startupType'
  | 'enum'
  | 'const'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'minItems'
  | 'maxItems'
  | 'minLength'
  | 'maxLength'
  | 'anyOf'
  | 'invalid'
  | 'requiredEmpty'
  | 'quantity';

/** One finding of the schema check: where, what, and what is needed for its message and fixes. */
export interface SchemaProblem {
  messageId: SchemaMessageId | 'misspelled';
  /** Unknown keys (and close misspellings of startup keys) are warnings; everything else errors. */
  severity: 'error' | 'warning';
  /** The range of the finding (UTF-16 offsets of the outer file). */
  start: number;
  end: number;
  /** Instance path of the ajv error (numbers index sequences). */
  path: Segment[];
  /** The ajv keyword (`required`, `type`, …; `anyOf` for merged groups; `misspelled` for startup look-alikes). */
  keyword: string;
  /** The key the message names (`logPath`, `FilePaths[0]`). */
  key: string;
  /** Where that key is (`inputDetail`, `flushers[0] (flusher_sls)`, the top level). */
  where: Phrase;
  /** The ajv errors this problem stands for (empty for startup look-alikes). */
  errors: ErrorObject[];
  /** The pair of an unknown / misspelled key; for a missing key, a sibling that looks like its misspelling (renamed by the fix). */
  pair?: Pair;
  /** The value node of type / enum / const / range errors. */
  value?: Node;
  allowed?: unknown[];
  expected?: string[];
  limit?: number;
  pattern?: string;
  missing?: string[];
  /** Alternatives of a merged `anyOf` (e.g. `0`, `at least 7`). */
  alternatives?: Phrase[];
  /** Known keys a misspelled / unknown key is probably meant to be, best first. */
  suggestions?: string[];
  /** The schema whose description explains the rule of the value (pattern, range, anyOf). */
  description?: Record<string, unknown>;
  /** The config kind is `startup` (type messages then explain that the agent ignores the value). */
  startup: boolean;
  /** Quantity errors: why the text is not a quantity, and the quantity evidently meant. */
  reason?: Phrase;
  corrected?: string;
}

/** What is validated: a Logtail config (standalone or embedded) or a Kubernetes object. */
export interface SchemaTarget {
  /** The root of the validated instance. */
  root: Node;
  /** The root carries `apiVersion`/`kind` (a CRD or a Kubernetes object): a missing top-level key is reported on `kind`. */
  typed: boolean;
  /** Startup parameters: type messages say that the agent ignores a value of the wrong type. */
  startup: boolean;
  /** Keys whose value names a list item in messages (`Type` of a plugin, `name` of a container). */
  itemLabels: readonly string[];
}

/** The target of a Logtail config. */
export function configTarget(config: { root: Node; kind: string }): SchemaTarget {
  return { root: config.root, typed: config.kind === 'aliyunlogconfig' || config.kind === 'clusterpipeline', startup: config.kind === 'startup', itemLabels: ['Type', 'type'] };
}

/** The message ids of the schema rules (their texts: the catalogs' `schema` section and `$details`). */
export const SCHEMA_MESSAGE_IDS: readonly SchemaMessageId[] = ['unknownKey', 'unknownKeyRequired', 'required', 'requiredOneOf', 'logstoreRequired', 'type', 'startupType', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'anyOf', 'invalid', 'requiredEmpty', 'quantity'];


// ---------------------------------------------------------------------------------------------
// Paths and nodes
// ---------------------------------------------------------------------------------------------

/** JSON pointer (`/inputs/0/Type`) → segments (`['inputs', '0', 'Type']`). */
export function parsePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Located {
  /** The node at the path (undefined when the path does not resolve completely). */
  node?: Node;
  /** The pair whose value `node` is (map members only). */
  pair?: Pair;
  /** The segments that resolved (sequence indexes as numbers). */
  path: Segment[];
  /** The deepest node reached. */
  last: Node;
}

/** Walk `segments` from `root`: strings are map keys, digit strings index sequences. */
export function locate(root: Node, segments: readonly string[]): Located {
  let cur: Node = root;
  let pair: Pair | undefined;
  const path: Segment[] = [];
  for (const seg of segments) {
    if (isSeq(cur) && /^\d+$/.test(seg)) {
      const item = cur.items[Number(seg)];
      if (!item) return { path, last: cur };
      cur = item;
      pair = undefined;
      path.push(Number(seg));
    } else if (isMap(cur)) {
      const p = pairOf(cur, seg);
      if (!p) return { path, last: cur };
      cur = p.value;
      pair = p;
      path.push(seg);
    } else return { path, last: cur };
  }
  return { node: cur, pair, path, last: cur };
}

export type Range = { start: number; end: number };
export const rangeOf = (n: Range): Range => ({ start: n.start, end: n.end });

/**
 * Where a finding about a whole object (a missing key) goes: the key of the object's pair; for a
 * sequence item its `Type`/`type` key (plugins), else its first key; for the root object the
 * `kind` key of a CRD (else `apiVersion`), else its first key; an empty object itself.
 */
export function objectAnchor(map: Node, target: SchemaTarget): Range {
  if (map.parentPair) return rangeOf(map.parentPair.key);
  if (!isMap(map) || map.pairs.length === 0) return rangeOf(map);
  if (map === target.root && target.typed) {
    const k = getPair(map, 'kind') ?? getPair(map, 'apiVersion');
    if (k) return rangeOf(k.key);
  }
  if (map.parent && isSeq(map.parent)) {
    const t = getPair(map, 'Type') ?? getPair(map, 'type');
    if (t) return rangeOf(t.key);
  }
  return rangeOf(map.pairs[0]!.key);
}

/**
 * Where a finding about a value goes: the value itself; its key when the value is empty
 * (`key:` with nothing after it) or a block collection (which spans several lines).
 */
export function valueAnchor(node: Node, pair: Pair | undefined): Range {
  const empty = node.end <= node.start;
  const block = (isMap(node) || isSeq(node)) && !node.flow;
  if (pair && (empty || block)) return rangeOf(pair.key);
  return rangeOf(node);
}

function segText(path: readonly Segment[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

/** `inputDetail`, `spec.config.flushers[0] (flusher_sls)`, `spec.containers[0] (nginx)`, or "the top level". */
export function whereAt(path: readonly Segment[], node: Node | undefined, labels: readonly string[] = ['Type', 'type']): Phrase {
  if (!path.length) return (locale) => term(locale, 'schema.where.top');
  let s = segText(path);
  if (isMap(node) && typeof path[path.length - 1] === 'number') {
    let t: Pair | undefined;
    for (const l of labels) if ((t = pairOf(node, l))) break;
    if (t && isScalar(t.value) && typeof t.value.value === 'string') s += ` (${t.value.value})`;
  }
  return (locale) => term(locale, 'schema.where.path', { path: s });
}

/** The name a message gives the value at `path`: its key, with the index for list items. */
function keyOf(path: readonly Segment[]): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === 'number') i--;
  if (i < 0) return segText(path);
  return String(path[i]) + path.slice(i + 1).map((n) => `[${n}]`).join('');
}

function descriptionOf(schema: unknown): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  return typeof (schema as JsonSchema).description === 'string' ? (schema as Record<string, unknown>) : undefined;
}

/**
 * A key of `map` that is probably a misspelling of a missing required key (`LogStore` for
 * `Logstore`): within `maxDistance` edits ignoring case, and not itself a key the schema
 * declares there. Gives the pair to rename and the key to rename it to.
 */
function misspeltRequired(map: Node, missing: readonly string[], schema: unknown): { pair: Pair; suggestions: string[] } | undefined {
  if (!isMap(map)) return undefined;
  const props = schema && typeof schema === 'object' ? (schema as JsonSchema).properties : undefined;
  const declared = new Set(props && typeof props === 'object' ? Object.keys(props) : []);
  for (const m of missing) {
    for (const pair of map.pairs) {
      const k = String(pair.key.value);
      if (missing.includes(k) || declared.has(k)) continue;
      if (k.toLowerCase() === m.toLowerCase() || closeness(k, m) <= maxDistance(m)) return { pair, suggestions: [m] };
    }
  }
  return undefined;
}

/**
 * Errors this check leaves out. The division of work with the other rules: `logtail/schema`
 * reports everything a JSON Schema expresses, including the `configName` pattern, the
 * `ClusterAliyunPipelineConfig` `metadata.name` pattern (`logtail/config-name` does not repeat
 * them) and missing/empty `inputs`/`flushers` and a missing plugin `Type`
 * (`logtail/pipeline-structure` does not repeat them).
 */
export function ownedElsewhere(e: ErrorObject, path: readonly string[]): boolean {
  // The namespaced `AliyunPipelineConfig` kind is detected as the same CRD (spec §3: UNCONFIRMED, not wrong).
  if (e.keyword === 'const' && path.length === 1 && path[0] === 'kind' && (e.data as unknown) === 'AliyunPipelineConfig') return true;
  return false;
}

/** A JSON type's name in a message (`a string`): terms `schema.type.<type>`; an unknown type as it is. */
function typeName(locale: Locale, t: string): string {
  return hasTerm(`schema.type.${t}`) ? term(locale, `schema.type.${t}`) : t;
}

function typeOfValue(v: unknown, expected: readonly string[]): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) || !expected.includes('integer') ? 'number' : 'fraction';
  return typeof v;
}

/** Chinese typesetting: a space between CJK characters and Latin letters, digits or quotes. */
const spaceCjk = (s: string) => s.replace(/([\u4e00-\u9fff])([A-Za-z0-9"`])/g, '$1 $2').replace(/([A-Za-z0-9"`])([\u4e00-\u9fff])/g, '$1 $2');

function joinOr(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  const text = items.length === 2 ? term(locale, 'schema.or2', { a: items[0], b: items[1] }) : term(locale, 'schema.orMany', { list: items.slice(0, -1).join(term(locale, 'list.comma')), last: items[items.length - 1] });
  return spaceCjk(text);
}

const show = (v: unknown) => (typeof v === 'string' && v !== '' ? v : JSON.stringify(v));

/** A phrase for one branch of a merged `anyOf` (`0`, `at least 7`), or undefined when there is none. */
function alternativeOf(e: ErrorObject): Phrase | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'const': {
      const value = show(p.allowedValue);
      return () => value;
    }
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(show);
      return (locale) => term(locale, 'schema.alt.enum', { values: values.join(term(locale, 'list.comma')) });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return (locale) => term(locale, `schema.alt.${e.keyword}`, { limit: p.limit });
    case 'type': {
      const t = ([] as string[]).concat(p.type as string | string[]);
      return (locale) => t.map((x) => typeName(locale, x)).join(term(locale, 'schema.alt.typeOr'));
    }
    default:
      return undefined;
  }
}

const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'format', 'uniqueItems', 'multipleOf']);
const WITH_DESCRIPTION = new Set(['pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'maxItems', 'minItems']);

/** The problem an ajv error (with the errors merged into it) stands for, or undefined to leave it out. */
export function problemOf(target: SchemaTarget, e: ErrorObject, group: ErrorObject[]): SchemaProblem | undefined {
  const segs = parsePointer(e.instancePath);
  const loc = locate(target.root, segs);
  const startup = target.startup;
  const labels = target.itemLabels;
  const whereOf = (path: readonly Segment[], node: Node | undefined) => whereAt(path, node, labels);
  const p = e.params as Record<string, unknown>;
  const base = { path: loc.path, keyword: e.keyword, errors: group, startup, severity: 'error' as const };
  // The instance path did not resolve (should not happen): report on the deepest node reached.
  if (!loc.node) {
    const r = objectAnchor(loc.last, target);
    return { ...base, messageId: 'invalid', ...r, key: keyOf(loc.path), where: whereOf(loc.path, loc.last) };
  }
  const node = loc.node;

  if (e.keyword === 'anyOf') {
    const subs = group.filter((g) => g !== e);
    if (subs.length && subs.every((s) => s.keyword === 'required')) {
      const missing = [...new Set(subs.map((s) => String((s.params as Record<string, unknown>).missingProperty)))];
      const r = objectAnchor(node, target);
      const logstore = missing.length === 2 && missing.includes('Logstore') && missing.includes('LogstoreName');
      const rename = misspeltRequired(node, missing, e.parentSchema);
      return { ...base, ...r, messageId: logstore ? 'logstoreRequired' : 'requiredOneOf', key: missing[0]!, missing, where: whereOf(loc.path, node), ...rename };
    }
    const alternatives = subs.map(alternativeOf);
    const r = valueAnchor(node, loc.pair);
    if (alternatives.length && alternatives.every((a): a is Phrase => !!a)) {
      return { ...base, ...r, messageId: 'anyOf', key: keyOf(loc.path), where: whereOf(loc.path.slice(0, -1), node.parent), value: node, alternatives, description: descriptionOf(e.parentSchema) };
    }
    return { ...base, ...r, messageId: 'invalid', key: keyOf(loc.path), where: whereOf(loc.path.slice(0, -1), node.parent), value: node, description: descriptionOf(e.parentSchema) };
  }

  if (e.keyword === 'required') {
    const missing = String(p.missingProperty);
    // `key:` with nothing after it (null, dropped from the instance as the API server drops it)
    const empty = isMap(node) ? pairOf(node, missing) : undefined;
    if (empty) return { ...base, ...valueAnchor(empty.value, empty), messageId: 'requiredEmpty', key: missing, where: whereOf(loc.path, node), value: empty.value };
    const rename = misspeltRequired(node, [missing], e.parentSchema);
    return { ...base, ...objectAnchor(node, target), messageId: 'required', key: missing, missing: [missing], where: whereOf(loc.path, node), ...rename };
  }

  if (e.keyword === 'additionalProperties') {
    const name = String(p.additionalProperty);
    const pair = isMap(node) ? pairOf(node, name) : undefined;
    if (!pair) return undefined;
    const props = (e.parentSchema as JsonSchema | undefined)?.properties;
    const known = props && typeof props === 'object' ? Object.keys(props) : [];
    const suggestions = keySuggestions(name, known, isMap(node) ? keysOf(node) : new Set());
    return { ...base, severity: 'warning', ...rangeOf(pair.key), messageId: 'unknownKey', key: name, where: whereOf(loc.path, node), pair, suggestions };
  }

  if (e.keyword === 'x-kubernetes-quantity') {
    const text = String(p.text ?? '');
    return { ...base, ...valueAnchor(node, loc.pair), messageId: 'quantity', key: keyOf(loc.path), where: whereOf(loc.path.slice(0, -1), node.parent), value: node, ...quantityProblem(text) };
  }

  const key = keyOf(loc.path);
  const where = whereOf(loc.path.slice(0, -1), node.parent);
  const r = valueAnchor(node, loc.pair);
  const description = WITH_DESCRIPTION.has(e.keyword) ? descriptionOf(e.parentSchema) : undefined;
  switch (e.keyword) {
    case 'type':
      return { ...base, ...r, messageId: startup ? 'startupType' : 'type', key, where, value: node, expected: ([] as string[]).concat(p.type as string | string[]) };
    case 'enum':
      return { ...base, ...r, messageId: 'enum', key, where, value: node, allowed: p.allowedValues as unknown[] };
    case 'const':
      return { ...base, ...r, messageId: 'const', key, where, value: node, allowed: [p.allowedValue] };
    case 'pattern':
      return { ...base, ...r, messageId: 'pattern', key, where, value: node, pattern: String(p.pattern), description };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
      return { ...base, ...r, messageId: e.keyword, key, where, value: node, limit: Number(p.limit), description };
    default:
      return { ...base, ...(VALUE_KEYWORDS.has(e.keyword) ? r : objectAnchor(node, target)), messageId: 'invalid', key, where, value: node, description: descriptionOf(e.parentSchema) };
  }
}

/** Why a text is not a Kubernetes quantity, and the quantity evidently meant (`512MI` → `512Mi`). */
export function quantityProblem(text: string): { reason: Phrase; corrected?: string } {
  const t = text.trim();
  const corrected = correctQuantityCase(t);
  const reason = (key: string, data?: Record<string, unknown>): Phrase => (locale) => term(locale, `schema.quantity.${key}`, data);
  if (corrected) return { corrected, reason: reason('case', { text: t, corrected }) };
  if (parseQuantity(t)?.ok) return { reason: reason('negative') };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)\s+\S+$/.test(t)) {
    const joined = t.replace(/\s+/, '');
    const ok = parseQuantity(joined)?.ok;
    return { corrected: ok ? joined : undefined, reason: reason('space') };
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)[a-zA-Z]+$/.test(t)) return { reason: reason('suffix') };
  return { reason: reason('shape') };
}

// ---------------------------------------------------------------------------------------------
// Messages and fixes
// ---------------------------------------------------------------------------------------------

/** The data of a problem's message in `locale` (placeholders of the catalogs' `schema` messages). */
export function messageData(p: SchemaProblem, locale: Locale): Record<string, string | number> {
  const data: Record<string, string | number> = { key: p.key, parent: p.where(locale) };
  if (p.expected) {
    data.expected = joinOr(p.expected.map((t) => typeName(locale, t)), locale);
    data.actual = typeName(locale, typeOfValue(p.value ? valueOf(p.value) : undefined, p.expected));
  }
  if (p.allowed) data.allowed = p.allowed.map(show).join(term(locale, 'list.comma'));
  if (p.limit !== undefined) data.limit = p.limit;
  if (p.pattern !== undefined) data.pattern = p.pattern;
  if (p.missing) data.keys = joinOr(p.missing.map((m) => `"${m}"`), locale);
  if (p.reason) data.reason = p.reason(locale);
  if (p.messageId === 'quantity') data.value = p.value && isScalar(p.value) ? String(p.value.value) : '';
  if (p.alternatives) data.alternatives = joinOr(p.alternatives.map((a) => a(locale)), locale);
  const description = p.description && schemaDescription(p.description, locale);
  data.detail = description ? term(locale, 'schema.detail', { description }) : '';
  const s = p.suggestions?.[0];
  data.suggestion = s ?? '';
  data.hint = '';
  if (p.messageId === 'unknownKey' && s) data.hint = term(locale, 'schema.hint.didYouMean', { suggestion: s });
  else if (p.pair && s && (p.messageId === 'required' || p.messageId === 'requiredOneOf' || p.messageId === 'logstoreRequired')) {
    const k = String(p.pair.key.value);
    data.hint = term(locale, 'schema.hint.meant', { key: k, suggestion: s });
  }
  return data;
}

/** The message of a problem in `locale` (for tests and hover; the rules report messageId + data). */
export function problemMessage(p: SchemaProblem, locale: Locale): string {
  const data = messageData(p, locale);
  const short = catalogMessage(locale, 'logtail/schema', p.messageId, data);
  if (short !== undefined) return short;
  return catalogDetails(locale, 'logtail/schema', p.messageId, data) ?? p.messageId;
}
