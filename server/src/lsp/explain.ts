// The long explanation of a finding in the hover of its flagged range. The diagnostics carry it
// (`data.details`) out of diagnose() — in the main thread or in the lint worker — and the server
// keeps it per document revision instead of sending it to the client with every diagnostic.
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import { catalogMessage } from '../engine/catalog';
import type { Locale } from '../engine/index';
import type { DiagnosticData } from './convert';

interface Explained {
  range: Range;
  ruleId: string;
  details?: string;
  href?: string;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

export class Explanations {
  private byUri = new Map<string, { rev: string; items: Explained[] }>();

  /** Takes the explanations out of `items` (returned without them) and keeps them for `rev`. */
  keep(uri: string, rev: string, items: Diagnostic[]): Diagnostic[] {
    const kept: Explained[] = [];
    for (const d of items) {
      const data = d.data as DiagnosticData | undefined;
      const details = data?.details;
      if (data && 'details' in data) delete data.details;
      const href = d.codeDescription?.href;
      if (data && (details || href)) kept.push({ range: d.range, ruleId: data.ruleId, ...(details ? { details } : {}), ...(href ? { href } : {}) });
    }
    this.byUri.set(uri, { rev, items: kept });
    return items;
  }

  has(uri: string, rev: string): boolean {
    return this.byUri.get(uri)?.rev === rev;
  }

  /** The explanations of the findings whose range holds `at`, for the document at `rev`. */
  at(uri: string, rev: string, at: Position): Explained[] {
    const e = this.byUri.get(uri);
    if (!e || e.rev !== rev) return [];
    return e.items.filter((x) => before(x.range.start, at) && before(at, x.range.end));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Markdown of the explanations at a spot: each rule's long text, then a link to its page. */
export function explanationMarkdown(items: Explained[], locale: Locale): string {
  return items
    .map((x) => {
      const link = x.href ? `[${catalogMessage(locale, 'ui', 'rulePage', { rule: x.ruleId }) ?? x.ruleId}](${x.href})` : `\`${x.ruleId}\``;
      return [`**logtail-lint** · ${link}`, ...(x.details ? [escapeAngles(x.details)] : [])].join('\n\n');
    })
    .join('\n\n---\n\n');
}

/** `<pod name>` outside code spans would be taken for an HTML tag and dropped by the Markdown renderer. */
export function escapeAngles(md: string): string {
  return md
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** The smallest range holding every explained finding (the hover's range). */
export function spanOf(items: Explained[]): Range {
  let { start, end } = items[0]!.range;
  for (const x of items.slice(1)) {
    if (before(x.range.start, start)) start = x.range.start;
    if (before(end, x.range.end)) end = x.range.end;
  }
  return { start, end };
}
