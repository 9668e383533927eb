// A third language is a catalog file: a synthetic one (English with every letter turned into its
// fullwidth form, ａ for a) registered as `eo` must give every text of the product in that
// language — messages, explanations, fix titles, related labels, hovers, completion docs, code
// lenses, settings warnings, CLI text, SARIF, rule pages — with no English left, and crash nothing.
// What may stay in Latin letters: the user's own file (names, keys, values), rule ids, and the
// schemas' data (keys, enum values, types, defaults), which have no language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, CATALOGS, lint, normalizeLocale, registerCatalog, WorkspaceIndex, type Catalog, type Finding } from '../server/src/engine/index';
import { complete } from '../server/src/engine/complete/completion';
import { hover } from '../server/src/engine/complete/hover';
import { COLLECTOR_ENV } from '../server/src/engine/complete/env';
import { SCHEMAS } from '../server/src/engine/schemas/load';
import { k8sDefinitions } from '../server/src/engine/schemas/kubernetes';
import { codeLenses } from '../server/src/engine/navigate/index';
import { languageOf, parseFile } from '../server/src/engine/parse/index';
import { validateSettings } from '../server/src/lsp/settings';
import { explanationMarkdown } from '../server/src/lsp/explain';
import { writeText, type Sink } from '../server/src/formats';
import { writeSarif } from '../server/src/sarif';
import { generatedDocs, pageWrittenIn, ruleDoc, withRuleNls } from '../scripts/docs-lib';
import { ROOT } from './helpers/fixtures';

const LOCALE = 'eo';

/** Every ASCII letter outside `{placeholders}` as its fullwidth form. */
const alien = (s: string) => s.replace(/\{\w+\}|[A-Za-z]/g, (m) => (m.length > 1 ? m : String.fromCharCode(m.charCodeAt(0) + 0xfee0)));

function synthetic(): Catalog {
  const out: Catalog = {};
  for (const [section, entries] of Object.entries(CATALOGS.en)) out[section] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, alien(v)]));
  return out;
}
registerCatalog(LOCALE, synthetic());

/** The schemas carry their own translations (`x-description-<locale>`): the third language's, in memory. */
function translateSchemas(node: unknown, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) return node.forEach((n) => translateSchemas(n, seen));
  const o = node as Record<string, unknown>;
  if (typeof o.description === 'string') o[`x-description-${LOCALE}`] = alien(o.description);
  for (const [k, v] of Object.entries(o)) if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') translateSchemas(v, seen);
}
for (const s of [...Object.values(SCHEMAS), k8sDefinitions()]) translateSchemas(s);

/** Words (3+ Latin letters) that carry no language: everything in the schemas but their descriptions, rule ids, env var facts, product names. */
const NEUTRAL = new Set<string>();
const addWords = (s: string) => {
  for (const w of s.match(/[A-Za-z]{3,}/g) ?? []) NEUTRAL.add(w);
};
function schemaWords(node: unknown, seen = new Set<unknown>()): void {
  if (typeof node === 'string') return addWords(node);
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) return node.forEach((n) => schemaWords(n, seen));
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    addWords(k);
    if (k !== 'description' && !k.startsWith('x-description')) schemaWords(v, seen);
  }
}
for (const s of [...Object.values(SCHEMAS), k8sDefinitions()]) schemaWords(s);
for (const r of allRules) addWords(r.id);
for (const id of ['syntax/yaml', 'syntax/json', 'internal/rule-error', 'internal/skipped', 'internal/truncated', 'internal/template-not-checked', 'config/schema']) addWords(id);
for (const e of COLLECTOR_ENV) addWords([e.name, e.key ?? '', e.since ?? '', e.example ?? ''].join(' '));
['logtail', 'lint', 'LoongCollector', 'true', 'false', 'null'].forEach(addWords);

/** The English words of a text that neither the user's file nor NEUTRAL explain: leaks. */
function leaks(text: string, input: string): string[] {
  const own = new Set(input.match(/[A-Za-z]{3,}/g) ?? []);
  return [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])].filter((w) => !own.has(w) && !NEUTRAL.has(w));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}
const INPUTS = [...files(join(ROOT, 'test/fixtures/rules')), ...files(join(ROOT, 'examples'))];

const FULLWIDTH = /[\uff21-\uff5a]/;

test('a third catalog is found by its name, as systems write it', () => {
  assert.equal(normalizeLocale('eo'), LOCALE);
  assert.equal(normalizeLocale('eo_EO.UTF-8'), LOCALE);
  assert.equal(normalizeLocale('EO-eo'), LOCALE);
  assert.equal(normalizeLocale('zh_CN.UTF-8'), 'zh-CN');
  assert.equal(normalizeLocale('zh-Hans'), 'zh-CN');
  assert.equal(normalizeLocale('zh-TW'), 'en');
  assert.equal(normalizeLocale('fr-FR'), 'en', 'no French catalog: English');
  assert.throws(() => registerCatalog('../x', {}));
});

