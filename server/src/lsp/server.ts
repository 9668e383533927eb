import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  CompletionItemKind,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKind, languageOf, normalizeLocale, parseFile, isConfigFile, workspaceInputs, WorkspaceIndex, DocumentStore, DEFAULT_MAX_BYTES, CONFIG_WATCH_GLOB, type Language, type Locale, type ParsedFile, type FileModel } from '../engine/index';
import { complete, hover, snippetToPlain, type CompletionEntry } from '../engine/complete/index';
import type { HoverResult } from '../engine/complete/hover';
import type { DiagnosticData } from './convert';
import { diagnose, fixAllEdit, type Diagnosed } from './diagnose';
import { Explanations, explanationMarkdown, spanOf } from './explain';
import { catalogMessage } from '../engine/catalog';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation';
import { ProjectConfigs } from './project-config';
import { scanWorkspace } from './scan';
import { RED_HAT_KUBERNETES_NOTIFICATION, redHatValidatesKubernetes, type RedHatKubernetes } from './kubernetes-owner';
import { DEFAULT_SETTINGS, validateSettings, type ServerSettings } from './settings';
import { JobCancelled, JobStale, LARGE_DOCUMENT_CHARS, LintWorker } from './worker';
import { documentsConfiguration, PiecedDocument, textLength } from './text-document';

export type { ServerSettings } from './settings';

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

const FIX_ALL_KIND = 'source.fixAll.logtailLint';

/** The kinds of facts the workspace rules read from other files: a change of any other kind re-validates no other document. */
const WORKSPACE_INPUTS: ReadonlySet<string> = workspaceInputs();

export function languageFor(doc: TextDocument): Language | undefined {
  const id = doc.languageId;
  if (id === 'yaml' || id.startsWith('yaml')) return 'yaml';
  if (id === 'jsonc') return 'jsonc';
  if (id === 'json') return languageOf(doc.uri) === 'jsonc' ? 'jsonc' : 'json';
  return languageOf(doc.uri);
}

/** The first 4,096 characters of a document (what `redHatValidatesKubernetes` reads), without joining a large one's pieces. */
function headOf(doc: TextDocument): string {
  return doc instanceof PiecedDocument ? doc.slice(0, 4096) : doc.getText();
}

