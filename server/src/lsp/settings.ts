// Editor settings (`logtailLint.*` from workspace/configuration or didChangeConfiguration) are
// validated as strictly as the project configuration file: a value of the wrong type or shape
// is ignored (the default applies) and named in a warning, so that no fix ever writes a value
// the user did not mean (a multi-line `emptyDirSizeLimit` would turn "Add sizeLimit" into
// invalid YAML).
import { catalogMessage } from '../engine/catalog';
import { DEFAULT_MAX_BYTES, parseQuantity, SEVERITIES, type Locale, type Settings, type SeveritySetting } from '../engine/index';

export interface ServerSettings extends Settings {
  enable?: boolean;
  /**
   * `auto` (default): report JSON/YAML syntax errors unless the client said another extension
   * already does (initializationOptions.syntaxErrors); `always` / `never` override that.
   */
  syntaxErrors?: 'auto' | 'always' | 'never';
  /** `logtailLint.docs.baseUrl`: where the rule pages are hosted (`<baseUrl>/<rule id>.md`). */
  docs?: { baseUrl?: string };
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {} };
const LEVELS: readonly string[] = ['off', ...SEVERITIES];
/** The smallest `maxFileSize` (as in .logtail-lint.yaml). */
export const MIN_FILE_SIZE = 1024;
/** Longest rule id accepted in `logtailLint.rules`. */
const MAX_RULE_ID = 200;

/** A `sizeLimit` the fix may write: one Kubernetes quantity token (`1Gi`, `500Mi`, `2G`), positive. */
export function validSizeLimit(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 32) return false;
  const q = parseQuantity(v);
  return !!q?.ok && q.value > 0;
}


/** The valid part of raw editor settings over the defaults, and a sentence for each value ignored. */
export function validateSettings(raw: unknown, locale: Locale): { settings: ServerSettings; problems: string[] } {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(catalogMessage(locale, 'ui', 'settings.notObject')!);
    return { settings, problems };
  }
  const r = raw as Record<string, unknown>;
  const bad = (key: string, reason: string, data?: Record<string, unknown>) => problems.push(catalogMessage(locale, 'ui', 'settings.ignored', { key, reason: catalogMessage(locale, 'ui', reason, data) })!);
  if (r.enable !== undefined) {
    if (typeof r.enable === 'boolean') settings.enable = r.enable;
    else bad('enable', 'settings.enable');
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) bad('rules', 'settings.rules');
    else
      for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
        if (id.length <= MAX_RULE_ID && typeof level === 'string' && LEVELS.includes(level)) settings.rules![id] = level as SeveritySetting;
        else bad(`rules["${id.slice(0, MAX_RULE_ID)}"]`, 'settings.ruleLevel');
      }
  }
  if (r.emptyDirSizeLimit !== undefined && r.emptyDirSizeLimit !== null && r.emptyDirSizeLimit !== '') {
    if (validSizeLimit(r.emptyDirSizeLimit)) settings.emptyDirSizeLimit = r.emptyDirSizeLimit;
    else bad('emptyDirSizeLimit', 'settings.emptyDirSizeLimit');
  }
  if (r.maxFileSize !== undefined && r.maxFileSize !== null) {
    if (typeof r.maxFileSize === 'number' && Number.isInteger(r.maxFileSize) && r.maxFileSize >= MIN_FILE_SIZE) settings.maxFileSize = r.maxFileSize;
    else bad('maxFileSize', 'settings.maxFileSize', { min: MIN_FILE_SIZE });
  }
  if (r.syntaxErrors !== undefined && r.syntaxErrors !== null) {
    if (r.syntaxErrors === 'auto' || r.syntaxErrors === 'always' || r.syntaxErrors === 'never') settings.syntaxErrors = r.syntaxErrors;
    else bad('syntaxErrors', 'settings.syntaxErrors');
  }
  if (r.kubernetesSchema !== undefined && r.kubernetesSchema !== null) {
    if (r.kubernetesSchema === 'on' || r.kubernetesSchema === 'off') settings.kubernetesSchema = r.kubernetesSchema;
    else bad('kubernetesSchema', 'settings.kubernetesSchema');
  }
  if (r.docs !== undefined && r.docs !== null) {
    const d = r.docs as Record<string, unknown>;
    if (typeof d !== 'object' || Array.isArray(d) || (d.baseUrl !== undefined && d.baseUrl !== null && typeof d.baseUrl !== 'string'))
      bad('docs.baseUrl', 'settings.docsbaseUrl');
    else if (typeof d.baseUrl === 'string' && d.baseUrl.trim()) {
      if (/^(https?|file):\/\/\S+$/.test(d.baseUrl.trim())) settings.docs = { baseUrl: d.baseUrl.trim() };
      else bad('docs.baseUrl', 'settings.docsbaseUrl2');
    }
  }
  return { settings, problems };
}

export { DEFAULT_MAX_BYTES };
