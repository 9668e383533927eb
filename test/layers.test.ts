// The engine's layers import downward only (docs/architecture.md):
//   base (types, i18n) → parse → edit → model → workspace → fix → rules → lint
// and the engine stays pure: no node: built-in, no vscode / LSP package. The host layer
// (server/src/host: file system) is used by lsp/ and cli.ts, never by the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { listFiles, ROOT } from './helpers/fixtures';

const ENGINE = join(ROOT, 'server', 'src', 'engine');

const LAYERS: [number, string, RegExp][] = [
  [0, 'base', /^((types|i18n|catalog|sources)\.ts|messages\/[^/]+\.json)$/],
  [1, 'parse', /^parse\//],
  [2, 'edit', /^edit\//],
  [3, 'model', /^(model|regex)\//],
  [4, 'workspace', /^workspace\//],
  [5, 'fix', /^fix\//],
  [6, 'rules', /^(rule\.ts|rules\/|schemas\/|config\/(check|names|glob)\.ts)/],
  [7, 'lint', /^(lint\.ts|fix-all\.ts|kind\.ts|template-scope\.ts|index\.ts|config\/(load|index)\.ts|complete\/|navigate\/)/],
];

function layerOf(rel: string): [number, string] {
  for (const [n, name, re] of LAYERS) if (re.test(rel)) return [n, name];
  throw new Error(`${rel}: in no layer of the layer test (add it to LAYERS)`);
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

test('every engine module imports only from its own layer or a lower one', () => {
  const files = listFiles(ENGINE, /\.ts$/);
  assert.ok(files.length > 50);
  const upward: string[] = [];
  for (const f of files) {
    const rel = relative(ENGINE, f).replace(/\\/g, '/');
    const [mine, myName] = layerOf(rel);
    for (const spec of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(ENGINE, resolve(dirname(f), spec)).replace(/\\/g, '/');
      if (target.startsWith('..')) continue; // data outside the engine (schemas/*.json, snippets)
      const t = /\.(ts|json)$/.test(target) ? target : target + '.ts';
      const [theirs, theirName] = layerOf(t);
      if (theirs > mine) upward.push(`${rel} (${myName}) imports ${t} (${theirName})`);
    }
  }
  assert.deepEqual(upward, []);
});

test('the engine imports no node: built-in and no editor protocol package (it is a pure library)', () => {
  const offenders: string[] = [];
  for (const f of listFiles(ENGINE, /\.ts$/)) {
    for (const spec of imports(f)) {
      if (/^node:/.test(spec) || /^(fs|path|os|child_process|net|http|https|url|worker_threads)$/.test(spec)) offenders.push(`${relative(ENGINE, f)}: ${spec}`);
      if (/^vscode($|-)/.test(spec)) offenders.push(`${relative(ENGINE, f)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the layer test sees an upward import (it can fail)', () => {
  // model/ importing rules/ would be upward
  assert.ok(layerOf('model/k8s.ts')[0] < layerOf('rules/k8s/volume-unused.ts')[0]);
  assert.ok(layerOf('parse/yaml.ts')[0] < layerOf('model/document.ts')[0]);
  assert.ok(layerOf('workspace/index.ts')[0] > layerOf('model/facts.ts')[0]);
  assert.ok(layerOf('fix/k8s-fixes.ts')[0] < layerOf('rule.ts')[0]);
  assert.ok(layerOf('lint.ts')[0] > layerOf('rules/index.ts')[0]);
});
