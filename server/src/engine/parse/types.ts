import type { Expansion } from './budget';
import type { Node } from './nodes';
import type { LineIndex } from './lines';
import type { PiecedText } from './text';

export type Language = 'yaml' | 'json' | 'jsonc';

export interface SyntaxIssue {
  start: number;
  end: number;
  message: string;
  code?: string;
  /** Values for the catalog's message of `code` (syntax section), if it has placeholders. */
  data?: Record<string, string | number>;
}

export interface ParsedDoc {
  /** 0-based index of the document in the file (`---` separated for YAML; always 0 for JSON). */
  index: number;
  start: number;
  end: number;
  root: Node | undefined;
  errors: SyntaxIssue[];
  /** Contains template syntax (`{{ }}`, `{% %}`): syntax errors not reported; linted only when `template` is set (see parse/template.ts). */
  templated: boolean;
  /** For a Go/Helm template: the document was parsed with its actions masked; the masked ranges. */
  template?: { values: { start: number; end: number }[]; removed: { start: number; end: number }[] };
  /** YAML: what alias expansion did in this document (parse/budget.ts). */
  expansion?: Expansion;
}

/** May the rules read this document? Not after a syntax error in a template, nor for other template languages. */
export function isCheckableDoc(doc: ParsedDoc): boolean {
  return !doc.templated || (!!doc.template && doc.errors.length === 0);
}

export interface ParsedFile {
  /** The whole text (for a pieced `source`, joined when first read: not on a keystroke's path). */
  text: string;
  /** The text as the caller holds it, when in pieces (parse/text.ts): read slices of it rather than `text`. */
  readonly source?: PiecedText;
  language: Language;
  docs: ParsedDoc[];
  lines: LineIndex;
  /** Why the file was not parsed at all (binary, too large), if so. */
  skipped?: 'binary' | 'too-large';
}
