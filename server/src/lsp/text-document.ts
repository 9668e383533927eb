// The text of a large open document, kept in pieces (issue 9, keystroke → diagnostics).
//
// `vscode-languageserver-textdocument` keeps a document's text as one string and applies an edit
// by concatenation; its next read of a character flattens the result, which copies the whole
// text into a new string: about 17 ms for a 5 MB file on our machines (a fresh large allocation),
// on every keystroke, in the main thread, before anything is linted. Large documents are linted
// in the worker, which keeps its own copy of the text and receives the edits (worker.ts), so the
// main thread never needs the whole text on a keystroke: `PiecedDocument` applies an edit to the
// one piece it touches, keeps the line starts as the library does, and joins the pieces only when
// something asks for the whole text (hover, completion, fix-all, a worker that lost its copy).
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentsConfiguration } from 'vscode-languageserver';

/** Documents of at least this many characters are kept in pieces (the lint worker's threshold). */
const PIECE = 64 * 1024;

/** One edit in offsets of the text it applies to (edits of one change event apply in order). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

function lineStartsOf(text: string, base: number, isAtLineStart: boolean): number[] {
  const out: number[] = isAtLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      out.push(base + i + 1);
    }
  }
  return out;
}

function split(text: string): string[] {
  if (text.length <= 2 * PIECE) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += PIECE) out.push(text.slice(i, i + PIECE));
  return out;
}

export class PiecedDocument implements TextDocument {
  private pieces: string[];
  private total: number;
  private joined: string | undefined;
  private lines: number[] | undefined;
  private _version: number;
  /** The edits of the last `update`, in order, in offsets of the text each applies to. */
  lastEdits: OffsetEdit[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
  ) {
    this._version = version;
    this.pieces = split(content);
    this.total = content.length;
    this.joined = content;
  }

  get version(): number {
    return this._version;
  }
  /** The length of the text (without joining the pieces). */
  get length(): number {
    return this.total;
  }
  get lineCount(): number {
    return this.lineStarts().length;
  }

  private lineStarts(): number[] {
    if (!this.lines) {
      const out = [0];
      let base = 0;
      let cr = false; // the previous piece ended with \r: a \n at the start of this one belongs to it
      for (const p of this.pieces) {
        for (let i = 0; i < p.length; i++) {
          const c = p.charCodeAt(i);
          if (c === 10 && cr && i === 0) {
            out[out.length - 1] = base + 1;
            cr = false;
            continue;
          }
          cr = false;
          if (c === 13) {
            if (i + 1 < p.length && p.charCodeAt(i + 1) === 10) {
              i++;
              out.push(base + i + 1);
            } else {
              out.push(base + i + 1);
              if (i + 1 === p.length) cr = true;
            }
          } else if (c === 10) out.push(base + i + 1);
        }
        base += p.length;
      }
      this.lines = out;
    }
    return this.lines;
  }

  /** The character at `offset` (NaN outside the text), without joining. */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.total) return NaN;
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    let base = 0;
    for (const p of this.pieces) {
      if (offset < base + p.length) return p.charCodeAt(offset - base);
      base += p.length;
    }
    return NaN;
  }

  getText(range?: Range): string {
    if (range) {
      // as the library's `substring`: a reversed range gives the text between its ends
      const a = this.offsetAt(range.start);
      const b = this.offsetAt(range.end);
      return this.slice(Math.min(a, b), Math.max(a, b));
    }
    if (this.joined === undefined) {
      this.joined = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
      if (this.pieces.length > 1) this.pieces = split(this.joined);
    }
    return this.joined;
  }

  /** The text from `start` to `end` (offsets), joined from the pieces it spans only. */
  slice(start: number, end: number): string {
    if (this.joined !== undefined) return this.joined.slice(start, end);
    let out = '';
    let base = 0;
    for (const p of this.pieces) {
      const a = Math.max(start, base);
      const b = Math.min(end, base + p.length);
      if (a < b) out += p.slice(a - base, b - base);
      base += p.length;
      if (base >= end) break;
    }
    return out;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.total), 0);
    const lineOffsets = this.lineStarts();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.lineStarts();
    if (position.line >= lineOffsets.length) return this.total;
    else if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.total;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.lineStarts();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.total - lineOffsets[lastLine]! } };
    } else if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.total;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.lineStarts();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.total;
    return this.slice(this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]!), nextLineOffset);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && (this.charCodeAt(offset - 1) === 13 || this.charCodeAt(offset - 1) === 10)) offset--;
    return offset;
  }

  /** Apply the changes of one didChange (as `TextDocument.update` does), piece by piece. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    const edits: OffsetEdit[] = [];
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.pieces = split(change.text);
        this.total = change.text.length;
        this.joined = change.text;
        this.lines = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      edits.push({ start, end, text: change.text });
      this.replace(start, end, change.text, range.start.line, range.end.line);
    }
    this.lastEdits = changes.every((c) => 'range' in c && !!c.range) ? edits : undefined;
    this._version = version;
  }

  private replace(start: number, end: number, text: string, startLine: number, endLine: number): void {
    // the pieces holding start and end (an edit at a piece's end goes into that piece)
    let i = 0;
    let base = 0;
    while (i < this.pieces.length - 1 && start > base + this.pieces[i]!.length) base += this.pieces[i++]!.length;
    let j = i;
    let jBase = base;
    while (j < this.pieces.length - 1 && end > jBase + this.pieces[j]!.length) jBase += this.pieces[j++]!.length;
    const merged = this.pieces[i]!.slice(0, start - base) + text + this.pieces[j]!.slice(end - jBase);
    this.pieces.splice(i, j - i + 1, ...split(merged));
    this.total += text.length - (end - start);
    this.joined = undefined;
    // the line starts, as the library patches them
    const lines = this.lines;
    if (!lines) return;
    // a \r\n made or split at either end of the inserted text: the lines are counted again (as the library does)
    const end2 = start + text.length;
    const crlf = (this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) === 10) || (this.charCodeAt(end2 - 1) === 13 && this.charCodeAt(end2) === 10);
    if (crlf || startLine < 0 || startLine >= lines.length) {
      this.lines = undefined;
      return;
    }
    const added = lineStartsOf(text, start, false);
    const removeCount = Math.max(0, Math.min(endLine, lines.length - 1) - startLine);
    if (added.length === removeCount) for (let k = 0; k < added.length; k++) lines[startLine + 1 + k] = added[k]!;
    else if (added.length < 10000) lines.splice(startLine + 1, removeCount, ...added);
    else this.lines = lines.slice(0, startLine + 1).concat(added, lines.slice(startLine + 1 + removeCount));
    const diff = text.length - (end - start);
    const all = this.lines!;
    if (diff !== 0) for (let k = startLine + 1 + added.length; k < all.length; k++) all[k] += diff;
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** What `TextDocuments` creates and updates: pieced documents from `largeChars` characters on, the library's below. */
export function documentsConfiguration(largeChars: number): TextDocumentsConfiguration<TextDocument> {
  return {
    create(uri, languageId, version, content) {
      return content.length >= largeChars ? new PiecedDocument(uri, languageId, version, content) : TextDocument.create(uri, languageId, version, content);
    },
    update(document, changes, version) {
      if (document instanceof PiecedDocument) {
        document.update(changes, version);
        return document;
      }
      return TextDocument.update(document, changes, version);
    },
  };
}

/** The length of a document's text (a pieced document's without joining it). */
export function textLength(doc: TextDocument): number {
  return doc instanceof PiecedDocument ? doc.length : doc.getText().length;
}
