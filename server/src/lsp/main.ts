// Entry point of the language server. VS Code starts it over IPC; other editors run
// `logtail-lint-server --stdio`. The same bundle is the lint worker (./worker.ts) when it runs in
// a worker thread.
import { isMainThread } from 'node:worker_threads';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { catalogText, normalizeLocale } from '../engine/index';
import { startServer } from './server';
import { FramedReader, LifecycleReader } from './transport';
import { runWorker } from './worker';

function transport(argv: string[]): [MessageReader, MessageWriter, NodeJS.ReadableStream | undefined] {
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = argv[i]!.split('=');
    if (name === '--node-ipc') return [new IPCMessageReader(process), new IPCMessageWriter(process), undefined];
    if (name === '--socket') return [...createServerSocketTransport(Number(value ?? argv[i + 1])), undefined];
    if (name === '--pipe') return [...createServerPipeTransport(String(value ?? argv[i + 1])), undefined];
  }
  // --stdio (the default): stdout carries the protocol, so nothing else may be written there
  for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
  const reader = new FramedReader(
    process.stdin,
    (m) => process.stderr.write(m + '\n'),
    (m) => {
      process.stderr.write(m + '\n');
      process.exit(1);
    },
  );
  return [reader, new StreamMessageWriter(process.stdout), process.stdin];
}

if (!isMainThread) {
  runWorker();
} else if (process.argv.includes('--help') || process.argv.includes('-h')) {
  // in the language of the environment (LC_ALL, LC_MESSAGES, LANG), as the CLI's help
  const env = process.env;
  process.stdout.write(catalogText(normalizeLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG), '$cli', 'serverHelp') + '\n');
  process.exit(0);
} else {
  // A failure the handlers did not catch is logged; it never takes the server down.
  process.on('unhandledRejection', (e) => process.stderr.write(`logtail-lint: unhandled rejection: ${(e as Error)?.stack ?? e}\n`));
  const [inner, writer, stream] = transport(process.argv.slice(2));
  const reader = new LifecycleReader(inner, writer, (m) => process.stderr.write(m + '\n'));
  // The input is gone: exit (0 after a shutdown request, 1 otherwise), as the LSP library does for its own streams.
  const gone = () => process.exit(reader.shutdownReceived ? 0 : 1);
  stream?.on('end', gone);
  stream?.on('close', gone);
  startServer(createConnection(ProposedFeatures.all, reader, writer));
}