test('the leak check can fail: an English word that is not in the input is found', () => {
  assert.ok(!NEUTRAL.has('forgotten'));
  assert.deepEqual(leaks('Ｆｉｌｅ "web" was forgotten', 'name: web'), ['was', 'forgotten'].filter((w) => !NEUTRAL.has(w)));
  assert.deepEqual(leaks(alien('Host root "/" is mounted writable in collector "{c}"'), ''), []);
});

test('every finding of every fixture and example, in the third language: message, explanation, fix titles, related labels; CLI text and SARIF', () => {
  let n = 0;
  const problems: string[] = [];
  const results: { file: string; text: string; findings: Finding[] }[] = [];
  for (const f of INPUTS) {
    const text = readFileSync(f, 'utf8');
    const { findings } = lint(text, { uri: 'file://' + f, locale: LOCALE });
    const en = lint(text, { uri: 'file://' + f, locale: 'en' }).findings;
    assert.equal(findings.length, en.length, f);
    results.push({ file: f, text, findings });
    for (const x of findings) {
      n++;
      const where = `${f.slice(ROOT.length + 1)} ${x.ruleId}.${x.messageId}`;
      assert.ok(x.messageId, `${where}: a messageId`);
      const texts = [x.message, x.details ?? '', ...x.fixes.map((fx) => fx.title), ...(x.related ?? []).map((r) => r.message)];
      for (const t of texts) {
        const l = leaks(t, text);
        if (l.length) problems.push(`${where}: ${l.join(' ')} in "${t.slice(0, 160)}"`);
      }
      assert.match(x.message, FULLWIDTH, `${where}: the message is the catalog's`);
    }
  }
  assert.ok(n > 200, `${n} findings`);
  assert.deepEqual(problems.slice(0, 20), []);
  // the CLI's text output: every line (the path, position, severity and rule id are not words of a language)
  const lines: string[] = [];
  const sink: Sink = { write: (s: string) => void lines.push(...s.split('\n')) } as Sink;
  writeText(results, LOCALE, sink, ROOT);
  const all = INPUTS.map((f) => readFileSync(f, 'utf8')).join('\n');
  const severity = /\b(error|warning|information|hint)\b/g;
  const cli = lines.filter((l) => l.trim()).flatMap((l) => leaks(l.replace(/^\S+:\d+:\d+/, '').replace(/^\s+\S+:\d+:\d+/, '').replace(severity, ''), all).map((w) => `${w} in ${l}`));
  assert.deepEqual(cli.slice(0, 10), []);
  assert.match(lines.filter((l) => l.trim()).pop()!, FULLWIDTH, 'the summary line');
  const sarif: string[] = [];
  writeSarif(results.slice(0, 40), '0.0.0', LOCALE, { write: (s: string) => void sarif.push(s) } as Sink, ROOT);
  const help = JSON.parse(sarif.join('')).runs[0].tool.driver.rules.map((r: { help?: { markdown: string } }) => r.help?.markdown ?? '');
  assert.ok(help.length > 3 && help.every((h: string) => FULLWIDTH.test(h.split('\n').pop()!)), 'the SARIF help ends with the catalog\'s "See …"');
});

test('syntax errors in the third language: the message from the catalog by the parser\'s error code; the parser\'s own words only quoted in the explanation', () => {
  const broken: [string, string][] = [
    ['file:///a.yaml', 'a: 1\n b: 2\nc: [1, 2\n'],
    ['file:///b.yaml', 'x: *nope\nkey: "unterminated\n'],
    ['file:///c.yaml', 'a: 1\na: 2\n\tb: 3\n'],
    ['file:///d.json', '{"a": 1,, "b": [1, 2,], }'],
    ['file:///e.json', '{"a": tru, "b": "x\\q"'],
  ];
  let n = 0;
  for (const [uri, text] of broken) {
    for (const x of lint(text, { uri, locale: LOCALE }).findings) {
      if (!x.ruleId.startsWith('syntax/')) continue;
      n++;
      assert.ok(x.messageId && CATALOGS.en.syntax![x.messageId], `${x.messageId}: a catalog message`);
      assert.deepEqual(leaks(x.message, text), [], x.message);
      if (x.details) assert.ok(x.details.startsWith(CATALOGS[LOCALE]!.terms!['syntax.parserWords']!.replace('{parser}', '')), x.details);
    }
  }
  assert.ok(n >= 6, `${n} syntax findings`);
});

