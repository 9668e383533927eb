// The mocha runner behind both extensionTestsPath entries (index.ts, yaml-first.ts). Mocha is
// bundled into the entry by esbuild (scripts/build-e2e.mjs), so the bundle needs no node_modules.
import Mocha from 'mocha';

export function runSuites(load: () => void): Promise<void> {
  // LOGTAIL_E2E_GREP=<regexp> runs only the matching tests (the extension host inherits the env)
  const grep = process.env.LOGTAIL_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, slow: 5_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // define suite()/test()/… globals, then evaluate the test modules (they are bundled, not files)
  mocha.suite.emit('pre-require', globalThis, 'test/e2e', mocha);
  load();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
