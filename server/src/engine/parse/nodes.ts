/**
 * One node model for YAML and JSON. Offsets are UTF-16 code-unit offsets into the
 * whole file text (what JavaScript strings, LSP and VS Code use).
 */
export type Scalar = string | number | boolean | null;

interface NodeBase {
  /** Offset of the first character of the node. */
  start: number;
  /** Offset just after the last character of the node's value. */
  end: number;
  parent?: MapNode | SeqNode;
  /** The pair whose value this node is (maps only). */
  parentPair?: Pair;
  /** YAML flow collection (`{}` / `[]`), or any JSON collection. */
  flow?: boolean;
}

export interface MapNode extends NodeBase {
  type: 'map';
  pairs: Pair[];
}

export interface SeqNode extends NodeBase {
  type: 'seq';
  items: Node[];
}

export interface ScalarNode extends NodeBase {
  type: 'scalar';
  value: Scalar;
  /** `|` or `>` block scalar (YAML). */
  block?: boolean;
  /** The value was quoted in the source. */
  quoted?: boolean;
}

export type Node = MapNode | SeqNode | ScalarNode;

export interface Pair {
  key: ScalarNode;
  value: Node;
  start: number;
  end: number;
  parent: MapNode;
}

export function isMap(n: Node | undefined | null): n is MapNode {
  return !!n && n.type === 'map';
}
export function isSeq(n: Node | undefined | null): n is SeqNode {
  return !!n && n.type === 'seq';
}
export function isScalar(n: Node | undefined | null): n is ScalarNode {
  return !!n && n.type === 'scalar';
}

export function getPair(map: Node | undefined | null, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const p = map.pairs[i]!;
    if (p.key.value === key) return p;
  }
  return undefined;
}

export function get(map: Node | undefined | null, key: string): Node | undefined {
  return getPair(map, key)?.value;
}

/** Follows a path of keys (strings) and sequence indexes (numbers). */
export function at(node: Node | undefined | null, ...path: (string | number)[]): Node | undefined {
  let cur: Node | undefined = node ?? undefined;
  for (const k of path) {
    if (!cur) return undefined;
    if (typeof k === 'number') cur = isSeq(cur) ? cur.items[k] : undefined;
    else cur = get(cur, k);
  }
  return cur;
}

/** A scalar's value as a string (numbers and booleans converted), else undefined. */
export function str(node: Node | undefined | null): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}

export function num(node: Node | undefined | null): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  if (typeof node.value === 'string' && /^-?\d+(\.\d+)?$/.test(node.value.trim())) return Number(node.value);
  return undefined;
}

export function bool(node: Node | undefined | null): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  return undefined;
}

export function seqItems(node: Node | undefined | null): Node[] {
  return isSeq(node) ? node.items : [];
}

export function mapItems(node: Node | undefined | null): MapNode[] {
  return seqItems(node).filter(isMap);
}

/** Plain JavaScript value of a node (depth-bounded against alias cycles). */
export function toJS(node: Node | undefined | null, depth = 0): unknown {
  if (!node || depth > 200) return undefined;
  switch (node.type) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((n) => toJS(n, depth + 1));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const p of node.pairs) o[String(p.key.value)] = toJS(p.value, depth + 1);
      return o;
    }
  }
}

/** Visit every node depth-first. */
export function walk(node: Node | undefined | null, fn: (n: Node) => void, depth = 0): void {
  if (!node || depth > 200) return;
  fn(node);
  if (node.type === 'map') for (const p of node.pairs) walk(p.value, fn, depth + 1);
  else if (node.type === 'seq') for (const n of node.items) walk(n, fn, depth + 1);
}

/**
 * Move every offset of a tree by `delta`, in place (a cached document reused at another position
 * of its file: no copy). Each node is visited once (alias uses are separate nodes).
 */
export function shiftInPlace(node: Node | undefined, delta: number, depth = 0): void {
  if (!node || delta === 0 || depth > 400) return;
  node.start += delta;
  node.end += delta;
  if (node.type === 'map') {
    for (const p of node.pairs) {
      p.start += delta;
      p.end += delta;
      p.key.start += delta;
      p.key.end += delta;
      shiftInPlace(p.value, delta, depth + 1);
    }
  } else if (node.type === 'seq') for (const n of node.items) shiftInPlace(n, delta, depth + 1);
}
