import type { TextLike } from './parse/text';
import { configSchemaRule } from './config/check';
import { isConfigFile } from './config/names';
import { editorFor, type Editor, type YamlEditor } from './edit/editor';
import { catalogDetails, catalogMessage, fixTitle, relatedLabel, term } from './catalog';
import { normalizeLocale, type Locale } from './i18n';
import { commentLine } from './parse/comment-line';
import { DocumentStore, modelsOfParsed, type FileModel } from './model/document';
import { EMPTY_FACTS, type FactKind } from './model/facts';
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
  /** Findings reported at most (default `MAX_FINDINGS`); the rest are counted in one `TRUNCATED_RULE` finding. */
  maxFindings?: number;
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
/** The one finding that stands for those past `MAX_FINDINGS`. */
export const TRUNCATED_RULE = 'internal/too-many-findings';
/** Findings reported per file at most; the rest are summed up in one `TRUNCATED_RULE` finding. */
export const MAX_FINDINGS = 1000;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** A rule's findings for one document, offsets relative to the document's start (kept with the document model). */
interface CachedRun {
  /** Settings and locale the findings were computed with. */
  settingsKey: string;
  /** The kinds of facts the run read beyond its document (`WorkspaceView.reads`), and their fingerprints then. */
  reads: string[];
  fps: string[];
  findings: Finding[];
  error?: string;
  /**
   * A finding points into another document or file (related locations, fix edits): their offsets
   * are not in the key (fingerprints leave offsets out), so such a result is not reused.
   */
  volatile?: boolean;
}

/**
 * What a document's rules gave in the last lint: findings with the settings' severities, sorted,
 * **relative to the document's start** (`rel`), and their count per severity. Valid while the
 * rules, settings and the fingerprints of every kind of fact some rule read are the same. A
 * keystroke before the document moves it without touching its findings: they are made absolute
 * (`abs`, as of the document's start `at`) only when lint() hands them out — and lint() hands out
 * only the findings that pass the cap (`MAX_FINDINGS`), so a keystroke in a file of 8,000
 * documents copies the findings of at most the documents shown, not of every later document.
 */
interface DocResult {
  key: string;
  deps: DepSnapshot;
  rel: Finding[];
  /** Findings per severity rank (error, warning, information, hint). */
  counts: [number, number, number, number];
  /** Every finding starts inside the document (`0 <= start < length`): document order is file order. */
  inside: boolean;
  /** `rel` made absolute at `at` (the document's start when they were last handed out). */
  abs?: Finding[];
  at: number;
  errors: { rule: Rule; error: string }[];
  volatile: boolean;
}

/**
 * Where a finding that lint() handed out comes from: the document (its parsed node, whose `start`
 * follows the document) and the finding relative to it (the same object while the document's
 * text and inputs are the same). The language server keys its converted diagnostics by it.
 */
export interface FindingOrigin {
  doc: { readonly start: number; readonly end: number };
  rel: Finding;
}
const origins = new WeakMap<Finding, FindingOrigin>();
/** The origin of a finding of a document that lint() cached (undefined for the others: syntax errors, one-off lints, findings pointing outside their document). */
export function originOf(f: Finding): FindingOrigin | undefined {
  return origins.get(f);
}

/** The findings of a cached document result, absolute at `base` (copied only when the document moved). */
function absolute(result: DocResult, base: number, doc: FindingOrigin['doc'], uri: string): Finding[] {
  if (result.abs && result.at === base) return result.abs;
  const abs = result.rel.map((f) => shifted(f, base, uri));
  if (!result.volatile) for (let i = 0; i < abs.length; i++) origins.set(abs[i]!, { doc, rel: result.rel[i]! });
  result.abs = abs;
  result.at = base;
  return abs;
}

/**
 * The kinds of facts a document's rules read and their fingerprints then. Documents with the same
 * reads and fingerprints share one snapshot, checked once per lint (not once per document).
 */
