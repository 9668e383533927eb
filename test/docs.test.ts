import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocs, withRuleNls, withRuleSettings, withRuleTable } from '../scripts/docs-lib';
import { allRules } from '../server/src/engine/index';
import { ROOT } from './helpers/fixtures';

test('docs/rules/ is generated from the rules and fresh (run `npm run docs`)', () => {
  const docs = generatedDocs();
  assert.equal(docs.size, allRules.length + 2);
  const stale: string[] = [];
  for (const [rel, content] of docs) {
    const p = join(ROOT, rel);
    if (!existsSync(p) || readFileSync(p, 'utf8') !== content) stale.push(rel);
  }
  assert.deepEqual(stale, [], 'stale or missing generated docs');
  const onDisk = readdirSync(join(ROOT, 'docs/rules'), { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
  assert.equal(onDisk.length, docs.size - 1, 'no leftover pages of removed rules');
});

test('the README rule table is fresh and lists every rule', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.equal(readme, withRuleTable(readme), 'README rule table is stale: run `npm run docs`');
  for (const r of allRules) assert.ok(readme.includes(`[\`${r.id}\`](docs/rules/${r.id}.md)`), r.id);
});

test('package.json lists every rule id under logtailLint.rules, each with a localized summary (run `npm run docs`)', () => {
  const pkgText = readFileSync(join(ROOT, 'package.json'), 'utf8');
  assert.equal(pkgText, withRuleSettings(pkgText), 'logtailLint.rules is stale: run `npm run docs`');
  const props = JSON.parse(pkgText).contributes.configuration.properties['logtailLint.rules'].properties as Record<string, { enum: string[]; description: string }>;
  assert.deepEqual(Object.keys(props).sort(), allRules.map((r) => r.id).sort());
  for (const lang of ['en', 'zh-CN'] as const) {
    const file = lang === 'en' ? 'package.nls.json' : 'package.nls.zh-cn.json';
    const text = readFileSync(join(ROOT, file), 'utf8');
    assert.equal(text, withRuleNls(text, lang), `${file} is stale: run \`npm run docs\``);
    const nls = JSON.parse(text) as Record<string, string>;
    for (const [id, p] of Object.entries(props)) {
      assert.deepEqual(p.enum, ['off', 'hint', 'information', 'warning', 'error'], id);
      const key = /^%(.+)%$/.exec(p.description)?.[1];
      assert.ok(key && nls[key], `${file} describes ${id}`);
    }
  }
});

test('every %key% of package.json exists in both package.nls files, and no key is left unused', () => {
  const pkgText = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const used = new Set([...pkgText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
  assert.ok(used.size > 20);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
    assert.deepEqual([...used].filter((k) => !nls[k]), [], `keys missing from ${file}`);
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], `unused keys in ${file}`);
  }
  // every description and enum description of a setting goes through the translations
  const props = JSON.parse(pkgText).contributes.configuration.properties as Record<string, Record<string, unknown>>;
  for (const [name, p] of Object.entries(props)) {
    for (const field of ['description', 'markdownDescription']) if (typeof p[field] === 'string') assert.match(p[field] as string, /^%.+%$/, `${name}.${field}`);
    const enumDesc = (p.enumDescriptions ?? (p.additionalProperties as Record<string, unknown> | undefined)?.enumDescriptions) as string[] | undefined;
    if (p.enum || (p.additionalProperties as Record<string, unknown> | undefined)?.enum) assert.ok(enumDesc?.every((d) => /^%.+%$/.test(d)), `${name} enumDescriptions are localized`);
  }
});
