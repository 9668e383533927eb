// Messages a user reads at a glance: one catalog per language (server/src/engine/messages/*.json),
// one short sentence per finding, ids and arguments asserted instead of sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, lint, languageOf, parseFile, WorkspaceIndex } from '../server/src/engine/index';
import { CATALOGS, DETAILS, catalogSection, term } from '../server/src/engine/catalog';
import { configSchemaRule } from '../server/src/engine/config/check';
import { COLLECTOR_ENV, ENV_DOCS } from '../server/src/engine/complete/env';
import { JSON_SNIPPETS, YAML_SNIPPETS } from '../server/src/engine/complete/snippets';
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';
import { ROOT } from './helpers/fixtures';

const DIR = join(ROOT, 'server/src/engine/messages');
/** Problems panel rows show about 100 characters; Chinese takes about twice the width per character. */
const LIMIT: Record<string, number> = { en: 100, 'zh-CN': 75 };
const placeholders = (t: string) => [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

test('every language is one file with the same messages as English, and each file is registered', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).sort(), Object.keys(CATALOGS).sort());
  const en = CATALOGS.en;
  for (const [locale, cat] of Object.entries(CATALOGS)) {
    assert.deepEqual(Object.keys(cat).sort(), Object.keys(en).sort(), `${locale}: sections`);
    for (const section of Object.keys(en)) {
      assert.deepEqual(Object.keys(cat[section]!).sort(), Object.keys(en[section]!).sort(), `${locale}: ${section}`);
      for (const [id, t] of Object.entries(cat[section]!)) assert.deepEqual(placeholders(t), placeholders(en[section]![id]!), `${locale}: ${section}.${id} placeholders`);
    }
  }
});

test('every message id of every rule has a catalog entry, and the catalog has no leftovers', () => {
  const wanted = new Set<string>();
  for (const r of allRules) for (const id of r.messages) wanted.add(`${catalogSection(r.id)}.${id}`);
  const have = new Set(Object.entries(CATALOGS.en).flatMap(([s, m]) => (['syntax', 'internal', 'config/schema', 'ui', 'terms', 'fixes', 'related', 'snippets', 'cli', '$cli', '$k8s', DETAILS, ENV_DOCS].includes(s) ? [] : Object.keys(m).map((id) => `${s}.${id}`))));
  assert.deepEqual([...wanted].filter((k) => !have.has(k)), [], 'missing from the catalog');
  assert.deepEqual([...have].filter((k) => !wanted.has(k)), [], 'catalog entries no rule uses');
  // the long explanations: one per message of every rule (and of the project configuration's checks)
  for (const id of configSchemaRule.messages) wanted.add(`config/schema.${id}`);
  assert.deepEqual(Object.keys(CATALOGS.en[DETAILS]!).sort(), [...wanted].sort(), 'explanations ($details) = the message ids');
});

test('every template is one short sentence: within the limit, no backticks, no line breaks', () => {
  const over: string[] = [];
  for (const [locale, cat] of Object.entries(CATALOGS)) {
    for (const [section, msgs] of Object.entries(cat)) {
      if (section.startsWith('$')) continue; // Markdown: the long explanations (hover, rule pages), the env vars' docs
      for (const [id, t] of Object.entries(msgs)) {
        const where = `${locale} ${section}.${id}`;
        if (t.length > LIMIT[locale]! && section !== 'terms') over.push(`${where} (${t.length}): ${t}`); // terms: parts of messages and hovers
        assert.doesNotMatch(t, /`/, `${where}: backticks show literally in the Problems panel`);
        assert.doesNotMatch(t, /\n/, where);
      }
    }
  }
  assert.deepEqual(over, []);
});

test('the limit check can fail', () => {
  assert.ok('x'.repeat(101).length > LIMIT.en!);
});

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? fixtureFiles(p) : /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}

test('on every fixture and example, in both languages: messages from the catalog, with their id; fix titles without backticks', () => {
  const files = [...fixtureFiles(join(ROOT, 'test/fixtures/rules')), ...fixtureFiles(join(ROOT, 'examples'))];
  assert.ok(files.length > 100);
  let checked = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const x of lint(text, { uri: 'file://' + f, locale }).findings) {
        if (!allRules.some((r) => r.id === x.ruleId)) continue;
        checked++;
        assert.ok(x.messageId, `${x.ruleId} has a messageId`);
        const t = CATALOGS[locale][catalogSection(x.ruleId)]?.[x.messageId!];
        assert.ok(t, `${x.ruleId}.${x.messageId} in the ${locale} catalog`);
        for (const p of placeholders(t)) assert.ok(p! in (x.data ?? {}), `${x.ruleId}.${x.messageId}: no argument for {${p}}`);
        for (const fix of x.fixes) assert.doesNotMatch(fix.title, /`/, `${x.ruleId} fix "${fix.title}"`);
      }
    }
  }
  assert.ok(checked > 200, `${checked} findings checked`);
});

