import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint, fixAll, fileKind, LineIndex, languageOf, normalizeLocale, parseFile, isConfigFile, WorkspaceIndex, SYNTAX_RULE, DEFAULT_MAX_BYTES, CONFIG_WATCH_GLOB, type Language, type Locale, type ParsedFile, type Settings } from '../engine/index';
import { complete, hover, snippetToPlain, type CompletionEntry } from '../engine/complete/index';
import { toDiagnostic, toTextEdit, type DiagnosticData } from './convert';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation';
import { ProjectConfigs } from './project-config';
import { scanWorkspace } from './scan';
import { RED_HAT_KUBERNETES_NOTIFICATION, redHatValidatesKubernetes, type RedHatKubernetes } from './kubernetes-owner';

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

/** What a client may pass in `initializationOptions` (see docs/duplicate-diagnostics.md). */
export interface InitOptions {
  locale?: string;
  /**
   * `false` for a language: another service of the client already reports that language's
   * syntax errors (VS Code's built-in JSON language features; Red Hat YAML), so `syntax/json`
   * (for json and jsonc documents) or `syntax/yaml` is not reported again. Default: both true.
   */
  syntaxErrors?: { json?: boolean; yaml?: boolean };
  /** `false`: do not offer the snippets as completion items (the client contributes them itself). */
  snippets?: boolean;
  /** Folder of the rule pages (`<docsBaseUri><rule id>.md`), for `codeDescription.href`. Default: docs/rules/ next to the server bundle. */
  docsBaseUri?: string;
  /** Red Hat YAML is active: the `yaml.schemas` patterns it validates with a Kubernetes schema (kubernetes-owner.ts). */
  redHatKubernetes?: RedHatKubernetes | null;
}

/** Request a client may send for the status of a file: what kind of file the server sees. */
export const FILE_KIND_REQUEST = 'logtailLint/fileKind';

/** docs/rules/ of the package the server runs from (dist/server.js → docs/rules/), if it is there. */
function bundledDocs(): string | undefined {
  try {
    const dir = join(__dirname, '..', 'docs', 'rules');
    return existsSync(dir) ? pathToFileURL(dir).toString() + '/' : undefined;
  } catch {
    return undefined;
  }
}

/** Notification a client may send when its `syntaxErrors` answer changes (an extension was installed or a setting changed). */
export const SYNTAX_ERRORS_NOTIFICATION = 'logtailLint/syntaxErrors';

const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {} };
const FIX_ALL_KIND = 'source.fixAll.logtailLint';

