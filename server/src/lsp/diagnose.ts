// From a document's text to LSP diagnostics, the same in the server's main thread (small files)
// and in the lint worker (large files).
import type { Diagnostic, Range } from 'vscode-languageserver';
import { commentLine, fixAll, lint, originOf, LineIndex, parseFile, SYNTAX_RULE, DEFAULT_MAX_BYTES, type Language, type Locale, type ParsedFile, type WorkspaceIndex, type FileModel } from '../engine/index';
import { toDiagnostic, toTextEdit, type DiagnosticData, type LinesOf } from './convert';
import type { ServerSettings } from './settings';
import type { TextEdit } from 'vscode-languageserver';
import { flat, type TextLike } from '../engine/parse/text';

export interface DiagnoseInput {
  uri: string;
  /** The text; the lint worker's is in pieces (engine/parse/text.ts), read in slices and never joined here. */
  text: TextLike;
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
  /** The diagnostics packed against the receiver's last list (`diagnose` with a `PackState`): `diagnostics` is then empty. */
  packed?: PackedDiagnostics;
}

/**
 * The lint worker's diagnostics as it sends them to the main thread (issue 9, fifth pass). Most
 * diagnostics of a keystroke are those of the last list sent for the document, moved by whole
 * lines: they go as (index in that list, lines moved), and the main thread moves its copy
 * (`unpack`), instead of the worker cloning ~1,000 diagnostics into every message and the main
 * thread cloning them back (6 ms per keystroke in a file of 8,000 documents).
 */
export interface PackedDiagnostics {
  /** The number of the list these refer to (-1: none, every diagnostic is in `fresh`), and of this one. */
  base: number;
  id: number;
  /** Two numbers per diagnostic: its index in the base list (-1: the next of `fresh`) and the lines it moved. */
  refs: Int32Array;
  fresh: Diagnostic[];
  version: number;
  rev: string;
  uri: string;
}

/** The sender's side of the packing, per document: the conversions in the last list sent, with their index and the line their document started on. */
export interface PackState {
  id: number;
  sent: Map<object, { index: number; line: number }>;
}
let packIds = 0;

/** The receiver's side, per document: the last list received (the diagnostics handed out, and their explanations, which the server takes out of them). */
export interface UnpackState {
  id: number;
  list: Diagnostic[];
  details: (string | undefined)[];
}

/** The diagnostics of `packed`, from the receiver's last list (`state`); undefined when `state` is not the list they refer to. */
export function unpack(packed: PackedDiagnostics, state: UnpackState | undefined): { diagnostics: Diagnostic[]; state: UnpackState } | undefined {
  if (packed.base !== -1 && state?.id !== packed.base) return undefined;
  const n = packed.refs.length >> 1;
  const list: Diagnostic[] = new Array(n);
  const details: (string | undefined)[] = new Array(n);
  let next = 0;
  for (let k = 0; k < n; k++) {
    const i = packed.refs[2 * k]!;
    let d: Diagnostic;
    if (i < 0) d = packed.fresh[next++]!;
    else {
      d = relocated(state!.list[i]!, packed.refs[2 * k + 1]!, packed.version, packed.rev, packed.uri);
      const was = state!.details[i];
      if (was !== undefined) (d.data as DiagnosticData).details = was;
    }
    details[k] = (d.data as DiagnosticData | undefined)?.details;
    list[k] = d;
  }
  return { diagnostics: list, state: { id: packed.id, list, details } };
}

/**
 * @param pack the sender's packing state for the document (the lint worker): the result is then
 *   `packed` against the last list sent, and `pack` describes the new one.
 */
