// The VS Code side: start the bundled language server, nothing else.
import * as path from 'node:path';
import { extensions, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/**
 * Which syntax errors the server should report: none that VS Code's JSON language features or
 * the Red Hat YAML extension already report (docs/duplicate-diagnostics.md).
 */
function syntaxErrors(): { json: boolean; yaml: boolean } {
  const jsonOwned = !!extensions.getExtension('vscode.json-language-features') && workspace.getConfiguration('json').get<boolean>('validate.enable', true);
  const yamlOwned = !!extensions.getExtension('redhat.vscode-yaml') && workspace.getConfiguration('yaml').get<boolean>('validate', true);
  return { json: !jsonOwned, yaml: !yamlOwned };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const documentSelector = ['yaml', 'json', 'jsonc'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  // .logtail-lint.yaml changes on disk re-apply the project configuration (docs/configuration.md)
  const configWatcher = workspace.createFileSystemWatcher('**/.logtail-lint.{yaml,yml,json}');
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: 'logtailLint', fileEvents: configWatcher },
    diagnosticCollectionName: 'logtail-lint',
    // VS Code inserts the snippets itself (contributes.snippets): the server must not offer them again.
    initializationOptions: { syntaxErrors: syntaxErrors(), snippets: false },
  };
  client = new LanguageClient('logtailLint', 'Logtail Lint', serverOptions, clientOptions);
  await client.start();
  const notify = () => void client?.sendNotification('logtailLint/syntaxErrors', syntaxErrors());
  context.subscriptions.push(
    extensions.onDidChange(notify),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('json.validate') || e.affectsConfiguration('yaml.validate')) notify();
    }),
    { dispose: () => void client?.stop() },
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
