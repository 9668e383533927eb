import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './helpers/fixtures';

test('the engine imports nothing from vscode or vscode-languageserver*', () => {
  const dir = join(__dirname, '..', 'server', 'src', 'engine');
  const files = listFiles(dir, /\.ts$/);
  assert.ok(files.length > 10);
  const offenders: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
      if (/^vscode($|-languageserver|-languageclient|-jsonrpc)/.test(m[1]!) || m[1]!.includes('/lsp/')) offenders.push(`${f}: ${m[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});