export function languageFor(doc: TextDocument): Language | undefined {
  const id = doc.languageId;
  if (id === 'yaml' || id.startsWith('yaml')) return 'yaml';
  if (id === 'jsonc') return 'jsonc';
  if (id === 'json') return languageOf(doc.uri) === 'jsonc' ? 'jsonc' : 'json';
  return languageOf(doc.uri);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new WorkspaceIndex();
  let locale: Locale = 'en';
  let pull = false;
  let configPull = false;
  let refreshSupport = false;
  let lensRefreshSupport = false;
  let showDocumentSupport = false;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  let workspaceFolders: string[] = [];
  let syntaxErrors = { json: true, yaml: true };
  let redHatKubernetes: RedHatKubernetes | null = null;
  let redHatGeneration = 0;
  /** `off` where Red Hat YAML validates the file with a Kubernetes schema, else the setting. */
  const kubernetesSchemaFor = (doc: TextDocument, language: Language, setting: 'on' | 'off' | undefined): 'on' | 'off' | undefined =>
    language === 'yaml' && redHatValidatesKubernetes(redHatKubernetes, doc.uri, doc.getText()) ? 'off' : setting;
  let offerSnippets = true;
  let snippetSupport = false;
  let adjustIndentation = false;
  let watchRegistration = false;
  const projectConfigs = new ProjectConfigs(documents, () => locale);
  let docsBase: string | undefined;
  /** The workspace scan waits until a Kubernetes or Logtail file is open (activation costs nothing otherwise). */
  let scanState: 'waiting' | 'pending' | 'started' = 'waiting';

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? undefined) as InitOptions | undefined;
    locale = normalizeLocale(params.locale ?? init?.locale);
    if (init?.syntaxErrors) syntaxErrors = { json: init.syntaxErrors.json !== false, yaml: init.syntaxErrors.yaml !== false };
    offerSnippets = init?.snippets !== false;
    redHatKubernetes = init?.redHatKubernetes && Array.isArray(init.redHatKubernetes.globs) ? { globs: init.redHatKubernetes.globs.filter((g) => typeof g === 'string') } : null;
    docsBase = typeof init?.docsBaseUri === 'string' ? init.docsBaseUri : bundledDocs();
    const caps = params.capabilities;
    const item = caps.textDocument?.completion?.completionItem;
    snippetSupport = !!item?.snippetSupport;
    adjustIndentation = !!item?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.adjustIndentation);
    pull = !!caps.textDocument?.diagnostic;
    configPull = !!caps.workspace?.configuration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    lensRefreshSupport = !!caps.workspace?.codeLens?.refreshSupport;
    showDocumentSupport = !!caps.window?.showDocument?.support;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!workspaceFolders.length && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: false },
        hoverProvider: true,
        ...NAVIGATION_CAPABILITIES,
        ...(pull ? { diagnosticProvider: { identifier: 'logtailLint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'logtail-lint', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (configPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'logtailLint' }).catch(() => undefined);
    // Project configuration files changed on disk (VS Code's client also watches them itself: synchronize.fileEvents).
    if (watchRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_WATCH_GLOB }] }).catch(() => undefined);
    initialized = true;
    if (scanState === 'pending') startScan();
  });

  let initialized = false;
  /** Reads the workspace's other files for cross-file facts (PVCs, collectors), once. */
  function startScan() {
    if (scanState === 'started') return;
    if (!initialized) {
      scanState = 'pending';
      return;
    }
    scanState = 'started';
    void scanWorkspace(
      workspaceFolders,
      (uri, text) => {
        if (documents.get(uri)) return;
        const lang = languageOf(uri);
        if (lang) workspace.update(uri, parseFile(text, lang));
      },
      (path) => !!projectConfigs.forUri(pathToFileURL(path).toString())?.ignores(path),
    ).then(() => refreshAll());
  }

  function getSettings(uri: string): Promise<ServerSettings> {
    if (!configPull) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'logtailLint' })
        .then((v: ServerSettings | null) => ({ ...DEFAULT_SETTINGS, ...(v ?? {}) }))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }
  let globalSettings: ServerSettings = DEFAULT_SETTINGS;

  /** Editor settings over the document's project configuration; undefined: the document is in `ignorePaths`. */
  async function effectiveSettings(uri: string): Promise<ServerSettings | undefined> {
    return projectConfigs.apply(uri, await getSettings(uri));
  }

  connection.onDidChangeWatchedFiles((params) => {
    if (!params.changes.some((c) => isConfigFile(c.uri))) return;
    projectConfigs.invalidate();
    refreshAll();
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    settingsGeneration++;
    const s = (change.settings as { logtailLint?: ServerSettings } | undefined)?.logtailLint;
    if (s) globalSettings = { ...DEFAULT_SETTINGS, ...s };
    refreshAll();
  });

  async function diagnose(doc: TextDocument): Promise<Diagnostic[]> {
    const language = languageFor(doc);
    if (!language) return [];
    const effective = await effectiveSettings(doc.uri);
    if (!effective || effective.enable === false) return [];
    const settings = { ...effective, kubernetesSchema: kubernetesSchemaFor(doc, language, effective.kubernetesSchema) };
    const text = doc.getText();
    const mode = settings.syntaxErrors ?? 'auto';
    const reportSyntax = mode === 'always' || (mode === 'auto' && (language === 'yaml' ? syntaxErrors.yaml : syntaxErrors.json));
    try {
      const cached = (settings.maxFileSize ?? DEFAULT_MAX_BYTES) === DEFAULT_MAX_BYTES ? parsedOf(doc, language) : undefined;
      const { findings, parsed } = lint(text, { uri: doc.uri, language, settings, locale, workspace, parsed: cached });
      return findings
        .filter((f) => reportSyntax || (f.ruleId !== SYNTAX_RULE.yaml && f.ruleId !== SYNTAX_RULE.json))
        .map((f) => toDiagnostic(parsed.lines, f, doc.version, settings.docs?.baseUrl?.trim() || docsBase, (uri) => (uri === doc.uri ? parsed.lines : (documents.get(uri) ?? workspace.linesOf(uri)))));
    } catch (err) {
      connection.console.error(`logtail-lint: linting ${doc.uri} failed: ${(err as Error)?.stack ?? err}`);
      return [];
    }
  }

  /** One parse per document version, shared by the workspace index and the diagnostics. */
  const parsedCache = new Map<string, { version: number; parsed: ParsedFile }>();
  function parsedOf(doc: TextDocument, language: Language, settings?: Settings): ParsedFile {
    const hit = parsedCache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = parseFile(doc.getText(), language, settings?.maxFileSize ?? DEFAULT_MAX_BYTES);
    parsedCache.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  }

  function indexDoc(doc: TextDocument) {
    const language = languageFor(doc);
    if (!language) return;
    try {
      const parsed = parsedOf(doc, language);
      workspace.update(doc.uri, parsed);
      if (scanState !== 'started' && fileKind(parsed, doc.uri) !== 'other') startScan();
    } catch {
      /* never let indexing break the server */
    }
  }

  function schedulePush(doc: TextDocument, delay = 150) {
    if (pull) return;
    clearTimeout(pushTimers.get(doc.uri));
    pushTimers.set(
      doc.uri,
      setTimeout(async () => {
        pushTimers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        const diagnostics = await diagnose(current);
        void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
      }, delay),
    );
  }

  let refreshTimer: NodeJS.Timeout | undefined;
  function refreshAll() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      if (pull) {
        if (refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      } else for (const d of documents.all()) schedulePush(d, 0);
    }, 100);
  }

  documents.onDidOpen((e) => {
    indexDoc(e.document);
    schedulePush(e.document, 0);
    if (isConfigFile(e.document.uri)) {
      projectConfigs.invalidate();
      refreshOthers(e.document.uri);
    }
  });
  documents.onDidChangeContent((e) => {
    const before = workspace.generation;
    indexDoc(e.document);
    schedulePush(e.document);
    // other open files may depend on this one (PVCs, hostPath volumes, collector DaemonSets),
    // or on the project configuration being edited
    const configChanged = isConfigFile(e.document.uri) && projectConfigs.documentChanged(e.document.uri);
    if ((configChanged || workspace.generation !== before) && documents.all().length > 1) refreshOthers(e.document.uri);
  });
  documents.onDidClose((e) => {
    if (isConfigFile(e.document.uri)) {
      projectConfigs.invalidate(); // back to the text on disk
      refreshAll();
    }
    settingsCache.delete(e.document.uri);
    lastResult.delete(e.document.uri);
    parsedCache.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  let othersTimer: NodeJS.Timeout | undefined;
  function refreshOthers(changed: string) {
    clearTimeout(othersTimer);
    othersTimer = setTimeout(() => {
      if (pull) {
        if (refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      } else for (const d of documents.all()) if (d.uri !== changed) schedulePush(d, 0);
    }, 500);
  }

  /**
   * Pull results per document: VS Code re-pulls every open document when any of them changes
   * (interFileDependencies), so a document whose text, settings and workspace facts are the same
   * as last time answers "unchanged" instead of being linted again.
   */
  const lastResult = new Map<string, { key: string; resultId: string }>();
  let resultCounter = 0;
  let settingsGeneration = 0;
  connection.languages.diagnostics.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: 'full', items: [] };
    const key = `${doc.version}:${workspace.generation}:${settingsGeneration}:${projectConfigs.generation}:${syntaxErrors.json}:${syntaxErrors.yaml}:${redHatGeneration}`;
    const last = lastResult.get(doc.uri);
    if (last && last.key === key && params.previousResultId === last.resultId) return { kind: 'unchanged', resultId: last.resultId };
    const items = await diagnose(doc);
    const resultId = String(++resultCounter);
    lastResult.set(doc.uri, { key, resultId });
    return { kind: 'full', resultId, items };
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const language = languageFor(doc);
    if (!language) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wantQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
    const wantFixAll = !!only?.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.Source);
    const textDocument = { uri: doc.uri, version: doc.version };

    if (wantQuickFix) {
      const fileDisabled = new Set<string>();
      for (const d of params.context.diagnostics) {
        const data = d.data as DiagnosticData | undefined;
        if (d.source !== 'logtail-lint' || !data?.ruleId) continue;
        if (data.version === doc.version) {
          data.fixes.forEach((fix, i) => {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [d],
              isPreferred: i === 0 && fix.kind === 'safe',
              edit: { documentChanges: [{ textDocument, edits: fix.edits }] },
            });
          });
        }
        if (data.ruleId !== SYNTAX_RULE.yaml && data.ruleId !== SYNTAX_RULE.json && language !== 'json') {
          const line = d.range.start.line;
          const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character: 10000 } });
          const indent = /^[ \t]*/.exec(lineText)![0];
          const marker = language === 'yaml' ? '#' : '//';
          actions.push({
            title: locale === 'zh-CN' ? `在此行禁用 ${data.ruleId}` : `Disable ${data.ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: { documentChanges: [{ textDocument, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${marker} logtail-lint-disable-next-line ${data.ruleId}\n` }] }] },
          });          if (!fileDisabled.has(data.ruleId)) {
            fileDisabled.add(data.ruleId);
            actions.push({
              title: locale === 'zh-CN' ? `在此文件中禁用 ${data.ruleId}` : `Disable ${data.ruleId} for this file`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [d],
              edit: { documentChanges: [{ textDocument, edits: [disableForFileEdit(doc, marker, data.ruleId)] }] },
            });
          }
        }
      }
    }

    const settings = wantFixAll ? await effectiveSettings(doc.uri) : undefined;
    if (wantFixAll && settings) {
      const text = doc.getText();
      const fixed = fixAll(text, { uri: doc.uri, language, settings, locale, workspace });
      if (fixed !== text) {
        const lines = new LineIndex(text);
        actions.push({
          title: locale === 'zh-CN' ? '修复所有可安全修复的 logtail-lint 问题' : 'Fix all auto-fixable logtail-lint problems',
          kind: FIX_ALL_KIND,
          edit: { documentChanges: [{ textDocument, edits: [toTextEdit(lines, { start: 0, end: text.length, newText: fixed })] }] },
        });
      }
    }
    return actions;
  });

  connection.onRequest(FILE_KIND_REQUEST, (p: { uri?: string } | undefined) => {
    const doc = p?.uri ? documents.get(p.uri) : undefined;
    const language = doc && languageFor(doc);
    if (!doc || !language) return null;
    try {
      return { kind: fileKind(parsedOf(doc, language), doc.uri) };
    } catch {
      return { kind: 'other' };
    }
  });

  connection.onNotification(SYNTAX_ERRORS_NOTIFICATION, (p: InitOptions['syntaxErrors'] | undefined) => {
    syntaxErrors = { json: p?.json !== false, yaml: p?.yaml !== false };
    refreshAll();
  });

  connection.onNotification(RED_HAT_KUBERNETES_NOTIFICATION, (p: RedHatKubernetes | null | undefined) => {
    redHatKubernetes = p && Array.isArray(p.globs) ? { globs: p.globs.filter((g) => typeof g === 'string') } : null;
    redHatGeneration++;
    refreshAll();
  });

  function toCompletionItem(doc: TextDocument, e: CompletionEntry): CompletionItem {
    const range = { start: doc.positionAt(e.range.start), end: doc.positionAt(e.range.end) };
    const asSnippet = e.snippet && snippetSupport;
    return {
      label: e.label,
      kind: e.kind === 'property' ? CompletionItemKind.Property : e.kind === 'snippet' ? CompletionItemKind.Snippet : CompletionItemKind.Value,
      detail: e.detail || undefined,
      documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
      textEdit: { range, newText: e.snippet && !snippetSupport ? snippetToPlain(e.insertText) : e.insertText },
      insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(e.multiline && adjustIndentation ? { insertTextMode: InsertTextMode.adjustIndentation } : {}),
      sortText: e.sortText,
      filterText: e.filterText,
      preselect: e.preselect,
    };
  }

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const language = doc && languageFor(doc);
    if (!doc || !language || isConfigFile(doc.uri)) return null; // no Kubernetes/Logtail completion in .logtail-lint.yaml
    if ((await getSettings(doc.uri)).enable === false) return null;
    try {
      const kubernetesSchema = kubernetesSchemaFor(doc, language, (await effectiveSettings(doc.uri))?.kubernetesSchema);
      const entries = complete(doc.getText(), language, doc.offsetAt(params.position), { uri: doc.uri, locale, snippets: offerSnippets, triggerCharacter: params.context?.triggerCharacter, kubernetesSchema });
      return { isIncomplete: false, items: entries.map((e) => toCompletionItem(doc, e)) };
    } catch (err) {
      connection.console.error(`logtail-lint: completion in ${doc.uri} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const language = doc && languageFor(doc);
    if (!doc || !language || isConfigFile(doc.uri)) return null; // no Kubernetes/Logtail hover in .logtail-lint.yaml
    if ((await getSettings(doc.uri)).enable === false) return null;
    try {
      const kubernetesSchema = kubernetesSchemaFor(doc, language, (await effectiveSettings(doc.uri))?.kubernetesSchema);
      const h = hover(doc.getText(), language, doc.offsetAt(params.position), { uri: doc.uri, locale, kubernetesSchema });
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
    } catch (err) {
      connection.console.error(`logtail-lint: hover in ${doc.uri} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });

  registerNavigation({ connection, documents, workspace, locale: () => locale, lensRefresh: () => lensRefreshSupport, showDocument: () => showDocumentSupport });

  documents.listen(connection);
  connection.listen();
}

/**
 * `# logtail-lint-disable-file <id>` on the first line, or the id added to such a line when the
 * file already starts with one (after other leading comments).
 */
export function disableForFileEdit(doc: TextDocument, marker: string, ruleId: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } {
  for (let line = 0; line < Math.min(doc.lineCount, 50); line++) {
    const text = doc.getText({ start: { line, character: 0 }, end: { line, character: 100000 } }).replace(/\r?\n$/, '');
    const m = /^\s*(?:#|\/\/)\s*logtail-lint-disable-file\b(.*)$/.exec(text);
    if (m && !m[1]!.includes('--')) {
      const at = { line, character: text.length };
      return { range: { start: at, end: at }, newText: m[1]!.trim() ? `, ${ruleId}` : ` ${ruleId}` };
    }
    if (!/^\s*((#|\/\/).*)?$/.test(text)) break;
  }
  const top = { line: 0, character: 0 };
  return { range: { start: top, end: top }, newText: `${marker} logtail-lint-disable-file ${ruleId}\n` };
}

declare const __VERSION__: string | undefined;
