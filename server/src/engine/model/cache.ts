// Caches bounded by the memory they hold. Each entry has an estimated cost in bytes (what its
// value keeps alive: parsed trees, not the characters of its key alone); the least recently used
// entries are dropped past the budget. Module-level caches register here, so a test can check
// that none grows with edits (`engineCaches`).

export interface CacheStats {
  name: string;
  entries: number;
  /** Estimated bytes held. */
  cost: number;
  budget: number;
}

const registry: BoundedCache<unknown, unknown>[] = [];

/** The engine's module-level caches and what they hold now. */
export function engineCaches(): CacheStats[] {
  return registry.map((c) => c.stats());
}

export class BoundedCache<K, V> {
  private readonly map = new Map<K, { value: V; cost: number }>();
  private total = 0;

  constructor(
    readonly name: string,
    /** Estimated bytes this cache may hold. */
    readonly budget: number,
    private readonly costOf: (key: K, value: V) => number,
  ) {
    registry.push(this as BoundedCache<unknown, unknown>);
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    // most recently used last
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.cost;
      this.map.delete(key);
    }
    const cost = this.costOf(key, value);
    if (cost > this.budget / 4) return; // one entry never takes most of the cache
    this.map.set(key, { value, cost });
    this.total += cost;
    for (const [k, e] of this.map) {
      if (this.total <= this.budget) break;
      this.map.delete(k);
      this.total -= e.cost;
    }
  }
  clear(): void {
    this.map.clear();
    this.total = 0;
  }
  stats(): CacheStats {
    return { name: this.name, entries: this.map.size, cost: this.total, budget: this.budget };
  }
}

/** Estimated bytes of a string (two per UTF-16 unit, plus a header). */
export function stringCost(s: string): number {
  return 32 + 2 * s.length;
}
