// Fix proposals of schema findings: close known keys for an unknown key ("Rename to `x`"), close
// allowed values ("Change to `x`"), and type conversions of a scalar written with the wrong type.
import { editDistance } from '../model/k8s';
import { isScalar, type Node } from '../parse/nodes';
import { title, type FixSpec } from '../rule';
import type { Editor } from '../fix/editor';
import type { SchemaProblem } from './errors';
import { keysOf } from './instance';

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
    else if (Math.abs(c.length - name.length) <= max(c)) {
      const d = closeness(name, c);
      if (d <= max(c)) out.push({ c, d });
    }
  }
  return out.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).map((x) => x.c).slice(0, 3);
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Quick fixes of a problem, as edits of `config.edit` (so they apply to the outer file, also for
 * configs embedded in a ConfigMap; the file's editor for Kubernetes objects):
 * - unknown / misspelled key: "Rename to `<known key>`" for each suggestion not already present;
 * - enum / const: "Change to `<allowed value>`" for each allowed value within edit distance 2 or
 *   equal ignoring case (and the number/boolean an allowed value is written as a string);
 * - wrong type: "Convert to number" / "Convert to boolean" for `"0.4"` / `"true"`, and
 *   "Convert to string" for a number or boolean where a string is required.
 * All are `safe`: they complete what the text evidently means.
 */
export function schemaFixes(p: SchemaProblem, target: { edit: Editor }): FixSpec[] {
  const fixes: FixSpec[] = [];
  const edit = target.edit;
  if (p.pair && p.suggestions?.length) {
    const present = keysOf(p.pair.parent);
    const from = String(p.pair.key.value);
    const named = p.messageId !== 'unknownKey' && p.messageId !== 'unknownKeyRequired' && p.messageId !== 'misspelled';
    for (const s of p.suggestions) {
      if (present.has(s)) continue;
      const t = named ? title('Rename "{from}" to "{s}"', { from, s }) : title('Rename to "{s}"', { s });
      fixes.push({ title: t, kind: 'safe', edits: [edit.renameKey(p.pair, s)] });
    }
    return fixes;
  }
  const v = p.value;
  if (!isScalar(v) || v.end <= v.start) return fixes;
  const raw = v.value;
  if (p.messageId === 'quantity') {
    if (p.corrected) fixes.push({ title: title('Change to "{pCorrected}"', { pCorrected: p.corrected }), kind: 'safe', edits: [edit.replaceScalar(v, p.corrected)] });
    return fixes;
  }
  if ((p.messageId === 'enum' || p.messageId === 'const') && p.allowed) {
    for (const a of p.allowed) {
      if (typeof a !== 'string' && typeof a !== 'number' && typeof a !== 'boolean') continue;
      let close = false;
      if (typeof raw === 'string' && typeof a === 'string') close = closeness(raw, a) <= maxDistance(a);
      else if (typeof raw === 'string' && typeof a !== 'string') close = raw.trim() === String(a);
      if (!close || raw === a) continue;
      fixes.push({ title: title('Change to "{a}"', { a: show(a) }), kind: 'safe', edits: [edit.replaceScalar(v, a)] });
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
          fixes.push({ title: title('Convert to number'), kind: 'safe', edits: [edit.replaceScalar(v, n)] });
        }
      }
      if (exp.includes('boolean') && /^(true|false)$/i.test(t)) {
        fixes.push({ title: title('Convert to boolean'), kind: 'safe', edits: [edit.replaceScalar(v, t.toLowerCase() === 'true')] });
      }
    } else if ((typeof raw === 'number' || (typeof raw === 'boolean' && !exp.includes('number') && !exp.includes('integer'))) && exp.includes('string')) {
      // not for `true` where a number or a string is expected (a quantity, an int-or-string port):
      // "true" would be an invalid value in its turn, not what the text meant
      // the text as written (`010` stays `010`), not the parsed number
      const text = sourceText(edit, v);
      fixes.push({ title: title('Convert to string'), kind: 'safe', edits: [edit.replaceScalar(v, text)] });
    }
  }
  return fixes;
}

/** The source text of a scalar (outer-file offsets), falling back to its value. */
function sourceText(edit: Editor, v: Node): string {
  const text = (edit as unknown as { text?: string }).text;
  const s = typeof text === 'string' ? text.slice(v.start, v.end).trim() : '';
  return s || String(isScalar(v) ? v.value : '');
}
