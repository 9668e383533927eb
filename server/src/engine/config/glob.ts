// `ignorePaths` globs: `*` (within one path segment), `**` (any number of segments), `?` (one
// character); every other character is literal. Globs are relative to the directory of the
// configuration file; one that matches a directory ignores everything under it.

/** The regular expression of one glob, anchored at both ends, over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (g.endsWith('/')) g += '**';
  const segs = g.split('/');
  let re = '';
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg === '**') {
      re += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    re += seg
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*+/g, '[^/]*')
      .replace(/\?/g, '[^/]');
    if (!last) re += '/';
  });
  return new RegExp(`^${re}$`);
}

/**
 * A predicate over paths relative to the configuration's directory (`/` separators): true when
 * one of `globs` matches the path or one of its parent directories.
 */
export function ignoreMatcher(globs: readonly string[]): (relPath: string) => boolean {
  const res = globs.filter((g) => g.trim() && !g.trim().startsWith('!')).map(globToRegExp);
  if (!res.length) return () => false;
  return (relPath: string) => {
    const parts = relPath.replace(/\\/g, '/').replace(/^(\.\/)+/, '').split('/').filter(Boolean);
    for (let n = parts.length; n >= 1; n--) {
      const candidate = parts.slice(0, n).join('/');
      if (res.some((r) => r.test(candidate))) return true;
    }
    return false;
  };
}
