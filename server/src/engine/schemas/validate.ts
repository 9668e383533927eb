// Validation of a Logtail config against its JSON Schema, with every ajv error mapped to the
// exact key or value it is about, merged where ajv says one thing several times
// (schemas/README.md "Ajv errors the engine should filter or merge"), and turned into English
// and Chinese messages of our own. Used by the rules `logtail/schema` and `startup/schema`.
import type { ErrorObject } from 'ajv';
import { localize, type Locale, type Localized } from '../i18n';
import { editDistance } from '../model/k8s';
import type { LogtailConfig } from '../model/logtail';
import { getPair, isMap, isScalar, isSeq, type MapNode, type Node, type Pair } from '../parse/nodes';
import { title, type FixSpec } from '../rule';
import { SCHEMAS, validatorFor, type JsonSchema } from './index';

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
  | 'invalid';

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
  where: Localized;
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
  alternatives?: Localized[];
  /** Known keys a misspelled / unknown key is probably meant to be, best first. */
  suggestions?: string[];
  /** The schema's description of the value, where it explains the rule (pattern, range, anyOf). */
  description?: Localized;
  /** The config kind is `startup` (type messages then explain that the agent ignores the value). */
  startup: boolean;
}

const DETAIL = '{detail}';

/** Messages of all schema problems (both rules use them; `startup/schema` adds `misspelled`). */
export const SCHEMA_MESSAGES: Record<SchemaMessageId, Localized> = {
  unknownKey: {
    en: 'Unknown key "{key}" in {parent}.{hint}',
    zh: '{parent}中有未知键 "{key}"。{hint}',
  },
  unknownKeyRequired: {
    en: 'Unknown key "{key}" in {parent}, where the required key "{suggestion}" is missing: did you mean "{suggestion}"?',
    zh: '{parent}中有未知键 "{key}"，而必填键 "{suggestion}" 缺失：是否想写 "{suggestion}"？',
  },
  required: {
    en: 'Missing required key "{key}" in {parent}.{hint}',
    zh: '{parent}缺少必填键 "{key}"。{hint}',
  },
  requiredOneOf: {
    en: 'Missing required key in {parent}: one of {keys} is required.{hint}',
    zh: '{parent}缺少必填键：需要 {keys} 之一。{hint}',
  },
  logstoreRequired: {
    en: '"Logstore" is required in {parent} when TelemetryType is logs, metrics or metrics_multivalue, or absent (the 1.x name "LogstoreName" is also accepted).{hint}',
    zh: '{parent}缺少 "Logstore"：TelemetryType 为 logs、metrics、metrics_multivalue 或未设置时它是必填项（也接受 1.x 名称 "LogstoreName"）。{hint}',
  },
  type: {
    en: '"{key}" must be {expected}, not {actual}.',
    zh: '"{key}" 必须是{expected}，而不是{actual}。',
  },
  startupType: {
    en: '"{key}" must be {expected}, not {actual}: the agent silently ignores a value of the wrong type and keeps its default.',
    zh: '"{key}" 必须是{expected}，而不是{actual}：Agent 会静默忽略类型错误的值，继续使用默认值。',
  },
  enum: {
    en: '"{key}" must be one of {allowed}.',
    zh: '"{key}" 必须是以下值之一：{allowed}。',
  },
  const: {
    en: '"{key}" must be {allowed}.',
    zh: '"{key}" 必须是 {allowed}。',
  },
  pattern: {
    en: '"{key}" has the wrong format: it must match {pattern}.' + DETAIL,
    zh: '"{key}" 格式不正确：必须匹配 {pattern}。' + DETAIL,
  },
  minimum: {
    en: '"{key}" must be at least {limit}.' + DETAIL,
    zh: '"{key}" 不能小于 {limit}。' + DETAIL,
  },
  maximum: {
    en: '"{key}" must be at most {limit}.' + DETAIL,
    zh: '"{key}" 不能大于 {limit}。' + DETAIL,
  },
  exclusiveMinimum: {
    en: '"{key}" must be greater than {limit}.' + DETAIL,
    zh: '"{key}" 必须大于 {limit}。' + DETAIL,
  },
  exclusiveMaximum: {
    en: '"{key}" must be less than {limit}.' + DETAIL,
    zh: '"{key}" 必须小于 {limit}。' + DETAIL,
  },
  minItems: {
    en: '"{key}" must have at least {limit} item(s).' + DETAIL,
    zh: '"{key}" 至少需要 {limit} 项。' + DETAIL,
  },
  maxItems: {
    en: '"{key}" must have at most {limit} item(s).' + DETAIL,
    zh: '"{key}" 最多只能有 {limit} 项。' + DETAIL,
  },
  minLength: {
    en: '"{key}" must be at least {limit} characters long.',
    zh: '"{key}" 的长度不能少于 {limit} 个字符。',
  },
  maxLength: {
    en: '"{key}" must be at most {limit} characters long.',
    zh: '"{key}" 的长度不能超过 {limit} 个字符。',
  },
  anyOf: {
    en: '"{key}" must be {alternatives}.' + DETAIL,
    zh: '"{key}" 必须为 {alternatives}。' + DETAIL,
  },
  invalid: {
    en: '"{key}" is not valid here.' + DETAIL,
    zh: '"{key}" 在此处无效。' + DETAIL,
  },
};

