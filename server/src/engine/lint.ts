import { configSchemaRule } from './config/check';
import { isConfigFile } from './config/names';
import { editorFor } from './fix/editor';
import { localize, normalizeLocale, type Locale } from './i18n';
import { objectsOfDoc, workloadOf, type K8sObject, type Workload } from './model/k8s';
import { configsOfFile } from './model/logtail';
import { commentLine } from './parse/comment-line';
import { DEFAULT_MAX_BYTES, languageOf, parseFile } from './parse/index';
import type { Language, ParsedFile } from './parse/types';
import type { Rule, RuleContext } from './rule';
import { allRules } from './rules/index';
import type { Finding, Settings, Severity } from './types';
import { templateFindings } from './template-scope';
import { EMPTY_WORKSPACE, WorkspaceView, type WorkspaceIndex } from './workspace/index';
import { factsOf } from './model/facts';

export interface LintOptions {
  uri?: string;
  language?: Language;
  settings?: Settings;
  locale?: Locale | string;
  workspace?: WorkspaceIndex;
  /** Run these rules instead of all rules (tests). */
  rules?: readonly Rule[];
  /** Reuse an already parsed file. */
  parsed?: ParsedFile;
  /** Check the text as a project configuration file (default: when the name is `.logtail-lint.yaml|yml|json`). */
  projectConfig?: boolean;
}

export interface LintResult {
  findings: Finding[];
  parsed: ParsedFile;
}

export const SYNTAX_RULE = { yaml: 'syntax/yaml', json: 'syntax/json' } as const;
export const INTERNAL_RULE = 'internal/rule-error';
export const SKIPPED_RULE = 'internal/not-linted';

function effectiveSeverity(id: string, fallback: Severity, settings: Settings): Severity | 'off' {
  return settings.rules?.[id] ?? fallback;
}

