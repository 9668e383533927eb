import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocs, withRuleTable } from '../scripts/docs-lib';
import { allRules } from '../server/src/engine/index';
import { ROOT } from './helpers/fixtures';

test('docs/rules/ is generated from the rules and fresh (run `npm run docs`)', () => {
  const docs = generatedDocs();
  assert.equal(docs.size, allRules.length + 1);
  const stale: string[] = [];
  for (const [rel, content] of docs) {
    const p = join(ROOT, rel);
    if (!existsSync(p) || readFileSync(p, 'utf8') !== content) stale.push(rel);
  }
  assert.deepEqual(stale, [], 'stale or missing generated docs');
  const onDisk = readdirSync(join(ROOT, 'docs/rules'), { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
  assert.equal(onDisk.length, docs.size, 'no leftover pages of removed rules');
});

test('the README rule table is fresh and lists every rule', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.equal(readme, withRuleTable(readme), 'README rule table is stale: run `npm run docs`');
  for (const r of allRules) assert.ok(readme.includes(`[\`${r.id}\`](docs/rules/${r.id}.md)`), r.id);
});