interface DepSnapshot {
  deps: string[];
  fps: string[];
  /** The lint that last checked it, and its answer. */
  checkedBy?: object;
  valid?: boolean;
}
const NO_DEPS: DepSnapshot = { deps: [], fps: [] };
/** Recent snapshots by content (a few dozen at most: they are shared, not needed). */
const snapshots = new Map<string, DepSnapshot>();
function snapshotOf(deps: string[], fps: string[]): DepSnapshot {
  if (!deps.length) return NO_DEPS;
  const key = deps.join(',') + '=' + fps.join(',');
  let s = snapshots.get(key);
  if (!s) {
    s = { deps, fps };
    snapshots.set(key, s);
    if (snapshots.size > 64) snapshots.delete(snapshots.keys().next().value!);
  }
  return s;
}

/** A number per rule object (the cache of a document is for one set of rules). */
const ruleNumbers = new WeakMap<Rule, number>();
let nextRule = 0;
function ruleNumber(r: Rule): number {
  let n = ruleNumbers.get(r);
  if (n === undefined) ruleNumbers.set(r, (n = nextRule++));
  return n;
}

/** The same string object for the same key (compared per document: a pointer comparison, not the characters). */
const interned: string[] = [];
function intern(key: string): string {
  const i = interned.indexOf(key);
  if (i >= 0) return interned[i]!;
  interned.unshift(key);
  if (interned.length > 8) interned.pop();
  return key;
}

/** A document's cached runs, by rule number (an array: a map per document cost more than the runs). */
function runsOf(d: { memo: Map<unknown, unknown> }): (CachedRun | undefined)[] {
  let runs = d.memo.get(RUNS) as (CachedRun | undefined)[] | undefined;
  if (!runs) d.memo.set(RUNS, (runs = []));
  return runs;
}
const RUNS = Symbol('rule runs');

/** The run that read nothing beyond its document, found nothing and threw nothing (shared per settings). */
const emptyRuns = new Map<string, CachedRun>();
function emptyRun(settingsKey: string): CachedRun {
  let r = emptyRuns.get(settingsKey);
  if (!r) {
    r = { settingsKey, reads: NONE, fps: NONE, findings: NONE_FOUND };
    emptyRuns.set(settingsKey, r);
    if (emptyRuns.size > 16) emptyRuns.delete(emptyRuns.keys().next().value!);
  }
  return r;
}

/** Findings ordered by position, then rule id (the order lint() returns). */
function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || (a.ruleId === b.ruleId ? 0 : a.ruleId.localeCompare(b.ruleId));
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
export function modelFor(text: TextLike, options: LintOptions & { uri: string; language: Language; projectConfig: boolean }): FileModel {
  if (options.model) return options.model;
  if (options.parsed) return modelsOfParsed(options.parsed, options.uri, options.projectConfig);
  return (options.store ?? new DocumentStore()).update(text, options.language, options.uri, { maxChars: options.settings?.maxFileSize ?? DEFAULT_MAX_BYTES, projectConfig: options.projectConfig, keep: !!options.store });
}

const NONE: string[] = [];
const NONE_FOUND: Finding[] = [];
/** A document result without rule errors (shared: most). */
const NO_ERRORS: DocResult['errors'] = [];

/**
 * A string with the same characters sharing no storage with the file's text: a cached finding
 * outlives the version of the file it was computed on, and a fix's text cut from that version
 * (a slice) would keep the whole text of that version alive.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
/** The finding with its fix texts and data strings copied (see `ownCopy`). */
function detached(f: Finding): Finding {
  const data = f.data && Object.values(f.data).some((v) => typeof v === 'string' && v.length >= 13) ? Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, typeof v === 'string' ? ownCopy(v) : v])) : f.data;
  return {
    ...f,
    message: ownCopy(f.message),
    ...(f.details !== undefined ? { details: ownCopy(f.details) } : {}),
    ...(data !== f.data ? { data: data as Finding['data'] } : {}),
    fixes: f.fixes.length ? f.fixes.map((x) => ({ ...x, title: ownCopy(x.title), edits: x.edits.map((e) => ({ ...e, newText: ownCopy(e.newText) })) })) : f.fixes,
  };
}

