// The project configuration file `.logtail-lint.yaml` (also .yml, .json): parsing, its own
// diagnostics (rule config/schema) with exact ranges, the JSON Schema, finding the nearest file,
// merging with the other layers of settings, and `ignorePaths` globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { lint, applyEdits, SYNTAX_RULE, INTERNAL_RULE, SKIPPED_RULE, SEVERITIES, allRules, type Finding } from '../server/src/engine/index';
import {
  BUILTIN_DEFAULTS,
  BUILTIN_IDS,
  CONFIG_RULE,
  CONFIG_SCHEMA,
  ConfigResolver,
  LEVELS,
  extractConfig,
  compileGlob,
  ignoreMatcher,
  isConfigFile,
  knownRuleIds,
  loadProjectConfig,
  mergeSettings,
  parentDir,
  relativePath,
  ruleSuggestions,
  withoutDefaults,
} from '../server/src/engine/config/index';
import { parseFile } from '../server/src/engine/parse/index';
import { ROOT } from './helpers/fixtures';
import { assertSaid } from './helpers/said';

const URI = 'file:///repo/.logtail-lint.yaml';
const check = (text: string, uri = URI, locale?: string) => lint(text, { uri, locale }).findings;
/** Offsets of the `nth` occurrence of `needle`. */
function at(text: string, needle: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `"${needle}" not in text`);
  return { start: i, end: i + needle.length };
}
const brief = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, start: f.start, end: f.end });

const SHARED = readFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), 'utf8');
const SHARED_RULE = 'k8s/hostpath-shared-by-pods';

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

test('a valid YAML configuration gives its settings and no finding', () => {
  const text = `# project settings
rules:
  k8s/hostpath-log-retention: off
  k8s/emptydir-no-size-limit: error
emptyDirSizeLimit: 2Gi
maxFileSize: 4194304
ignorePaths:
  - charts/**/templates/**
  - vendor
`;
  assert.deepEqual(check(text), []);
  const c = loadProjectConfig(text, '/repo/.logtail-lint.yaml');
  assert.equal(c.broken, false);
  assert.equal(c.dir, '/repo');
  assert.deepEqual(c.config, {
    rules: { 'k8s/hostpath-log-retention': 'off', 'k8s/emptydir-no-size-limit': 'error' },
    emptyDirSizeLimit: '2Gi',
    maxFileSize: 4194304,
    ignorePaths: ['charts/**/templates/**', 'vendor'],
  });
});

test('.yml and .json are configuration files too; other names are not', () => {
  for (const n of ['.logtail-lint.yaml', '.logtail-lint.yml', '.logtail-lint.json']) {
    assert.ok(isConfigFile(`/a/b/${n}`), n);
    assert.ok(isConfigFile(`file:///a/b/${n}`), n);
    assert.ok(isConfigFile(`C:\\a\\${n}`), n);
  }
  for (const n of ['logtail-lint.yaml', '.logtail-lint.yaml.bak', 'x.logtail-lint.yaml', '.logtail-lint.jsonc']) assert.ok(!isConfigFile(`/a/${n}`), n);
  const json = '{\n  "rules": { "k8s/volume-unused": "off" },\n  "ignorePaths": ["gen/**"]\n}\n';
  assert.deepEqual(check(json, 'file:///repo/.logtail-lint.json'), []);
  assert.deepEqual(loadProjectConfig(json, '/repo/.logtail-lint.json').config, { rules: { 'k8s/volume-unused': 'off' }, ignorePaths: ['gen/**'] });
  assert.deepEqual(loadProjectConfig('rules:\n  k8s/volume-unused: hint\n', '/repo/.logtail-lint.yml').config.rules, { 'k8s/volume-unused': 'hint' });
});

test('an empty file, a file of comments, and empty sections are an empty configuration', () => {
  for (const t of ['', '# nothing yet\n', 'rules:\nignorePaths:\n', '{}', '---\n']) {
    assert.deepEqual(check(t), [], JSON.stringify(t));
    assert.deepEqual(loadProjectConfig(t, '/r/.logtail-lint.yaml').config, { rules: {}, ignorePaths: [] });
  }
  assert.deepEqual(check('', 'file:///r/.logtail-lint.json'), []);
});

