// Project configuration files (.logtail-lint.yaml|yml|json) for the language server: the
// nearest one of each `file:` document, read from the open documents first (so an edited,
// unsaved configuration applies at once), else from disk; cached until a configuration file
// is opened, edited, closed, or changed on disk (workspace/didChangeWatchedFiles).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver, isConfigFile, mergeSettings, withoutDefaults, type LoadedConfig, type Locale, type Settings } from '../engine/index';

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class ProjectConfigs {
  private resolver: ConfigResolver | undefined;
  private gen = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly locale: () => Locale,
  ) {}

  /** Moves whenever the configuration of some document may have changed (part of the pull-result key). */
  get generation(): number {
    return this.gen;
  }

  /** The configuration file that applies to a document, if any (`file:` documents only). */
  forUri(uri: string): LoadedConfig | undefined {
    const path = pathOf(uri);
    return path === undefined ? undefined : this.get().forFile(path);
  }

  /**
   * A document's effective settings: the editor settings merged over its project configuration
   * (docs/configuration.md "Precedence"); undefined when `ignorePaths` excludes the document.
   */
  apply<T extends Settings>(uri: string, editor: T): T | undefined {
    const config = this.forUri(uri);
    const path = pathOf(uri);
    if (config && path !== undefined && config.ignores(path)) return undefined;
    if (!config) return editor;
    return { ...editor, ...mergeSettings({ project: path === undefined ? config.config : config.configFor(path), editor: withoutDefaults(editor) }) };
  }

  /** A configuration file was created, deleted, opened or closed: forget everything. */
  invalidate(): void {
    this.resolver = undefined;
    this.gen++;
  }

  /**
   * An open configuration document was edited. True (and everything forgotten) when the
   * settings it gives changed; false for an edit that changes nothing (a comment, a space).
   */
  documentChanged(uri: string): boolean {
    const path = pathOf(uri);
    if (path === undefined) return false;
    const before = this.resolver?.all().find((c) => c.path === path)?.fingerprint;
    this.resolver = undefined;
    const after = this.get().load(path).fingerprint;
    if (before === after) return false;
    this.gen++;
    return true;
  }

  private openConfig(path: string): TextDocument | undefined {
    return this.documents.all().find((d) => isConfigFile(d.uri) && pathOf(d.uri) === path);
  }

  private get(): ConfigResolver {
    if (!this.resolver) {
      this.resolver = new ConfigResolver(
        {
          exists: (p) => !!this.openConfig(p) || (existsSync(p) && statSync(p).isFile()),
          readFile: (p) => this.openConfig(p)?.getText() ?? readFileSync(p, 'utf8'),
        },
        this.locale(),
      );
    }
    return this.resolver;
  }
}
