import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { Edit, Finding, LineIndex, Severity } from '../engine/index';

export const SOURCE = 'logtail-lint';

export const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for the code-action handler (never the message text). */
export interface DiagnosticData {
  ruleId: string;
  /** Document version the edits were computed for. */
  version: number;
  fixes: { title: string; kind: 'safe' | 'suggestion'; edits: TextEdit[] }[];
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toTextEdit(lines: LineIndex, e: Edit): TextEdit {
  return { range: toRange(lines, e.start, e.end), newText: e.newText };
}

export function toDiagnostic(lines: LineIndex, f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    version,
    fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind, edits: x.edits.map((e) => toTextEdit(lines, e)) })),
  };
  return {
    range: toRange(lines, f.start, f.end),
    severity: LSP_SEVERITY[f.severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    data,
  };
}
