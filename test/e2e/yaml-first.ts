// extensionTestsPath of the second VS Code session (bundled to dist-test/e2e/yaml-first.js):
// a YAML file is the first file opened, so this proves activation on YAML and measures the cold
// start (opening a small file -> first diagnostic).
import { runSuites } from './runner';

export function run(): Promise<void> {
  return runSuites(() => {
    require('./activation-yaml.test');
  });
}
