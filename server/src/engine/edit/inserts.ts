// The one place where fixes that add several things (env vars, mounts, volumes, annotations) are
// turned into edits: adding several items to one list, and combining a fix's edits so that inserts
// landing on one offset nest correctly and reach every client as one edit. The editors
// (edit/editor.ts) own indentation, sequence style and flow vs block; this module owns ordering
// and merging.
import { getPair, isMap, isScalar, isSeq, type MapNode } from '../parse/nodes';
import type { Edit } from '../types';
import type { Editor, Value } from './editor';

/**
 * Edits that append `items` to the list at `map[key]`, creating the key when it is missing: one
 * edit (several items never fight over one range). Undefined when the value there cannot take
 * items — a scalar or a non-empty map — unless `replaceScalar` (then a scalar is replaced by the list).
 */
export function addItems(edit: Editor, map: MapNode, key: string, items: readonly Value[], options: { replaceScalar?: boolean } = {}): Edit[] | undefined {
  if (items.length === 0) return [];
  const pair = getPair(map, key);
  if (!pair) return [edit.insertIntoMap(map, { [key]: [...items] })];
  const v = pair.value;
  const listable = isSeq(v) || (isScalar(v) && v.value === null) || (isMap(v) && v.pairs.length === 0);
  if (!listable && !(options.replaceScalar && isScalar(v))) return undefined;
  // an empty or null value is replaced by the whole list at once (in JSON each item would otherwise
  // rewrite the same brackets)
  if (!isSeq(v) || v.items.length === 0) return [edit.setList(pair, [...items])];
  const edits = items.map((item) => edit.addToList(map, key, item));
  const first = edits[0]!;
  if (edits.every((e) => e.start === first.start && e.end === first.end)) return [{ start: first.start, end: first.end, newText: edits.map((e) => e.newText).join('') }];
  return undefined;
}

/** Leading indentation of an inserted YAML block (a dash item counts as deeper than a key at its column). */
function depthOf(newText: string): number {
  const m = /^\r?\n( *)(-)?/.exec(newText);
  return m ? m[1]!.length * 2 + (m[2] ? 1 : 0) : -1;
}

/**
 * A fix's edits, ready to send: sorted by offset; inserts at one offset ordered innermost first
 * (the end of the last env item is also the end of the container and of the pod spec, so a new
 * item, a new key of the container and a new key of the pod spec all land there) and merged into
 * one edit, so every client applies them alike.
 */
export function combineEdits(edits: readonly Edit[]): Edit[] {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      if (a.e.start !== b.e.start) return a.e.start - b.e.start;
      const ins = a.e.start === a.e.end && b.e.start === b.e.end;
      return (ins ? depthOf(b.e.newText) - depthOf(a.e.newText) : 0) || a.i - b.i;
    })
    .map((x) => x.e);
  const out: Edit[] = [];
  for (const e of sorted) {
    const prev = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (prev) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
