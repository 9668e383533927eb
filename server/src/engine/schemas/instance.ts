// The instance the schemas validate: a YAML/JSON tree as the plain value YAML means (merge keys
// resolved; for Kubernetes objects, `key:` with nothing after it dropped, as the API server drops
// null optional fields), and key look-up in a map through merge keys, indexed once per map so
// that reporting N keys of one map stays linear.
import { getPair, isMap, isSeq, type MapNode, type Node, type Pair } from '../parse/nodes';

/** The pairs a YAML merge key (`<<: *base` or `<<: [*a, *b]`) brings into `map`. */
export function mergedPairs(map: MapNode): Pair[] {
  const merge = getPair(map, '<<');
  if (!merge) return [];
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  return sources.filter(isMap).flatMap((m) => m.pairs);
}

const index = new WeakMap<MapNode, Map<string, Pair>>();

/** Key → pair of a map, explicit keys winning over merged ones (the last of duplicates wins, as in `getPair`). */
function indexOf(map: MapNode): Map<string, Pair> {
  let m = index.get(map);
  if (!m) {
    m = new Map();
    // `<<: [*a, *b]`: the first source that has the key wins
    for (const p of mergedPairs(map)) {
      const k = String(p.key.value);
      if (!m.has(k)) m.set(k, p);
    }
    for (const p of map.pairs) m.set(String(p.key.value), p);
    index.set(map, m);
  }
  return m;
}

/** The pair of `key` in `map`, also through YAML merge keys (explicit keys win). */
export function pairOf(map: MapNode, key: string): Pair | undefined {
  if (key === '<<') return undefined;
  if (map.pairs.length < 8) return getPair(map, key) ?? mergedPairs(map).find((p) => p.key.value === key);
  return indexOf(map).get(key);
}

const keySets = new WeakMap<MapNode, ReadonlySet<string>>();

/** The keys of a map, with those merged in by `<<` (built once per map). */
export function keysOf(map: MapNode): ReadonlySet<string> {
  let s = keySets.get(map);
  if (!s) keySets.set(map, (s = new Set(indexOf(map).keys())));
  return s;
}

/**
 * Plain value of a node as YAML means it: like `toJS`, with merge keys (`<<`) resolved. With
 * `dropNull`, map members whose value is null are left out (Kubernetes treats `key:` as absent).
 */
export function valueOf(node: Node | undefined, depth = 0, dropNull = false): unknown {
  if (!node || depth > 200) return undefined;
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map((n) => valueOf(n, depth + 1, dropNull));
  const o: Record<string, unknown> = {};
  const merged = mergedPairs(node);
  for (const p of merged) {
    // `<<: [*a, *b]`: the first source that has a key wins
    const k = String(p.key.value);
    if (!(k in o)) o[k] = valueOf(p.value, depth + 1, dropNull);
  }
  for (const p of node.pairs) if (!(merged.length && p.key.value === '<<')) o[String(p.key.value)] = valueOf(p.value, depth + 1, dropNull);
  if (dropNull) for (const k of Object.keys(o)) if (o[k] === null) delete o[k];
  return o;
}