test('a name other than .logtail-lint.* is checked as a configuration when asked (--config)', () => {
  const text = 'rules:\n  k8s/volume-unused: warn\n';
  assert.deepEqual(lint(text, { uri: 'file:///r/lint-settings.yaml' }).findings, []);
  assert.deepEqual(lint(text, { uri: 'file:///r/lint-settings.yaml', projectConfig: true }).findings.map((f) => f.ruleId), [CONFIG_RULE]);
  assert.equal(loadProjectConfig(text, '/r/lint-settings.yaml').broken, true);
});

// ---------------------------------------------------------------------------------------------
// config/schema: exact ranges, severities, messages, fixes
// ---------------------------------------------------------------------------------------------

test('an unknown rule id is a warning on the key, with "Rename to <closest id>" (edit distance ≤ 2)', () => {
  const text = 'rules:\n  k8s/hostpath-log-retenton: off\n';
  const [f, ...rest] = check(text);
  assert.deepEqual(rest, []);
  assert.deepEqual(brief(f!), { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'k8s/hostpath-log-retenton') });
  assertSaid(f, 'unknownRuleSuggest', { id: 'k8s/hostpath-log-retenton', suggestion: 'k8s/hostpath-log-retention' });
  assert.deepEqual(
    f!.fixes.map((x) => [x.title, x.kind]),
    [['Rename to k8s/hostpath-log-retention', 'safe']],
  );
  const fixed = applyEdits(text, f!.fixes[0]!.edits);
  assert.equal(fixed, 'rules:\n  k8s/hostpath-log-retention: off\n');
  assert.deepEqual(check(fixed), []);
});

test('an unknown rule id far from every id: a warning without a fix; a bare name gets its domain', () => {
  const text = 'rules:\n  k8s/no-such-rule-at-all: off\n  hostpath-shared-by-pods: off\n';
  const fs = check(text);
  assert.deepEqual(fs.map(brief), [
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'k8s/no-such-rule-at-all') },
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'hostpath-shared-by-pods') },
  ]);
  assertSaid(fs[0], 'unknownRule', { id: 'k8s/no-such-rule-at-all' });
  assert.deepEqual(fs[0]!.fixes, []);
  assert.deepEqual(fs[1]!.fixes.map((x) => x.title), ['Rename to k8s/hostpath-shared-by-pods']);
  assert.deepEqual(ruleSuggestions('k8s/volume-unusd'), ['k8s/volume-unused']);
  // an unknown id is not an error: the configuration still applies
  assert.equal(loadProjectConfig(text, '/r/.logtail-lint.yaml').broken, false);
});

test('the engine ids (syntax/*, internal/*, config/schema) are known rule ids', () => {
  assert.deepEqual([...BUILTIN_IDS].slice(0, 4), [SYNTAX_RULE.yaml, SYNTAX_RULE.json, INTERNAL_RULE, SKIPPED_RULE]);
  const ids = knownRuleIds();
  for (const r of allRules) assert.ok(ids.includes(r.id), r.id);
  const text = 'rules:\n  syntax/yaml: off\n  internal/not-linted: hint\n  config/schema: warning\n';
  assert.deepEqual(check(text), []);
});

