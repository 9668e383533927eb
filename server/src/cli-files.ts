// The CLI's own file I/O besides the shared walker (host/walk.ts, which finds and reads the
// files): what kind of bytes a file holds, and `--fix`'s atomic write that never replaces a file
// changed since it was read and never rewrites bytes that are not UTF-8.
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, fchmodSync, fchownSync, realpathSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** What kind of bytes these are: UTF-16 (a BOM, or NUL in every other byte), binary (NUL bytes), or text. */
export function classifyBytes(bytes: Uint8Array): 'utf-16' | 'binary' | 'text' {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'utf-16';
  const n = Math.min(bytes.length, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? odd++ : even++;
  if (even + odd === 0) return 'text';
  // ASCII text in UTF-16 without a BOM: one byte of each pair is NUL, the other never
  const pairs = Math.floor(n / 2);
  if (pairs >= 2 && Math.min(even, odd) === 0 && Math.max(even, odd) >= pairs * 0.9) return 'utf-16';
  return 'binary';
}

/** The first `n` bytes of a regular file (opened non-blocking: a FIFO never blocks). */
export function headBytes(path: string, n = 8192): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) return Buffer.alloc(0);
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Why `writeAtomic` did not write. */
export class WriteRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'deleted' | 'changed' | 'not-utf8',
  ) {
    super(message);
  }
}

const deleted = () => new WriteRefused('it was deleted since it was read; not recreated', 'deleted');
const changed = () => new WriteRefused('it changed since it was read; not overwritten', 'changed');
const sameFile = (a: Stats, b: Stats) => a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The file's bytes as UTF-8 text and the stat of what was read; WriteRefused when it is gone or not UTF-8. */
function readCurrent(path: string): { text: string; st: Stats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw deleted();
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw changed();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > st.size) throw changed(); // growing while we read
    }
    let text: string;
    try {
      text = utf8.decode(Buffer.concat(chunks, total));
    } catch {
      throw new WriteRefused('not valid UTF-8; --fix leaves it untouched (save it as UTF-8 to fix it)', 'not-utf8');
    }
    return { text, st };
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path`, read earlier as `readText`, by `text`: a temporary file in the same directory,
 * written in full and fsync'ed, with the original's mode (and owner, where allowed), renamed
 * over the original. Just before, the file is read again: one edited or deleted since it was
 * read, or whose bytes are not UTF-8, is left alone (WriteRefused); and its size, mtime and
 * inode are checked once more right before the rename. On any error the temporary file is
 * removed and the original is untouched. A symbolic link stays a link: its target is replaced.
 */
export function writeAtomic(path: string, readText: string, text: string): void {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw deleted();
    throw e;
  }
  const current = readCurrent(target);
  if (current.text !== readText) throw changed();
  const st = current.st;
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.logtail-lint.tmp`);
  const fd = openSync(tmp, 'wx', st.mode & 0o7777);
  let closed = false;
  let renamed = false;
  try {
    const data = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fchmodSync(fd, st.mode & 0o7777); // the mode given to open is filtered by the umask
    try {
      fchownSync(fd, st.uid, st.gid);
    } catch {
      // not permitted for another user's file: the new file keeps our owner
    }
    fsyncSync(fd);
    closed = true;
    closeSync(fd);
    let now: Stats;
    try {
      now = statSync(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw deleted();
      throw e;
    }
    if (!sameFile(now, st)) throw changed();
    renameSync(tmp, target);
    renamed = true;
    try {
      const dfd = openSync(dir, 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // some file systems cannot fsync a directory; the rename is done
    }
  } finally {
    if (!closed) closeSync(fd);
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}
