// LSP adapter for the engine's navigation (engine/navigate): definition, references, document and
// workspace symbols, and the "collected by" CodeLens. Offsets become LSP positions here only.
import { SymbolKind, type CodeLens, type Connection, type DocumentSymbol, type Location, type ServerCapabilities, type SymbolInformation, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineIndex, Locale, WorkspaceIndex } from '../engine/index';
import { codeLenses, definition, documentSymbols, references, workspaceSymbols, type NavTarget, type SymbolEntry, type SymbolKindName } from '../engine/navigate/index';

/** Command of a lens: asks the client to show a location (window/showDocument). */
export const OPEN_LOCATION_COMMAND = 'logtailLint.server.openLocation';

export const NAVIGATION_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: { label: 'logtail-lint' },
  workspaceSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [OPEN_LOCATION_COMMAND] },
};

const KIND: Record<SymbolKindName, SymbolKind> = { object: SymbolKind.Class, container: SymbolKind.Object, volume: SymbolKind.Field, config: SymbolKind.Module };

export interface NavigationHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: WorkspaceIndex;
  locale: () => Locale;
  /** Make sure the index holds the document's current text (the server indexes on change). */
  ensureIndexed?: (doc: TextDocument) => void;
  /** The client can refresh lenses (workspace.codeLens.refreshSupport). */
  lensRefresh: () => boolean;
  /** Whether the client takes window/showDocument. */
  showDocument: () => boolean;
}

export function registerNavigation(host: NavigationHost): void {
  const { connection, documents, workspace } = host;

  const linesOf = (uri: string): Pick<LineIndex, 'positionAt'> | undefined => {
    const open = documents.get(uri);
    if (open) return { positionAt: (o: number) => open.positionAt(o) };
    return workspace.linesOf(uri);
  };
  const toLocation = (t: NavTarget): Location | undefined => {
    const lines = linesOf(t.uri);
    if (!lines) return undefined;
    return { uri: t.uri, range: { start: lines.positionAt(t.start), end: lines.positionAt(t.end) } };
  };
  const docAt = (uri: string) => {
    const doc = documents.get(uri);
    if (doc) host.ensureIndexed?.(doc);
    return doc;
  };
  const guard = <T>(what: string, fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      connection.console.error(`logtail-lint: ${what} failed: ${(err as Error)?.stack ?? err}`);
      return fallback;
    }
  };

  connection.onDefinition((p) => {
    const doc = docAt(p.textDocument.uri);
    if (!doc) return null;
    return guard('definition', () => definition(workspace, doc.uri, doc.offsetAt(p.position)).map(toLocation).filter((l): l is Location => !!l), []);
  });

  connection.onReferences((p) => {
    const doc = docAt(p.textDocument.uri);
    if (!doc) return null;
    return guard(
      'references',
      () => {
        const offset = doc.offsetAt(p.position);
        const refs = references(workspace, doc.uri, offset);
        if (p.context.includeDeclaration) {
          const decl = definition(workspace, doc.uri, offset);
          refs.unshift(...decl.filter((d) => !refs.some((r) => r.uri === d.uri && r.start === d.start)));
        }
        return refs.map(toLocation).filter((l): l is Location => !!l);
      },
      [],
    );
  });

  connection.onDocumentSymbol((p) => {
    const doc = docAt(p.textDocument.uri);
    if (!doc) return null;
    const conv = (s: SymbolEntry): DocumentSymbol => ({
      name: s.name,
      detail: s.detail,
      kind: KIND[s.kind],
      range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
      selectionRange: { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
      children: s.children.map(conv),
    });
    return guard('document symbols', () => documentSymbols(workspace, doc.uri).map(conv), []);
  });

  connection.onWorkspaceSymbol((p) =>
    guard(
      'workspace symbols',
      () =>
        workspaceSymbols(workspace, p.query)
          .map((s): SymbolInformation | undefined => {
            const location = toLocation(s);
            return location ? { name: s.name, kind: KIND[s.kind], containerName: s.container, location } : undefined;
          })
          .filter((s): s is SymbolInformation => !!s),
      [],
    ),
  );

  connection.onCodeLens((p) => {
    const doc = docAt(p.textDocument.uri);
    if (!doc) return null;
    return guard(
      'code lens',
      () =>
        codeLenses(workspace, doc.uri, host.locale()).map((l): CodeLens => {
          const range = { start: doc.positionAt(l.start), end: doc.positionAt(l.start) };
          const loc = l.target && toLocation(l.target);
          return { range, command: loc ? { title: l.title, command: OPEN_LOCATION_COMMAND, arguments: [loc] } : { title: l.title, command: '' } };
        }),
      [],
    );
  });

  connection.onExecuteCommand(async (p) => {
    if (p.command !== OPEN_LOCATION_COMMAND) return null;
    const loc = p.arguments?.[0] as Location | undefined;
    if (!loc || typeof loc.uri !== 'string' || !loc.range) return null;
    if (!host.showDocument()) return null;
    await connection.window.showDocument({ uri: loc.uri, selection: loc.range, takeFocus: true }).catch(() => undefined);
    return null;
  });

  // other files' facts changed: the lenses of open documents may say something else now
  let generation = workspace.generation;
  let timer: NodeJS.Timeout | undefined;
  const maybeRefresh = () => {
    if (workspace.generation === generation || !host.lensRefresh()) return;
    generation = workspace.generation;
    clearTimeout(timer);
    timer = setTimeout(() => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined), 300);
  };
  documents.onDidChangeContent(maybeRefresh);
  documents.onDidOpen(maybeRefresh);
}