test('a wrong level is an error on the value, with a fix when the intent is clear', () => {
  const text = 'rules:\n  k8s/volume-unused: warn\n  k8s/pvc-not-found: 2\n  k8s/subpath-and-expr: loud\n  k8s/volume-mount-undefined:\n';
  const fs = check(text);
  assert.deepEqual(fs.map(brief), [
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'warn') },
    { ruleId: CONFIG_RULE, severity: 'error', start: text.indexOf(': 2') + 2, end: text.indexOf(': 2') + 3 },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'loud') },
    // no value: the finding is on the key
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'k8s/volume-mount-undefined') },
  ]);
  assertSaid(fs[0], 'levelSuggest', { id: 'k8s/volume-unused', value: '"warn"', suggestion: 'warning' });
  assert.deepEqual(fs[0]!.fixes.map((x) => x.title), ['Change to warning']);
  assert.deepEqual(fs[1]!.fixes.map((x) => x.title), ['Change to error'], 'ESLint numbers');
  assertSaid(fs[2], 'level', { id: 'k8s/subpath-and-expr', value: '"loud"' });
  assert.deepEqual(fs[2]!.fixes, []);
  assertSaid(fs[3], 'level', { id: 'k8s/volume-mount-undefined', value: 'null' });
  const c = loadProjectConfig(text, '/r/.logtail-lint.yaml');
  assert.equal(c.broken, true);
  assert.deepEqual(c.config.rules, {}, 'invalid entries are left out');
  const fixed = applyEdits(text, [...fs[0]!.fixes[0]!.edits, ...fs[1]!.fixes[0]!.edits]);
  assert.match(fixed, /k8s\/volume-unused: warning\n {2}k8s\/pvc-not-found: error\n/);
});

test('emptyDirSizeLimit, maxFileSize and ignorePaths errors are on their values', () => {
  const text = 'emptyDirSizeLimit: 2GB\nmaxFileSize: 100\nignorePaths:\n  - "!keep/**"\n  - ""\n  - 42\n';
  const fs = check(text);
  assert.deepEqual(fs.map(brief), [
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, '2GB') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, '100') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, '"!keep/**"') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, '""') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, '42') },
  ]);
  assert.deepEqual(
    fs.map((f) => f.messageId),
    ['emptyDirSizeLimit', 'maxFileSize', 'negation', 'glob', 'glob'],
  );
  for (const f of fs) assertSaid(f, f.messageId!);
  assert.deepEqual(extractConfig(parseFile(text, 'yaml')), { rules: {}, ignorePaths: [] });
  const num = 'emptyDirSizeLimit: 2\n';
  const [f] = check(num);
  assert.deepEqual(f!.fixes.map((x) => x.title), ['Convert to string']);
  assert.equal(applyEdits(num, f!.fixes[0]!.edits), 'emptyDirSizeLimit: "2"\n');
});

test('wrong types of whole sections: the finding is on the key of a block value, on a flow value itself', () => {
  const text = 'rules:\n  - k8s/volume-unused\nignorePaths: charts\n';
  assert.deepEqual(check(text).map(brief), [
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'rules') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'charts') },
  ]);
  const json = '{"rules": ["k8s/volume-unused"], "maxFileSize": "big"}';
  assert.deepEqual(check(json, 'file:///r/.logtail-lint.json').map(brief), [
    { ruleId: CONFIG_RULE, severity: 'error', ...at(json, '["k8s/volume-unused"]') },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(json, '"big"') },
  ]);
});

test('an unknown setting is a warning on its key, renamed to the setting it is close to', () => {
  const text = 'rule:\n  k8s/volume-unused: off\nignorepaths: [a]\nextends: base.yaml\n';
  const fs = check(text);
  assert.deepEqual(fs.map(brief), [
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'rule') },
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'ignorepaths') },
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'extends') },
  ]);
  assertSaid(fs[0], 'unknownKeySuggest', { key: 'rule', suggestion: 'rules' });
  assert.deepEqual(fs[1]!.fixes.map((x) => x.title), ['Rename to ignorePaths']);
  assertSaid(fs[2], 'unknownKey', { key: 'extends' });
  assert.deepEqual(check('$schema: ./schemas/logtail-lint-config.schema.json\n'), [], '$schema is allowed');
});

test('not a mapping, a second document, a syntax error', () => {
  const list = '- rules\n';
  assert.deepEqual(check(list).map(brief), [{ ruleId: CONFIG_RULE, severity: 'error', start: 0, end: list.length - 1 }]);
  const two = 'rules: {}\n---\nrules: {}\n';
  assert.deepEqual(check(two).map(brief), [{ ruleId: CONFIG_RULE, severity: 'warning', start: two.lastIndexOf('rules'), end: two.lastIndexOf('rules') }]);
  // a syntax error alone: no schema finding on a tree that may not be what was meant
  const broken = 'rules: [\n';
  assert.deepEqual(check(broken).map((f) => f.ruleId), [SYNTAX_RULE.yaml]);
  assert.equal(loadProjectConfig(broken, '/r/.logtail-lint.yaml').broken, true);
  assert.deepEqual(check('{"rules": {', 'file:///r/.logtail-lint.json').map((f) => f.ruleId), [SYNTAX_RULE.json]);
});