/** The finding moved by `delta` (its range, its fixes' edits, its related locations in this file). */
function shifted(f: Finding, delta: number, uri: string): Finding {
  if (!delta) return f;
  return {
    ...f,
    start: f.start + delta,
    end: f.end + delta,
    fixes: f.fixes.length ? f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })) : f.fixes,
    ...(f.related ? { related: f.related.map((r) => (r.uri === uri ? { ...r, start: r.start + delta, end: r.end + delta } : r)) } : {}),
  };
}

/** What every rule run of one lint shares. */
interface RunShared {
  uri: string;
  file: ParsedFile;
  locale: Locale;
  settings: Settings;
  edit: () => Editor;
}

/**
 * The context of one rule run on one document (`RuleContext`), collecting its findings (raw
 * severities). A class: a first lint makes one per rule and document (60 rules × 2,000
 * documents), and an object literal with a getter and a spread was built slowly by the runtime
 * each time (a third of the rules' time in the profile of a first lint).
 */
class RuleRun implements RuleContext {
  readonly uri: string;
  readonly file: ParsedFile;
  readonly locale: Locale;
  readonly settings: Settings;
  readonly objects: RuleContext['objects'];
  readonly workloads: RuleContext['workloads'];
  readonly configs: RuleContext['configs'];
  readonly workspace: RuleContext['workspace'];
  readonly found: Finding[] = [];
  constructor(
    private readonly shared: RunShared,
    private readonly rule: Rule,
    scope: Pick<RuleContext, 'objects' | 'workloads' | 'configs' | 'workspace'>,
  ) {
    this.uri = shared.uri;
    this.file = shared.file;
    this.locale = shared.locale;
    this.settings = shared.settings;
    this.objects = scope.objects;
    this.workloads = scope.workloads;
    this.configs = scope.configs;
    this.workspace = scope.workspace;
  }
  get edit(): Editor {
    return this.shared.edit();
  }
  report(spec: Parameters<RuleContext['report']>[0]): void {
    const { rule, locale } = this;
    const node = spec.node ?? { start: 0, end: 0 };
    const long = catalogDetails(locale, rule.id, spec.messageId, spec.data);
    const short = catalogMessage(locale, rule.id, spec.messageId, spec.data);
    this.found.push({
      ruleId: rule.id,
      severity: spec.severity ?? rule.severity,
      message: short ?? long ?? spec.messageId,
      messageId: spec.messageId,
      data: spec.data ?? {},
      ...(long && long !== short ? { details: long } : {}),
      start: node.start,
      end: Math.max(node.start, node.end),
      fixes: (spec.fixes ?? []).map((f) => ({ title: fixTitle(locale, f.title.key, { ...spec.data, ...f.title.data }), kind: f.kind, edits: f.edits })),
      ...(spec.related?.length ? { related: spec.related.map((r) => ({ uri: r.uri, start: r.node.start, end: Math.max(r.node.start, r.node.end), message: relatedLabel(locale, r.message, r.data ?? spec.data) })) } : {}),
    });
  }
}