test('a finding names its message id and arguments; the long text stays as its explanation', () => {
  const text = readFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), 'utf8');
  const f = lint(text, { uri: 'file:///d.yaml' }).findings.find((x) => x.ruleId === 'k8s/hostpath-shared-by-pods')!;
  assert.equal(f.messageId, 'shared');
  assert.equal(f.data?.kind, 'Deployment');
  assert.ok(f.details && f.details.length > f.message.length, 'the explanation is longer than the message');
  assert.ok(f.message.length <= 100);
});

/** Code that picks a language by itself instead of asking the catalog (a third language would need an edit there). */
const LOCALE_BRANCH = /\blocale\s*[!=]==\s*['"](?:zh|en)|[!=]==\s*['"]zh|\?\s*['"]zh['"]|\.zh\s*:|\?\s*[\w.[\]]+\.zh\b|\.zh\b|\[['"]zh['"]\]|x-description-zh|\/\^zh/;
/** A text written in two languages in code (`{ en: '…', zh: '…' }`) instead of in the catalogs. */
const ZH_LITERAL = /(?:^|[{,\s])zh\s*:/;
/** A language named in code: only the catalogs' registration (catalog.ts) and the aliases of Simplified Chinese (i18n.ts) may. */
const LANGUAGE_NAME = /['"]zh-CN['"]|['"]zh['"]/;
const MAY_NAME_LANGUAGE = new Set(['server/src/engine/catalog.ts', 'server/src/engine/i18n.ts']);
/**
 * Where `zh:` may stand: the rule pages (a rule's `docs`: summary, rationale, remediation, notes —
 * kept in the rule's file by the standard, one rule per file with its docs; another language
 * falls back to English, see docs/architecture.md), the titles of the sources the pages cite
 * (sources.ts), and the declaration of that type (i18n.ts).
 */
function pageTextAt(rel: string, lines: string[], i: number): boolean {
  if (rel === 'server/src/engine/i18n.ts') return /^\s*zh: string;$/.test(lines[i]!);
  const page = /^server\/src\/engine\/rules\//.test(rel) || rel === 'server/src/engine/config/check.ts';
  const key = page ? /\b(summary|rationale|remediation|notes)\s*:\s*\{/ : rel === 'server/src/engine/sources.ts' ? /\btitle\s*:\s*\{/ : undefined;
  if (!key) return false;
  for (let j = i; j >= Math.max(0, i - 4); j--) if (key.test(lines[j]!)) return true;
  return false;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : n.endsWith('.ts') ? [p] : [];
  });
}

/** Every line of server/src and client/src that picks a language, names one, or holds a two-language text outside the rule pages. */
function languageInCode(files: readonly string[], read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const found: string[] = [];
  for (const f of files) {
    const rel = f.startsWith(ROOT) ? f.slice(ROOT.length + 1) : f;
    const lines = read(f).split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) return; // comments
      const code = line.replace(/\/\/.*$/, '');
      const bad =
        (LOCALE_BRANCH.test(code) && !(rel === 'server/src/engine/i18n.ts')) ||
        (ZH_LITERAL.test(code) && !pageTextAt(rel, lines, i)) ||
        (LANGUAGE_NAME.test(code) && !MAY_NAME_LANGUAGE.has(rel));
      if (bad) found.push(`${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

test('no code picks a language or holds a two-language text: rules, schemas, completion, server, CLI and client take their words from the catalogs', () => {
  const files = [...sourceFiles(join(ROOT, 'server/src')), ...sourceFiles(join(ROOT, 'client/src'))];
  assert.ok(files.some((f) => f.includes('/engine/rules/')) && files.some((f) => f.includes('/client/src/')));
  assert.deepEqual(languageInCode(files), []);
});

test('the language check can fail: each form that was in the code is caught, rule pages are not', () => {
  for (const bad of ["const zh = ctx.locale === 'zh-CN';", "const lang = ctx.locale === 'zh-CN' ? 'zh' : 'en';", 'x ? ENGINE.zh : ENGINE.en', "locale !== 'en'", "prop['x-description-zh']", 'r.summary.zh', "/^zh/i.test(env.language ?? '')"]) {
    assert.deepEqual(languageInCode(['server/src/engine/x.ts'], () => bad).length, 1, bad);
  }
  const pair = "  const where = { en: 'the top level', zh: '顶层' };";
  assert.equal(languageInCode(['server/src/engine/schemas/errors.ts'], () => pair).length, 1, 'a two-language literal in engine code');
  assert.equal(languageInCode(['server/src/engine/rules/k8s/x.ts'], () => pair).length, 1, 'a two-language literal in a rule, outside its docs');
  assert.equal(languageInCode(['client/src/extension.ts'], () => "    message: localize({ en: 'Cannot read', zh: '无法读取' }, locale),").length, 1, 'on one line');
  const page = "  docs: {\n    summary: { en: 'A volume is unused.', zh: '卷未被使用。' },\n    rationale: {\n      en: 'Long text.',\n      zh: '长文本。',\n    },";
  assert.deepEqual(languageInCode(['server/src/engine/rules/k8s/x.ts'], () => page), [], 'a rule page');
  assert.equal(languageInCode(['server/src/engine/rules/k8s/x.ts'], () => "if (locale === 'zh-CN') x();").length, 1);
});

test('every term the code asks for exists in every catalog, and a missing one throws', () => {
  for (const [locale, cat] of Object.entries(CATALOGS)) assert.deepEqual(Object.keys(cat.terms ?? {}).sort(), Object.keys(CATALOGS.en.terms!).sort(), locale);
  assert.throws(() => term('en', 'no.such.term'));
  assert.equal(term('zh-CN', 'list.separator'), '；');
});

test('every string the VS Code client shows (l10n.t) has its Chinese translation in l10n/bundle.l10n.zh-cn.json', () => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = new Set<string>();
  for (const f of sourceFiles(join(ROOT, 'client/src'))) for (const m of readFileSync(f, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!.replace(/\\'/g, "'"));
  assert.ok(used.size > 10, `${used.size} strings`);
  assert.deepEqual([...used].filter((s) => !(s in bundle)), []);
  for (const s of used) assert.match(bundle[s]!, /[\u4e00-\u9fff]/, s);
});

test('every fix title the code writes is in every catalog (section fixes), and the catalogs hold no other', () => {
  const used = new Set<string>();
  for (const f of sourceFiles(join(ROOT, 'server/src/engine'))) for (const m of readFileSync(f, 'utf8').matchAll(/\btitle\('((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!.replace(/\\'/g, "'"));
  assert.ok(used.size > 30, `${used.size} titles`);
  assert.deepEqual(Object.keys(CATALOGS.en.fixes!).sort(), [...used].sort());
  for (const [locale, cat] of Object.entries(CATALOGS)) assert.deepEqual(Object.keys(cat.fixes ?? {}).sort(), [...used].sort(), locale);
  assert.match(CATALOGS['zh-CN'].fixes!['Persist Logtail checkpoint']!, /[\u4e00-\u9fff]/);
});

test('every related-location label the rules write is in every catalog (section related)', () => {
  const used = new Set<string>();
  for (const f of sourceFiles(join(ROOT, 'server/src/engine/rules'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/related\(ctx, [^\n]*?, '((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/related: \[\{[^\n]*message: '((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size >= 8, `${used.size} labels`);
  for (const [locale, cat] of Object.entries(CATALOGS)) assert.deepEqual(Object.keys(cat.related ?? {}).sort(), [...used].sort(), locale);
});

test('the env vars\' own texts ($env) are keyed by names of env vars the completion knows', () => {
  const names = new Set(COLLECTOR_ENV.map((e) => e.name));
  const keys = Object.keys(CATALOGS.en[ENV_DOCS]!);
  assert.ok(keys.length >= 10, `${keys.length} texts`);
  assert.deepEqual(keys.filter((k) => !names.has(k)), []);
});

test('parser (syntax) messages: every error code the YAML and JSON parsers and our own parse checks give has a catalog entry', () => {
  const codes = new Set<string>();
  // the yaml package's ErrorCode union
  for (const m of readFileSync(join(ROOT, 'node_modules/yaml/dist/errors.d.ts'), 'utf8').matchAll(/'([A-Z_]+)'/g)) codes.add(m[1]!);
  // jsonc-parser's ParseErrorCode names
  for (let i = 1; i < 64; i++) {
    const n = printParseErrorCode(i as ParseErrorCode);
    if (!n.startsWith('<')) codes.add(n);
  }
  assert.ok(codes.size > 30, `${codes.size} parser codes`);
  // codes written by our parse layer (limits, aliases, duplicate keys)
  for (const f of sourceFiles(join(ROOT, 'server/src/engine/parse'))) for (const m of readFileSync(f, 'utf8').matchAll(/\bcode(?:: | = )'([A-Za-z_]+)'|: '(ALIAS_BUDGET\w*)'/g)) codes.add((m[1] ?? m[2])!);
  assert.ok(codes.has('NESTING_LIMIT') && codes.has('DUPLICATE_KEY') && codes.has('TrailingComma') && codes.has('BAD_INDENT'));
  for (const [locale, cat] of Object.entries(CATALOGS)) assert.deepEqual([...codes].filter((c) => !cat.syntax?.[c]).sort(), [], `${locale}: syntax codes without a message`);
});

test('every snippet name and description (snippets/*.json) is in every catalog (section snippets, keyed by the English text), and the catalogs hold no other', () => {
  const texts = new Set([...YAML_SNIPPETS, ...JSON_SNIPPETS].flatMap((s) => [s.name, s.description]));
  assert.ok(texts.size > 20, `${texts.size} texts`);
  for (const [locale, cat] of Object.entries(CATALOGS)) assert.deepEqual(Object.keys(cat.snippets ?? {}).sort(), [...texts].sort(), locale);
  for (const t of texts) assert.equal(CATALOGS.en.snippets![t], t, 'English is the text itself');
  for (const t of texts) assert.match(CATALOGS['zh-CN'].snippets![t]!, /[\u4e00-\u9fff]/, t);
});

/**
 * Arguments that are sentences or parts of sentences of our own (from the catalogs' terms or a
 * schema's description), not names or values from the user's file: they count towards the limit.
 */
const PROSE_ARGS = new Set(['detail', 'reason', 'hint', 'description']);

/** The length of a message without the names and values it quotes from the file (its other arguments). */
function ownLength(message: string, data: Record<string, unknown> | undefined): number {
  let n = message.length;
  let rest = message;
  const args = Object.entries(data ?? {})
    .filter(([k, v]) => !PROSE_ARGS.has(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([, v]) => String(v))
    .filter((v) => v.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const v of args) {
    for (let i = rest.indexOf(v); i >= 0; i = rest.indexOf(v)) {
      n -= v.length;
      rest = rest.slice(0, i) + '\u0000' + rest.slice(i + v.length);
    }
  }
  return n;
}

test('the length check subtracts quoted names, not sentences of our own', () => {
  assert.equal(ownLength('"a-very-long-key-name" is bad.', { key: 'a-very-long-key-name' }), 10);
  assert.equal(ownLength('"k" is bad. Some long description.', { key: 'k', detail: ' Some long description.' }), 33);
});

test('every finding of every fixture, example and rule docs bad example, rendered in both languages: no backticks, within the limit', () => {
  const files = [...fixtureFiles(join(ROOT, 'test/fixtures')), ...fixtureFiles(join(ROOT, 'examples'))];
  const sources: { uri: string; text: string }[] = files.map((f) => ({ uri: 'file://' + f, text: readFileSync(f, 'utf8') }));
  for (const r of allRules) sources.push({ uri: `file:///docs/${r.id}/bad.${r.docs.language === 'json' ? 'json' : 'yaml'}`, text: r.docs.bad });
  // one workspace over everything, as the CLI lints a tree: the workspace rules fire too
  const ws = new WorkspaceIndex();
  for (const s of sources) {
    const language = languageOf(s.uri);
    if (language) ws.update(s.uri, parseFile(s.text, language));
  }
  const problems: string[] = [];
  let checked = 0;
  for (const s of sources) {
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const x of lint(s.text, { uri: s.uri, locale, workspace: ws }).findings) {
        checked++;
        const where = `${locale} ${x.ruleId}.${x.messageId} (${s.uri.replace('file://' + ROOT, '')})`;
        if (x.message.includes('`')) problems.push(`${where}: backtick in message: ${x.message}`);
        for (const fix of x.fixes) if (fix.title.includes('`')) problems.push(`${where}: backtick in fix title: ${fix.title}`);
        const own = ownLength(x.message, x.data);
        if (own > LIMIT[locale]!) problems.push(`${where}: ${own} characters of its own (${x.message.length} in all): ${x.message}`);
      }
    }
  }
  assert.ok(checked > 2000, `${checked} findings checked`);
  assert.deepEqual([...new Set(problems)], []);
});

test('schema findings: the pattern and the field\'s description are in the explanation (hover), not in the message', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/rules/logtail/config-name/valid/left-to-schema.json'), 'utf8');
  for (const locale of ['en', 'zh-CN'] as const) {
    const f = lint(text, { uri: 'file:///c.json', locale }).findings.find((x) => x.ruleId === 'logtail/schema' && x.messageId === 'pattern')!;
    assert.ok(f, locale);
    assert.equal(f.data?.key, 'configName');
    const pattern = String(f.data?.pattern);
    assert.ok(pattern.startsWith('^'), pattern);
    assert.ok(String(f.data?.detail).length > 20, 'the schema describes configName');
    assert.ok(!f.message.includes(pattern), `${locale}: the message names no pattern`);
    assert.ok(!f.message.includes(String(f.data?.detail).trim()), `${locale}: nor the description`);
    assert.ok(f.details?.includes('`' + pattern + '`'), `${locale}: the explanation gives the pattern as code`);
    assert.ok(f.details?.includes(String(f.data?.detail).trim()), `${locale}: and the description`);
  }
});
