// The one file walker of the CLI and the language server (the host layer: node:fs lives here,
// never in the engine). What it guarantees, whatever the folder holds:
// - the same skip list for both (SKIP_DIRS, and every hidden directory below a root);
// - symlinks are followed only to targets inside the root being walked, and every real path is
//   visited once (no loops, no file linted twice through two links);
// - only regular files are read (no FIFO, socket or device, even behind a symlink such as
//   `x.yaml -> /dev/zero`), opened non-blocking and re-checked with fstat after opening;
// - the size cap is checked while reading: a file that grows past it is not read to the end;
// - `ignored` (a project configuration's `ignorePaths`) prunes directories and files;
// - an unreadable directory or file is reported as an entry of kind `error` and the walk goes on.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Directory names never walked into (a root given explicitly is always walked). Hidden directories are skipped too. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', 'bower_components', 'vendor', 'dist', 'out']);

/** File names the walker yields: YAML and JSON. */
export const LINTABLE_FILE = /\.(ya?ml|json|jsonc)$/i;

export interface WalkOptions {
  /** Files larger than this many characters (per file: the file's settings) are yielded as `too-large` without their text. */
  maxChars?: number | ((path: string) => number);
  /** Stop after this many files (the server's bounded scan). */
  maxFiles?: number;
  /** Directories deeper than this below a root are not walked. */
  maxDepth?: number;
  /** True for a path (absolute) that must not be walked or read: `ignorePaths`. */
  ignored?: (path: string, isDirectory: boolean) => boolean;
  /** Which file names are read (default: `LINTABLE_FILE`). Explicit file roots are always read. */
  include?: RegExp;
}

export type WalkEntry =
  | { kind: 'file'; path: string; text: string }
  | { kind: 'too-large'; path: string; chars: number }
  | { kind: 'error'; path: string; message: string; /** The system error code (`EACCES`…), or `notRegular`: a root that is no regular file or directory. */ code?: string };

/** A root that does not exist. */
export class MissingRootError extends Error {
  constructor(readonly root: string) {
    super(`no such file or directory: ${root}`);
  }
}

const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** Is `child` equal to `root` or below it (real paths)? */
function within(root: string, child: string): boolean {
  return child === root || child.startsWith(root.endsWith(sep) ? root : root + sep);
}

function errorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String((e as Error)?.message ?? e);
}

/**
 * Read a regular file as UTF-8, at most `maxChars` characters. Opened non-blocking (a FIFO that
 * appeared after the stat never blocks the read) and checked with fstat after opening.
 */
export function readRegularFile(path: string, maxChars = DEFAULT_MAX_CHARS): { text: string } | { tooLarge: number } | { notRegular: true } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { notRegular: true };
    // UTF-8 needs at least one byte per UTF-16 code unit and at most three: more than 3×max bytes
    // is over the cap whatever the text; the cap is checked again on the characters decoded.
    const byteCap = maxChars * 3 + 4;
    if (st.size > byteCap) return { tooLarge: st.size };
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size, 4096) + 1, 1 << 20));
    let text = '';
    let bytes = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      bytes += n;
      text += decoder.write(buf.subarray(0, n));
      if (bytes > byteCap || text.length > maxChars) return { tooLarge: Math.max(bytes, text.length) };
    }
    text += decoder.end();
    if (text.length > maxChars) return { tooLarge: text.length };
    return { text };
  } finally {
    closeSync(fd);
  }
}

/**
 * Walk `roots` (files or directories) and yield the files to lint, in a stable order (roots in
 * the order given, directory entries sorted by name). Throws `MissingRootError` for a root that
 * does not exist; everything else is reported as an entry.
 */
export function* walkFiles(roots: readonly string[], options: WalkOptions = {}): Generator<WalkEntry> {
  const capOf = (path: string) => (typeof options.maxChars === 'function' ? options.maxChars(path) : options.maxChars ?? DEFAULT_MAX_CHARS);
  const maxFiles = options.maxFiles ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  const include = options.include ?? LINTABLE_FILE;
  const visited = new Set<string>();
  let count = 0;

  function* readFile(path: string, real: string): Generator<WalkEntry> {
    if (visited.has(real)) return;
    visited.add(real);
    if (count >= maxFiles) return;
    let r: ReturnType<typeof readRegularFile>;
    try {
      r = readRegularFile(path, capOf(path));
    } catch (e) {
      yield { kind: 'error', path, message: errorMessage(e), code: (e as NodeJS.ErrnoException)?.code };
      return;
    }
    if ('notRegular' in r) return;
    count++;
    if ('tooLarge' in r) yield { kind: 'too-large', path, chars: r.tooLarge };
    else yield { kind: 'file', path, text: r.text };
  }

  function* walkDir(dir: string, realDir: string, rootReal: string, depth: number): Generator<WalkEntry> {
    if (visited.has(realDir)) return;
    visited.add(realDir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (e) {
      yield { kind: 'error', path: dir, message: errorMessage(e), code: (e as NodeJS.ErrnoException)?.code };
      return;
    }
    names.sort();
    for (const name of names) {
      if (count >= maxFiles) return;
      const path = join(dir, name);
      let st: Stats;
      let real = path;
      try {
        st = lstatSync(path);
        if (st.isSymbolicLink()) {
          real = realpathSync(path); // throws on a dangling link or a loop (ELOOP): skipped
          if (!within(rootReal, real)) continue; // never out of the root
          st = statSync(real);
        } else real = join(realDir, name);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || name.startsWith('.') || depth + 1 > maxDepth) continue;
        if (options.ignored?.(path, true)) continue;
        yield* walkDir(path, real, rootReal, depth + 1);
      } else if (st.isFile() && include.test(name)) {
        if (options.ignored?.(path, false)) continue;
        yield* readFile(path, real);
      }
      // FIFOs, sockets, devices: never opened
    }
  }

  for (const root of roots) {
    const abs = resolve(root);
    let st: Stats;
    let real: string;
    try {
      st = statSync(abs);
      real = realpathSync(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') throw new MissingRootError(root);
      yield { kind: 'error', path: root, message: errorMessage(e), code: (e as NodeJS.ErrnoException)?.code };
      continue;
    }
    if (st.isDirectory()) yield* walkDir(root, real, real, 0);
    else if (st.isFile()) {
      if (options.ignored?.(abs, false)) continue;
      yield* readFile(root, real);
    } else yield { kind: 'error', path: root, message: 'not a regular file', code: 'notRegular' };
  }
}

/**
 * The same walk for the language server: yields to the event loop every `batch` files, so the
 * server keeps answering while a large workspace is indexed.
 */
export async function walkFilesAsync(roots: readonly string[], options: WalkOptions, onEntry: (e: WalkEntry) => void, batch = 50): Promise<number> {
  let n = 0;
  for (const e of walkFiles(roots, options)) {
    onEntry(e);
    if (++n % batch === 0) await new Promise<void>((r) => setImmediate(r));
  }
  return n;
}
