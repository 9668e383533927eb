import {
  CodeActionKind,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, applyEdits, languageOf, normalizeLocale, parseFile, WorkspaceIndex, SYNTAX_RULE, type Language, type Locale, type Settings } from '../engine/index';
import { toDiagnostic, toTextEdit, type DiagnosticData } from './convert';
import { scanWorkspace } from './scan';

export interface ServerSettings extends Settings {
  enable?: boolean;
}

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
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  let workspaceFolders: string[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = normalizeLocale(params.locale ?? (params.initializationOptions as { locale?: string } | undefined)?.locale);
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    configPull = !!caps.workspace?.configuration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!workspaceFolders.length && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(pull ? { diagnosticProvider: { identifier: 'logtail-lint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'logtail-lint', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (configPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'logtailLint' }).catch(() => undefined);
    void scanWorkspace(workspaceFolders, (uri, text) => {
      if (documents.get(uri)) return;
      const lang = languageOf(uri);
      if (lang) workspace.update(uri, parseFile(text, lang));
    }).then(() => refreshAll());
  });

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

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    const s = (change.settings as { logtailLint?: ServerSettings } | undefined)?.logtailLint;
    if (s) globalSettings = { ...DEFAULT_SETTINGS, ...s };
    refreshAll();
  });

  async function diagnose(doc: TextDocument): Promise<Diagnostic[]> {
    const language = languageFor(doc);
    if (!language) return [];
    const settings = await getSettings(doc.uri);
    if (settings.enable === false) return [];
    const text = doc.getText();
    try {
      const { findings, parsed } = lint(text, { uri: doc.uri, language, settings, locale, workspace });
      return findings.map((f) => toDiagnostic(parsed.lines, f, doc.version));
    } catch (err) {
      connection.console.error(`logtail-lint: linting ${doc.uri} failed: ${(err as Error)?.stack ?? err}`);
      return [];
    }
  }

  function indexDoc(doc: TextDocument) {
    const language = languageFor(doc);
    if (!language) return;
    try {
      workspace.update(doc.uri, parseFile(doc.getText(), language));
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
  });
  documents.onDidChangeContent((e) => {
    const before = workspace.generation;
    indexDoc(e.document);
    schedulePush(e.document);
    // other open files may depend on this one (PVCs, hostPath volumes, collector DaemonSets)
    if (workspace.generation !== before && documents.all().length > 1) refreshOthers(e.document.uri);
  });
  documents.onDidClose((e) => {
    settingsCache.delete(e.document.uri);
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

  connection.languages.diagnostics.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return { kind: 'full', items: doc ? await diagnose(doc) : [] };
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
          });
        }
      }
    }

    if (wantFixAll) {
      const settings = await getSettings(doc.uri);
      const text = doc.getText();
      let fixed = text;
      for (let pass = 0; pass < 10; pass++) {
        const { findings } = lint(fixed, { uri: doc.uri, language, settings, locale, workspace });
        const taken: { s: number; e: number }[] = [];
        const edits = [];
        for (const f of findings) {
          const fix = f.fixes.find((x) => x.kind === 'safe');
          if (!fix) continue;
          const s = Math.min(...fix.edits.map((x) => x.start));
          const e = Math.max(...fix.edits.map((x) => x.end));
          if (taken.some((t) => s <= t.e && e >= t.s)) continue;
          taken.push({ s, e });
          edits.push(...fix.edits);
        }
        const next = edits.length ? applyEdits(fixed, edits) : fixed;
        if (next === fixed) break;
        fixed = next;
      }
      if (fixed !== text) {
        const lines = parseFile(text, language).lines;
        actions.push({
          title: locale === 'zh-CN' ? '修复所有可安全修复的 logtail-lint 问题' : 'Fix all auto-fixable logtail-lint problems',
          kind: FIX_ALL_KIND,
          edit: { documentChanges: [{ textDocument, edits: [toTextEdit(lines, { start: 0, end: text.length, newText: fixed })] }] },
        });
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}

declare const __VERSION__: string | undefined;
