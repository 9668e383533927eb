import { flat, type TextLike } from './text';

/** Offset <-> (line, character) conversion; both 0-based, characters in UTF-16 code units. */
export class LineIndex {
  private readonly starts: ArrayLike<number>;
  /** The text: a string, or a pieced text (parse/text.ts) that is never joined here. */
  private readonly src: TextLike;
  /** @param known the line starts, when already known (`LineIndex.edited`). */
  constructor(src: TextLike, known?: ArrayLike<number>) {
    this.src = src;
    if (known) {
      this.starts = known;
      return;
    }
    const text = flat(src);
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    // a typed array: \`edited\` copies and moves it as one block per keystroke (272,000 line starts in a 5 MB file)
    this.starts = Uint32Array.from(starts);
  }
  /**
   * The line index of `text`, an edit of `prev.text` that kept its first `prefix` and last `suffix`
   * characters: only the lines of the edited range are scanned, the others are copied (moved by
   * the change of length). The result equals `new LineIndex(text)`.
   */
  static edited(prev: LineIndex, text: TextLike, prefix: number, suffix: number): LineIndex {
    const old = prev.starts;
    const delta = text.length - prev.src.length;
    const changedEnd = text.length - suffix;
    // keep the starts before the edit (a start at or after it may depend on the edited characters)
    let lo = 1;
    let hi = old.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (old[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const kept = lo;
    const mid: number[] = [];
    let resume = -1;
    // the text is read in slices (a pieced text is not joined; a string's slice copies nothing)
    const CHUNK = 4096;
    let chunk = '';
    let chunkAt = 0;
    const code = (i: number) => {
      if (i - chunkAt >= chunk.length || i < chunkAt) {
        chunkAt = i;
        chunk = text.slice(i, i + CHUNK);
      }
      return chunk.charCodeAt(i - chunkAt);
    };
    for (let i = old[kept - 1]!; i < text.length; i++) {
      const c = code(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i + 1 < text.length && code(i + 1) === 10) i++;
      // a line break inside the unchanged end: from here on, the lines are the old ones, moved
      if (i >= changedEnd) {
        resume = i + 1;
        break;
      }
      mid.push(i + 1);
    }
    let from = old.length;
    if (resume >= 0) {
      lo = kept;
      hi = old.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (old[m]! < resume - delta) lo = m + 1;
        else hi = m;
      }
      if (old[lo] !== resume - delta) return new LineIndex(text); // cannot happen; stay exact
      from = lo;
    }
    const out = new Uint32Array(kept + mid.length + (old.length - from));
    const at = kept + mid.length;
    for (let i = 0; i < mid.length; i++) out[kept + i] = mid[i]!;
    if (old instanceof Uint32Array) {
      // block copies, then one monomorphic pass over the moved starts
      out.set(old.subarray(0, kept));
      out.set(old.subarray(from), at);
      if (delta) for (let i = at; i < out.length; i++) out[i] = out[i]! + delta;
    } else {
      for (let i = 0; i < kept; i++) out[i] = old[i]!;
      for (let i = from; i < old.length; i++) out[at + i - from] = old[i]! + delta;
    }
    return new LineIndex(text, out);
  }
  /** The text as one string (a pieced text is joined: not on a keystroke's path). */
  get text(): string {
    return flat(this.src);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.src.length;
    let e = next;
    if (e > this.lineStart(line) && this.src.charCodeAt(e - 1) === 10) e--;
    if (e > this.lineStart(line) && this.src.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  positionAt(offset: number): { line: number; character: number } {
    offset = Math.max(0, Math.min(offset, this.src.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line >= this.starts.length) return this.src.length;
    const s = this.lineStart(pos.line);
    return Math.min(s + pos.character, this.lineEnd(pos.line));
  }
  /** The line's text without its line break. */
  lineText(line: number): string {
    return this.src.slice(this.lineStart(line), this.lineEnd(line));
  }
}