/** Rule ids disabled for each line by `# logtail-lint-disable-next-line` (or `//` in JSONC). */
function disabledLines(text: string): { lines: Map<number, Set<string>>; file: Set<string> } {
  const lines = new Map<number, Set<string>>();
  const file = new Set<string>();
  if (!text.includes('logtail-lint-disable')) return { lines, file };
  const all = text.split(/\r\n|\r|\n/);
  let pending: Set<string> | undefined;
  for (let i = 0; i < all.length; i++) {
    const m = /^\s*(?:#|\/\/)\s*logtail-lint-disable(-next-line|-file)?\b(.*)$/.exec(all[i]!);
    if (m) {
      const ids = m[2]!.replace(/--.*$/, '').split(/[\s,]+/).filter(Boolean);
      const set = new Set(ids.length ? ids : ['*']);
      if (m[1] === '-next-line') pending = new Set([...(pending ?? []), ...set]);
      else for (const id of set) file.add(id);
      continue;
    }
    if (/^\s*((#|\/\/).*)?$/.test(all[i]!)) continue; // comments and blank lines between directive and target
    if (pending) lines.set(i, pending);
    pending = undefined;
  }
  return { lines, file };
}

function matches(set: Set<string> | undefined, id: string): boolean {
  return !!set && (set.has('*') || set.has(id));
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const uri = options.uri ?? 'untitled:document';
  // Helm's named templates (`_helpers.tpl`, `*.tpl`) are not manifests: nothing to report
  if (/\.tpl$/i.test(uri.replace(/[?#].*$/, ''))) return { findings: [], parsed: parseFile('', 'yaml') };
  const language = options.language ?? languageOf(uri) ?? 'yaml';
  const settings = options.settings ?? {};
  const locale = normalizeLocale(options.locale);
  const parsed = options.parsed ?? parseFile(text, language, settings.maxFileSize ?? DEFAULT_MAX_BYTES);
  const findings: Finding[] = [];
  const push = (f: Finding) => {
    const sev = effectiveSeverity(f.ruleId, f.severity, settings);
    if (sev === 'off') return;
    findings.push({ ...f, severity: sev });
  };

  if (parsed.skipped) {
    push({
      ruleId: SKIPPED_RULE,
      severity: 'information',
      message: localize(
        parsed.skipped === 'binary'
          ? { en: 'This file looks binary (it contains NUL bytes); it was not linted.', zh: '该文件看起来是二进制文件（含 NUL 字节），未做检查。' }
          : { en: 'This file is larger than {max} characters; it was not linted (setting logtailLint.maxFileSize).', zh: '该文件超过 {max} 个字符，未做检查（设置项 logtailLint.maxFileSize）。' },
        locale,
        { max: settings.maxFileSize ?? DEFAULT_MAX_BYTES },
      ),
      start: 0,
      end: 0,
      fixes: [],
    });
    return { findings, parsed };
  }

  const syntaxId = language === 'yaml' ? SYNTAX_RULE.yaml : SYNTAX_RULE.json;
  for (const d of parsed.docs) {
    if (d.templated) continue;
    for (const e of d.errors) push({ ruleId: syntaxId, severity: 'error', message: e.message, start: e.start, end: e.end, fixes: [] });
  }

  // A project configuration file (.logtail-lint.yaml) is checked by its own rule only: it is
  // never taken for a Kubernetes manifest or a Logtail config.
  const projectConfig = options.projectConfig ?? isConfigFile(uri);
  const objects: K8sObject[] = [];
  if (!projectConfig) for (const d of parsed.docs) if (!d.errors.length || d.root) objects.push(...objectsOfDoc(d));
  const workloads = objects.map(workloadOf).filter((w): w is Workload => !!w);
  const edit = editorFor(parsed.text, language);
  const configs = projectConfig ? [] : configsOfFile(parsed, uri, objects);
  const workspace = new WorkspaceView(uri, factsOf(objects, configs, workloads), options.workspace ?? EMPTY_WORKSPACE);

  for (const rule of projectConfig ? [configSchemaRule as Rule] : options.rules ?? allRules) {
    if (effectiveSeverity(rule.id, rule.severity, settings) === 'off') continue;
    const ctx: RuleContext = {
      uri,
      file: parsed,
      locale,
      settings,
      objects,
      workloads,
      configs,
      workspace,
      edit,
      report(spec) {
        const msg = rule.messages[spec.messageId];
        const node = spec.node ?? { start: 0, end: 0 };
        push({
          ruleId: rule.id,
          severity: spec.severity ?? rule.severity,
          message: msg ? localize(msg, locale, spec.data) : spec.messageId,
          start: node.start,
          end: Math.max(node.start, node.end),
          fixes: (spec.fixes ?? []).map((f) => ({ title: localize(f.title, locale, spec.data), kind: f.kind, edits: f.edits })),
          ...(spec.related?.length ? { related: spec.related.map((r) => ({ uri: r.uri, start: r.node.start, end: Math.max(r.node.start, r.node.end), message: localize(r.message, locale, r.data ?? spec.data) })) } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      push({
        ruleId: INTERNAL_RULE,
        severity: 'warning',
        message: localize(
          { en: 'Rule {rule} failed on this file and was skipped: {error}', zh: '规则 {rule} 在此文件上出错，已跳过：{error}' },
          locale,
          { rule: rule.id, error: (err as Error)?.message ?? String(err) },
        ),
        start: 0,
        end: 0,
        fixes: [],
      });
    }
  }

  // Go/Helm templates: only findings whose inputs are literal (template-scope.ts).
  const checked = projectConfig ? findings : templateFindings(findings, parsed, { objects, workloads, configs }, locale, (f) => f.ruleId === INTERNAL_RULE || f.ruleId === SKIPPED_RULE, uri);

  // Suppression: comments and `logtail-lint.io/ignore` annotations.
  const { lines: disabled, file: fileDisabled } = disabledLines(parsed.text);
  const ignoring = objects.filter((o) => o.ignore.size);
  const kept = checked.filter((f) => {
    if (f.ruleId === syntaxId || f.ruleId === INTERNAL_RULE) return true;
    if (matches(fileDisabled, f.ruleId)) return false;
    if (disabled.size) {
      const line = parsed.lines.positionAt(f.start).line;
      if (matches(disabled.get(line), f.ruleId)) return false;
      // a finding inside a multi-line scalar: the directive stands above the key that owns it
      const owner = commentLine(parsed, f.start);
      if (owner !== line && matches(disabled.get(owner), f.ruleId)) return false;
    }
    for (const o of ignoring) if (f.start >= o.node.start && f.start <= o.node.end && matches(o.ignore, f.ruleId)) return false;
    return true;
  });
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, parsed };
}

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
