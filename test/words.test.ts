// Words a user knows: nothing a user reads — the files packaged into the extension, the rule
// pages, the examples, the snippets, every rule text — contains the project's internal shorthand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { allRules } from '../server/src/engine/index';
import { SOURCES, sourceUrl } from '../server/src/engine/sources';
import { ROOT } from './helpers/fixtures';

/** Internal names no user has: the guide's working name, "the original", the reference file's sections and its verdicts. */
const SHORTHAND = /\bseed\b|原文|spec §|spec \\xA7|the source document|\bUNCONFIRMED\b|\b(in|per) the reference\b|参考文档中标为/i;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * The files that really ship: the .vsix as `vsce ls` lists it (.vscodeignore applied) and the npm
 * package as `npm pack --dry-run` lists it ("files" / .npmignore applied), plus the examples
 * users copy from. Images are not text.
 */
function packagedFiles(): { vsix: string[]; npm: string[] } {
  const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(vsce.status, 0, vsce.stderr);
  const npm = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(npm.status, 0, npm.stderr);
  const vsix = vsce.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const npmFiles = (JSON.parse(npm.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  return { vsix, npm: npmFiles };
}

function userFiles(): string[] {
  const { vsix, npm } = packagedFiles();
  const all = new Set([...vsix, ...npm].map((f) => join(ROOT, f)));
  for (const f of walk(join(ROOT, 'examples'))) all.add(f);
  return [...all].filter((f) => existsSync(f) && !/\.(png|jpe?g|gif|vsix|tgz)$/i.test(f));
}

/** JS bundles spell non-ASCII characters as escapes: decode them so that "原文" is found there too. */
function decoded(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

test('no user-visible file contains internal shorthand (seed, 原文, spec §, the source document)', () => {
  const files = userFiles();
  assert.ok(files.some((f) => f.endsWith('dist/server.js')), 'run the build first (npm test does)');
  for (const f of ['dist/client.js', 'dist/cli.js', 'README.md', 'package.nls.zh-cn.json', 'docs/rules/k8s/schema.md']) assert.ok(files.includes(join(ROOT, f)), `${f} is packaged and checked`);
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
  for (const s of ['The seed says', '原文：', 'spec §1.3', 'as in the source document', 'semantics UNCONFIRMED', 'UNCONFIRMED in the reference', 'required per the reference']) assert.match(s, SHORTHAND);
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

test('every relative link and image of the README (the extension\'s Details page) resolves inside the .vsix', () => {
  const { vsix } = packagedFiles();
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t));
  assert.ok(targets.some((t) => t.endsWith('.png')), 'the README shows a screenshot');
  assert.ok(targets.length > 10, `${targets.length} links`);
  assert.deepEqual([...new Set(targets)].filter((t) => !vsix.includes(t)), []);
});