test('messages are in Chinese for zh-CN', () => {
  const fs = check('rules:\n  k8s/volume-unusd: warn\n', URI, 'zh-CN');
  assertSaid(fs[0], 'unknownRuleSuggest', { id: 'k8s/volume-unusd', suggestion: 'k8s/volume-unused' }, 'zh-CN');
  assertSaid(fs[1], 'levelSuggest', { id: 'k8s/volume-unusd', value: '"warn"', suggestion: 'warning' }, 'zh-CN');
  assert.equal(fs.length, 2);
  for (const f of fs) assert.match(f.message, /[\u4e00-\u9fff]/, f.message);
});

test('a configuration file is never mistaken for a Logtail config or a manifest', () => {
  // keys that make detectStandalone see a pipeline / startup config, and a Kubernetes-looking document
  const text = 'rules: {}\ninputs:\n  - Type: input_file\nflushers:\n  - Type: flusher_sls\ncpu_usage_limit: "x"\n';
  assert.deepEqual(
    check(text).map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`),
    ['config/schema:inputs', 'config/schema:flushers', 'config/schema:cpu_usage_limit'],
  );
  const startup = '{"cpu_usage_limit": "high", "mem_usage_limit": 1}';
  assert.deepEqual(lint(startup, { uri: 'file:///r/.logtail-lint.json' }).findings.map((f) => f.ruleId), [CONFIG_RULE, CONFIG_RULE]);
  assert.ok(lint(startup, { uri: 'file:///r/ilogtail_config.json' }).findings.some((f) => f.ruleId.startsWith('startup/')));
  assert.ok(lint(SHARED, { uri: 'file:///r/deploy.yaml' }).findings.some((f) => f.ruleId === SHARED_RULE));
  const asConfig = lint(SHARED, { uri: URI }).findings;
  assert.deepEqual(asConfig.map((f) => `${f.ruleId}:${SHARED.slice(f.start, f.end)}`), ['config/schema:apiVersion', 'config/schema:kind', 'config/schema:metadata', 'config/schema:spec']);
});

test('settings, disable comments and the rule id apply to config/schema like to any rule', () => {
  const text = 'rules:\n  k8s/volume-unusd: off\n';
  assert.deepEqual(lint(text, { uri: URI, settings: { rules: { [CONFIG_RULE]: 'off' } } }).findings, []);
  assert.equal(lint(text, { uri: URI, settings: { rules: { [CONFIG_RULE]: 'error' } } }).findings[0]!.severity, 'error');
  assert.deepEqual(check(`rules:\n  # logtail-lint-disable-next-line ${CONFIG_RULE}\n  k8s/volume-unusd: off\n`), []);
});

// ---------------------------------------------------------------------------------------------
// The JSON Schema
// ---------------------------------------------------------------------------------------------

test('the JSON Schema is draft-07, annotated in English and Chinese, and agrees with the engine', () => {
  const s = CONFIG_SCHEMA as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(s.$id, 'logtail-lint-config.schema.json');
  const CJK = /[\u4e00-\u9fff]/;
  const entries = [['(root)', s], ...Object.entries(s.properties), ...Object.entries(s.definitions)] as [string, Record<string, unknown>][];
  for (const [name, e] of entries) {
    assert.ok(typeof e.description === 'string' && e.description.length > 8 && !CJK.test(e.description), `${name}: description`);
    assert.ok(typeof e['x-description-zh'] === 'string' && CJK.test(e['x-description-zh'] as string), `${name}: x-description-zh`);
    assert.ok(typeof e['x-source'] === 'string', `${name}: x-source`);
  }
  assert.deepEqual(s.definitions.level.enum, [...LEVELS]);
  assert.deepEqual([...LEVELS].sort(), ['off', ...SEVERITIES].sort());
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.equal(s.properties.emptyDirSizeLimit.pattern, props['logtailLint.emptyDirSizeLimit'].pattern, 'same pattern as the VS Code setting');
  assert.equal(s.properties.emptyDirSizeLimit.default, props['logtailLint.emptyDirSizeLimit'].default);
  assert.equal(s.properties.maxFileSize.default, props['logtailLint.maxFileSize'].default);
  assert.equal(s.properties.maxFileSize.minimum, props['logtailLint.maxFileSize'].minimum);
  assert.deepEqual(props['logtailLint.rules'].additionalProperties.enum, [...LEVELS]);
  assert.deepEqual(BUILTIN_DEFAULTS, { emptyDirSizeLimit: s.properties.emptyDirSizeLimit.default, maxFileSize: s.properties.maxFileSize.default });
  // the schema alone (as an editor would use it) accepts the documented example and rejects a wrong level
  const ajv = new Ajv({ strict: false });
  const v = ajv.compile(s);
  assert.ok(v({ rules: { 'k8s/hostpath-log-retention': 'off' }, emptyDirSizeLimit: '2Gi', maxFileSize: 4194304, ignorePaths: ['charts/**/templates/**'] }), JSON.stringify(v.errors));
  assert.ok(!v({ rules: { 'k8s/hostpath-log-retention': 'warn' } }));
  for (const key of ['emptyDirSizeLimit', 'maxFileSize'] as const) assert.ok(v({ [key]: s.properties[key].default }), `default of ${key}`);
});

// ---------------------------------------------------------------------------------------------
// Precedence
// ---------------------------------------------------------------------------------------------

test('precedence: defaults < project file < editor settings (per rule) < CLI --rule', () => {
  const project = { rules: { a: 'off', b: 'off', c: 'off' } as const, emptyDirSizeLimit: '2Gi', maxFileSize: 4096, ignorePaths: [] };
  assert.deepEqual(mergeSettings({}), { rules: {} });
  assert.deepEqual(mergeSettings({ project }), { rules: { a: 'off', b: 'off', c: 'off' }, emptyDirSizeLimit: '2Gi', maxFileSize: 4096 });
  assert.deepEqual(mergeSettings({ project, editor: { rules: { b: 'warning' } }, cli: { rules: { c: 'error' } } }).rules, { a: 'off', b: 'warning', c: 'error' });
  assert.deepEqual(mergeSettings({ project, editor: { rules: { c: 'hint' } }, cli: { rules: { c: 'error' } } }).rules, { a: 'off', b: 'off', c: 'error' });
  assert.equal(mergeSettings({ project, editor: { emptyDirSizeLimit: '5Gi' } }).emptyDirSizeLimit, '5Gi');
  // an editor sends its defaults too: those do not hide the project's values
  const vscode = { enable: true, rules: {}, emptyDirSizeLimit: BUILTIN_DEFAULTS.emptyDirSizeLimit, maxFileSize: BUILTIN_DEFAULTS.maxFileSize };
  assert.deepEqual(withoutDefaults(vscode), { enable: true, rules: {} });
  assert.deepEqual(mergeSettings({ project, editor: withoutDefaults(vscode) }), { rules: project.rules, emptyDirSizeLimit: '2Gi', maxFileSize: 4096 });
});

test('merged settings drive lint(): the project turns a rule off, the editor turns it back on', () => {
  const has = (settings: object) => lint(SHARED, { uri: 'file:///repo/app/d.yaml', settings }).findings.some((f) => f.ruleId === SHARED_RULE);
  const project = loadProjectConfig(`rules:\n  ${SHARED_RULE}: off\n`, '/repo/.logtail-lint.yaml').config;
  assert.equal(has(mergeSettings({})), true);
  assert.equal(has(mergeSettings({ project })), false);
  assert.equal(has(mergeSettings({ project, editor: { rules: { [SHARED_RULE]: 'warning' } } })), true);
  assert.equal(has(mergeSettings({ project, editor: { rules: { [SHARED_RULE]: 'warning' } }, cli: { rules: { [SHARED_RULE]: 'off' } } })), false);
  const limit = loadProjectConfig('emptyDirSizeLimit: 3Gi\n', '/repo/.logtail-lint.yaml').config;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    volumeMounts:\n    - {name: logs, mountPath: /var/log/app}\n  volumes:\n  - name: logs\n    emptyDir: {}\n';
  const f = lint(pod, { uri: 'file:///repo/p.yaml', settings: mergeSettings({ project: limit }) }).findings.find((x) => x.ruleId === 'k8s/emptydir-no-size-limit');
  assert.ok(f, 'emptydir-no-size-limit fires');
  assert.ok(f.fixes.some((x) => x.edits.some((e) => e.newText.includes('3Gi'))), JSON.stringify(f.fixes));
});

// ---------------------------------------------------------------------------------------------
// Finding the nearest file
// ---------------------------------------------------------------------------------------------

function memFs(files: Record<string, string>) {
  const calls: string[] = [];
  return {
    calls,
    host: {
      exists: (p: string) => {
        calls.push(p);
        return p in files;
      },
      readFile: (p: string) => {
        if (!(p in files)) throw new Error(`ENOENT: ${p}`);
        return files[p]!;
      },
    },
  };
}

test('the nearest configuration walking up wins (no cascading); .yaml before .yml before .json', () => {
  const { host } = memFs({
    '/repo/.logtail-lint.yaml': 'rules:\n  k8s/volume-unused: off\n',
    '/repo/.logtail-lint.json': '{"rules": {"k8s/volume-unused": "error"}}',
    '/repo/team/.logtail-lint.json': '{"rules": {"k8s/pvc-not-found": "off"}}',
    '/repo/other/.logtail-lint.yml': 'rules: {}\n',
  });
  const r = new ConfigResolver(host);
  assert.equal(r.find('/repo/a.yaml'), '/repo/.logtail-lint.yaml');
  assert.equal(r.find('/repo/deep/er/x.yaml'), '/repo/.logtail-lint.yaml');
  assert.equal(r.find('/repo/team/app/x.yaml'), '/repo/team/.logtail-lint.json');
  assert.deepEqual(r.forFile('/repo/team/app/x.yaml')!.config.rules, { 'k8s/pvc-not-found': 'off' }, 'the nearest file is the whole configuration');
  assert.equal(r.find('/repo/other/x.yaml'), '/repo/other/.logtail-lint.yml');
  assert.equal(r.find('/elsewhere/x.yaml'), undefined);
  assert.equal(r.forFile('/elsewhere/x.yaml'), undefined);
});

test('lookups walk up to the filesystem root and are cached per directory until invalidated', () => {
  const files: Record<string, string> = { '/.logtail-lint.yaml': 'rules: {}\n' };
  const { host, calls } = memFs(files);
  const r = new ConfigResolver(host);
  assert.equal(r.find('/a/b/c/x.yaml'), '/.logtail-lint.yaml');
  assert.deepEqual(calls.filter((c) => c.endsWith('.yaml')), ['/a/b/c/.logtail-lint.yaml', '/a/b/.logtail-lint.yaml', '/a/.logtail-lint.yaml', '/.logtail-lint.yaml']);
  calls.length = 0;
  assert.equal(r.find('/a/b/c/y.yaml'), '/.logtail-lint.yaml');
  assert.equal(r.find('/a/z.yaml'), '/.logtail-lint.yaml');
  assert.deepEqual(calls, [], 'every directory on the way was cached');
  assert.equal(r.find('/a/b/d/x.yaml'), '/.logtail-lint.yaml');
  assert.deepEqual(calls, ['/a/b/d/.logtail-lint.yaml', '/a/b/d/.logtail-lint.yml', '/a/b/d/.logtail-lint.json'], 'a new directory: only it is looked at');
  const first = r.forFile('/a/x.yaml');
  assert.equal(r.forFile('/a/b/x.yaml'), first, 'a file is read once');
  files['/a/b/.logtail-lint.yaml'] = 'rules:\n  k8s/volume-unused: off\n';
  assert.equal(r.find('/a/b/x.yaml'), '/.logtail-lint.yaml', 'still cached');
  r.invalidate();
  assert.equal(r.find('/a/b/x.yaml'), '/a/b/.logtail-lint.yaml');
  assert.deepEqual(r.forFile('/a/b/c/x.yaml')!.config.rules, { 'k8s/volume-unused': 'off' });
});

test('an unreadable configuration file is broken, with the reason', () => {
  const r = new ConfigResolver({ exists: () => true, readFile: () => { throw new Error('EACCES: permission denied'); } });
  const c = r.forFile('/p/x.yaml')!;
  assert.equal(c.path, '/p/.logtail-lint.yaml');
  assert.equal(c.broken, true);
  assert.equal(c.readError, 'EACCES: permission denied');
  assert.deepEqual(c.findings.map((f) => f.ruleId), [CONFIG_RULE]);
});

test('path helpers: parent directories (POSIX and Windows) and relative paths', () => {
  assert.equal(parentDir('/a/b/c.yaml'), '/a/b');
  assert.equal(parentDir('/a'), '/');
  assert.equal(parentDir('/'), undefined);
  assert.equal(parentDir('C:\\a\\b.yaml'), 'C:\\a');
  assert.equal(parentDir('C:\\a'), 'C:\\');
  assert.equal(parentDir('C:\\'), undefined);
  assert.equal(relativePath('/repo', '/repo/charts/a/t.yaml'), 'charts/a/t.yaml');
  assert.equal(relativePath('/repo/sub', '/repo/x.yaml'), '../x.yaml');
  assert.equal(relativePath('C:\\repo', 'c:\\repo\\k8s\\d.yaml'), 'k8s/d.yaml');
  const { host } = memFs({ 'C:\\repo\\.logtail-lint.yaml': 'rules: {}\n' });
  assert.equal(new ConfigResolver(host).find('C:\\repo\\k8s\\d.yaml'), 'C:\\repo\\.logtail-lint.yaml');
});

// ---------------------------------------------------------------------------------------------
// ignorePaths globs
// ---------------------------------------------------------------------------------------------

test('globs: * within a segment, ** across segments, ? one character, the rest literal', () => {
  const cases: [string, string, boolean][] = [
    ['charts/**/templates/**', 'charts/web/templates/deploy.yaml', true],
    ['charts/**/templates/**', 'charts/templates/deploy.yaml', true],
    ['charts/**/templates/**', 'charts/a/b/templates/x/y.yaml', true],
    ['charts/**/templates/**', 'charts/web/values.yaml', false],
    ['charts/**/templates/**', 'other/charts/web/templates/d.yaml', false],
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'dir/a.yaml', false],
    ['**/*.gen.yaml', 'a.gen.yaml', true],
    ['**/*.gen.yaml', 'x/y/a.gen.yaml', true],
    ['**/*.gen.yaml', 'x/y/a.yaml', false],
    ['k8s/??.yaml', 'k8s/ab.yaml', true],
    ['k8s/??.yaml', 'k8s/abc.yaml', false],
    ['k8s/?.yaml', 'k8s//.yaml', false],
    ['a.yaml', 'axyaml', false],
    ['a+b(1).yaml', 'a+b(1).yaml', true],
    ['./gen/*', 'gen/x.json', true],
    ['/gen/*', 'gen/x.json', true],
    ['**', 'anything/at/all.yaml', true],
  ];
  for (const [glob, path, expected] of cases) assert.equal(compileGlob(glob).test(path), expected, `${glob} ~ ${path}`);
});

