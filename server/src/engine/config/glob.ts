// `ignorePaths` globs: `*` (within one path segment), `**` (any number of segments), `?` (one
// character); every other character is literal. Globs are relative to the directory of the
// configuration file; one that matches a directory ignores everything under it.
//
// Matched without regular expressions: a glob translated to a regex backtracks (`**/` twelve
// times, or `*a` twelve times, took over a minute on one path). The wildcard matcher below
// keeps one backtracking point per level (the last `*` in a segment, the last `**` in the
// path), so a match costs at most (glob length × path length) steps, whatever the glob.

export interface GlobMatcher {
  /** Does the glob match this `/`-separated relative path? */
  test(path: string): boolean;
}

function normalize(glob: string): string[] {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  while (g.startsWith('/')) g = g.slice(1);
  if (g.endsWith('/')) g += '**';
  return g.split('/');
}

/** One segment against a `*` / `?` pattern (no `/` on either side). */
function matchSegment(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const c = p.charCodeAt(pi);
    if (pi < p.length && c !== 42 /* * */ && (c === 63 /* ? */ || c === s.charCodeAt(si))) {
      pi++;
      si++;
    } else if (pi < p.length && c === 42) {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

/** Path segments against glob segments, where a `**` segment matches any number of path segments. */
function matchSegments(globSegs: readonly string[], parts: readonly string[]): boolean {
  let gi = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (pi < parts.length) {
    if (gi < globSegs.length && globSegs[gi] !== '**' && matchSegment(globSegs[gi]!, parts[pi]!)) {
      gi++;
      pi++;
    } else if (gi < globSegs.length && globSegs[gi] === '**') {
      star = gi++;
      mark = pi;
    } else if (star >= 0) {
      gi = star + 1;
      pi = ++mark;
    } else return false;
  }
  while (gi < globSegs.length && globSegs[gi] === '**') gi++;
  return gi === globSegs.length;
}

function splitPath(path: string): string[] {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.split('/');
}

/** A matcher of one glob over `/`-separated relative paths (whole path). */
export function compileGlob(glob: string): GlobMatcher {
  const segs = normalize(glob);
  return { test: (path: string) => matchSegments(segs, splitPath(path)) };
}

/**
 * A predicate over paths relative to the configuration's directory (`/` separators): true when
 * one of `globs` matches the path or one of its parent directories.
 */
export function ignoreMatcher(globs: readonly string[]): (relPath: string) => boolean {
  // `glob/**`: the path itself (a trailing `**` matches no segment too) or anything under it
  const all = globs.filter((g) => g.trim() && !g.trim().startsWith('!')).map((g) => [...normalize(g), '**']);
  if (!all.length) return () => false;
  return (relPath: string) => {
    const parts = splitPath(relPath).filter(Boolean);
    return parts.length > 0 && all.some((segs) => matchSegments(segs, parts));
  };
}