export const MISSPELLED_MESSAGE: Localized = {
  en: '"{key}" is not a known startup parameter; did you mean "{suggestion}"? The agent does not read it as "{suggestion}" (other keys only set a gflag of the same name), so "{suggestion}" keeps its default.',
  zh: '"{key}" 不是已知的启动参数，是否想写 "{suggestion}"？Agent 不会把它当作 "{suggestion}" 读取（其他键只会设置同名的 gflag），"{suggestion}" 仍使用默认值。',
};

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

type Range = { start: number; end: number };
const rangeOf = (n: Range): Range => ({ start: n.start, end: n.end });

function isCrd(config: LogtailConfig): boolean {
  return config.kind === 'aliyunlogconfig' || config.kind === 'clusterpipeline';
}

/**
 * Where a finding about a whole object (a missing key) goes: the key of the object's pair; for a
 * sequence item its `Type`/`type` key (plugins), else its first key; for the root object the
 * `kind` key of a CRD (else `apiVersion`), else its first key; an empty object itself.
 */
export function objectAnchor(map: Node, config: LogtailConfig): Range {
  if (map.parentPair) return rangeOf(map.parentPair.key);
  if (!isMap(map) || map.pairs.length === 0) return rangeOf(map);
  if (map === config.root && isCrd(config)) {
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

/** `inputDetail`, `spec.config.flushers[0] (flusher_sls)`, or "the top level". */
function whereOf(path: readonly Segment[], node: Node | undefined): Localized {
  if (!path.length) return { en: 'the top level', zh: '顶层' };
  let s = segText(path);
  if (isMap(node) && typeof path[path.length - 1] === 'number') {
    const t = getPair(node, 'Type') ?? getPair(node, 'type');
    if (t && isScalar(t.value) && typeof t.value.value === 'string') s += ` (${t.value.value})`;
  }
  return { en: s, zh: s + ' ' };
}

/** The name a message gives the value at `path`: its key, with the index for list items. */
function keyOf(path: readonly Segment[]): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === 'number') i--;
  if (i < 0) return segText(path);
  return String(path[i]) + path.slice(i + 1).map((n) => `[${n}]`).join('');
}

function descriptionOf(schema: unknown): Localized | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as JsonSchema;
  if (typeof s.description !== 'string') return undefined;
  return { en: s.description, zh: typeof s['x-description-zh'] === 'string' ? (s['x-description-zh'] as string) : s.description };
}

// ---------------------------------------------------------------------------------------------
// Errors → problems
// ---------------------------------------------------------------------------------------------