export function diagnose(input: DiagnoseInput, workspace: WorkspaceIndex, otherLines?: LinesOf, pack?: PackState): Diagnosed {
  const { text, language, settings } = input;
  const parsed = input.model?.parsed ?? input.parsed ?? parse(flat(text), language, settings);
  const { findings, workspaceReads } = lint(text, { uri: input.uri, language, settings, locale: input.locale, workspace, ...(input.model ? { model: input.model } : { parsed }) });
  const broken = brokenRanges(parsed);
  const inBroken = (start: number, end: number) => broken.some((b) => start <= b.end && end >= b.start);
  const lines = parsed.lines;
  const linesOf: LinesOf = (uri) => (uri === input.uri ? lines : (otherLines?.(uri) ?? workspace.linesOf(uri)));
  const out: Diagnostic[] = [];
  // packing: per diagnostic of `out`, the conversion it comes from and its document's line; refs into the last list sent
  const entries: ({ entry: object; line: number } | undefined)[] = [];
  const refs: number[] = [];
  // what a converted diagnostic depends on besides its finding and its document's place
  const convKey = `${input.uri}|${language}|${input.docsBase ?? ''}|${input.reportSyntax}`;
  for (const f of findings) {
    // A finding of a cached document (engine: `originOf`) keeps its conversion while the document
    // keeps its text: a document that starts at the beginning of a line and moved by whole lines
    // has every position moved by those lines, nothing else.
    const origin = broken.length ? undefined : originOf(f);
    let at: { line: number; character: number } | undefined;
    if (origin) {
      at = lines.positionAt(origin.doc.start);
      const hit = at.character === 0 ? converted.get(origin.rel) : undefined;
      if (hit && hit.key === convKey) {
        conversions.reused++;
        const was = pack?.sent.get(hit);
        if (was) {
          // the receiver has it: moved from where it was sent
          refs.push(was.index, at.line - was.line);
          entries.push({ entry: hit, line: at.line });
          continue;
        }
        out.push(relocated(hit.diagnostic, at.line - hit.line, input.version, input.rev, input.uri));
        refs.push(-1, 0);
        entries.push({ entry: hit, line: at.line });
        continue;
      }
    }
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
    const d = toDiagnostic(lines, f, input.version, input.rev, { fixable, disable, docsBase: input.docsBase, linesOf });
    conversions.converted++;
    let entry: { key: string; line: number; diagnostic: Diagnostic } | undefined;
    if (origin && at!.character === 0) converted.set(origin.rel, (entry = { key: convKey, line: at!.line, diagnostic: relocated(d, 0, input.version, input.rev, input.uri) }));
    out.push(d);
    refs.push(-1, 0);
    entries.push(entry ? { entry, line: at!.line } : undefined);
  }
  if (!pack) return { diagnostics: out, reads: workspaceReads };
  let base = -1;
  for (let k = 0; k < refs.length; k += 2) if (refs[k]! >= 0) base = pack.id;
  pack.id = ++packIds;
  pack.sent = new Map();
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (e) pack.sent.set(e.entry, { index: k, line: e.line });
  }
  return { diagnostics: [], reads: workspaceReads, packed: { base, id: pack.id, refs: Int32Array.from(refs), fresh: out, version: input.version, rev: input.rev, uri: input.uri } };
}

/**
 * Converted diagnostics by the engine's document-relative finding (`originOf(f).rel`: the same
 * object while its document's text and inputs are the same), with the line the document started
 * on. Entries go with their findings (a WeakMap: a document re-linted or dropped frees them).
 */
/** Findings converted afresh and conversions reused, since the start (a test counts them). */
export const conversions = { converted: 0, reused: 0 };
const converted = new WeakMap<object, { key: string; line: number; diagnostic: Diagnostic }>();

/**
 * A copy of a converted diagnostic moved down by `lines` lines (every range: the diagnostic's, its
 * fixes' edits, the disable comment's line, related locations in the same document), for `version`
 * and `rev`. Always a new object: the server takes the explanation out of the data it returns.
 */
export function relocated(d: Diagnostic, lines: number, version: number, rev: string, uri: string): Diagnostic {
  const r = (x: Range): Range => (lines ? { start: { line: x.start.line + lines, character: x.start.character }, end: { line: x.end.line + lines, character: x.end.character } } : { start: { ...x.start }, end: { ...x.end } });
  const data = d.data as DiagnosticData;
  const out: Diagnostic = {
    ...d,
    range: r(d.range),
    data: {
      ...data,
      version,
      rev,
      fixes: data.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ range: r(e.range), newText: e.newText })) })),
      ...(data.disable ? { disable: { line: data.disable.line + lines, indent: data.disable.indent } } : {}),
    } satisfies DiagnosticData,
  };
  if (d.relatedInformation) out.relatedInformation = d.relatedInformation.map((x) => (x.location.uri === uri ? { location: { uri, range: r(x.location.range) }, message: x.message } : x));
  return out;
}

/** The "fix all" edit of a document (undefined: nothing to fix, or a syntax error anywhere in it). */
export function fixAllEdit(input: Omit<DiagnoseInput, 'reportSyntax' | 'version' | 'rev' | 'text'> & { text: string }, workspace: WorkspaceIndex): TextEdit | undefined {
  const parsed = input.parsed ?? parse(input.text, input.language, input.settings);
  if (parsed.skipped || brokenRanges(parsed).length) return undefined;
  const fixed = fixAll(input.text, { uri: input.uri, language: input.language, settings: input.settings, locale: input.locale, workspace });
  if (fixed === input.text) return undefined;
  return toTextEdit(new LineIndex(input.text), { start: 0, end: input.text.length, newText: fixed });
}
