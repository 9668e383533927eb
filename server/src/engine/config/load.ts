// Loading project configuration files and merging them with the other layers of settings.
// Pure: the caller passes the text, or a host that reads files (the CLI: node:fs; the server:
// the open documents first, then node:fs).
import { normalizeLocale, type Locale } from '../i18n';
import { catalogMessage } from '../catalog';
import { lint } from '../lint';
import { DEFAULT_MAX_BYTES } from '../parse/index';
import { isSizeQuantity } from '../model/quantity';
import type { ParsedFile } from '../parse/types';
import type { Finding, Settings } from '../types';
import { extractConfig, type ProjectConfig } from './check';
import { ignoreMatcher } from './glob';
import { CONFIG_FILE_NAMES, CONFIG_RULE, isConfigFile, joinPath, parentDir, relativePath } from './names';

/** A configuration file, parsed and checked. */
export interface LoadedConfig {
  /** Path of the file. */
  path: string;
  /** Its directory: `ignorePaths` are relative to it. */
  dir: string;
  text: string;
  /** The valid settings of the file (invalid entries are left out). */
  config: ProjectConfig;
  /** Syntax errors and `config/schema` findings of the file. */
  findings: Finding[];
  parsed?: ParsedFile;
  /** The file cannot be used as it is: it could not be read, or it has an error-level finding. */
  broken: boolean;
  /** Set when the file could not be read. */
  readError?: string;
  /** Equal for two loads that give the same settings (to skip needless re-linting). */
  fingerprint: string;
  /** Whether `filePath` (absolute, like `path`) is excluded by `ignorePaths` (never a configuration file). */
  ignores(filePath: string): boolean;
  /** The settings for one file: `rules` with every matching `overrides` entry applied in order. */
  configFor(filePath: string): ProjectConfig;
}

/** Parse and check the text of a configuration file (`.json` → strict JSON, else YAML). */
export function loadProjectConfig(text: string, path: string, locale: Locale | string = 'en'): LoadedConfig {
  const language = /\.json$/i.test(path) ? 'json' : 'yaml';
  const { findings, parsed } = lint(text, { uri: path, language, locale: normalizeLocale(locale), projectConfig: true });
  const config = extractConfig(parsed);
  return withMatcher({ path, dir: parentDir(path) ?? '.', text, config, findings, parsed, broken: findings.some((f) => f.severity === 'error'), fingerprint: JSON.stringify(config) });
}

function withMatcher(c: Omit<LoadedConfig, 'ignores' | 'configFor'>): LoadedConfig {
  const match = ignoreMatcher(c.config.ignorePaths);
  const overrides = (c.config.overrides ?? []).map((o) => ({ match: ignoreMatcher(o.files), rules: o.rules }));
  return {
    ...c,
    // A configuration file itself is never ignored: its own problems must stay visible.
    ignores: (filePath: string) => c.config.ignorePaths.length > 0 && !isConfigFile(filePath) && match(relativePath(c.dir, filePath)),
    configFor: (filePath: string) => {
      if (!overrides.length) return c.config;
      const rel = relativePath(c.dir, filePath);
      const hits = overrides.filter((o) => o.match(rel));
      return hits.length ? { ...c.config, rules: Object.assign({}, c.config.rules, ...hits.map((o) => o.rules)) } : c.config;
    },
  };
}

function unreadable(path: string, error: string, locale: Locale | string): LoadedConfig {
  const message = catalogMessage(normalizeLocale(locale), CONFIG_RULE, 'unreadable', { error })!;
  return withMatcher({
    path,
    dir: parentDir(path) ?? '.',
    text: '',
    config: { rules: {}, ignorePaths: [] },
    findings: [{ ruleId: CONFIG_RULE, severity: 'error', message, messageId: 'unreadable', data: { error }, start: 0, end: 0, fixes: [] }],
    broken: true,
    readError: error,
    fingerprint: `unreadable:${error}`,
  });
}

/** File access for `ConfigResolver`. */
export interface ConfigHost {
  exists(path: string): boolean;
  /** The text of a file; throws when it cannot be read. */
  readFile(path: string): string;
}

