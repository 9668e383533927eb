// From a document's text to LSP diagnostics, the same in the server's main thread (small files)
// and in the lint worker (large files).
import type { Diagnostic } from 'vscode-languageserver';
import { commentLine, fixAll, lint, LineIndex, parseFile, SYNTAX_RULE, DEFAULT_MAX_BYTES, type Language, type Locale, type ParsedFile, type WorkspaceIndex, type FileModel } from '../engine/index';
import { toDiagnostic, toTextEdit, type LinesOf } from './convert';
import type { ServerSettings } from './settings';
import type { TextEdit } from 'vscode-languageserver';

export interface DiagnoseInput {
  uri: string;
  text: string;
  language: Language;
  settings: ServerSettings;
  locale: Locale;
  /** Report syntax/yaml and syntax/json findings. */
  reportSyntax: boolean;
  version: number;
  rev: string;
  /** Base of the rule pages for `codeDescription.href`. */
  docsBase?: string;
  parsed?: ParsedFile;
  /** The document's models from its store (engine/model/document.ts): unchanged `---` documents keep their findings. */
  model?: FileModel;
}

/** The `---` documents of a parsed file that have syntax errors, as offset ranges. */
export function brokenRanges(parsed: ParsedFile): { start: number; end: number }[] {
  return parsed.docs.filter((d) => d.errors.length).map((d) => ({ start: d.start, end: d.end }));
}

export function parse(text: string, language: Language, settings: ServerSettings): ParsedFile {
  return parseFile(text, language, settings.maxFileSize ?? DEFAULT_MAX_BYTES);
}

/** Diagnostics of a document, and the kinds of facts of other files they were computed from (`LintResult.workspaceReads`). */
export interface Diagnosed {
  diagnostics: Diagnostic[];
  reads: string[];
}

export function diagnose(input: DiagnoseInput, workspace: WorkspaceIndex, otherLines?: LinesOf): Diagnosed {
  const { text, language, settings } = input;
  const parsed = input.model?.parsed ?? input.parsed ?? parse(text, language, settings);
  const { findings, workspaceReads } = lint(text, { uri: input.uri, language, settings, locale: input.locale, workspace, ...(input.model ? { model: input.model } : { parsed }) });
  const broken = brokenRanges(parsed);
  const inBroken = (start: number, end: number) => broken.some((b) => start <= b.end && end >= b.start);
  const lines = parsed.lines;
  const linesOf: LinesOf = (uri) => (uri === input.uri ? lines : (otherLines?.(uri) ?? workspace.linesOf(uri)));
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const syntax = f.ruleId === SYNTAX_RULE.yaml || f.ruleId === SYNTAX_RULE.json;
    if (syntax && !input.reportSyntax) continue;
    // Nothing is fixed in a document with a syntax error: its tree was guessed by the parser.
    const fixable = !inBroken(f.start, f.end) && f.fixes.every((x) => x.edits.every((e) => !inBroken(e.start, e.end)));
    let disable: { line: number; indent: string } | undefined;
    if (!syntax && language !== 'json' && fixable) {
      const line = commentLine(parsed, f.start);
      const lineText = text.slice(lines.lineStart(line), lines.lineEnd(line));
      disable = { line, indent: /^[ \t]*/.exec(lineText)![0] };
    }
    out.push(toDiagnostic(lines, f, input.version, input.rev, { fixable, disable, docsBase: input.docsBase, linesOf }));
  }
  return { diagnostics: out, reads: workspaceReads };
}

/** The "fix all" edit of a document (undefined: nothing to fix, or a syntax error anywhere in it). */
export function fixAllEdit(input: Omit<DiagnoseInput, 'reportSyntax' | 'version' | 'rev'>, workspace: WorkspaceIndex): TextEdit | undefined {
  const parsed = input.parsed ?? parse(input.text, input.language, input.settings);
  if (parsed.skipped || brokenRanges(parsed).length) return undefined;
  const fixed = fixAll(input.text, { uri: input.uri, language: input.language, settings: input.settings, locale: input.locale, workspace });
  if (fixed === input.text) return undefined;
  return toTextEdit(new LineIndex(input.text), { start: 0, end: input.text.length, newText: fixed });
}
