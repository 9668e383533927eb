import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range, type TextEdit } from 'vscode-languageserver';
import { ruleById, type Edit, type Finding, type LineIndex, type Severity } from '../engine/index';

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
  /**
   * The server's revision of the document's content the edits were computed for: it moves on
   * every didOpen/didChange, so a client that reuses a version number never gets the fixes of
   * an earlier text.
   */
  rev: string;
  fixes: { title: string; kind: 'safe' | 'suggestion'; edits: TextEdit[] }[];
  /** Where "Disable … for this line" puts its comment (absent: not offered here). */
  disable?: { line: number; indent: string };
  /** The finding's long explanation, for the hover; the server keeps it and removes it before sending (explain.ts). */
  details?: string;
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toTextEdit(lines: LineIndex, e: Edit): TextEdit {
  return { range: toRange(lines, e.start, e.end), newText: e.newText };
}

/**
 * The page of a rule: `<docsBase><rule id>.md` (the bundled docs/rules/ folder, or the base URL
 * from the setting `logtailLint.docs.baseUrl`). Undefined without a base or for the engine's own
 * ids (syntax errors, internal problems), which have no page.
 */
export function ruleHref(docsBase: string | undefined, ruleId: string): string | undefined {
  if (!docsBase) return undefined;
  let known = isRule.get(ruleId);
  if (known === undefined) isRule.set(ruleId, (known = !!ruleById(ruleId)));
  if (!known) return undefined;
  return `${docsBase.endsWith('/') ? docsBase : docsBase + '/'}${ruleId}.md`;
}
/** Rule ids looked up so far (this runs for every diagnostic of every pull; `ruleById` scans the rule list). */
const isRule = new Map<string, boolean>();

/** Line indexes of other files, for the related locations of cross-file findings. */
export type LinesOf = (uri: string) => Pick<LineIndex, 'positionAt'> | undefined;

/** The other side of a cross-file finding, where its file's lines are known. */
export function toRelated(f: Finding, linesOf: LinesOf | undefined): DiagnosticRelatedInformation[] | undefined {
  if (!f.related?.length || !linesOf) return undefined;
  const out: DiagnosticRelatedInformation[] = [];
  for (const r of f.related) {
    const lines = linesOf(r.uri);
    if (lines) out.push({ location: { uri: r.uri, range: { start: lines.positionAt(r.start), end: lines.positionAt(r.end) } }, message: r.message });
  }
  return out.length ? out : undefined;
}

export function toDiagnostic(lines: LineIndex, f: Finding, version: number, rev = '', extra: { fixable?: boolean; disable?: DiagnosticData['disable']; docsBase?: string; linesOf?: LinesOf } = {}): Diagnostic {
  const relatedInformation = toRelated(f, extra.linesOf);
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    version,
    rev,
    fixes: extra.fixable === false ? [] : f.fixes.map((x) => ({ title: x.title, kind: x.kind, edits: x.edits.map((e) => toTextEdit(lines, e)) })),
    ...(extra.disable ? { disable: extra.disable } : {}),
    ...(f.details ? { details: f.details } : {}),
  };
  const href = ruleHref(extra.docsBase, f.ruleId);
  return {
    range: toRange(lines, f.start, f.end),
    severity: LSP_SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: f.message,
    ...(relatedInformation ? { relatedInformation } : {}),
    data,
  };
}
