// extensionTestsPath of the VS Code extension tests (bundled to dist-test/e2e/index.js).
// This session starts with a JSON file, so it proves activation on JSON; yaml-first.ts is the
// second session, which starts with a YAML file. Order matters: activation must come first.
import { runSuites } from './runner';

export function run(): Promise<void> {
  return runSuites(() => {
    require('./activation-json.test');
    require('./diagnostics.test');
    require('./quickfix.test');
    require('./settings.test');
    require('./completion.test');
    require('./hover.test');
    require('./robustness.test');
  });
}
