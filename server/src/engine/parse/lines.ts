import { flat, type TextLike } from './text';

/** Lines per block of the line index (tests use small blocks: `setLineBlock`). */
let BLOCK = 1024;
/** For tests: lines per block of the line indexes made from now on. */
export function setLineBlock(lines: number): void {
  BLOCK = Math.max(1, lines);
}

/**
 * Offset <-> (line, character) conversion; both 0-based, characters in UTF-16 code units.
 *
 * The line starts are kept in blocks of about `BLOCK` lines, each relative to the start of its
 * first line (`base`): an edit (`edited`) rebuilds the blocks it touches, shares the others with
 * the previous index, and moves the later ones by changing their base — a keystroke in a file of
 * 272,000 lines touches one block and a few hundred bases, not 272,000 line starts (one copy of
 * them per keystroke before: ~4 ms and 1 MB of garbage).
 */
export class LineIndex {
  /** Per block, the starts of its lines relative to the first (so `blocks[k][0] === 0`); never changed once made (shared between versions). */
  private readonly blocks: Uint32Array[];
  /** Per block, the offset of its first line. */
  private readonly base: Float64Array;
  /** Per block, the number of its first line; then the number of lines. */
  private readonly first: Float64Array;
  /** The text: a string, or a pieced text (parse/text.ts) that is never joined here. */
  private readonly src: TextLike;
  /** The block the last lookup found (lookups are mostly near each other). */
  private at = 0;

