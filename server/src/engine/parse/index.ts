import { LineIndex } from './lines';
import { parseJsonDoc } from './json';
import type { Language, ParsedDoc, ParsedFile } from './types';
import { parseYamlDocs } from './yaml';
import { hasTemplateActions, maskTemplate } from './template';
import type { ExpansionBudget } from './budget';
import type { TextLike } from './text';

export * from './nodes';
export * from './types';
export { LineIndex } from './lines';
export { splitYamlDocuments, MAX_DEPTH } from './yaml';
export { ExpansionBudget, ALIAS_LIMITS, type Expansion, type ExpansionScope } from './budget';

/** Files larger than this are not parsed (a clear diagnostic is given instead). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

const JSONC_NAMES = /(^|[\\/])(tsconfig[^\\/]*|jsconfig[^\\/]*|devcontainer|\.eslintrc|settings|launch|tasks|extensions|keybindings)\.json$/i;

/** Language from a file name or URI: `.json` is strict JSON, except well-known JSON-with-comments files. */
export function languageOf(uriOrPath: string): Language | undefined {
  const p = uriOrPath.replace(/[?#][\s\S]*$/, '');
  if (/\.ya?ml$/i.test(p)) return 'yaml';
  if (/\.jsonc$/i.test(p) || /\.code-workspace$/i.test(p)) return 'jsonc';
  if (/\.json$/i.test(p)) return JSONC_NAMES.test(p) || /[\\/]\.vscode[\\/]/.test(p) ? 'jsonc' : 'json';
  return undefined;
}

export function looksBinary(text: TextLike): boolean {
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

/** `budget`: the alias-expansion limits, shared by the files of one run (default: a fresh one, for this file). */
export function parseFile(text: string, language: Language, maxBytes = DEFAULT_MAX_BYTES, budget?: ExpansionBudget): ParsedFile {
  const lines = new LineIndex(text);
  if (looksBinary(text)) return { text, language, docs: [], lines, skipped: 'binary' };
  if (text.length > maxBytes) return { text, language, docs: [], lines, skipped: 'too-large' };
  if (language === 'yaml' && hasTemplateActions(text)) return { text, language, docs: parseTemplatedYaml(text, budget), lines };
  const docs = language === 'yaml' ? parseYamlDocs(text, 0, budget) : parseJsonDoc(text, language === 'json');
  return { text, language, docs, lines };
}

/** A Go/Helm template: parse the masked text (same offsets); documents with actions carry the masked ranges. */
function parseTemplatedYaml(text: string, budget?: ExpansionBudget): ParsedDoc[] {
  const mask = maskTemplate(text);
  return parseYamlDocs(mask.text, 0, budget).map((d) => {
    const inDoc = (r: { start: number; end: number }) => r.start >= d.start && r.start < d.end;
    const values = mask.values.filter(inDoc);
    const removed = mask.removed.filter(inDoc);
    if (!values.length && !removed.length) return d;
    return { ...d, templated: true, template: { values, removed } };
  });
}