export function lint(text: TextLike, options: LintOptions = {}): LintResult {
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
  let broken = false;
  for (const d of model.summary?.withErrors ?? parsed.docs) {
    if (d.templated || !d.errors.length) continue;
    broken = true;
    // the parser often reports one mistake several times at one spot ("Implicit keys need to be on
    // a single line" + "Nested mappings are not allowed…"): the first message per spot is kept
    const spots = new Set<number>();
    for (const e of d.errors) {
      if (spots.has(e.start)) continue;
      spots.add(e.start);
      // the message comes from the catalog by error code; the parser's own words (English, a quotation) stay as the explanation, introduced by the catalog
      const message = (e.code && catalogMessage(locale, 'syntax', e.code, e.data)) || e.message;
      push({ ruleId: syntaxId, severity: 'error', message, ...(e.code ? { messageId: e.code } : {}), ...(e.data ? { data: e.data } : {}), ...(message !== e.message ? { details: term(locale, 'syntax.parserWords', { parser: e.message }) } : {}), start: e.start, end: e.end, fixes: [] });
    }
  }

  let editor: Editor | undefined;
  const edit = () => (editor ??= editorFor(parsed.source ?? parsed.text, language)); // a pieced text is not joined for the style
  const index = options.workspace ?? EMPTY_WORKSPACE;
  const internal = (rule: Rule, error: string) =>
    push({
      ruleId: INTERNAL_RULE,
      severity: 'warning',
      message: catalogMessage(locale, 'internal', 'ruleError', { rule: rule.id, error })!,
      messageId: 'ruleError',
      data: { rule: rule.id, error },
      start: 0,
      end: 0,
      fixes: [],
    });

  /** Run one rule on some objects and configs; its findings (raw severities) and the error it threw. */
  /** The kinds of facts of other files the workspace rules read for this file (LintResult.workspaceReads). */
  const workspaceReads = new Set<string>();
  const shared: RunShared = { uri, file: parsed, locale, settings, edit };
  const run = (rule: Rule, scope: Pick<RuleContext, 'objects' | 'workloads' | 'configs' | 'workspace'>): { found: Finding[]; error?: string } => {
    const ctx = new RuleRun(shared, rule, scope);
    try {
      rule.check(ctx);
      return { found: ctx.found };
    } catch (err) {
      return { found: ctx.found, error: (err as Error)?.message ?? String(err) };
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
    // while the document's text, the settings and the fingerprints of the facts the rule read
    // beyond its document are the same: a keystroke re-runs the rules of one document, plus, in the
    // other documents, the runs that read a kind of fact whose fingerprint changed. A run that read
    // nothing beyond its document (most: a rule returns early when the document has nothing for
    // it) depends on its document only. What a run reads is recorded by its view
    // (`WorkspaceView.reads`) and checked against the rule's declaration (`Rule.inputs`).
    // A rule's fixes are written in the file's style (line ends, indentation unit, sequences
    // indented or not: edit/editor.ts reads it from the whole text, usually its first lines), so a
    // cached run holds only while that style is the same: an edit that changes it re-runs every
    // document's rules.
    const style = model.cacheable && language === 'yaml' ? (edit() as unknown as YamlEditor) : undefined;
    // (the store found the line ends per document: the 5 MB text is not scanned again)
    const crlf = model.summary ? model.summary.crlf : style?.eol === '\r\n';
    const styleKey = style ? `${crlf ? 'crlf' : 'lf'},${style.style().indent},${style.style().seqIndent}` : '';
    const settingsKey = `${locale}|${styleKey}|${JSON.stringify({ ...settings, rules: undefined })}`;
    const docKey = intern(`${settingsKey}|${JSON.stringify(settings.rules ?? {})}|${rules.map(ruleNumber).join(',')}`);
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
    // the fingerprint of a kind of fact as a rule of this scope sees it (this file; and the workspace)
    const fps = new Map<string, string>();
    const fpOf = (dep: string): string => {
      let fp = fps.get(dep);
      if (fp === undefined) {
        const workspace = dep.startsWith('w:');
        const kind = dep.slice(2);
        fp = (kind === 'kustomizations' ? '' : model.fingerprint(kind as FactKind)) + (workspace ? `/${index.fingerprint(kind, uri)}` : '');
        fps.set(dep, fp);
      }
      return fp;
    };
    const depOf = (rule: Rule, kind: string) => ((rule.scope ?? 'document') === 'workspace' ? 'w:' : 'f:') + kind;
    const stillValid = (deps: readonly string[], was: readonly string[]) => {
      for (let i = 0; i < deps.length; i++) if (fpOf(deps[i]!) !== was[i]) return false;
      return true;
    };
    const thisLint = {};
    const snapshotsSeen = new Set<DepSnapshot>();
    const failed = new Set<Rule>();
    const fail = (rule: Rule, error: string) => {
      if (failed.has(rule)) return;
      failed.add(rule);
      internal(rule, error);
    };
    const runOn = (rule: Rule, d: (typeof model.docs)[number]): { found: Finding[]; error?: string; reads: string[] } => {
      const view = viewOf(rule);
      const reads = new Set<string>();
      view.reads = reads;
      try {
        const r = run(rule, { objects: d.objects, workloads: d.workloads, configs: d.configs, workspace: view });
        return { found: r.found, error: r.error, reads: reads.size ? [...reads].sort() : NONE };
      } finally {
        view.reads = undefined;
      }
    };
    /** The cached documents' results, in document order (their findings are handed out below). */
    const results: DocResult[] = [];
    // their findings per severity and whether every one lies inside its document, summed in the same pass (handOut)
    const total = [0, 0, 0, 0];
    let allInside = true;
    // (a cached document's place is not read here: a keystroke in a file of 8,000 documents reads
    // as few objects per document as it can — each is a cache miss)
    let lastDeps: DepSnapshot | undefined;
    for (const d of model.docs) {
      if (!model.cacheable) {
        // a one-off model (the CLI, a test): run, keep nothing, compute no fingerprint
        for (const rule of rules) {
          const r = runOn(rule, d);
          r.found.forEach(push);
          if (r.error !== undefined) fail(rule, r.error);
          if (rule.scope === 'workspace') for (const k of r.reads) workspaceReads.add(k);
        }
        continue;
      }
      let result = (d as { result?: DocResult }).result;
      let valid = !!result && !result.volatile && result.key === docKey;
      if (valid && result!.deps !== NO_DEPS) {
        const dep = result!.deps;
        if (dep.checkedBy !== thisLint) {
          dep.checkedBy = thisLint;
          dep.valid = stillValid(dep.deps, dep.fps);
        }
        valid = dep.valid!;
      }
      if (!valid) {
        // some rule must run again: each rule's own cached run is checked (only the runs whose inputs changed re-run)
        const base = d.doc.start;
        const found: Finding[] = [];
        let errors: DocResult['errors'] = [];
        const deps = new Set<string>();
        let volatile = false;
        for (const rule of rules) {
          const slot = ruleNumber(rule);
          let cached = runsOf(d)[slot];
          if (!cached || cached.volatile || cached.settingsKey !== settingsKey || !stillValid(cached.reads.map((k) => depOf(rule, k)), cached.fps)) {
            const r = runOn(rule, d);
            const outside = (x: { start: number; end: number }) => x.start < d.doc.start || x.end > d.doc.end;
            const isVolatile = r.found.some((f) => f.related?.some((x) => x.uri !== uri || outside(x)) || f.fixes.some((x) => x.edits.some(outside)));
            cached =
              !r.reads.length && !r.found.length && r.error === undefined
                ? emptyRun(settingsKey) // most runs: nothing read, nothing found (one shared object)
                : { settingsKey, reads: r.reads.length ? r.reads : NONE, fps: r.reads.length ? r.reads.map((k) => fpOf(depOf(rule, k))) : NONE, findings: r.found.length ? r.found.map((f) => detached(shifted(f, -base, uri))) : NONE_FOUND, error: r.error, volatile: isVolatile };
            runsOf(d)[slot] = cached;
          }
          if (cached.volatile) volatile = true;
          for (const k of cached.reads) deps.add(depOf(rule, k));
          for (const f of cached.findings) {
            const sev = effectiveSeverity(f.ruleId, f.severity, settings);
            if (sev !== 'off') found.push(sev === f.severity ? f : { ...f, severity: sev });
          }
          if (cached.error !== undefined) errors.push({ rule, error: cached.error });
        }
        found.sort(byPosition);
        const depList = [...deps].sort();
        const counts: DocResult['counts'] = [0, 0, 0, 0];
        let inside = true;
        const length = d.doc.end - base;
        for (const f of found) {
          counts[SEVERITY_RANK[f.severity]]++;
          if (f.start < 0 || f.start >= length) inside = false;
        }
        if (!errors.length) errors = NO_ERRORS;
        result = { key: docKey, deps: snapshotOf(depList, depList.map(fpOf)), rel: found.length ? found : NONE_FOUND, counts, inside, at: base, errors, volatile };
        (d as { result?: DocResult }).result = result;
      }
      results.push(result!);
      const c = result!.counts;
      total[0] += c[0];
      total[1] += c[1];
      total[2] += c[2];
      total[3] += c[3];
      if (!result!.inside) allInside = false;
      if (result!.errors !== NO_ERRORS) for (const e of result!.errors) fail(e.rule, e.error);
      if (result!.deps !== lastDeps) snapshotsSeen.add((lastDeps = result!.deps));
    }
    for (const snap of snapshotsSeen) for (const dep of snap.deps) if (dep.startsWith('w:')) workspaceReads.add(dep.slice(2));
    if (results.length) {
      // The common case of a keystroke: nothing but the documents' findings, every one inside its
      // document (so they come in file order), nothing suppressed. Only the findings that pass the
      // cap are made absolute; the others are counted.
      const quiet = !findings.length && !broken && !(model.summary ? model.summary.templated : parsed.docs.some((x) => x.templated)) && !(model.summary ? model.summary.disables : parsed.text.includes('logtail-lint-disable')) && !(model.summary ? model.summary.ignoring.length : model.docs.some((x) => x.ignoring.length));
      if (quiet && allInside) {
        if (rules.some((r) => r.scope === 'workspace')) workspaceReads.add('kustomizations');
        return { findings: handOut(results, total, model.docs, uri, options.maxFindings ?? MAX_FINDINGS, locale, settings), parsed, model, workspaceReads: [...workspaceReads] };
      }
      for (let i = 0; i < results.length; i++) for (const f of absolute(results[i]!, model.docs[i]!.doc.start, model.docs[i]!.doc, uri)) findings.push(f);
    }
  }

  // Go/Helm templates: only findings whose inputs are literal (template-scope.ts).
  const checked =
    projectConfig || !(model.summary ? model.summary.templated : parsed.docs.some((d) => d.templated))
      ? findings
      : templateFindings(findings, parsed, { objects: model.docs.flatMap((d) => d.objects), workloads: model.docs.flatMap((d) => d.workloads), configs: model.docs.flatMap((d) => d.configs) }, locale, (f) => f.ruleId === INTERNAL_RULE || f.ruleId === SKIPPED_RULE, uri);

  // Suppression: comments and `logtail-lint.io/ignore` annotations.
  const { lines: disabled, file: fileDisabled } = disabledLines(parsed.text);
  let ignoring = model.summary?.ignoring;
  if (!ignoring) {
    ignoring = [];
    for (const d of model.docs) for (const o of d.ignoring) ignoring.push(o);
  }
  // A syntax error: the parser's recovery guesses a tree (later keys nested under the broken one,
  // a quoted name running on to the end of the document), and a finding computed from it can
  // contradict the visible text, in that document or in another that refers to it. Such a file
  // reports its syntax errors only, whatever the level of the syntax rule (issue 11).

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
  // the documents' findings come sorted and in document order: sort only when something is not
  let sorted = true;
  for (let i = 1; i < kept.length && sorted; i++) if (byPosition(kept[i - 1]!, kept[i]!) > 0) sorted = false;
  if (!sorted) kept.sort(byPosition);
  if (rules.some((r) => r.scope === 'workspace')) workspaceReads.add('kustomizations');
  return { findings: capFindings(kept, options.maxFindings ?? MAX_FINDINGS, locale, settings), parsed, model, workspaceReads: [...workspaceReads] };
}

/**
 * At most `max` findings: the most severe first (an error is never hidden behind a thousand
 * hints), in file order among equals, reported in file order; then one finding that counts the
 * rest, with the highest severity among them, at the first of them (issue 15: a 7 MB unterminated
 * string gave 1.75 M findings; SARIF output died and the server did not answer). Its level can be
 * set like any rule's.
 */
function capFindings(findings: Finding[], max: number, locale: Locale, settings: Settings): Finding[] {
  if (findings.length <= max) return findings;
  const order = findings.map((_, i) => i).sort((a, b) => SEVERITY_RANK[findings[a]!.severity] - SEVERITY_RANK[findings[b]!.severity] || a - b);
  const keep = new Uint8Array(findings.length);
  for (let i = 0; i < max; i++) keep[order[i]!] = 1;
  const shown: Finding[] = [];
  let first: Finding | undefined;
  let severity: Severity = 'hint';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (keep[i]) shown.push(f);
    else {
      first ??= f;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[severity]) severity = f.severity;
    }
  }
  return withTruncation(shown, findings.length - max, max, first!.start, severity, locale, settings);
}