/** Errors a handler may answer with; anything else becomes a short sentence without internals. */
function isResponseError(e: unknown): e is ResponseError<unknown> {
  return e instanceof ResponseError;
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
/** The document changed while its diagnostics were computed: the client pulls again. */
const superseded = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are computed again.', { retriggerRequest: true });

export function startServer(connection: Connection, options: { workerScript?: string } = {}): void {
  // large documents are kept in pieces: a keystroke never copies their whole text (text-document.ts)
  const documents = new TextDocuments(documentsConfiguration(LARGE_DOCUMENT_CHARS));
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
    language === 'yaml' && redHatKubernetes && redHatValidatesKubernetes(redHatKubernetes, doc.uri, headOf(doc)) ? 'off' : setting;
  let offerSnippets = true;
  let snippetSupport = false;
  let adjustIndentation = false;
  let watchRegistration = false;
  const projectConfigs = new ProjectConfigs(documents, () => locale);
  let docsBase: string | undefined;
  /** The workspace scan waits until a Kubernetes or Logtail file is open (activation costs nothing otherwise). */
  let scanState: 'waiting' | 'pending' | 'started' = 'waiting';
  let initialized = false;
  /** Files of the workspace folders read by the scan (the lint worker reads them again itself). */
  const scanned: string[] = [];

  /**
   * The server's revision of each open document's content: it moves on every didOpen/didChange,
   * whatever version number the client sends. Every cache and every fix is keyed by it.
   */
  const nonce = randomBytes(4).toString('hex');
  let revCounter = 0;
  const revs = new Map<string, string>();
  const revOf = (uri: string) => revs.get(uri) ?? '';

  const worker = new LintWorker(
    {
      scanned: () => scanned,
      openDocuments: () => documents.all().flatMap((d) => (languageFor(d) && textLength(d) < LARGE_DOCUMENT_CHARS ? [{ uri: d.uri, text: d.getText(), language: languageFor(d)! }] : [])),
      log: (m) => connection.console.warn(m),
    },
    options.workerScript ?? __filename,
  );
  const isLarge = (doc: TextDocument) => textLength(doc) >= LARGE_DOCUMENT_CHARS;
  /** The long explanations of the last diagnostics of each document (hover). */
  const explanations = new Explanations();

  /** Wrap a request handler: a failure is logged and answered with a sentence, not with internals. */
  function guarded<P, R>(method: string, handler: (params: P, token: CancellationToken) => Promise<R> | R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        if (token.isCancellationRequested) throw cancelled();
        return await handler(params, token);
      } catch (err) {
        if (isResponseError(err)) throw err;
        if (err instanceof JobCancelled) throw token.isCancellationRequested ? cancelled() : superseded();
        connection.console.error(`logtail-lint: ${method} failed: ${(err as Error)?.stack ?? err}`);
        throw new ResponseError(ErrorCodes.InternalError, `logtail-lint could not answer ${method}.`);
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? undefined) as InitOptions | undefined;
    // initializationOptions.locale: the client's setting (logtailLint.language) over its display language
    locale = normalizeLocale((typeof init?.locale === 'string' ? init.locale : undefined) ?? params.locale);
    if (init?.syntaxErrors && typeof init.syntaxErrors === 'object') syntaxErrors = { json: init.syntaxErrors.json !== false, yaml: init.syntaxErrors.yaml !== false };
    offerSnippets = init?.snippets !== false;
    redHatKubernetes = init?.redHatKubernetes && Array.isArray(init.redHatKubernetes.globs) ? { globs: init.redHatKubernetes.globs.filter((g) => typeof g === 'string') } : null;
    docsBase = typeof init?.docsBaseUri === 'string' ? init.docsBaseUri : bundledDocs();
    const caps = params.capabilities ?? {};
    const item = caps.textDocument?.completion?.completionItem;
    snippetSupport = !!item?.snippetSupport;
    adjustIndentation = !!item?.insertTextModeSupport?.valueSet?.includes?.(InsertTextMode.adjustIndentation);
    pull = !!caps.textDocument?.diagnostic;
    configPull = !!caps.workspace?.configuration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    lensRefreshSupport = !!caps.workspace?.codeLens?.refreshSupport;
    showDocumentSupport = !!caps.window?.showDocument?.support;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceFolders.splice(0, workspaceFolders.length, ...(params.workspaceFolders ?? []).map((f) => f.uri));
    if (!workspaceFolders.length && params.rootUri) workspaceFolders.push(params.rootUri);
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
        if (!lang) return;
        scanned.push(uri);
        workspace.update(uri, parseFile(text, lang));
        worker.index(uri, text, lang);
      },
      (path) => !!projectConfigs.forUri(pathToFileURL(path).toString())?.ignores(path),
    )
      .catch((err) => connection.console.error(`logtail-lint: workspace scan failed: ${(err as Error)?.message ?? err}`))
      .then(() => refreshAll());
  }

  /** Settings problems already shown to the user (each once). */
  const warned = new Set<string>();
  function validated(raw: unknown): ServerSettings {
    const { settings, problems } = validateSettings(raw, locale);
    for (const p of problems) {
      if (warned.has(p)) continue;
      warned.add(p);
      connection.console.warn(p);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: p }).catch(() => undefined);
    }
    return settings;
  }

  function getSettings(uri: string): Promise<ServerSettings> {
    if (!configPull) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'logtailLint' })
        .then((v: unknown) => validated(v))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }
  let globalSettings: ServerSettings = DEFAULT_SETTINGS;
  let settingsGeneration = 0;

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
    const raw = (change?.settings as { logtailLint?: unknown } | undefined)?.logtailLint;
    if (raw !== undefined) globalSettings = validated(raw);
    refreshAll();
  });

  function reportSyntaxFor(language: Language, settings: ServerSettings): boolean {
    const mode = settings.syntaxErrors ?? 'auto';
    return mode === 'always' || (mode === 'auto' && (language === 'yaml' ? syntaxErrors.yaml : syntaxErrors.json));
  }

  /** Diagnostics of the document as it is now; throws `superseded()` when it changed meanwhile. */
  async function diagnoseDoc(doc: TextDocument, token?: CancellationToken): Promise<Diagnosed> {
    const language = languageFor(doc);
    if (!language) return { diagnostics: [], reads: [] };
    const rev = revOf(doc.uri);
    const effective = await effectiveSettings(doc.uri);
    if (!effective || effective.enable === false) return { diagnostics: [], reads: [] };
    const settings: ServerSettings = { ...effective, kubernetesSchema: kubernetesSchemaFor(doc, language, effective.kubernetesSchema) };
    if (token?.isCancellationRequested) throw cancelled();
    if (revOf(doc.uri) !== rev) throw superseded();
    const common = { uri: doc.uri, language, settings, locale, reportSyntax: reportSyntaxFor(language, settings), version: doc.version, rev, docsBase: settings.docs?.baseUrl?.trim() || docsBase };
    let items: Diagnosed;
    if (isLarge(doc)) {
      // the worker holds its own copy of the text, kept in step by the edits (`contentChanged`)
      const job = (withText: boolean) => worker.run(doc.uri, { op: 'diagnose', input: { ...common, ...(withText ? { text: doc.getText() } : {}) } }, token);
      try {
        try {
          items = await job(worker.needsText(doc.uri, rev));
        } catch (err) {
          if (!(err instanceof JobStale) || revOf(doc.uri) !== rev) throw err;
          items = await job(true);
        }
      } catch (err) {
        if (err instanceof JobCancelled || err instanceof JobStale) throw token?.isCancellationRequested ? cancelled() : superseded();
        throw err;
      }
      if (token?.isCancellationRequested) throw cancelled();
      if (revOf(doc.uri) !== rev) throw superseded();
    } else {
      items = diagnose({ ...common, text: doc.getText(), model: modelOf(doc, language, settings) }, workspace, (uri) => documents.get(uri));
    }
    return { diagnostics: explanations.keep(doc.uri, rev, items.diagnostics), reads: items.reads };
  }

  /**
   * One model per document content, shared by the workspace index and the diagnostics: each open
   * document has a document store (engine/model/document.ts), so an edit re-models only the `---`
   * documents whose text changed and the others keep their cached findings.
   */
  const parsedCache = new Map<string, { rev: string; maxBytes: number; model: FileModel; store: DocumentStore }>();
  function modelOf(doc: TextDocument, language: Language, settings?: ServerSettings): FileModel {
    const rev = revOf(doc.uri);
    const maxBytes = settings?.maxFileSize ?? DEFAULT_MAX_BYTES;
    const hit = parsedCache.get(doc.uri);
    if (hit && hit.rev === rev && hit.maxBytes === maxBytes) return hit.model;
    const store = hit?.store ?? new DocumentStore();
    const model = store.update(doc.getText(), language, doc.uri, { maxChars: maxBytes, projectConfig: isConfigFile(doc.uri) });
    parsedCache.set(doc.uri, { rev, maxBytes, model, store });
    return model;
  }
  function parsedOf(doc: TextDocument, language: Language, settings?: ServerSettings): ParsedFile {
    return modelOf(doc, language, settings).parsed;
  }

  /** Index the document's facts; the kinds of facts that changed. */
  function indexDoc(doc: TextDocument): string[] {
    const language = languageFor(doc);
    // A large document's facts are not indexed: parsing it here would block the server for
    // seconds (as the workspace scan, which reads files up to the same size).
    if (!language || isLarge(doc)) return [];
    const before = workspace.generation;
    let changed: string[] = [];
    try {
      const model = modelOf(doc, language);
      changed = workspace.updateModel(model);
      if (scanState !== 'started' && fileKind(model.parsed, doc.uri) !== 'other') startScan();
    } catch {
      /* never let indexing break the server */
    }
    if (workspace.generation !== before) worker.index(doc.uri, doc.getText(), language);
    return changed;
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
        try {
          const { diagnostics } = await diagnoseAndRemember(current);
          void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
        } catch (err) {
          if (isResponseError(err)) return; // superseded: the newer version is scheduled already
          connection.console.error(`logtail-lint: linting ${current.uri} failed: ${(err as Error)?.stack ?? err}`);
        }
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

  // TextDocuments fires onDidOpen, then onDidChangeContent, for a didOpen; onDidChangeContent alone for a didChange.
  let justOpened: string | undefined;
  function contentChanged(doc: TextDocument, open: boolean) {
    const base = revOf(doc.uri);
    revs.set(doc.uri, `${nonce}.${++revCounter}`);
    // a large document's edit goes to the worker's copy of it (or the worker forgets its copy)
    worker.edited(doc.uri, base, revOf(doc.uri), !open && doc instanceof PiecedDocument ? doc.lastEdits : undefined);
    const changed = indexDoc(doc);
    schedulePush(doc, open ? 0 : 150);
    // Other open files may depend on this one (PVCs, hostPath volumes, collector DaemonSets), on
    // the project configuration being edited, or point at it (related locations): only then are
    // they validated again — and then only those whose inputs changed (see `resultKey`).
    let configChanged = false;
    if (isConfigFile(doc.uri)) {
      if (open) {
        projectConfigs.invalidate();
        configChanged = true;
      } else configChanged = projectConfigs.documentChanged(doc.uri);
    }
    if (documents.all().length > 1 && (configChanged || changed.some((k) => readByOthers(doc.uri, k)) || pointedAt(doc.uri))) refreshOthers(doc.uri);
  }
  documents.onDidOpen((e) => {
    justOpened = e.document.uri;
    contentChanged(e.document, true);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened === e.document.uri) {
      justOpened = undefined;
      return;
    }
    contentChanged(e.document, false);
  });
  documents.onDidClose((e) => {
    if (isConfigFile(e.document.uri)) {
      projectConfigs.invalidate(); // back to the text on disk
      refreshAll();
    }
    settingsCache.delete(e.document.uri);
    lastResult.delete(e.document.uri);
    explanations.forget(e.document.uri);
    parsedCache.delete(e.document.uri);
    revs.delete(e.document.uri);
    clearTimeout(pushTimers.get(e.document.uri));
    pushTimers.delete(e.document.uri);
    worker.forget(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  let othersTimer: NodeJS.Timeout | undefined;
  function refreshOthers(changed: string) {
    clearTimeout(othersTimer);
    othersTimer = setTimeout(() => {
      if (pull) {
        // the client pulls every open document again; those whose inputs did not change answer `unchanged`
        if (refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      } else for (const d of documents.all()) if (d.uri !== changed && !fresh(d)) schedulePush(d, 0);
    }, 500);
  }

  /**
   * What a document's diagnostics depend on besides its own text: the settings, the fingerprints
   * (over the other files) of the kinds of facts its workspace rules read when it was linted
   * (`reads`, from the engine: an edit that changes no such fact changes none of its findings),
   * and the revisions of the files its diagnostics point into (related locations: their lines may
   * have moved).
   */
  function resultKey(doc: TextDocument, reads: readonly string[], related: readonly string[], rev: (uri: string) => string = revOf, fingerprint = (kind: string) => workspace.fingerprint(kind, doc.uri)): string {
    let key = `${rev(doc.uri)}:${settingsGeneration}:${projectConfigs.generation}:${syntaxErrors.json}:${syntaxErrors.yaml}:${redHatGeneration}|`;
    for (const kind of reads) key += `${kind}=${fingerprint(kind)},`;
    for (const u of related) key += `|${u}@${rev(u)}`;
    return key;
  }
  /** The last result of `doc` still holds. */
  function fresh(doc: TextDocument): boolean {
    const last = lastResult.get(doc.uri);
    return !!last && last.key === resultKey(doc, last.reads, last.related);
  }
  /** Some other open document read facts of this kind when it was linted last (or was never linted). */
  function readByOthers(uri: string, kind: string): boolean {
    if (!WORKSPACE_INPUTS.has(kind)) return false;
    for (const d of documents.all()) {
      if (d.uri === uri) continue;
      const r = lastResult.get(d.uri);
      if (!r || r.reads.includes(kind)) return true;
    }
    return false;
  }
  /** Some other open document's diagnostics have a related location in `uri`. */
  function pointedAt(uri: string): boolean {
    for (const [other, r] of lastResult) if (other !== uri && r.related.includes(uri)) return true;
    return false;
  }
  /** Lint `doc` and remember what its diagnostics were computed from. */
  async function diagnoseAndRemember(doc: TextDocument, token?: CancellationToken): Promise<{ diagnostics: Diagnostic[]; resultId: string }> {
    // what the result depends on, as it is when the lint starts (the key holds these values, so
    // a change while a large document is linted in the worker makes the result not reused)
    const revsThen = new Map(revs);
    const fingerprints = new Map<string, string>();
    for (const kind of WORKSPACE_INPUTS) fingerprints.set(kind, workspace.fingerprint(kind, doc.uri));
    const settingsThen = resultKey(doc, [], []);
    const { diagnostics, reads } = await diagnoseDoc(doc, token);
    const related = new Set<string>();
    for (const d of diagnostics) for (const r of d.relatedInformation ?? []) if (r.location.uri !== doc.uri) related.add(r.location.uri);
    const resultId = String(++resultCounter);
    const entry = { key: '', resultId, reads, related: [...related] };
    entry.key = settingsThen === resultKey(doc, [], []) ? resultKey(doc, reads, entry.related, (u) => revsThen.get(u) ?? '', (k) => fingerprints.get(k) ?? '?') : 'stale';
    lastResult.set(doc.uri, entry);
    return { diagnostics, resultId };
  }

  /**
   * Pull results per document: VS Code re-pulls every open document when any of them changes
   * (interFileDependencies), so a document whose content, settings and workspace facts are the
   * same as last time answers "unchanged" instead of being linted again.
   */
  const lastResult = new Map<string, { key: string; resultId: string; reads: string[]; related: string[] }>();
  let resultCounter = 0;
  connection.languages.diagnostics.on(
    guarded('textDocument/diagnostic', async (params, token) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { kind: 'full', items: [] };
      const last = lastResult.get(doc.uri);
      if (last && params.previousResultId === last.resultId && fresh(doc)) return { kind: 'unchanged', resultId: last.resultId };
      const { diagnostics, resultId } = await diagnoseAndRemember(doc, token);
      return { kind: 'full', resultId, items: diagnostics };
    }),
  );

  /** The fixes a diagnostic sent back by the client carries, if they were computed for the document as it is now. */
  function currentData(d: Diagnostic, doc: TextDocument): DiagnosticData | undefined {
    const data = d?.data as DiagnosticData | undefined;
    if (!d || d.source !== 'logtail-lint' || !data || typeof data !== 'object' || typeof data.ruleId !== 'string') return undefined;
    if (data.version !== doc.version || data.rev !== revOf(doc.uri) || !Array.isArray(data.fixes)) return undefined;
    return data;
  }

  connection.onCodeAction(
    guarded('textDocument/codeAction', async (params) => {
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
          const data = currentData(d, doc);
          if (!data) continue;
          data.fixes.forEach((fix, i) => {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [d],
              isPreferred: i === 0 && fix.kind === 'safe',
              edit: { documentChanges: [{ textDocument, edits: fix.edits }] },
            });
          });
          if (data.disable && language !== 'json') {
            const { line, indent } = data.disable;
            const marker = language === 'yaml' ? '#' : '//';
            actions.push({
              title: catalogMessage(locale, 'ui', 'disableLine', { rule: data.ruleId })!,
              kind: CodeActionKind.QuickFix,
              diagnostics: [d],
              edit: { documentChanges: [{ textDocument, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${marker} logtail-lint-disable-next-line ${data.ruleId}\n` }] }] },
            });
            if (!fileDisabled.has(data.ruleId)) {
              fileDisabled.add(data.ruleId);
              actions.push({
                title: catalogMessage(locale, 'ui', 'disableFile', { rule: data.ruleId })!,
                kind: CodeActionKind.QuickFix,
                diagnostics: [d],
                edit: { documentChanges: [{ textDocument, edits: [disableForFileEdit(doc, marker, data.ruleId)] }] },
              });
            }
          }
        }
      }

      const settings = wantFixAll ? await effectiveSettings(doc.uri) : undefined;
      if (wantFixAll && settings && settings.enable !== false) {
        const rev = revOf(doc.uri);
        const input = { uri: doc.uri, text: doc.getText(), language, settings, locale, rev };
        const edit = isLarge(doc) ? await worker.run(doc.uri, { op: 'fixAll', input }) : fixAllEdit({ ...input, parsed: parsedOf(doc, language, settings) }, workspace);
        if (edit && revOf(doc.uri) === rev) {
          actions.push({
            title: catalogMessage(locale, 'ui', 'fixAll')!,
            kind: FIX_ALL_KIND,
            edit: { documentChanges: [{ textDocument, edits: [edit] }] },
          });
        }
      }
      return actions;
    }),
  );

  connection.onRequest(
    FILE_KIND_REQUEST,
    guarded(FILE_KIND_REQUEST, (p: { uri?: unknown } | undefined) => {
      const doc = p && typeof p === 'object' && typeof p.uri === 'string' ? documents.get(p.uri) : undefined;
      const language = doc && languageFor(doc);
      if (!doc || !language) return null;
      if (isLarge(doc)) return null; // not parsed here (see indexDoc)
      try {
        return { kind: fileKind(parsedOf(doc, language), doc.uri) };
      } catch {
        return { kind: 'other' };
      }
    }),
  );

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

  connection.onCompletion(
    guarded('textDocument/completion', async (params, token) => {
      const doc = documents.get(params.textDocument.uri);
      const language = doc && languageFor(doc);
      if (!doc || !language || isConfigFile(doc.uri)) return null; // no Kubernetes/Logtail completion in .logtail-lint.yaml
      if ((await getSettings(doc.uri)).enable === false) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      const kubernetesSchema = kubernetesSchemaFor(doc, language, (await effectiveSettings(doc.uri))?.kubernetesSchema);
      const opts = { uri: doc.uri, locale, snippets: offerSnippets, triggerCharacter: params.context?.triggerCharacter, kubernetesSchema };
      const entries = isLarge(doc) ? await worker.run(doc.uri, { op: 'complete', text, language, offset, options: opts }, token) : complete(text, language, offset, opts);
      return { isIncomplete: false, items: entries.map((e) => toCompletionItem(doc, e)) };
    }),
  );

  connection.onHover(
    guarded('textDocument/hover', async (params, token) => {
      const doc = documents.get(params.textDocument.uri);
      const language = doc && languageFor(doc);
      if (!doc || !language || isConfigFile(doc.uri)) return null; // no Kubernetes/Logtail hover in .logtail-lint.yaml
      if ((await getSettings(doc.uri)).enable === false) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      const kubernetesSchema = kubernetesSchemaFor(doc, language, (await effectiveSettings(doc.uri))?.kubernetesSchema);
      const h: HoverResult | undefined = isLarge(doc) ? await worker.run(doc.uri, { op: 'hover', text, language, offset, options: { uri: doc.uri, locale, kubernetesSchema } }, token) : hover(text, language, offset, { uri: doc.uri, locale, kubernetesSchema });
      // the long explanation of the findings at this spot, with their rule pages
      const rev = revOf(doc.uri);
      if (!explanations.has(doc.uri, rev)) await diagnoseDoc(doc, token);
      const explained = explanations.at(doc.uri, rev, params.position);
      if (!h && !explained.length) return null;
      const value = [...(explained.length ? [explanationMarkdown(explained, locale)] : []), ...(h ? [h.markdown] : [])].join('\n\n---\n\n');
      return { contents: { kind: MarkupKind.Markdown, value }, range: h ? { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } : spanOf(explained) };
    }),
  );

  registerNavigation({ connection, documents, workspace, locale: () => locale, lensRefresh: () => lensRefreshSupport, showDocument: () => showDocumentSupport });

  connection.onShutdown(() => worker.dispose());
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
