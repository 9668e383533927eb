import { configSchemaRule } from './config/check';
import { isConfigFile } from './config/names';
import { editorFor, type Editor } from './edit/editor';
import { catalogDetails, catalogMessage } from './catalog';
import { localize, normalizeLocale, type Locale } from './i18n';
import { commentLine } from './parse/comment-line';
import { DocumentStore, modelsOfParsed, type FileModel } from './model/document';
import { EMPTY_FACTS } from './model/facts';
import { DEFAULT_MAX_BYTES, languageOf, parseFile } from './parse/index';
import type { Language, ParsedFile } from './parse/types';
import type { Rule, RuleContext } from './rule';
import { allRules } from './rules/index';
import type { Finding, Settings, Severity } from './types';
import { templateFindings } from './template-scope';
import { EMPTY_WORKSPACE, WorkspaceView, type WorkspaceIndex } from './workspace/index';

export interface LintOptions {
  uri?: string;
  language?: Language;
  settings?: Settings;
  locale?: Locale | string;
  workspace?: WorkspaceIndex;
  /** Run these rules instead of all rules (tests). */
  rules?: readonly Rule[];
  /** Reuse an already parsed file (its documents are modelled here, without a cache). */
  parsed?: ParsedFile;
  /**
   * The file's document store (model/document.ts): documents whose text did not change since the
   * store's last version keep their models and the findings cached with them. Without one every
   * document is parsed and checked afresh.
   */
  store?: DocumentStore;
  /** The file's models, already built (by `store.update`, as the workspace index got them). */
  model?: FileModel;
  /** Check the text as a project configuration file (default: when the name is `.logtail-lint.yaml|yml|json`). */
  projectConfig?: boolean;
}

export interface LintResult {
  findings: Finding[];
  parsed: ParsedFile;
  /** The models the findings come from (hand them to the workspace index). */
  model: FileModel;
  /**
   * The kinds of facts of other files the workspace rules actually read for this file (plus
   * `kustomizations` when any ran): the findings stay the same while the fingerprints of these
   * kinds over the other files (`WorkspaceIndex.fingerprint(kind, uri)`) stay the same.
   */
  workspaceReads: string[];
}

export const SYNTAX_RULE = { yaml: 'syntax/yaml', json: 'syntax/json' } as const;
export const INTERNAL_RULE = 'internal/rule-error';
export const SKIPPED_RULE = 'internal/not-linted';

/** A rule's findings for one document, offsets relative to the document's start (kept with the document model). */
interface CachedRun {
  rule: Rule;
  /** What the findings depend on besides the document's text: settings, locale, and the fingerprints of the rule's inputs. */
  key: string;
  findings: Finding[];
  error?: string;
  /**
   * A finding points into another document or file (related locations): their offsets are not in
   * the key (fingerprints leave offsets out), so such a result is not reused.
   */
  volatile?: boolean;
  /** The kinds of workspace facts the run read (workspace-scope rules). */
  reads?: string[];
}

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
      const ids = m[2]!.replace(/--[\s\S]*$/, '').split(/[\s,]+/).filter(Boolean);
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

/** The model of the file to lint: given, from an already parsed file, or from the store (or a fresh one). */
export function modelFor(text: string, options: LintOptions & { uri: string; language: Language; projectConfig: boolean }): FileModel {
  if (options.model) return options.model;
  if (options.parsed) return modelsOfParsed(options.parsed, options.uri, options.projectConfig);
  return (options.store ?? new DocumentStore()).update(text, options.language, options.uri, { maxChars: options.settings?.maxFileSize ?? DEFAULT_MAX_BYTES, projectConfig: options.projectConfig, keep: !!options.store });
}

