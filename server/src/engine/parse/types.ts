import type { Node } from './nodes';
import type { LineIndex } from './lines';

export type Language = 'yaml' | 'json' | 'jsonc';

export interface SyntaxIssue {
  start: number;
  end: number;
  message: string;
  code?: string;
}

export interface ParsedDoc {
  /** 0-based index of the document in the file (`---` separated for YAML; always 0 for JSON). */
  index: number;
  start: number;
  end: number;
  root: Node | undefined;
  errors: SyntaxIssue[];
  /** Contains template syntax (`{{ }}`, `{% %}`): not linted, syntax errors not reported. */
  templated: boolean;
}

export interface ParsedFile {
  text: string;
  language: Language;
  docs: ParsedDoc[];
  lines: LineIndex;
  /** Why the file was not parsed at all (binary, too large), if so. */
  skipped?: 'binary' | 'too-large';
}
