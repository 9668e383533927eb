// Schema navigation for completion and hover: from a config kind's schema and a JSON path
// inside the config's instance, find the sub-schemas that apply there. `$ref`s are followed
// (local `#/definitions/x` and cross-file `logtail-config.schema.json#/definitions/x` through
// SCHEMAS_BY_ID), `allOf` is merged, `if`/`then`/`else` is applied by the instance (the
// pipeline's `Type` dispatch, the legacy `inputType`/`logType` dispatch), and `anyOf`/`oneOf`
// branches are unioned (suggestions list what any branch allows).
import { schemaDescription, type Locale } from '../i18n';
import type { ConfigKind } from '../model/logtail';
import { K8S_DEFINITIONS_ID, k8sDefinitions, k8sSchema, k8sSchemaName, SCHEMAS, SCHEMAS_BY_ID, type JsonSchema } from '../schemas/index';

export type PathSeg = string | number;

/** A schema together with the `$id` of the document it lives in (for resolving its `$ref`s). */
export interface SchemaRef {
  schema: JsonSchema;
  base: string;
  /** Reached through an `anyOf`/`oneOf` branch: its `required` is not a requirement. */
  branch?: boolean;
}

const MAX_DEPTH = 40;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function rootSchema(kind: ConfigKind): SchemaRef {
  const schema = SCHEMAS[kind];
  return { schema, base: String(schema.$id) };
}