function relative(f: Finding, base: number): Finding {
  if (!base) return f;
  return { ...f, start: f.start - base, end: f.end - base, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start - base, end: e.end - base })) })) };
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const uri = options.uri ?? 'untitled:document';
  // Helm's named templates (`_helpers.tpl`, `*.tpl`) are not manifests: nothing to report
  if (/\.tpl$/i.test(uri.replace(/[?#][\s\S]*$/, ''))) {
    const empty = parseFile('', 'yaml');
    return { findings: [], parsed: empty, model: modelsOfParsed(empty, uri), workspaceReads: [] };
  }
  const language = options.language ?? languageOf(uri) ?? 'yaml';
  const settings = options.settings ?? {};
  const locale = normalizeLocale(options.locale);
  // A project configuration file (.logtail-lint.yaml) is checked by its own rule only: it is
  // never taken for a Kubernetes manifest or a Logtail config.
  const projectConfig = options.projectConfig ?? isConfigFile(uri);
  const model = modelFor(text, { ...options, uri, language, projectConfig });
  const parsed = model.parsed;
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
      message: catalogMessage(locale, 'internal', parsed.skipped === 'binary' ? 'binary' : 'tooLarge', { max: settings.maxFileSize ?? DEFAULT_MAX_BYTES })!,
      messageId: parsed.skipped === 'binary' ? 'binary' : 'tooLarge',
      data: { max: settings.maxFileSize ?? DEFAULT_MAX_BYTES },
      start: 0,
      end: 0,
      fixes: [],
    });
    return { findings, parsed, model, workspaceReads: [] };
  }

  const syntaxId = language === 'yaml' ? SYNTAX_RULE.yaml : SYNTAX_RULE.json;
  for (const d of parsed.docs) {
    if (d.templated) continue;
    // the parser often reports one mistake several times at one spot ("Implicit keys need to be on
    // a single line" + "Nested mappings are not allowed…"): the first message per spot is kept
    const spots = new Set<number>();
    for (const e of d.errors) {
      if (spots.has(e.start)) continue;
      spots.add(e.start);
      // the parser's own words stay as the explanation; the message comes from the catalog by error code
      const message = (e.code && catalogMessage(locale, 'syntax', e.code, e.data)) || e.message;
      push({ ruleId: syntaxId, severity: 'error', message, ...(e.code ? { messageId: e.code } : {}), ...(e.data ? { data: e.data } : {}), ...(message !== e.message ? { details: e.message } : {}), start: e.start, end: e.end, fixes: [] });
    }
  }

  let editor: Editor | undefined;
  const edit = () => (editor ??= editorFor(parsed.text, language));
  const index = options.workspace ?? EMPTY_WORKSPACE;
  const internal = (rule: Rule, error: string) =>
    push({
      ruleId: INTERNAL_RULE,
      severity: 'warning',
      message: catalogMessage(locale, 'internal', 'ruleError', { rule: rule.id, error })!,
      messageId: 'ruleError',
      start: 0,
      end: 0,
      fixes: [],
    });

  /** Run one rule on some objects and configs; its findings (raw severities) and the error it threw. */
  const workspaceReads = new Set<string>();
  const run = (rule: Rule, scope: Pick<RuleContext, 'objects' | 'workloads' | 'configs' | 'workspace'>): { found: Finding[]; error?: string; reads?: string[] } => {
    const found: Finding[] = [];
    const reads = rule.scope === 'workspace' ? (scope.workspace.reads = new Set<string>()) : undefined;
    const done = (r: { found: Finding[]; error?: string }) => {
      scope.workspace.reads = undefined;
      if (reads) for (const k of reads) workspaceReads.add(k);
      return reads ? { ...r, reads: [...reads] } : r;
    };
    const ctx: RuleContext = {
      uri,
      file: parsed,
      locale,
      settings,
      ...scope,
      get edit() {
        return edit();
      },
      report(spec) {
        const node = spec.node ?? { start: 0, end: 0 };
        const long = catalogDetails(locale, rule.id, spec.messageId, spec.data);
        const short = catalogMessage(locale, rule.id, spec.messageId, spec.data);
        found.push({
          ruleId: rule.id,
          severity: spec.severity ?? rule.severity,
          message: short ?? long ?? spec.messageId,
          messageId: spec.messageId,
          data: spec.data ?? {},
          ...(long && long !== short ? { details: long } : {}),
          start: node.start,
          end: Math.max(node.start, node.end),
          fixes: (spec.fixes ?? []).map((f) => ({ title: localize(f.title, locale, spec.data), kind: f.kind, edits: f.edits })),
          ...(spec.related?.length ? { related: spec.related.map((r) => ({ uri: r.uri, start: r.node.start, end: Math.max(r.node.start, r.node.end), message: localize(r.message, locale, r.data ?? spec.data) })) } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
      return done({ found });
    } catch (err) {
      return done({ found, error: (err as Error)?.message ?? String(err) });
    }
  };

  const rules = (projectConfig ? [configSchemaRule as Rule] : options.rules ?? allRules).filter((r) => effectiveSeverity(r.id, r.severity, settings) !== 'off');
  if (projectConfig) {
    for (const rule of rules) {
      const r = run(rule, { objects: [], workloads: [], configs: [], workspace: new WorkspaceView(uri, EMPTY_FACTS, EMPTY_WORKSPACE) });
      r.found.forEach(push);
      if (r.error !== undefined) internal(rule, r.error);
    }
  } else {
    // Every rule runs once per document. A document's findings are kept with its model and reused
    // while the document's text, the settings and (file / workspace rules) the fingerprints of the
    // facts the rule reads are the same: a keystroke re-runs the rules of one document, plus the
    // file and workspace rules whose inputs changed.
    const settingsKey = `${locale}|${JSON.stringify({ ...settings, rules: undefined })}`;
    const views = new Map<Rule, WorkspaceView>();
    const viewOf = (rule: Rule): WorkspaceView => {
      let v = views.get(rule);
      if (!v) {
        const scope = rule.scope ?? 'document';
        const allowed = new Set<string>(scope === 'document' ? [] : rule.inputs ?? []);
        v = new WorkspaceView(uri, model.facts(), scope === 'workspace' ? index : EMPTY_WORKSPACE, allowed, `rule ${rule.id} (scope ${scope})`);
        views.set(rule, v);
      }
      return v;
    };
    const keys = new Map<Rule, string>();
    const keyOf = (rule: Rule): string => {
      let k = keys.get(rule);
      if (k === undefined) {
        const scope = rule.scope ?? 'document';
        k = settingsKey;
        if (scope !== 'document') {
          for (const kind of rule.inputs ?? []) {
            k += `|${kind}:${model.fingerprint(kind)}`;
            if (scope === 'workspace') k += `/${index.fingerprint(kind, uri)}`;
          }
          if (scope === 'workspace') k += `|k:${index.fingerprint('kustomizations', uri)}`;
        }
        keys.set(rule, k);
      }
      return k;
    };
    const failed = new Set<Rule>();
    for (const d of model.docs) {
      const base = d.doc.start;
      for (const rule of rules) {
        if (!model.cacheable) {
          // a one-off model (the CLI, a test): run, keep nothing, compute no fingerprint
          const r = run(rule, { objects: d.objects, workloads: d.workloads, configs: d.configs, workspace: viewOf(rule) });
          r.found.forEach(push);
          if (r.error !== undefined && !failed.has(rule)) {
            failed.add(rule);
            internal(rule, r.error);
          }
          continue;
        }
        const key = keyOf(rule);
        let cached = d.memo.get(rule) as CachedRun | undefined;
        if (!cached || cached.key !== key || cached.volatile) {
          const r = run(rule, { objects: d.objects, workloads: d.workloads, configs: d.configs, workspace: viewOf(rule) });
          const volatile = r.found.some((f) => f.related?.some((x) => x.uri !== uri || x.start < d.doc.start || x.end > d.doc.end));
          cached = { rule, key, findings: r.found.map((f) => relative(f, base)), error: r.error, volatile, reads: r.reads };
          d.memo.set(rule, cached);
        } else if (cached.reads) for (const k of cached.reads) workspaceReads.add(k);
        for (const f of cached.findings) push(relative(f, -base));
        if (cached.error !== undefined && !failed.has(rule)) {
          failed.add(rule);
          internal(rule, cached.error);
        }
      }
    }
  }

  // Go/Helm templates: only findings whose inputs are literal (template-scope.ts).
  const checked = projectConfig
    ? findings
    : templateFindings(findings, parsed, { objects: model.docs.flatMap((d) => d.objects), workloads: model.docs.flatMap((d) => d.workloads), configs: model.docs.flatMap((d) => d.configs) }, locale, (f) => f.ruleId === INTERNAL_RULE || f.ruleId === SKIPPED_RULE, uri);

  // Suppression: comments and `logtail-lint.io/ignore` annotations.
  const { lines: disabled, file: fileDisabled } = disabledLines(parsed.text);
  const ignoring = model.docs.flatMap((d) => d.objects).filter((o) => o.ignore.size);
  // A syntax error: the parser's recovery guesses a tree (later keys nested under the broken one,
  // a quoted name running on to the end of the document), and a finding computed from it can
  // contradict the visible text, in that document or in another that refers to it. Such a file
  // reports its syntax errors only, whatever the level of the syntax rule (issue 11).
  const broken = parsed.docs.some((d) => !d.templated && d.errors.length > 0);
  const kept = checked.filter((f) => {
    if (f.ruleId === syntaxId || f.ruleId === INTERNAL_RULE) return true;
    if (broken) return false;
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
  if (rules.some((r) => r.scope === 'workspace')) workspaceReads.add('kustomizations');
  return { findings: kept, parsed, model, workspaceReads: [...workspaceReads] };
}

/**
 * The kinds of facts that the workspace rules read from other files (plus `kustomizations`, which
 * decide namespaces): a change of another kind in one file never changes another file's findings.
 */
export function workspaceInputs(rules: readonly Rule[] = allRules): Set<string> {
  const out = new Set<string>(['kustomizations']);
  for (const r of rules) if (r.scope === 'workspace') for (const k of r.inputs ?? []) out.add(k);
  return out;
}

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
