// extensionTestsPath of the third VS Code session (bundled to dist-test/e2e/plain-first.js): a
// workspace without Kubernetes or Logtail files (test/e2e/workspace-plain), for the activation cost.
import { runSuites } from './runner';

export function run(): Promise<void> {
  return runSuites(() => {
    require('./activation-plain.test');
  });
}
