import type { SyntaxIssue } from './types';

/**
 * Error codes that do not disturb the parse (the tree around them is what the text says): they
 * never start a cascade. Any other error does: a parser that lost its way reports one error
 * after another (an unterminated JSON string gives one per line), and all of them are one
 * problem to the user.
 */
const STANDALONE = new Set(['InvalidCommentToken', 'TrailingComma', 'DUPLICATE_KEY', 'BAD_ALIAS', 'ALIAS_BUDGET', 'ALIAS_BUDGET_FILE', 'ALIAS_BUDGET_RUN', 'NESTING_LIMIT']);

/**
 * Collects the syntax errors of one document, given in offset order, and keeps one error per
 * spot and (JSON) one per cascade: an error that starts inside the range of the previous one, or on
 * the same or the next line as the previous error of a cascade, is folded into it. Constant
 * memory per folded error, so a 7 MB unterminated string costs one error, not millions.
 */
export class ErrorCollector {
  readonly errors: SyntaxIssue[] = [];
  /** Errors folded into an earlier one. */
  folded = 0;
  private cascadeEnd = -1;
  /**
   * `base`: the file offset of `text` (the errors carry file offsets). `cascades`: fold the errors
   * that follow one another line after line (jsonc-parser's recovery); without, only the errors of
   * one spot are folded (the YAML parser recovers per line: each of its errors is a mistake).
   */
  constructor(
    private readonly text: string,
    private readonly base = 0,
    private readonly cascades = true,
  ) {}

  add(e: SyntaxIssue): void {
    const last = this.errors[this.errors.length - 1];
    if (last && (e.start === last.start || e.start < last.end)) {
      this.folded++;
      return;
    }
    if (this.cascades && this.cascadeEnd >= 0 && (e.start <= this.cascadeEnd || this.breaksBetween(this.cascadeEnd, e.start) <= 1)) {
      this.cascadeEnd = Math.max(this.cascadeEnd, e.end);
      this.folded++;
      return;
    }
    this.errors.push(e);
    this.cascadeEnd = e.code !== undefined && STANDALONE.has(e.code) ? -1 : Math.max(e.start, e.end);
  }

  /** Line breaks (LF, CRLF or CR) in text[from, to), counting up to 2. */
  private breaksBetween(from: number, to: number): number {
    let n = 0;
    for (let i = from - this.base; i < to - this.base && n < 2; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13) {
        n++;
        if (this.text.charCodeAt(i + 1) === 10) i++;
      }
    }
    return n;
  }
}

/** The errors (any order) folded per spot (and per cascade with `cascades`); `base` is the file offset of `text`. */
export function foldErrors(text: string, errors: readonly SyntaxIssue[], base = 0, cascades = false): SyntaxIssue[] {
  if (errors.length <= 1) return [...errors];
  const c = new ErrorCollector(text, base, cascades);
  for (const e of [...errors].sort((a, b) => a.start - b.start || b.end - a.end)) c.add(e);
  return c.errors;
}