function pointer(doc: JsonSchema, ptr: string): JsonSchema | undefined {
  if (!ptr || ptr === '/') return doc;
  let cur: unknown = doc;
  for (const raw of ptr.replace(/^\//, '').split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return isObj(cur) ? (cur as JsonSchema) : undefined;
}

/**
 * The root of a Kubernetes kind's schema (its definition in the bundled definitions, whose `$ref`s
 * resolve in that document), or undefined when none is bundled for `apiVersion`/`kind`.
 */
export function k8sRootSchema(apiVersion: string, kind: string): SchemaRef | undefined {
  const name = k8sSchemaName(apiVersion, kind);
  const schema = name ? k8sSchema(name) : undefined;
  return schema ? { schema, base: K8S_DEFINITIONS_ID } : undefined;
}

/** Resolve one `$ref` relative to `base`. */
export function resolveRef(ref: string, base: string): SchemaRef | undefined {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const ptr = hash < 0 ? '' : ref.slice(hash + 1);
  const id = file ? file.replace(/^\.\//, '') : base;
  const doc = SCHEMAS_BY_ID[id] ?? (id === K8S_DEFINITIONS_ID ? k8sDefinitions() : undefined);
  if (!doc) return undefined;
  const schema = pointer(doc, ptr);
  return schema ? { schema, base: id } : undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(t: unknown, v: unknown): boolean {
  const types = Array.isArray(t) ? t : [t];
  const actual = typeOf(v);
  return types.some((x) => x === actual || (x === 'number' && actual === 'integer'));
}

/**
 * Does `instance` match the schema of an `if`? A small evaluator of the keywords that
 * dispatching schemas use (`const`, `enum`, `type`, `required`, `properties`, `allOf`,
 * `anyOf`, `oneOf`, `not`, `$ref`); other keywords do not constrain. Deliberately strict on
 * incomplete input: `required`/`properties` need an object, and an absent instance never
 * matches, so a half-typed plugin item is not dispatched to every branch at once.
 */
export function matches(s: SchemaRef, instance: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (instance === undefined) return false;
  const sc = s.schema;
  if (typeof sc.$ref === 'string') {
    const r = resolveRef(sc.$ref, s.base);
    if (!r || !matches(r, instance, depth + 1)) return false;
  }
  if ('const' in sc && !deepEqual(sc.const, instance)) return false;
  if (Array.isArray(sc.enum) && !sc.enum.some((e) => deepEqual(e, instance))) return false;
  if (sc.type !== undefined && !typeMatches(sc.type, instance)) return false;
  if (Array.isArray(sc.required) || isObj(sc.properties)) {
    if (!isObj(instance)) return false;
    if (Array.isArray(sc.required) && !sc.required.every((k) => typeof k === 'string' && k in instance)) return false;
    if (isObj(sc.properties)) {
      for (const [k, sub] of Object.entries(sc.properties)) {
        if (!(k in instance) || !isObj(sub)) continue;
        if (!matches({ schema: sub as JsonSchema, base: s.base }, instance[k], depth + 1)) return false;
      }
    }
  }
  const sub = (x: unknown) => isObj(x) && matches({ schema: x as JsonSchema, base: s.base }, instance, depth + 1);
  if (Array.isArray(sc.allOf) && !sc.allOf.every(sub)) return false;
  if (Array.isArray(sc.anyOf) && !sc.anyOf.some(sub)) return false;
  if (Array.isArray(sc.oneOf) && !sc.oneOf.some(sub)) return false;
  if (isObj(sc.not) && sub(sc.not)) return false;
  return true;
}

/**
 * The flat list of schemas that apply to `instance` at this place: the schema itself, the
 * targets of its `$ref`, its `allOf` members, the `then` (or `else`) of each `if` by the
 * instance, and every `anyOf`/`oneOf` branch (marked `branch`). Order: the schema's own
 * keywords first, so its own description wins over a dispatched one.
 */
export function flatten(s: SchemaRef, instance: unknown, depth = 0, out: SchemaRef[] = [], seen = new Set<JsonSchema>()): SchemaRef[] {
  if (depth > MAX_DEPTH || seen.has(s.schema)) return out;
  seen.add(s.schema);
  const sc = s.schema;
  out.push(s);
  if (typeof sc.$ref === 'string') {
    const r = resolveRef(sc.$ref, s.base);
    if (r) flatten({ ...r, branch: s.branch }, instance, depth + 1, out, seen);
  }
  const sub = (x: unknown, branch = s.branch) => {
    if (isObj(x)) flatten({ schema: x as JsonSchema, base: s.base, branch }, instance, depth + 1, out, seen);
  };
  if (Array.isArray(sc.allOf)) for (const x of sc.allOf) sub(x);
  if (isObj(sc.if)) {
    if (matches({ schema: sc.if as JsonSchema, base: s.base }, instance)) sub(sc.then);
    else if (instance !== undefined && instance !== null) sub(sc.else);
  }
  if (Array.isArray(sc.anyOf)) for (const x of sc.anyOf) sub(x, true);
  if (Array.isArray(sc.oneOf)) for (const x of sc.oneOf) sub(x, true);
  return out;
}

/** The schemas of a child (`seg` is a property name or an array index) of a flattened schema list. */
export function childSchemas(flat: readonly SchemaRef[], seg: PathSeg): SchemaRef[] {
  const out: SchemaRef[] = [];
  for (const f of flat) {
    const sc = f.schema;
    if (typeof seg === 'string') {
      const props = isObj(sc.properties) ? (sc.properties as Record<string, unknown>) : undefined;
      if (props && isObj(props[seg])) {
        out.push({ schema: props[seg] as JsonSchema, base: f.base });
        continue;
      }
      let matched = false;
      if (isObj(sc.patternProperties)) {
        for (const [pat, sub] of Object.entries(sc.patternProperties)) {
          try {
            if (isObj(sub) && new RegExp(pat, 'u').test(seg)) {
              out.push({ schema: sub as JsonSchema, base: f.base });
              matched = true;
            }
          } catch {
            /* a pattern JavaScript cannot compile constrains nothing here */
          }
        }
      }
      if (!matched && isObj(sc.additionalProperties)) out.push({ schema: sc.additionalProperties as JsonSchema, base: f.base });
    } else {
      if (isObj(sc.items)) out.push({ schema: sc.items as JsonSchema, base: f.base });
      else if (Array.isArray(sc.items)) {
        const it = sc.items[seg];
        if (isObj(it)) out.push({ schema: it as JsonSchema, base: f.base });
        else if (isObj(sc.additionalItems)) out.push({ schema: sc.additionalItems as JsonSchema, base: f.base });
      }
    }
  }
  return out;
}

function childInstance(instance: unknown, seg: PathSeg): unknown {
  if (typeof seg === 'number') return Array.isArray(instance) ? instance[seg] : undefined;
  return isObj(instance) ? instance[seg] : undefined;
}

export interface Resolved {
  /** The flattened schemas that apply at the path (empty: the path is not described). */
  schemas: SchemaRef[];
  /** The instance value at the path (undefined when absent). */
  instance: unknown;
}

/** Resolve the schemas at `path` below `root`, dispatching on the instance along the way. */
export function resolvePath(root: SchemaRef, path: readonly PathSeg[], instanceRoot: unknown): Resolved {
  let inst = instanceRoot;
  let schemas = flatten(root, inst);
  for (const seg of path) {
    const next = childSchemas(schemas, seg);
    inst = childInstance(inst, seg);
    schemas = [];
    const seen = new Set<JsonSchema>();
    for (const n of next) flatten(n, inst, 0, schemas, seen);
    if (!schemas.length) break;
  }
  return { schemas, instance: inst };
}

/** Everything the documentation of a place says, merged over the flattened schemas. */
export interface SchemaInfo {
  /** The schema whose description (in its languages) documents the place. */
  described?: Record<string, unknown>;
  /** The described schema is one of the Kubernetes definitions (upstream text, English only). */
  kubernetes?: boolean;
  types: string[];
  hasDefault: boolean;
  default?: unknown;
  /** `enum` values and `const`s, in schema order, without duplicates. */
  values: unknown[];
  /** Only a `const` (a fixed value such as a plugin definition's `Type`). */
  constValue?: { value: unknown };
  examples: unknown[];
  since?: string;
  /** The map has properties (an object is expected). */
  object: boolean;
  /** An array is expected. */
  array: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** The description of a documented place in `locale` (the schema's own translation, else English). */
export function descriptionIn(info: SchemaInfo, locale: Locale): string | undefined {
  return info.described ? schemaDescription(info.described, locale) : undefined;
}

export function describe(flat: readonly SchemaRef[]): SchemaInfo {
  const info: SchemaInfo = { types: [], hasDefault: false, values: [], examples: [], object: false, array: false };
  const addValue = (v: unknown) => {
    if (!info.values.some((x) => deepEqual(x, v))) info.values.push(v);
  };
  let fixed = false;
  for (const { schema: s, branch, base } of flat) {
    if (!info.described && typeof s.description === 'string') {
      info.described = s as Record<string, unknown>;
      if (base === K8S_DEFINITIONS_ID) info.kubernetes = true;
    }
    if (s.type !== undefined) for (const t of Array.isArray(s.type) ? s.type : [s.type]) if (typeof t === 'string' && !info.types.includes(t)) info.types.push(t);
    if (!info.hasDefault && 'default' in s) {
      info.hasDefault = true;
      info.default = s.default;
    }
    if (Array.isArray(s.enum)) s.enum.forEach(addValue);
    if ('const' in s) {
      if (!branch) fixed = true;
      addValue(s.const);
    }
    if (Array.isArray(s.examples)) for (const e of s.examples) if (!info.examples.some((x) => deepEqual(x, e))) info.examples.push(e);
    if (!info.since && typeof s['x-since'] === 'string') info.since = s['x-since'] as string;
    if (isObj(s.properties) || isObj(s.patternProperties) || s.type === 'object') info.object = true;
    if (s.items !== undefined || s.type === 'array') info.array = true;
    if (info.minimum === undefined && typeof s.minimum === 'number') info.minimum = s.minimum;
    if (info.maximum === undefined && typeof s.maximum === 'number') info.maximum = s.maximum;
    if (!info.pattern && typeof s.pattern === 'string') info.pattern = s.pattern;
  }
  if (!info.types.length) {
    if (info.object) info.types.push('object');
    else if (info.array) info.types.push('array');
  }
  if (fixed && info.values.length === 1 && !flat.some((f) => Array.isArray(f.schema.enum))) info.constValue = { value: info.values[0] };
  return info;
}

export interface PropertyEntry {
  name: string;
  schemas: SchemaRef[];
  required: boolean;
}

/** The properties a map may have here (union over the flattened schemas), in schema order. */
export function propertiesOf(flat: readonly SchemaRef[]): PropertyEntry[] {
  const byName = new Map<string, PropertyEntry>();
  const required = new Set<string>();
  for (const f of flat) {
    const sc = f.schema;
    if (!f.branch && Array.isArray(sc.required)) for (const r of sc.required) if (typeof r === 'string') required.add(r);
    if (!isObj(sc.properties)) continue;
    for (const [name, sub] of Object.entries(sc.properties)) {
      if (!isObj(sub)) continue;
      let e = byName.get(name);
      if (!e) byName.set(name, (e = { name, schemas: [], required: false }));
      e.schemas.push({ schema: sub as JsonSchema, base: f.base });
    }
  }
  for (const e of byName.values()) e.required = required.has(e.name);
  return [...byName.values()];
}

/** Flatten the schemas of one property (no instance: describes the property itself). */
export function flattenAll(refs: readonly SchemaRef[], instance?: unknown): SchemaRef[] {
  const out: SchemaRef[] = [];
  const seen = new Set<JsonSchema>();
  for (const r of refs) flatten(r, instance, 0, out, seen);
  return out;
}
