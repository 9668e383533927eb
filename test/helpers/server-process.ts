// How the protocol tests start the bundled language server: with the network stubbed to throw
// (./no-network.cjs). LOGTAIL_LINT_SERVER points the tests at another build of the server
// (e.g. an older one, to see a test fail before a fix).
import { join } from 'node:path';
import { ROOT } from './fixtures';

export const NO_NETWORK = join(__dirname, 'no-network.cjs');
export const NETWORK_MARK = 'logtail-lint-test: network attempt:';

export function serverPath(): string {
  return process.env.LOGTAIL_LINT_SERVER || join(ROOT, 'dist', 'server.js');
}

export function serverArgs(extra: string[] = ['--stdio']): string[] {
  return ['--require', NO_NETWORK, serverPath(), ...extra];
}

/** Throws when the server tried to reach the network. */
export function assertNoNetwork(stderr: string): void {
  const line = stderr.split('\n').find((l) => l.includes(NETWORK_MARK));
  if (line) throw new Error(`the language server tried to use the network: ${line}`);
}
