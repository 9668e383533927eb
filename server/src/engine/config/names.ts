// Names of the project configuration file and pure path helpers (no `node:path`: the engine
// must not depend on the platform it runs on; both `/` and `\` separators are understood).

/** The file names of a project configuration, in the order they are looked for in a directory. */
export const CONFIG_FILE_NAMES = ['.logtail-lint.yaml', '.logtail-lint.yml', '.logtail-lint.json'] as const;

/** A glob for file watchers (LSP `workspace/didChangeWatchedFiles`, VS Code `createFileSystemWatcher`). */
export const CONFIG_WATCH_GLOB = '**/.logtail-lint.{yaml,yml,json}';

/** The rule id of the findings in a configuration file itself. */
export const CONFIG_RULE = 'config/schema';

/** The last segment of a path or URI (query and fragment removed). */
export function baseName(pathOrUri: string): string {
  const p = pathOrUri.replace(/[?#][\s\S]*$/, '').replace(/(?<![\\/])[\\/]+$/, '');
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  let name = i >= 0 ? p.slice(i + 1) : p;
  try {
    name = decodeURIComponent(name);
  } catch {
    /* not URI-encoded */
  }
  return name;
}

/** Whether a path or URI names a project configuration file (`.logtail-lint.yaml|yml|json`). */
export function isConfigFile(pathOrUri: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(baseName(pathOrUri));
}

/**
 * The directory that contains `path` (`/a/b/c.yaml` → `/a/b`, `/a` → `/`, `C:\a` → `C:\`);
 * undefined for a root or a path without a directory part.
 */
export function parentDir(path: string): string | undefined {
  const m = /^(.*?)[\\/]+[^\\/]+[\\/]*$/.exec(path);
  if (!m) return undefined;
  const parent = m[1]!;
  if (parent === '') return path[0] === '/' || path[0] === '\\' ? path[0] : undefined;
  if (/^[A-Za-z]:$/.test(parent)) return parent + (path.includes('\\') ? '\\' : '/');
  return parent;
}

/** `dir` + `name` with the separator `dir` uses. */
export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return /[\\/]$/.test(dir) ? dir + name : dir + sep + name;
}

function segments(p: string): string[] {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

/**
 * The path of `file` relative to `dir`, with `/` separators (`..` segments when `file` is not
 * under `dir`). Both must be absolute (or both relative to the same directory).
 */
export function relativePath(dir: string, file: string): string {
  const norm = (s: string) => s.replace(/^([A-Za-z]):/, (_, d: string) => d.toLowerCase() + ':');
  const a = segments(norm(dir));
  const b = segments(norm(file));
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
