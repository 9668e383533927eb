// Validation of Logtail configs against their JSON Schemas (used by the rules `logtail/schema` and
// `startup/schema`) and of Kubernetes objects against the Kubernetes schemas (`k8s/schema`).
import type { ErrorObject } from 'ajv';
import type { LogtailConfig } from '../model/logtail';
import { isMap, type MapNode, type Pair } from '../parse/nodes';
import { configTarget, ownedElsewhere, parsePointer, problemOf, rangeOf, whereAt, type SchemaProblem, type SchemaTarget } from './errors';
import { keySuggestions } from './fixes';
import { valueOf } from './instance';
import { k8sValidatorFor } from './kubernetes';
import { SCHEMAS, validatorFor } from './load';

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
    errors = ajvErrors(config);
  } catch {
    return [];
  }
  return problemsOf(configTarget(config), errors);
}

/**
 * Validate a Kubernetes object against the bundled schema of its `apiVersion`/`kind`; undefined
 * when no schema is bundled for it (a CRD, another kind or an old API version). `patch`: the
 * document is a strategic-merge patch of another. Never throws.
 */
export function validateK8sObject(root: MapNode, apiVersion: string, kind: string, options: { patch?: boolean } = {}): SchemaProblem[] | undefined {
  let errors: ErrorObject[];
  try {
    const validate = k8sValidatorFor(apiVersion, kind);
    if (!validate) return undefined;
    errors = validate(root);
    // A strategic-merge patch (Kustomize) holds only the fields it changes, plus directives such
    // as `$patch: delete`: no required fields, no `$` keys reported.
    if (options.patch) errors = errors.filter((e) => e.keyword !== 'required' && !(e.keyword === 'additionalProperties' && String((e.params as Record<string, unknown>).additionalProperty).startsWith('$')));
  } catch {
    return [];
  }
  return problemsOf({ root, typed: true, startup: false, itemLabels: ['name'] }, errors);
}

/**
 * The problems of a list of ajv errors, in time linear in their number: each `anyOf` error is
 * grouped with the errors of its branches, which ajv reports right before it (a backward scan
 * over the contiguous run whose schema path lies below the `anyOf`'s); map look-ups are indexed.
 */
export function problemsOf(target: SchemaTarget, all: readonly ErrorObject[]): SchemaProblem[] {
  const errors = all.filter((e) => e.keyword !== 'if');
  const consumed = new Set<ErrorObject>();
  const groups: [ErrorObject, ErrorObject[]][] = [];
  for (let i = 0; i < errors.length; i++) {
    const a = errors[i]!;
    if (a.keyword !== 'anyOf') continue;
    const prefix = a.schemaPath + '/';
    const subs: ErrorObject[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const e = errors[j]!;
      if (!e.schemaPath.startsWith(prefix)) break;
      if (e.instancePath === a.instancePath || e.instancePath.startsWith(a.instancePath + '/')) subs.unshift(e);
    }
    for (const s of subs) consumed.add(s);
    consumed.add(a);
    groups.push([a, [a, ...subs]]);
  }
  for (const e of errors) if (!consumed.has(e)) groups.push([e, [e]]);

  let out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [e, group] of groups) {
    if (ownedElsewhere(e, parsePointer(e.instancePath))) continue;
    if (e.keyword === 'additionalProperties' && (e.params as Record<string, unknown>).additionalProperty === '<<') continue; // YAML merge key
    const problem = problemOf(target, e, group);
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
  const merged = new Set<SchemaProblem>();
  for (const p of out) {
    const req = p.messageId === 'unknownKey' && p.pair ? requiredRename.get(p.pair) : undefined;
    if (!req || !req.suggestions?.length || merged.has(req)) continue;
    p.messageId = 'unknownKeyRequired';
    p.severity = 'error';
    p.suggestions = [req.suggestions[0]!, ...(p.suggestions ?? []).filter((x) => x !== req.suggestions![0])];
    p.errors = [...p.errors, ...req.errors];
    merged.add(req);
  }
  if (merged.size) out = out.filter((p) => !merged.has(p));
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
      where: whereAt([], root),
      errors: [],
      pair,
      // a rename onto a key the file already has would duplicate it: suggest, but do not offer the fix
      suggestions: suggestions.filter((s) => !present.has(s)).length ? suggestions.filter((s) => !present.has(s)) : suggestions,
      startup: true,
    });
  }
  return out;
}