test('a glob that matches a directory ignores everything under it; negations and blanks are skipped', () => {
  const m = ignoreMatcher(['vendor', 'build/', 'tmp/*', '!vendor/keep.yaml', '  ']);
  assert.equal(m('vendor/x/y.yaml'), true);
  assert.equal(m('build/out.json'), true);
  assert.equal(m('tmp/a/b.yaml'), true);
  assert.equal(m('vendor.yaml'), false);
  assert.equal(m('src/vendor/x.yaml'), false, 'globs are anchored at the configuration directory');
  assert.equal(ignoreMatcher([])('x.yaml'), false);
});

test('LoadedConfig.ignores: paths relative to the configuration file; the configuration itself is never ignored', () => {
  const c = loadProjectConfig('ignorePaths:\n  - charts/**/templates/**\n  - "**/.logtail-lint.*"\n  - "*.json"\n', '/repo/.logtail-lint.yaml');
  assert.equal(c.ignores('/repo/charts/web/templates/d.yaml'), true);
  assert.equal(c.ignores('/repo/charts/web/values.yaml'), false);
  assert.equal(c.ignores('/repo/x.json'), true);
  assert.equal(c.ignores('/other/charts/web/templates/d.yaml'), false);
  assert.equal(c.ignores('/repo/.logtail-lint.yaml'), false);
  assert.equal(c.ignores('/repo/sub/.logtail-lint.json'), false);
  assert.equal(loadProjectConfig('rules: {}\n', '/repo/.logtail-lint.yaml').ignores('/repo/a.yaml'), false);
});