  constructor(src: TextLike, parts?: { blocks: Uint32Array[]; base: Float64Array; first: Float64Array }) {
    this.src = src;
    if (parts) {
      ({ blocks: this.blocks, base: this.base, first: this.first } = parts);
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
    ({ blocks: this.blocks, base: this.base, first: this.first } = blocksOf(starts, 0, starts.length, 0));
  }

  /**
   * The line index of `text`, an edit of `prev.text` that kept its first `prefix` and last `suffix`
   * characters: only the lines of the edited range are scanned; the blocks before it are shared,
   * those after it shared and moved by the change of length. The result equals `new LineIndex(text)`.
   */
  static edited(prev: LineIndex, text: TextLike, prefix: number, suffix: number): LineIndex {
    const delta = text.length - prev.src.length;
    const changedEnd = text.length - suffix;
    const total = prev.lineCount;
    // keep the starts before the edit (a start at or after it may depend on the edited characters)
    let kept = prev.lineAtOrAfter(prefix, 1);
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
    for (let i = prev.lineStart(kept - 1); i < text.length; i++) {
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
    let from = total;
    if (resume >= 0) {
      from = prev.lineAtOrAfter(resume - delta, kept);
      if (from >= total || prev.lineStart(from) !== resume - delta) return new LineIndex(text); // cannot happen; stay exact
    }
    // blocks [0, a) are kept whole, blocks (b, end) moved whole; the lines of blocks a..b are rebuilt
    const a = prev.blockOf(kept - 1);
    let b = from < total ? prev.blockOf(from) : prev.blocks.length - 1;
    // a small rebuilt run takes the next block with it (blocks do not crumble over many edits)
    const runLines = () => prev.first[b + 1]! - prev.first[a]! - (from - kept) + mid.length;
    while (b + 1 < prev.blocks.length && runLines() < BLOCK / 2) b++;
    const run: number[] = [];
    for (let line = prev.first[a]!; line < kept; line++) run.push(prev.lineStart(line));
    for (const m of mid) run.push(m);
    for (let line = from, end = prev.first[b + 1]!; line < end; line++) run.push(prev.lineStart(line) + delta);
    const built = blocksOf(run, 0, run.length, prev.first[a]!);
    const nb = a + built.blocks.length + (prev.blocks.length - b - 1);
    const blocks = new Array<Uint32Array>(nb);
    const base = new Float64Array(nb);
    const first = new Float64Array(nb + 1);
    for (let k = 0; k < a; k++) {
      blocks[k] = prev.blocks[k]!;
      base[k] = prev.base[k]!;
      first[k] = prev.first[k]!;
    }
    for (let k = 0; k < built.blocks.length; k++) {
      blocks[a + k] = built.blocks[k]!;
      base[a + k] = built.base[k]!;
      first[a + k] = built.first[k]!;
    }
    const lines = run.length - (prev.first[b + 1]! - prev.first[a]!);
    for (let k = b + 1, j = a + built.blocks.length; k < prev.blocks.length; k++, j++) {
      blocks[j] = prev.blocks[k]!;
      base[j] = prev.base[k]! + delta;
      first[j] = prev.first[k]! + lines;
    }
    first[nb] = total + lines;
    return new LineIndex(text, { blocks, base, first });
  }

  /** The text as one string (a pieced text is joined: not on a keystroke's path). */
  get text(): string {
    return flat(this.src);
  }
  get lineCount(): number {
    return this.first[this.blocks.length]!;
  }

  /** The block holding line `line` (0 <= line < lineCount). */
  private blockOf(line: number): number {
    const first = this.first;
    const k = this.at;
    if (line >= first[k]! && line < first[k + 1]!) return k;
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return (this.at = lo);
  }
  /** The block holding `offset`: the last whose first line starts at or before it. */
  private blockAt(offset: number): number {
    const base = this.base;
    const k = this.at;
    if (offset >= base[k]! && (k + 1 >= base.length || offset < base[k + 1]!)) return k;
    let lo = 0;
    let hi = base.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (base[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.at = lo);
  }
  /** The first line at or after line `min` that starts at or after `offset` (lineCount if none). */
  private lineAtOrAfter(offset: number, min: number): number {
    const total = this.lineCount;
    if (min >= total) return total;
    let lo = min;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lineStart(mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  lineStart(line: number): number {
    const n = this.lineCount;
    line = Math.max(0, Math.min(line, n - 1));
    const k = this.blockOf(line);
    return this.base[k]! + this.blocks[k]![line - this.first[k]!]!;
  }
  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineCount ? this.lineStart(line + 1) : this.src.length;
    let e = next;
    if (e > this.lineStart(line) && this.src.charCodeAt(e - 1) === 10) e--;
    if (e > this.lineStart(line) && this.src.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  positionAt(offset: number): { line: number; character: number } {
    offset = Math.max(0, Math.min(offset, this.src.length));
    const k = this.blockAt(offset);
    const block = this.blocks[k]!;
    const rel = offset - this.base[k]!;
    let lo = 0;
    let hi = block.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (block[mid]! <= rel) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.first[k]! + lo, character: rel - block[lo]! };
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line >= this.lineCount) return this.src.length;
    const s = this.lineStart(pos.line);
    return Math.min(s + pos.character, this.lineEnd(pos.line));
  }
  /** The line's text without its line break. */
  lineText(line: number): string {
    return this.src.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Blocks of at most `BLOCK` lines of the absolute line starts `starts[from, to)`, the first being line `firstLine`. */
function blocksOf(starts: ArrayLike<number>, from: number, to: number, firstLine: number): { blocks: Uint32Array[]; base: Float64Array; first: Float64Array } {
  const n = Math.ceil((to - from) / BLOCK);
  const blocks: Uint32Array[] = [];
  const base = new Float64Array(n);
  const first = new Float64Array(n + 1);
  let k = 0;
  for (let i = from; i < to; i += BLOCK, k++) {
    const end = Math.min(to, i + BLOCK);
    const b = new Uint32Array(end - i);
    const at = starts[i]!;
    for (let j = i; j < end; j++) b[j - i] = starts[j]! - at;
    blocks.push(b);
    base[k] = at;
    first[k] = firstLine + (i - from);
  }
  first[k] = firstLine + (to - from);
  return { blocks, base, first };
}