/** Known aliases (spec §7: the API doc's `isDocherFile`; spec §3.1: `ttl` is not the CRD field, `lifeCycle` is; spec §3.2: `sample`, not `logSample`). */
const ALIASES: Record<string, string[]> = {
  isDocherFile: ['dockerFile'],
  ttl: ['lifeCycle'],
  logSample: ['sample'],
  sample: ['logSample'],
};

/** Edit distance, ignoring case (`jsn` is 1 from `JSON`). */
export function closeness(a: string, b: string): number {
  return editDistance(a.toLowerCase(), b.toLowerCase());
}

/**
 * Edit distance allowed between a misspelling and a known key or value: 2, or 1 when the known
 * one has fewer than 6 characters (two edits make `task` of `base`, `Type` of `name`).
 */
export const maxDistance = (known: string): number => (known.length >= 6 ? 2 : 1);

/** Candidates for an unknown key, best first: known aliases, then case variants, then those within `max` edits (ignoring case). */
export function keySuggestions(name: string, known: readonly string[], present: ReadonlySet<string>, max: (candidate: string) => number = maxDistance): string[] {
  const out: { c: string; d: number }[] = [];
  for (const c of new Set(known)) {
    if (c === name || present.has(c)) continue;
    if (ALIASES[name]?.includes(c)) out.push({ c, d: -2 });
    else if (c.toLowerCase() === name.toLowerCase()) out.push({ c, d: -1 });
    else {
      const d = closeness(name, c);
      if (d <= max(c)) out.push({ c, d });
    }
  }
  return out.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).map((x) => x.c).slice(0, 3);
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
function ownedElsewhere(_config: LogtailConfig, e: ErrorObject, path: readonly string[]): boolean {
  // The namespaced `AliyunPipelineConfig` kind is detected as the same CRD (spec §3: UNCONFIRMED, not wrong).
  if (e.keyword === 'const' && path.length === 1 && path[0] === 'kind' && (e.data as unknown) === 'AliyunPipelineConfig') return true;
  return false;
}

const TYPE_NAMES: Record<string, Localized> = {
  string: { en: 'a string', zh: '字符串' },
  number: { en: 'a number', zh: '数字' },
  integer: { en: 'an integer', zh: '整数' },
  fraction: { en: 'a fractional number', zh: '小数' },
  boolean: { en: 'a boolean (true/false)', zh: '布尔值（true/false）' },
  object: { en: 'an object', zh: '对象' },
  array: { en: 'a list', zh: '列表' },
  null: { en: 'empty (null)', zh: '空值（null）' },
};

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
  if (locale === 'zh-CN') return spaceCjk(items.slice(0, -1).join('、') + '或' + items[items.length - 1]);
  return items.length === 2 ? `${items[0]} or ${items[1]}` : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A phrase for one branch of a merged `anyOf` (`0`, `at least 7`), or undefined when there is none. */
function alternativeOf(e: ErrorObject): Localized | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'const':
      return { en: show(p.allowedValue), zh: show(p.allowedValue) };
    case 'enum': {
      const vals = (p.allowedValues as unknown[]).map(show).join(', ');
      return { en: `one of ${vals}`, zh: `${vals} 之一` };
    }
    case 'minimum':
      return { en: `at least ${p.limit}`, zh: `不小于 ${p.limit}` };
    case 'maximum':
      return { en: `at most ${p.limit}`, zh: `不大于 ${p.limit}` };
    case 'exclusiveMinimum':
      return { en: `greater than ${p.limit}`, zh: `大于 ${p.limit}` };
    case 'exclusiveMaximum':
      return { en: `less than ${p.limit}`, zh: `小于 ${p.limit}` };
    case 'type': {
      const t = ([] as string[]).concat(p.type as string | string[]);
      return { en: t.map((x) => TYPE_NAMES[x]?.en ?? x).join(' or '), zh: t.map((x) => TYPE_NAMES[x]?.zh ?? x).join('或') };
    }
    default:
      return undefined;
  }
}

