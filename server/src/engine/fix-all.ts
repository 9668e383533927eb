import { lint, type LintOptions } from './lint';
import { DocumentStore } from './model/document';
import type { Edit } from './types';
import { applyEdits } from './edit/editor';

/** Passes of fix-all: each pass applies the fixes that do not overlap, then re-lints. */
export const MAX_FIX_PASSES = 10;

/**
 * The text with every fix of the chosen kind applied (`safe` only, or also `suggestion` when
 * `unsafe`), pass after pass until nothing changes: `--fix` of the CLI and
 * `source.fixAll.logtailLint` of the server. A file with a syntax error is left as it is.
 */
export function fixAll(text: string, options: Omit<LintOptions, 'parsed' | 'model'>, unsafe = false): string {
  // a store of its own: each pass re-models only the documents the previous pass changed, and the
  // caller's store (the server's, for the text it shows) is left alone
  const own: LintOptions = { ...options, store: new DocumentStore() };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings, parsed } = lint(text, own);
    // decided on the parse, not on the findings: with syntax/yaml turned off there is no syntax
    // finding, and the tree is still a guess (a fix would land in the wrong map)
    if (parsed.skipped || parsed.docs.some((d) => d.errors.length > 0)) return text;
    const taken: { start: number; end: number }[] = [];
    const edits: Edit[] = [];
    for (const f of findings) {
      const fix = f.fixes.find((x) => x.kind === 'safe' || unsafe);
      if (!fix) continue;
      const lo = Math.min(...fix.edits.map((e) => e.start));
      const hi = Math.max(...fix.edits.map((e) => e.end));
      if (taken.some((t) => lo <= t.end && hi >= t.start)) continue;
      taken.push({ start: lo, end: hi });
      edits.push(...fix.edits);
    }
    const next = edits.length ? applyEdits(text, edits) : text;
    if (next === text) return text;
    text = next;
  }
  return text;
}
