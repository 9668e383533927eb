// Words a user knows: nothing a user reads — the files packaged into the extension, the rule
// pages, the examples, the snippets, every rule text — contains the project's internal shorthand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allRules } from '../server/src/engine/index';
import { SOURCES, sourceUrl } from '../server/src/engine/sources';
import { ROOT } from './helpers/fixtures';

/** Internal names no user has: the guide's working name, "the original", the reference file's sections. */
const SHORTHAND = /\bseed\b|原文|spec §|spec \\xA7|the source document/i;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The files .vscodeignore lets into the .vsix, plus the examples users copy from. */
function userFiles(): string[] {
  const top = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/client.js', 'dist/server.js'].map((f) => join(ROOT, f));
  const packaged = (d: string, re: RegExp) => walk(join(ROOT, d)).filter((f) => re.test(relative(ROOT, f)));
  const dirs = [...packaged('snippets', /^snippets\/[^/]+\.json$/), ...packaged('schemas', /^schemas\/[^/]+\.schema\.json$/), ...walk(join(ROOT, 'docs/rules')), ...walk(join(ROOT, 'l10n')), ...walk(join(ROOT, 'examples'))];
  const docs = readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'docs', n));
  return [...top, ...dirs, ...docs].filter((f) => existsSync(f) && /\.(md|json|js|ya?ml)$|LICENSE$/.test(f));
}

/** JS bundles spell non-ASCII characters as escapes: decode them so that "原文" is found there too. */
function decoded(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

test('no user-visible file contains internal shorthand (seed, 原文, spec §, the source document)', () => {
  const files = userFiles();
  assert.ok(files.some((f) => f.endsWith('dist/server.js')), 'run the build first (npm test does)');
  assert.ok(files.length > 60, `${files.length} files`);
  const hits: string[] = [];
  for (const f of files) {
    const text = decoded(readFileSync(f, 'utf8'));
    text.split('\n').forEach((line, i) => {
      const m = SHORTHAND.exec(line);
      if (m) hits.push(`${relative(ROOT, f)}:${i + 1}: …${line.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the check itself finds shorthand (it can fail)', () => {
  for (const s of ['The seed says', '原文：', 'spec §1.3', 'as in the source document']) assert.match(s, SHORTHAND);
  for (const s of ['seeding', 'seedingTimeout', 'specification']) assert.doesNotMatch(s, SHORTHAND);
});

test('every rule cites sources a user can open; every web source is https', () => {
  for (const r of allRules) {
    assert.ok(r.docs.sources.length > 0, `${r.id} cites a source`);
    assert.ok(r.docs.sources.some((s) => sourceUrl(s)), `${r.id} cites at least one page with an address`);
    for (const text of [r.docs.summary, r.docs.rationale, r.docs.remediation, r.docs.notes]) {
      if (!text) continue;
      assert.doesNotMatch(text.en, SHORTHAND, r.id);
      assert.doesNotMatch(text.zh, SHORTHAND, r.id);
    }
  }
  for (const [id, s] of Object.entries(SOURCES)) if ('url' in s && s.url) assert.match(s.url, /^https:\/\/[^\s]+$/, id);
});
