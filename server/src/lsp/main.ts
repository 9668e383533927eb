// Entry point of the language server. VS Code starts it over IPC; other editors run
// `logtail-lint-server --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: logtail-lint-server --stdio | --node-ipc | --socket=<port>\nThe logtail-lint language server (LSP 3.17).\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.argv.push('--stdio');
}
startServer(createConnection(ProposedFeatures.all));
