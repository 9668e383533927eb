import { isMap, isScalar, isSeq, type Node, type ScalarNode } from './nodes';
import type { ParsedFile } from './types';

/** The scalar that contains `offset`, if any (the deepest node there is a scalar). */
function scalarAt(root: Node | undefined, offset: number): ScalarNode | undefined {
  let node = root;
  while (node) {
    if (isScalar(node)) return node.start <= offset && offset <= node.end ? node : undefined;
    let next: Node | undefined;
    if (isMap(node)) {
      for (const p of node.pairs) {
        if (p.key.start <= offset && offset <= p.key.end) return p.key;
        if (p.value && p.value.start <= offset && offset <= p.value.end) next = p.value;
      }
    } else if (isSeq(node)) {
      next = node.items.find((i) => i.start <= offset && offset <= i.end);
    }
    node = next;
  }
  return undefined;
}

/**
 * The 0-based line above which a `# logtail-lint-disable-next-line` comment must go to silence a
 * finding at `offset`, and the line whose directive silences it. Usually the finding's own line;
 * for a finding inside a scalar that spans several lines (a `|` or `>` block scalar such as
 * `app.json: |` holding JSON, or a quoted or plain scalar folded over lines), a comment line
 * inside the scalar would be part of its text, so the line is the one of the key that owns the
 * scalar (or of the scalar's first line in a sequence).
 */
export function commentLine(file: ParsedFile, offset: number): number {
  const line = file.lines.positionAt(offset).line;
  // documents are in file order: binary search (this runs for every finding of a large file)
  let lo = 0;
  let hi = file.docs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.docs[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const doc = file.docs[lo] && file.docs[lo]!.start <= offset && offset <= file.docs[lo]!.end ? file.docs[lo] : undefined;
  const s = scalarAt(doc?.root, offset);
  if (!s) return line;
  const first = file.lines.positionAt(s.start).line;
  if (first === file.lines.positionAt(s.end).line || line === first) return line;
  return s.parentPair ? file.lines.positionAt(s.parentPair.key.start).line : first;
}
