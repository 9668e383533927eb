// A file's text kept in pieces, for a caller that edits a large text keystroke by keystroke (the
// language server's lint worker). A JavaScript string cannot be edited in place: applying an edit
// to a 5 MB string makes a concatenation that the runtime copies into a new 5 MB string on the
// first read of any character (about 18 ms on our machines, per keystroke, plus the garbage). A
// `PiecedText` applies an edit to the pieces it touches only, and knows which characters of the
// version it came from it kept (`change`), so that the document store need not compare the two
// versions. Whoever needs the text as one string (`toString()`, `ParsedFile.text`) joins it then,
// once per version; the keystroke path reads slices only.

/** Characters per piece. */
const PIECE = 1 << 16;

/** What engine code reads of a text that may be pieced: a string has all of these. */
export type TextLike = string | PiecedText;

/** One edit in offsets of the text it applies to (the edits of one change apply in order). */
export interface TextSplice {
  start: number;
  end: number;
  text: string;
}

let versions = 0;

function split(text: string, into: string[], piece: number): void {
  if (text.length <= 2 * piece) {
    if (text.length) into.push(text);
    return;
  }
  for (let i = 0; i < text.length; i += piece) into.push(text.slice(i, i + piece));
}

export class PiecedText {
  /** A number of its own (an edit's `change.base` names the version it applies to). */
  readonly id = ++versions;
  readonly length: number;
  /**
   * The version this one was made from by `edit`, and how many of its first (`prefix`) and last
   * (`suffix`) characters the edit kept: the characters between may differ.
   */
  readonly change: { readonly base: number; readonly prefix: number; readonly suffix: number } | undefined;
  private readonly pieces: readonly string[];
  /** Offset of the end of each piece. */
  private readonly ends: Float64Array;
  #flat: string | undefined;
  /** The piece the last `charCodeAt` read (reads are mostly near each other). */
  #at = 0;

  private constructor(
    pieces: readonly string[],
    flat: string | undefined,
    change: PiecedText['change'],
    private readonly piece: number,
  ) {
    this.pieces = pieces;
    const ends = new Float64Array(pieces.length);
    let n = 0;
    for (let i = 0; i < pieces.length; i++) ends[i] = n += pieces[i]!.length;
    this.ends = ends;
    this.length = n;
    this.#flat = flat;
    this.change = change;
  }

  /** @param piece characters per piece (tests use small pieces). */
  static of(text: string, piece = PIECE): PiecedText {
    const pieces: string[] = [];
    split(text, pieces, piece);
    return new PiecedText(pieces, text, undefined, piece);
  }

  /** Whether the text is held as one string already (reads then go to it). */
  get joined(): boolean {
    return this.#flat !== undefined;
  }

  /** The whole text as one string (joined on first call, then kept). */
  toString(): string {
    return (this.#flat ??= this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join(''));
  }

  /** The index of the piece holding `offset` (0 <= offset < length). */
  private pieceAt(offset: number): number {
    const ends = this.ends;
    let k = this.#at;
    if (k < ends.length && offset < ends[k]! && (k === 0 || offset >= ends[k - 1]!)) return k;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    this.#at = k = lo;
    return k;
  }

  charCodeAt(offset: number): number {
    if (this.#flat !== undefined) return this.#flat.charCodeAt(offset);
    if (!(offset >= 0 && offset < this.length)) return NaN;
    const k = this.pieceAt(offset);
    return this.pieces[k]!.charCodeAt(offset - (k ? this.ends[k - 1]! : 0));
  }

  /** The characters from `start` to `end` (clamped to the text; never counted from the end). */
  slice(start = 0, end = this.length): string {
    const a = Math.max(0, Math.min(start, this.length));
    const b = Math.max(a, Math.min(end, this.length));
    if (this.#flat !== undefined) return this.#flat.slice(a, b);
    if (a === b) return '';
    let k = this.pieceAt(a);
    let base = k ? this.ends[k - 1]! : 0;
    const p = this.pieces[k]!;
    if (b <= this.ends[k]!) return p.slice(a - base, b - base);
    let out = p.slice(a - base);
    for (k++; k < this.pieces.length; k++) {
      base = this.ends[k - 1]!;
      const q = this.pieces[k]!;
      if (b <= this.ends[k]!) return out + q.slice(0, b - base);
      out += q;
    }
    return out;
  }

  startsWith(s: string, at = 0): boolean {
    return at >= 0 && at + s.length <= this.length && this.slice(at, at + s.length) === s;
  }

  includes(s: string): boolean {
    if (this.#flat !== undefined) return this.#flat.includes(s);
    const n = this.pieces.length;
    for (let k = 0; k < n; k++) {
      if (this.pieces[k]!.includes(s)) return true;
      // across the end of this piece
      if (s.length > 1 && k + 1 < n) {
        const end = this.ends[k]!;
        if (this.slice(end - s.length + 1, end + s.length - 1).includes(s)) return true;
      }
    }
    return false;
  }

  /**
   * This text with `edits` applied in order (each in offsets of the text before it), as a new
   * version: the pieces no edit touches are shared, nothing is joined.
   */
  edit(edits: readonly TextSplice[]): PiecedText {
    let pieces = this.pieces.slice();
    let total = this.length;
    // the changed range of the new text, [lo, hi), in offsets of the text being built
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of edits) {
      const start = Math.max(0, Math.min(e.start, total));
      const end = Math.max(start, Math.min(e.end, total));
      const d = e.text.length - (end - start);
      // the pieces holding start and end (an edit at a piece's end goes into that piece)
      let i = 0;
      let base = 0;
      while (i < pieces.length - 1 && start > base + pieces[i]!.length) base += pieces[i++]!.length;
      let j = i;
      let jBase = base;
      while (j < pieces.length - 1 && end > jBase + pieces[j]!.length) jBase += pieces[j++]!.length;
      const merged = (pieces[i] ?? '').slice(0, start - base) + e.text + (pieces[j] ?? '').slice(end - jBase);
      const parts: string[] = [];
      split(merged, parts, this.piece);
      pieces = pieces.slice(0, i).concat(parts, pieces.slice(j + 1));
      total += d;
      if (lo === Infinity) {
        lo = start;
        hi = start + e.text.length;
      } else {
        const lo2 = lo < start ? lo : lo >= end ? lo + d : start;
        const hi2 = hi <= start ? hi : hi >= end ? hi + d : start + e.text.length;
        lo = Math.min(lo2, start);
        hi = Math.max(hi2, start + e.text.length);
      }
    }
    if (lo === Infinity) return this;
    return new PiecedText(pieces, undefined, { base: this.id, prefix: lo, suffix: total - hi }, this.piece);
  }
}

/** `text` as one string (a pieced text is joined: avoid on a keystroke's path). */
export function flat(text: TextLike): string {
  return typeof text === 'string' ? text : text.toString();
}

/** A file's text for reading slices: its pieces when it has them (`ParsedFile.source`), else its string. */
export function sourceOf(file: { readonly source?: PiecedText; readonly text: string }): TextLike {
  return file.source ?? file.text;
}
