import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdits } from '../../server/src/engine/index';

export const ROOT = join(__dirname, '..', '..');
export const RULE_FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

export function listFiles(dir: string, exts = /\.(ya?ml|json|jsonc)$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? listFiles(p, exts) : exts.test(n) ? [p] : [];
    });
}

/**
 * Expected findings of an "invalid" fixture: for YAML, a comment `# expect: <rule-id>` at the
 * end of the line on which the finding must start (several ids: comma-separated); for JSON,
 * a sibling file `<name>.expect` with one `<line> <rule-id>` per line (1-based line).
 */
export function expectedLines(file: string, ruleId: string): number[] {
  const text = readFileSync(file, 'utf8');
  const lines: number[] = [];
  if (/\.ya?ml$/.test(file)) {
    text.split(/\r?\n/).forEach((l, i) => {
      const m = /#\s*expect:\s*(.+)$/.exec(l);
      if (m && m[1]!.split(/[\s,]+/).includes(ruleId)) lines.push(i);
    });
  } else if (existsSync(file + '.expect')) {
    for (const l of readFileSync(file + '.expect', 'utf8').split(/\r?\n/)) {
      const m = /^(\d+)\s+(\S+)/.exec(l.trim());
      if (m && m[2] === ruleId) lines.push(Number(m[1]) - 1);
    }
  }
  return lines;
}

export function rel(file: string): string {
  return relative(ROOT, file);
}

export { applyEdits };

/** Fixture folders (a multi-file workspace each) directly under `dir`. */
export function listFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isDirectory());
}

/** Single-file fixtures directly under `dir` (files inside fixture folders excluded). */
export function listTopFiles(dir: string, exts = /\.(ya?ml|json|jsonc)$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => !statSync(p).isDirectory() && exts.test(p));
}