/** `shown` with the one finding that counts the `rest` (at `at`, the first of them), unless its level is off. */
function withTruncation(shown: Finding[], rest: number, max: number, at: number, severity: Severity, locale: Locale, settings: Settings): Finding[] {
  const level = effectiveSeverity(TRUNCATED_RULE, severity, settings);
  if (level === 'off') return shown;
  let pos = shown.length;
  while (pos > 0 && shown[pos - 1]!.start > at) pos--;
  shown.splice(pos, 0, {
    ruleId: TRUNCATED_RULE,
    severity: level,
    message: catalogMessage(locale, 'internal', 'tooManyFindings', { count: rest })!,
    messageId: 'tooManyFindings',
    data: { count: rest, max },
    start: at,
    end: at,
    fixes: [],
  });
  return shown;
}

/**
 * The findings of the documents' cached results, in file order, capped as `capFindings` caps them
 * (the most severe first, in file order among equals) — computed from the results' counts (`total`: their sum per severity, added up by lint()'s pass), so that
 * only the documents with a shown finding (and the first one with a hidden finding) make theirs
 * absolute. Equal to `capFindings` over every document's absolute findings.
 */
function handOut(results: DocResult[], total: readonly number[], docs: FileModel['docs'], uri: string, max: number, locale: Locale, settings: Settings): Finding[] {
  const all = total[0]! + total[1]! + total[2]! + total[3]!;
  const out: Finding[] = [];
  if (all <= max) {
    for (let i = 0; i < results.length; i++) if (results[i]!.rel.length) for (const f of absolute(results[i]!, docs[i]!.doc.start, docs[i]!.doc, uri)) out.push(f);
    return out;
  }
  // every finding of a rank below `rank` is shown, and the first `quota` of rank `rank` (file order)
  let rank = 0;
  let quota = max;
  while (total[rank]! < quota) quota -= total[rank++]!;
  let hiddenRank = 4;
  for (let k = 3; k > rank; k--) if (total[k]) hiddenRank = k;
  if (total[rank]! > quota) hiddenRank = rank;
  let first: Finding | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (!r.rel.length) continue;
    let shows = false;
    for (let k = 0; k < rank; k++) if (r.counts[k]) shows = true;
    if (r.counts[rank] && quota > 0) shows = true;
    // the document holds a hidden finding: one of a rank past `rank`, or of `rank` past the quota
    let hides = false;
    for (let k = rank + 1; k < 4; k++) if (r.counts[k]) hides = true;
    if (r.counts[rank]! > quota) hides = true;
    if (!shows && !(hides && !first)) continue;
    for (const f of absolute(r, docs[i]!.doc.start, docs[i]!.doc, uri)) {
      const k = SEVERITY_RANK[f.severity];
      if (k < rank || (k === rank && quota > 0)) {
        if (k === rank) quota--;
        out.push(f);
      } else first ??= f;
    }
  }
  return withTruncation(out, all - max, max, first!.start, (['error', 'warning', 'information', 'hint'] as const)[hiddenRank]!, locale, settings);
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