/**
 * Finds the configuration of a file: the nearest `.logtail-lint.yaml` / `.yml` / `.json`
 * walking up from the file's directory to the filesystem root (in one directory, in that
 * order). Lookups are cached per directory and files per path, until `invalidate()`.
 */
export class ConfigResolver {
  private readonly dirs = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(
    private readonly host: ConfigHost,
    private readonly locale: Locale | string = 'en',
  ) {}

  /** The path of the configuration file that applies to `filePath`, if any. */
  find(filePath: string): string | undefined {
    const visited: string[] = [];
    let found: string | null = null;
    let dir = parentDir(filePath);
    while (dir !== undefined) {
      const cached = this.dirs.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      const here = dir;
      const hit = CONFIG_FILE_NAMES.map((n) => joinPath(here, n)).find((p) => this.exists(p));
      if (hit) {
        found = hit;
        break;
      }
      const up = parentDir(dir);
      if (up === undefined || up === dir) break;
      dir = up;
    }
    for (const d of visited) this.dirs.set(d, found);
    return found ?? undefined;
  }

  /** A configuration file by path (read once until `invalidate()`). */
  load(configPath: string): LoadedConfig {
    let c = this.loaded.get(configPath);
    if (!c) {
      let text: string;
      try {
        text = this.host.readFile(configPath);
        c = loadProjectConfig(text, configPath, this.locale);
      } catch (e) {
        c = unreadable(configPath, (e as Error)?.message ?? String(e), this.locale);
      }
      this.loaded.set(configPath, c);
    }
    return c;
  }

  /** The configuration that applies to `filePath`, if any. */
  forFile(filePath: string): LoadedConfig | undefined {
    const p = this.find(filePath);
    return p === undefined ? undefined : this.load(p);
  }

  /** The configuration files loaded so far. */
  all(): LoadedConfig[] {
    return [...this.loaded.values()];
  }

  /** Forget every lookup and every file (a configuration file was created, changed or deleted). */
  invalidate(): void {
    this.dirs.clear();
    this.loaded.clear();
  }

  private exists(p: string): boolean {
    try {
      return this.host.exists(p);
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Precedence
// ---------------------------------------------------------------------------------------------

/** The built-in values of the settings a configuration file can set. */
export const BUILTIN_DEFAULTS = { emptyDirSizeLimit: '1Gi', maxFileSize: DEFAULT_MAX_BYTES } as const;

export interface SettingsLayers {
  /** The project configuration file. */
  project?: ProjectConfig;
  /** Editor settings (`logtailLint.*`): pass them through `withoutDefaults` first. */
  editor?: Settings;
  /** Command-line flags (`--rule`). */
  cli?: Settings;
}

/**
 * The settings of one file: built-in defaults < project configuration < editor settings < CLI.
 * `rules` are merged per rule id (a later layer overrides only the ids it names).
 */
export function mergeSettings(layers: SettingsLayers): Settings {
  const { project, editor, cli } = layers;
  const out: Settings = { rules: { ...project?.rules, ...editor?.rules, ...cli?.rules } };
  // an invalid quantity from any layer is ignored: a fix must never write it into a manifest
  const size = [cli?.emptyDirSizeLimit, editor?.emptyDirSizeLimit, project?.emptyDirSizeLimit].find((s) => s !== undefined && isSizeQuantity(s));
  if (size !== undefined) out.emptyDirSizeLimit = size;
  const max = cli?.maxFileSize ?? editor?.maxFileSize ?? project?.maxFileSize;
  if (max !== undefined) out.maxFileSize = max;
  return out;
}

/**
 * Editor settings without the values equal to the built-in defaults. An editor sends every
 * setting, defaults included (VS Code cannot tell the server which ones the user set), so a
 * default-valued editor setting must not hide the project configuration's value.
 */
export function withoutDefaults<T extends Settings>(settings: T): T {
  const out = { ...settings };
  if (out.emptyDirSizeLimit === BUILTIN_DEFAULTS.emptyDirSizeLimit) delete out.emptyDirSizeLimit;
  if (out.maxFileSize === BUILTIN_DEFAULTS.maxFileSize) delete out.maxFileSize;
  return out;
}