const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'format', 'uniqueItems', 'multipleOf']);
const WITH_DESCRIPTION = new Set(['pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'maxItems', 'minItems']);

function problemOf(config: LogtailConfig, e: ErrorObject, group: ErrorObject[]): SchemaProblem | undefined {
  const segs = parsePointer(e.instancePath);
  const loc = locate(config.root, segs);
  const startup = config.kind === 'startup';
  const p = e.params as Record<string, unknown>;
  const base = { path: loc.path, keyword: e.keyword, errors: group, startup, severity: 'error' as const };
  // The instance path did not resolve (should not happen): report on the deepest node reached.
  if (!loc.node) {
    const r = objectAnchor(loc.last, config);
    return { ...base, messageId: 'invalid', ...r, key: keyOf(loc.path), where: whereOf(loc.path, loc.last) };
  }
  const node = loc.node;

  if (e.keyword === 'anyOf') {
    const subs = group.filter((g) => g !== e);
    if (subs.length && subs.every((s) => s.keyword === 'required')) {
      const missing = [...new Set(subs.map((s) => String((s.params as Record<string, unknown>).missingProperty)))];
      const r = objectAnchor(node, config);
      const logstore = missing.length === 2 && missing.includes('Logstore') && missing.includes('LogstoreName');
      const rename = misspeltRequired(node, missing, e.parentSchema);
      return { ...base, ...r, messageId: logstore ? 'logstoreRequired' : 'requiredOneOf', key: missing[0]!, missing, where: whereOf(loc.path, node), ...rename };
    }
    const alternatives = subs.map(alternativeOf);
    const r = valueAnchor(node, loc.pair);
    if (alternatives.length && alternatives.every((a): a is Localized => !!a)) {
      return { ...base, ...r, messageId: 'anyOf', key: keyOf(loc.path), where: whereOf(loc.path.slice(0, -1), node.parent), value: node, alternatives, description: descriptionOf(e.parentSchema) };
    }
    return { ...base, ...r, messageId: 'invalid', key: keyOf(loc.path), where: whereOf(loc.path.slice(0, -1), node.parent), value: node, description: descriptionOf(e.parentSchema) };
  }

  if (e.keyword === 'required') {
    const missing = String(p.missingProperty);
    const rename = misspeltRequired(node, [missing], e.parentSchema);
    return { ...base, ...objectAnchor(node, config), messageId: 'required', key: missing, missing: [missing], where: whereOf(loc.path, node), ...rename };
  }

  if (e.keyword === 'additionalProperties') {
    const name = String(p.additionalProperty);
    const pair = isMap(node) ? pairOf(node, name) : undefined;
    if (!pair) return undefined;
    const props = (e.parentSchema as JsonSchema | undefined)?.properties;
    const known = props && typeof props === 'object' ? Object.keys(props) : [];
    const present = new Set(isMap(node) ? [...node.pairs, ...mergedPairs(node)].map((x) => String(x.key.value)) : []);
    const suggestions = keySuggestions(name, known, present);
    return { ...base, severity: 'warning', ...rangeOf(pair.key), messageId: 'unknownKey', key: name, where: whereOf(loc.path, node), pair, suggestions };
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
      return { ...base, ...(VALUE_KEYWORDS.has(e.keyword) ? r : objectAnchor(node, config)), messageId: 'invalid', key, where, value: node, description: descriptionOf(e.parentSchema) };
  }
}

/** The pairs a YAML merge key (`<<: *base` or `<<: [*a, *b]`) brings into `map`. */
function mergedPairs(map: MapNode): Pair[] {
  const merge = getPair(map, '<<');
  if (!merge) return [];
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  return sources.filter(isMap).flatMap((m) => m.pairs);
}

/** The pair of `key` in `map`, also through YAML merge keys (explicit keys win). */
function pairOf(map: MapNode, key: string): Pair | undefined {
  if (key === '<<') return undefined;
  const own = getPair(map, key);
  if (own) return own;
  // `<<: [*a, *b]`: the first source that has the key wins
  return mergedPairs(map).find((p) => p.key.value === key);
}

/** Plain value of a node as YAML means it: like `toJS`, with merge keys (`<<`) resolved. */
export function valueOf(node: Node | undefined, depth = 0): unknown {
  if (!node || depth > 200) return undefined;
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map((n) => valueOf(n, depth + 1));
  const o: Record<string, unknown> = {};
  const merged = mergedPairs(node);
  for (const p of merged) {
    // `<<: [*a, *b]`: the first source that has a key wins
    const k = String(p.key.value);
    if (!(k in o)) o[k] = valueOf(p.value, depth + 1);
  }
  for (const p of node.pairs) if (!(merged.length && p.key.value === '<<')) o[String(p.key.value)] = valueOf(p.value, depth + 1);
  return o;
}

/** The raw ajv errors of a config (after `validatorFor(kind)` on the config's plain value). */
export function ajvErrors(config: LogtailConfig): ErrorObject[] {
  const validate = validatorFor(config.kind);
  if (validate(valueOf(config.root))) return [];
  return [...(validate.errors ?? [])];
}

/**
 * Validate a config against its kind's schema. Every problem is placed on the exact key or value
 * it is about; `if` wrappers are dropped, `anyOf` groups merged (missing `Logstore`, the hot-TTL
 * trio), duplicates removed, and errors another rule owns left out. Never throws.
 */
export function validateConfig(config: LogtailConfig): SchemaProblem[] {
  let errors: ErrorObject[];
  try {
    errors = ajvErrors(config).filter((e) => e.keyword !== 'if');
  } catch {
    return [];
  }
  const consumed = new Set<ErrorObject>();
  const groups: [ErrorObject, ErrorObject[]][] = [];
  for (const a of errors) {
    if (a.keyword !== 'anyOf') continue;
    const subs = errors.filter(
      (e) => e !== a && e.schemaPath.startsWith(a.schemaPath + '/') && (e.instancePath === a.instancePath || e.instancePath.startsWith(a.instancePath + '/')),
    );
    for (const s of subs) consumed.add(s);
    consumed.add(a);
    groups.push([a, [a, ...subs]]);
  }
  for (const e of errors) if (!consumed.has(e)) groups.push([e, [e]]);

  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [e, group] of groups) {
    if (ownedElsewhere(config, e, parsePointer(e.instancePath))) continue;
    if (e.keyword === 'additionalProperties' && (e.params as Record<string, unknown>).additionalProperty === '<<') continue; // YAML merge key
    const problem = problemOf(config, e, group);
    if (!problem) continue;
    const id = `${problem.messageId}|${problem.start}|${problem.end}|${problem.key}|${JSON.stringify(problem.allowed ?? problem.expected ?? problem.missing ?? problem.limit ?? '')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(problem);
  }
  // An unknown key that is the misspelling of a missing required key (`logPth` for `logPath`):
  // one finding, an error on the misspelt key, instead of a warning there and an error on its parent.
  const requiredRename = new Map<Pair, SchemaProblem>();
  for (const p of out) if (p.pair && p.messageId !== 'unknownKey') requiredRename.set(p.pair, p);
  for (const p of out) {
    const req = p.messageId === 'unknownKey' && p.pair ? requiredRename.get(p.pair) : undefined;
    if (!req || !req.suggestions?.length) continue;
    p.messageId = 'unknownKeyRequired';
    p.severity = 'error';
    p.suggestions = [req.suggestions[0]!, ...(p.suggestions ?? []).filter((x) => x !== req.suggestions![0])];
    p.errors = [...p.errors, ...req.errors];
    out.splice(out.indexOf(req), 1);
  }
  // A value that breaks both its type and its enum/const (`"443"` for 80|443): one finding, the
  // enum's, which names the allowed values (and offers them, typed, as fixes).
  const listed = new Set(out.filter((p) => p.messageId === 'enum' || p.messageId === 'const').map((p) => `${p.start}|${p.end}`));
  return out
    .filter((p) => !((p.messageId === 'type' || p.messageId === 'startupType') && listed.has(`${p.start}|${p.end}`)))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

// ---------------------------------------------------------------------------------------------
// Startup parameters: close misspellings of declared keys (the schema allows any key)
// ---------------------------------------------------------------------------------------------

/** Edit distance allowed for a misspelling of a startup key: 2 for keys of 10+ characters, else 1. */
export const startupMaxDistance = (known: string): number => (known.length >= 10 ? 2 : 1);

/**
 * Top-level keys of a startup file that are not declared but are close to a declared key
 * (`cpu_usage_limt`): the agent would set an unrelated (non-existent) gflag and keep the default.
 */
export function startupMisspellings(config: LogtailConfig): SchemaProblem[] {
  if (config.kind !== 'startup' || !isMap(config.root)) return [];
  const schema = SCHEMAS.startup;
  const known = Object.keys((schema.properties as Record<string, unknown>) ?? {});
  const patterns = Object.keys((schema.patternProperties as Record<string, unknown>) ?? {}).map((p) => new RegExp(p));
  const root: MapNode = config.root;
  const present = new Set(root.pairs.map((p) => String(p.key.value)));
  const out: SchemaProblem[] = [];
  for (const pair of root.pairs) {
    const name = String(pair.key.value);
    if (known.includes(name) || patterns.some((r) => r.test(name))) continue;
    const suggestions = keySuggestions(name, known, new Set(), startupMaxDistance);
    if (!suggestions.length) continue;
    out.push({
      messageId: 'misspelled',
      severity: 'warning',
      ...rangeOf(pair.key),
      path: [name],
      keyword: 'misspelled',
      key: name,
      where: whereOf([], root),
      errors: [],
      pair,
      // a rename onto a key the file already has would duplicate it: suggest, but do not offer the fix
      suggestions: suggestions.filter((s) => !present.has(s)).length ? suggestions.filter((s) => !present.has(s)) : suggestions,
      startup: true,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Messages and fixes
// ---------------------------------------------------------------------------------------------

/** The data of a problem's message in `locale` (placeholders of SCHEMA_MESSAGES / MISSPELLED_MESSAGE). */
export function messageData(p: SchemaProblem, locale: Locale): Record<string, string | number> {
  const zh = locale === 'zh-CN';
  const data: Record<string, string | number> = { key: p.key, parent: localize(p.where, locale) };
  if (p.expected) {
    data.expected = joinOr(p.expected.map((t) => localize(TYPE_NAMES[t] ?? { en: t, zh: t }, locale)), locale);
    const actual = typeOfValue(p.value ? valueOf(p.value) : undefined, p.expected);
    data.actual = localize(TYPE_NAMES[actual] ?? { en: actual, zh: actual }, locale);
  }
  if (p.allowed) data.allowed = p.allowed.map(show).join(zh ? '、' : ', ');
  if (p.limit !== undefined) data.limit = p.limit;
  if (p.pattern !== undefined) data.pattern = p.pattern;
  if (p.missing) data.keys = joinOr(p.missing.map((m) => `"${m}"`), locale);
  if (p.alternatives) data.alternatives = joinOr(p.alternatives.map((a) => localize(a, locale)), locale);
  data.detail = p.description ? (zh ? '' : ' ') + localize(p.description, locale) : '';
  const s = p.suggestions?.[0];
  data.suggestion = s ?? '';
  data.hint = '';
  if (p.messageId === 'unknownKey' && s) data.hint = zh ? `是否想写 "${s}"？` : ` Did you mean "${s}"?`;
  else if (p.pair && s && (p.messageId === 'required' || p.messageId === 'requiredOneOf' || p.messageId === 'logstoreRequired')) {
    const k = String(p.pair.key.value);
    data.hint = zh ? `"${k}" 是否应为 "${s}"？` : ` Is "${k}" meant to be "${s}"?`;
  }
  return data;
}

/** The message of a problem in `locale` (for tests and hover; the rules report messageId + data). */
export function problemMessage(p: SchemaProblem, locale: Locale): string {
  const template = p.messageId === 'misspelled' ? MISSPELLED_MESSAGE : SCHEMA_MESSAGES[p.messageId];
  return localize(template, locale, messageData(p, locale));
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Quick fixes of a problem, as edits of `config.edit` (so they apply to the outer file, also for
 * configs embedded in a ConfigMap):
 * - unknown / misspelled key: "Rename to `<known key>`" for each suggestion not already present;
 * - enum / const: "Change to `<allowed value>`" for each allowed value within edit distance 2 or
 *   equal ignoring case (and the number/boolean an allowed value is written as a string);
 * - wrong type: "Convert to number" / "Convert to boolean" for `"0.4"` / `"true"`, and
 *   "Convert to string" for a number or boolean where a string is required.
 * All are `safe`: they complete what the text evidently means.
 */
export function schemaFixes(p: SchemaProblem, config: LogtailConfig): FixSpec[] {
  const fixes: FixSpec[] = [];
  const edit = config.edit;
  if (p.pair && p.suggestions?.length) {
    const present = new Set(p.pair.parent.pairs.map((x) => String(x.key.value)));
    const from = String(p.pair.key.value);
    const named = p.messageId !== 'unknownKey' && p.messageId !== 'unknownKeyRequired' && p.messageId !== 'misspelled';
    for (const s of p.suggestions) {
      if (present.has(s)) continue;
      const t = named ? title(`Rename \`${from}\` to \`${s}\``, `将 \`${from}\` 重命名为 \`${s}\``) : title(`Rename to \`${s}\``, `重命名为 \`${s}\``);
      fixes.push({ title: t, kind: 'safe', edits: [edit.renameKey(p.pair, s)] });
    }
    return fixes;
  }
  const v = p.value;
  if (!isScalar(v) || v.end <= v.start) return fixes;
  const raw = v.value;
  if ((p.messageId === 'enum' || p.messageId === 'const') && p.allowed) {
    for (const a of p.allowed) {
      if (typeof a !== 'string' && typeof a !== 'number' && typeof a !== 'boolean') continue;
      let close = false;
      if (typeof raw === 'string' && typeof a === 'string') close = closeness(raw, a) <= maxDistance(a);
      else if (typeof raw === 'string' && typeof a !== 'string') close = raw.trim() === String(a);
      if (!close || raw === a) continue;
      fixes.push({ title: title(`Change to \`${show(a)}\``, `改为 \`${show(a)}\``), kind: 'safe', edits: [edit.replaceScalar(v, a)] });
    }
    return fixes;
  }
  if ((p.messageId === 'type' || p.messageId === 'startupType') && p.expected) {
    const exp = p.expected;
    if (typeof raw === 'string') {
      const t = raw.trim();
      if ((exp.includes('number') || exp.includes('integer')) && NUMERIC.test(t)) {
        const n = Number(t);
        if (Number.isFinite(n) && (exp.includes('number') || Number.isInteger(n))) {
          fixes.push({ title: title('Convert to number', '转换为数字'), kind: 'safe', edits: [edit.replaceScalar(v, n)] });
        }
      }
      if (exp.includes('boolean') && /^(true|false)$/i.test(t)) {
        fixes.push({ title: title('Convert to boolean', '转换为布尔值'), kind: 'safe', edits: [edit.replaceScalar(v, t.toLowerCase() === 'true')] });
      }
    } else if ((typeof raw === 'number' || typeof raw === 'boolean') && exp.includes('string')) {
      // the text as written (`010` stays `010`), not the parsed number
      const text = sourceText(config, v);
      fixes.push({ title: title('Convert to string', '转换为字符串'), kind: 'safe', edits: [edit.replaceScalar(v, text)] });
    }
  }
  return fixes;
}

/** The source text of a scalar (outer-file offsets), falling back to its value. */
function sourceText(config: LogtailConfig, v: Node): string {
  const text = (config.edit as unknown as { text?: string }).text;
  const s = typeof text === 'string' ? text.slice(v.start, v.end).trim() : '';
  return s || String(isScalar(v) ? v.value : '');
}