// ---------------------------------------------------------------------------------------------
// overrides (ESLint's model): rule levels per file glob
// ---------------------------------------------------------------------------------------------

test('overrides: rule levels for matching files only, applied in order after rules', () => {
  const text = [
    'rules:',
    '  k8s/hostpath-shared-by-pods: error',
    'overrides:',
    '  - files: ["logtail/**/*.json"]',
    '    rules:',
    '      logtail/delay-skip: off',
    '  - files: deploy/web.yaml',
    '    rules:',
    '      k8s/hostpath-shared-by-pods: off',
    '',
  ].join('\n');
  assert.deepEqual(check(text), [], 'a valid configuration');
  const c = loadProjectConfig(text, '/repo/.logtail-lint.yaml');
  assert.deepEqual(c.config.overrides, [
    { files: ['logtail/**/*.json'], rules: { 'logtail/delay-skip': 'off' } },
    { files: ['deploy/web.yaml'], rules: { 'k8s/hostpath-shared-by-pods': 'off' } },
  ]);
  assert.deepEqual(c.configFor('/repo/logtail/a/b.json').rules, { 'k8s/hostpath-shared-by-pods': 'error', 'logtail/delay-skip': 'off' });
  assert.deepEqual(c.configFor('/repo/deploy/web.yaml').rules, { 'k8s/hostpath-shared-by-pods': 'off' });
  assert.deepEqual(c.configFor('/repo/deploy/api.yaml').rules, { 'k8s/hostpath-shared-by-pods': 'error' });
  // and lint() with the merged settings: the rule is off for that one file
  const off = lint(SHARED, { uri: 'file:///repo/deploy/web.yaml', settings: mergeSettings({ project: c.configFor('/repo/deploy/web.yaml') }) }).findings;
  assert.ok(!off.some((f) => f.ruleId === SHARED_RULE));
  const on = lint(SHARED, { uri: 'file:///repo/deploy/api.yaml', settings: mergeSettings({ project: c.configFor('/repo/deploy/api.yaml') }) }).findings;
  assert.equal(on.find((f) => f.ruleId === SHARED_RULE)?.severity, 'error');
});

test('overrides: a missing files, a wrong level and an unknown rule id are reported where they are', () => {
  const text = ['overrides:', '  - rules:', '      k8s/hostpath-shared-by-pods: of', '  - files: ["a.json"]', '    rules:', '      k8s/hostpath-shared-by-podz: off', ''].join('\n');
  const f = check(text);
  const ids = f.map((x) => ({ ...brief(x), fixes: x.fixes.map((y) => y.title) }));
  assert.deepEqual(ids, [
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'rules'), fixes: [] },
    { ruleId: CONFIG_RULE, severity: 'error', ...at(text, 'of\n'), end: at(text, 'of\n').start + 2, fixes: ['Change to off'] },
    { ruleId: CONFIG_RULE, severity: 'warning', ...at(text, 'k8s/hostpath-shared-by-podz'), fixes: ['Rename to k8s/hostpath-shared-by-pods'] },
  ], JSON.stringify(ids));
  assert.deepEqual(check('overrides: 3\n').map((x) => x.messageId), ['overridesType']);
});