test('hovers and completion documentation of the examples, in the third language (schema descriptions from the schemas\' own x-description-<locale>)', () => {
  const problems: string[] = [];
  let hovers = 0;
  let items = 0;
  for (const f of files(join(ROOT, 'examples'))) {
    const text = readFileSync(f, 'utf8');
    const language = languageOf(f) ?? 'yaml';
    let offset = 0;
    for (const line of text.split('\n')) {
      const key = offset + line.search(/\S/);
      const value = offset + line.indexOf(': ') + 2;
      for (const at of [key, value]) {
        if (at < offset) continue;
        const h = hover(text, language, at, { uri: 'file://' + f, locale: LOCALE });
        if (!h) continue;
        hovers++;
        const l = leaks(h.markdown, text);
        if (l.length) problems.push(`hover ${f.slice(ROOT.length + 1)}:${at}: ${l.join(' ')}`);
      }
      const end = offset + line.length;
      for (const c of complete(text, language, end, { uri: 'file://' + f, locale: LOCALE })) {
        items++;
        // a snippet's documentation ends with the code it inserts (YAML/JSON, no language)
        const doc = c.kind === 'snippet' ? (c.documentation ?? '').replace(/```[\s\S]*$/, '') : (c.documentation ?? '');
        const l = leaks(`${c.detail ?? ''}\n${doc}`, text);
        if (l.length) problems.push(`completion ${f.slice(ROOT.length + 1)}:${end} ${c.label}: ${l.join(' ')}`);
      }
      offset = end + 1;
    }
  }
  assert.ok(hovers > 100 && items > 50, `${hovers} hovers, ${items} completion items`);
  // the snippets (offered in an empty file): name and description from the catalog
  const snippets = (['yaml', 'json'] as const).flatMap((l) => complete('', l, 0, { locale: LOCALE }).filter((c) => c.kind === 'snippet'));
  assert.ok(snippets.length > 20, `${snippets.length} snippets`);
  for (const c of snippets) assert.deepEqual(leaks(`${c.detail}\n${(c.documentation ?? '').replace(/```[\s\S]*$/, '')}`, ''), [], c.label);
  assert.deepEqual([...new Set(problems)].slice(0, 20), []);
});

test('the server\'s own texts in the third language: explanation hover, settings warnings, code lenses', () => {
  const md = explanationMarkdown([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, ruleId: 'k8s/volume-unused', details: alien('A long explanation.'), href: 'file:///docs/rules/k8s/volume-unused.md' }], LOCALE);
  assert.deepEqual(leaks(md.replace(/\(file:[^)]*\)/, ''), ''), []);
  const { problems } = validateSettings({ enable: 3, rules: { 'k8s/volume-unused': 'loud' }, emptyDirSizeLimit: 'big', maxFileSize: -1, syntaxErrors: 'x', kubernetesSchema: 1, docs: { baseUrl: 'ftp://x' } }, LOCALE);
  assert.ok(problems.length >= 5, problems.join('\n'));
  for (const p of problems) assert.deepEqual(leaks(p, 'enable rules emptyDirSizeLimit maxFileSize syntaxErrors kubernetesSchema docs baseUrl logtailLint'), [], p);
  // code lenses of a workspace: a DaemonSet's hostPath collected (or not) by a Logtail config
  const ws = new WorkspaceIndex();
  const dir = join(ROOT, 'test/fixtures/workspace');
  const texts: string[] = [];
  for (const f of files(dir)) {
    const text = readFileSync(f, 'utf8');
    texts.push(text);
    ws.update('file://' + f, parseFile(text, languageOf(f) ?? 'yaml'));
  }
  let lenses = 0;
  for (const f of files(dir)) {
    for (const l of codeLenses(ws, 'file://' + f, LOCALE)) {
      lenses++;
      assert.deepEqual(leaks(l.title, texts.join('\n')), [], l.title);
    }
  }
  assert.ok(lenses > 0, `${lenses} lenses`);
});

test('rule pages in the third language: a section per catalog language, English text after a note where the rule file has none; nothing crashes', () => {
  const rule = allRules.find((r) => r.id === 'k8s/volume-unused')!;
  assert.equal(pageWrittenIn(rule, 'zh-CN'), true);
  assert.equal(pageWrittenIn(rule, LOCALE), false);
  const page = ruleDoc(rule);
  const eo = page.slice(page.indexOf(`## ${alien('English')}`));
  assert.ok(eo.length > 100, 'a section headed by the catalog\'s heading');
  assert.ok(eo.includes(alien(CATALOGS.en.terms!['page.untranslated']!)), 'the note from the catalog');
  assert.ok(eo.includes(rule.docs.summary.en), 'then the English text');
  assert.ok(!page.slice(0, page.indexOf(`## ${alien('English')}`)).includes(alien(CATALOGS.en.terms!['page.untranslated']!)), 'no note in the Chinese section');
  assert.ok(generatedDocs().size > allRules.length);
  const nls = JSON.parse(withRuleNls('{}', LOCALE)) as Record<string, string>;
  assert.equal(nls[`configuration.rules.${rule.id}`], rule.docs.summary.en, 'package.nls of a language the pages lack: English summaries');
});
