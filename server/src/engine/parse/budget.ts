/**
 * Limits on YAML alias expansion. Each use of an alias becomes a copy of its anchor's node, so a
 * few hundred bytes ("billion laughs") can ask for billions of nodes. The nodes created by
 * expansion are counted per document, per file and per run (one `ExpansionBudget` shared by
 * every file a CLI run parses); past a limit further aliases stay unexpanded and the document
 * gets a syntax error saying which limit was hit (its findings are then not reported).
 *
 * Ordinary files stay far below: a manifest that reuses a container spec through anchors
 * expands a few hundred nodes.
 */
export const ALIAS_LIMITS = {
  /** Nodes created by alias expansion in one document. */
  perDocument: 10_000,
  /** …in one file. */
  perFile: 50_000,
  /** …in one run (every file parsed with the same budget). */
  perRun: 1_000_000,
} as const;

/** Which limit an allowance comes from (the error names it). */
export type ExpansionScope = 'document' | 'file' | 'run';

export class ExpansionBudget {
  private used = 0;
  constructor(
    readonly perDocument: number = ALIAS_LIMITS.perDocument,
    readonly perFile: number = ALIAS_LIMITS.perFile,
    readonly perRun: number = ALIAS_LIMITS.perRun,
  ) {}
  /** Expanded nodes the run may still create. */
  get runLeft(): number {
    return Math.max(0, this.perRun - this.used);
  }
  /** Expanded nodes created so far in the run. */
  get spent(): number {
    return this.used;
  }
  spend(nodes: number): void {
    this.used += nodes;
  }
  /** What the next document of a file may expand, when the file's documents so far expanded `fileUsed` nodes. */
  allowance(fileUsed: number): { allowance: number; scope: ExpansionScope } {
    const fileLeft = Math.max(0, this.perFile - fileUsed);
    const runLeft = this.runLeft;
    const allowance = Math.min(this.perDocument, fileLeft, runLeft);
    const scope: ExpansionScope = allowance === this.perDocument ? 'document' : allowance === fileLeft ? 'file' : 'run';
    return { allowance, scope };
  }
}

/** The expansion a parsed document did (kept with it, so a cached document can be checked against a new allowance). */
export interface Expansion {
  /** Nodes created by expanding aliases. */
  expanded: number;
  /** The allowance ran out: some aliases were left unexpanded. */
  truncated: boolean;
  /** The allowance the conversion had. */
  allowance: number;
  scope: ExpansionScope;
}

/** May a document parsed with expansion `e` be used where `allowance` (from `scope`) is left? */
export function expansionFits(e: Expansion | undefined, allowance: number, scope: ExpansionScope): boolean {
  if (!e) return true;
  return e.truncated ? e.allowance === allowance && e.scope === scope : e.expanded <= allowance;
}
