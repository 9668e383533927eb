// "Run as native sidecar": the text move of a container from `containers` to `initContainers`
// (a fix recipe; split from model/sidecar.ts, which keeps the facts about sidecars).
import type { Editor, Value } from '../edit/editor';
import { getPair, isScalar, isSeq, toJS, type MapNode, type Node, type Pair, type SeqNode } from '../parse/nodes';
import type { Edit } from '../types';
import type { Container } from '../model/k8s';

// ---------------------------------------------------------------------------------------
// Moving a container to initContainers (YAML text move, keeping comments and layout)

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
function lastContentBefore(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return i;
}
/** End of the line holding the last character of `node` (after a trailing comment). */
function afterNode(text: string, node: { start: number; end: number }): number {
  return lineEnd(text, Math.max(node.start, lastContentBefore(text, node.end)));
}
/** Column of the `-` of a block sequence item, if its line holds only indentation before it. */
function dashColumn(text: string, item: Node): number | undefined {
  let dash = item.start - 1;
  while (dash > 0 && text[dash] !== '-' && /[ \t]/.test(text[dash]!)) dash--;
  if (text[dash] !== '-') return undefined;
  const ls = lineStart(text, dash);
  if (!/^ *$/.test(text.slice(ls, dash))) return undefined;
  return dash - ls;
}
function keyLineIsClean(text: string, pair: Pair): boolean {
  return /^ *$/.test(text.slice(lineStart(text, pair.key.start), pair.key.start));
}
function shiftLines(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split(/(\r?\n)/)
    .map((part, i) => {
      if (i % 2 === 1 || part.length === 0) return part;
      if (delta > 0) return ' '.repeat(delta) + part;
      const lead = /^ */.exec(part)![0].length;
      return part.slice(Math.min(lead, -delta));
    })
    .join('');
}

/**
 * Edits that move container `c` (an item of `containers`) to the end of `initContainers`
 * with `restartPolicy: Always`. YAML: the container's own text moves, re-indented to its new
 * place, so every field and comment inside it is kept. JSON, or YAML in flow style: the
 * container is rebuilt from its value. Undefined when it cannot be done cleanly (or when
 * `containers` would become empty).
 */
export function moveToNativeSidecarEdits(text: string, isYaml: boolean, edit: Editor, podSpec: MapNode, c: Container): Edit[] | undefined {
  const cPair = getPair(podSpec, 'containers');
  if (!cPair || !isSeq(cPair.value)) return undefined;
  const seq: SeqNode = cPair.value;
  const idx = seq.items.indexOf(c.node);
  if (idx < 0 || seq.items.length < 2) return undefined;
  const iPair = getPair(podSpec, 'initContainers');
  const iVal = iPair?.value;
  const iEmpty = !iPair || (isScalar(iVal) && iVal.value === null) || (isSeq(iVal) && iVal.items.length === 0);
  if (iPair && !iEmpty && !isSeq(iVal)) return undefined;

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const canMoveText = isYaml && !podSpec.flow && !seq.flow && keyLineIsClean(text, cPair) && (!iPair || keyLineIsClean(text, iPair)) && !(isSeq(iVal) && iVal.flow && iVal.items.length > 0);
  const fromDash = canMoveText ? dashColumn(text, c.node) : undefined;

  if (fromDash === undefined) {
    // Rebuild from the value (JSON, flow styles). YAML comments inside the container are lost.
    const value = toJS(c.node);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const item = { ...(value as Record<string, Value>), restartPolicy: 'Always' } as Value;
    const remove = edit.removeItem(seq, idx);
    const add = iPair && isSeq(iVal) && iVal.items.length > 0 ? edit.appendToSeq(iVal, item) : edit.addToList(podSpec, 'initContainers', item);
    if (add.start < remove.end && remove.start < add.end) return undefined;
    return [remove, add];
  }

  // 1. the container's text (with the comment lines just above it, at its dash column),
  //    with restartPolicy: Always set inside it
  const removed = edit.removeItem(seq, idx);
  const itemEnd = afterNode(text, c.node);
  if (removed.start > c.node.start || itemEnd > removed.end) return undefined;
  let from = removed.start;
  for (;;) {
    if (from === 0) break;
    const prevEnd = text[from - 1] === '\n' && text[from - 2] === '\r' ? from - 2 : from - 1;
    const prevStart = lineStart(text, prevEnd);
    const line = text.slice(prevStart, prevEnd);
    const m = /^( *)#/.exec(line);
    if (!m || m[1]!.length !== fromDash || (idx > 0 && prevStart <= afterNode(text, seq.items[idx - 1]!))) break;
    from = prevStart;
  }
  const remove: Edit = { start: from, end: removed.end, newText: '' };
  const rp = edit.setScalar(c.node, 'restartPolicy', 'Always');
  if (rp.start < removed.start || rp.end > itemEnd) return undefined;
  const block = text.slice(from, rp.start) + rp.newText + text.slice(rp.end, itemEnd);

  // 2. where it goes
  const cKeyCol = cPair.key.start - lineStart(text, cPair.key.start);
  const seqOffset = fromDash - cKeyCol; // how this document indents sequence items under their key
  if (iPair && isSeq(iVal) && iVal.items.length > 0) {
    const toDash = dashColumn(text, iVal.items[0]!);
    if (toDash === undefined) return undefined;
    const at = afterNode(text, iVal.items[iVal.items.length - 1]!);
    if (at >= remove.start && at < remove.end) return undefined;
    return [remove, { start: at, end: at, newText: eol + shiftLines(block, toDash - fromDash) }];
  }
  if (iPair) {
    // `initContainers:` / `initContainers: []` / `initContainers: null`
    const iKeyCol = iPair.key.start - lineStart(text, iPair.key.start);
    const moved = eol + shiftLines(block, iKeyCol + seqOffset - fromDash);
    const v = iPair.value;
    if (isScalar(v) && v.value === null && v.end <= v.start) {
      const at = lineEnd(text, iPair.key.end);
      return [remove, { start: at, end: at, newText: moved }];
    }
    const colon = text.indexOf(':', iPair.key.end);
    if (colon < 0 || colon >= v.start) return undefined;
    return [remove, { start: colon + 1, end: v.end, newText: moved }];
  }
  // no initContainers: add the key just before `containers:`, items indented like `containers`
  const ls = lineStart(text, cPair.key.start);
  const keyText = ' '.repeat(cKeyCol) + 'initContainers:' + eol + block + eol;
  return [{ start: ls, end: ls, newText: keyText }, remove];
}
