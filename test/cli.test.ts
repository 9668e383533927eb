// The bundled CLI (dist/cli.js, built by `npm test` / `npm ci`), run as users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers/fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** 1-based line:col of `needle` on the first non-comment line that contains `lineHas`. */
function where(file: string, needle: string, lineHas = needle): string {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => !l.trimStart().startsWith('#') && l.includes(lineHas));
  return `${i + 1}:${lines[i]!.indexOf(needle) + 1}`;
}

test('linting examples/ prints exact line:col findings and exits 1 (some examples are broken)', () => {
  const r = run(['examples']);
  assert.equal(r.code, 1, r.err);
  const file = 'examples/hostpath/deployment-subpathexpr-no-env.yaml';
  const pos = where(file, '$(POD_NAME)', 'subPathExpr');
  assert.ok(r.out.includes(`${file}:${pos}  error  `), r.out);
  assert.match(r.out, new RegExp(`${file.replace(/[.]/g, '\\.')}:${pos}  error  .*POD_NAME.*  k8s/subpath-expr-undefined-var\\n`));
  const shared = 'examples/hostpath/deployment-hostpath-shared.yaml';
  assert.ok(r.out.includes(`${shared}:${where(shared, 'workdir1')}  warning  `), r.out);
  assert.doesNotMatch(r.out, /examples\/hostpath\/deployment-subpathexpr\.yaml:\d+:\d+  (error|warning)/, 'the correct example has no error or warning');
});

test('--format json follows the ESLint formatter shape', () => {
  const r = run(['--format', 'json', 'examples/hostpath']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.out) as { filePath: string; messages: Record<string, unknown>[] }[];
  assert.ok(Array.isArray(out) && out.length >= 3);
  const f = out.find((x) => x.filePath.endsWith('deployment-subpathexpr-no-env.yaml'))!;
  const m = f.messages.find((x) => x.ruleId === 'k8s/subpath-expr-undefined-var')!;
  const [line, col] = where('examples/hostpath/deployment-subpathexpr-no-env.yaml', '$(POD_NAME)', 'subPathExpr').split(':').map(Number);
  assert.deepEqual(
    { ...m, message: typeof m.message },
    { ruleId: 'k8s/subpath-expr-undefined-var', severity: 'error', message: 'string', line, column: col, endLine: line, endColumn: col! + '$(POD_NAME)'.length, fixes: [{ title: 'Add env POD_NAME from the Downward API', kind: 'safe' }] },
  );
});

test('--fix applies safe fixes only; --unsafe-fixes also applies the flagship suggestion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-cli-'));
  const a = join(dir, 'no-env.yaml');
  const b = join(dir, 'shared.yaml');
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml'), a);
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), b);
  const r1 = run(['--fix', dir]);
  assert.equal(r1.code, 0, r1.out + r1.err);
  const fixedA = parse(readFileSync(a, 'utf8'));
  assert.deepEqual(fixedA.spec.template.spec.containers[0].env, [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
  assert.ok(readFileSync(a, 'utf8').includes('# 注：type必须是DirectoryOrCreate'), 'comments kept');
  assert.equal(readFileSync(b, 'utf8'), readFileSync(join(ROOT, 'examples/hostpath/deployment-hostpath-shared.yaml'), 'utf8'), 'suggestions are not applied by --fix');
  const r2 = run(['--fix', '--unsafe-fixes', b]);
  assert.equal(r2.code, 0, r2.out);
  const spec = parse(readFileSync(b, 'utf8')).spec.template.spec;
  assert.equal(spec.containers[0].volumeMounts[0].subPathExpr, '$(POD_NAME)');
  assert.equal(spec.volumes[0].hostPath.type, 'DirectoryOrCreate');
  assert.equal(spec.containers[0].env[0].name, 'POD_NAME');
  const r3 = run(['--fix', '--unsafe-fixes', b]);
  assert.equal(readFileSync(b, 'utf8'), readFileSync(b, 'utf8'));
  assert.equal(r3.code, 0);
});

test('--locale zh-CN and LANG=zh_CN.UTF-8 print Chinese messages', () => {
  const r = run(['--locale', 'zh-CN', 'examples/hostpath/deployment-subpathexpr-no-env.yaml']);
  assert.match(r.out, /引用 \$\(POD_NAME\)，但容器/);
  assert.match(r.out, /共 \d+ 个问题：1 个错误/);
  const r2 = run(['examples/hostpath/deployment-subpathexpr-no-env.yaml'], { LANG: 'zh_CN.UTF-8' });
  assert.match(r2.out, /引用 \$\(POD_NAME\)，但容器/);
});

test('usage and I/O errors exit 2 with a clear message', () => {
  const missing = run(['does-not-exist.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file or directory: does-not-exist\.yaml/);
  assert.equal(run([]).code, 2);
  const bad = run(['--format', 'xml', 'examples']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be text, json, sarif or gitlab/);
  assert.equal(run(['--unsafe-fixes', 'examples']).code, 2);
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: logtail-lint/);
});

test('a clean file exits 0; --rule overrides a severity', () => {
  const r = run(['examples/hostpath/deployment-subpathexpr.yaml']);
  assert.equal(r.code, 0, r.out);
  const off = run(['--rule', 'k8s/subpath-expr-undefined-var=off', 'examples/hostpath/deployment-subpathexpr-no-env.yaml']);
  assert.equal(off.code, 0, off.out);
  assert.ok(!off.out.includes('subpath-expr-undefined-var'));
});

test('bad input never crashes the CLI: invalid YAML, NUL bytes, empty file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-bad-'));
  writeFileSync(join(dir, 'broken.yaml'), 'a: [1, 2\nb: : :\n');
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x01, 0x02, 0xff]));
  writeFileSync(join(dir, 'empty.json'), '');
  const r = run([dir]);
  assert.equal(r.code, 1, 'the syntax error is an error');
  assert.match(r.out, /broken\.yaml:\d+:\d+  error  .*syntax\/yaml/);
  assert.match(r.out, /binary\.yaml:1:1  information  .*binary.*internal\/not-linted/);
  assert.equal(r.err, '');
});

// ---------------------------------------------------------------------------------------------
// .logtail-lint.yaml (docs/configuration.md)
// ---------------------------------------------------------------------------------------------

const SHARED_EXAMPLE = 'examples/hostpath/deployment-hostpath-shared.yaml';
const SHARED_RULE = 'k8s/hostpath-shared-by-pods';

/** A temp project: the shared-hostPath manifest in app/ and in charts/web/templates/, and a config. */
function project(config?: string, name = '.logtail-lint.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-cfg-'));
  for (const sub of ['app', 'charts/web/templates']) {
    mkdirSync(join(dir, sub), { recursive: true });
    copyFileSync(join(ROOT, SHARED_EXAMPLE), join(dir, sub, 'deploy.yaml'));
  }
  if (config !== undefined) writeFileSync(join(dir, name), config);
  return dir;
}
const CONFIG = `rules:\n  ${SHARED_RULE}: off\nignorePaths:\n  - charts/**/templates/**\n`;
const runIn = (cwd: string, args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('the nearest .logtail-lint.yaml turns a rule off and ignorePaths files are not linted', () => {
  const dir = project(CONFIG);
  const r = runIn(dir, ['.']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(r.err, '');
  assert.doesNotMatch(r.out, /hostpath-shared-by-pods/);
  assert.doesNotMatch(r.out, /charts\//, 'the ignored file is not in the output');
  assert.match(r.out, /app\/deploy\.yaml:\d+:\d+  hint  .*k8s\/hostpath-log-retention/, 'other rules still run');
  assert.match(r.out, /in 2 file\(s\)/, 'app/deploy.yaml and the configuration itself');
  const json = JSON.parse(runIn(dir, ['--format', 'json', '.']).out) as { filePath: string }[];
  assert.deepEqual(json.map((x) => x.filePath.slice(dir.length)).sort(), ['/.logtail-lint.yaml', '/app/deploy.yaml']);
  // from a subdirectory, and naming the file: the configuration is found walking up
  const sub = runIn(join(dir, 'app'), ['deploy.yaml']);
  assert.doesNotMatch(sub.out, /hostpath-shared-by-pods/);
  // --rule wins over the file
  const on = runIn(dir, ['--rule', `${SHARED_RULE}=error`, 'app']);
  assert.equal(on.code, 1);
  assert.match(on.out, /app\/deploy\.yaml:\d+:\d+  error  .*k8s\/hostpath-shared-by-pods/);
});

test('--no-config ignores configuration files; --config uses one file for everything', () => {
  const dir = project(CONFIG);
  const r = runIn(dir, ['--no-config', 'app', 'charts']);
  assert.match(r.out, /app\/deploy\.yaml:\d+:\d+  warning  .*hostpath-shared-by-pods/);
  assert.match(r.out, /charts\/web\/templates\/deploy\.yaml:\d+:\d+  warning  .*hostpath-shared-by-pods/);
  const other = project();
  writeFileSync(join(other, 'strict.yaml'), `rules:\n  ${SHARED_RULE}: error\n  k8s/hostpath-log-retention: off\n`);
  const explicit = runIn(dir, ['--config', join(other, 'strict.yaml'), 'app']);
  assert.equal(explicit.code, 1, explicit.out + explicit.err);
  assert.match(explicit.out, /app\/deploy\.yaml:\d+:\d+  error  .*hostpath-shared-by-pods/);
  assert.doesNotMatch(explicit.out, /hostpath-log-retention/);
  // ignorePaths of --config are relative to that file
  writeFileSync(join(other, 'ignore-app.yaml'), 'ignorePaths: [app]\n');
  const ignoring = runIn(other, ['--config', 'ignore-app.yaml', '.']);
  assert.doesNotMatch(ignoring.out, /app\/deploy\.yaml/);
  assert.match(ignoring.out, /charts\/web\/templates\/deploy\.yaml/);
  const missing = runIn(dir, ['--config', 'nope.yaml', 'app']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such configuration file: nope\.yaml/);
  assert.equal(runIn(dir, ['--config', 'x.yaml', '--no-config', 'app']).code, 2);
});

test('a broken configuration is reported once on stderr with its path and exits 2', () => {
  const dir = project(`rules:\n  ${SHARED_RULE}: warn\n`);
  const r = runIn(dir, ['app', 'charts']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '', 'nothing is linted');
  assert.equal(r.err, `logtail-lint: invalid configuration file .logtail-lint.yaml:\n  .logtail-lint.yaml:2:32  error  Invalid level "warn" for "${SHARED_RULE}": did you mean "warning"?  config/schema\n`);
  const syntax = project('rules: [\n', '.logtail-lint.json');
  const s = runIn(syntax, ['--format', 'json', 'app']);
  assert.equal(s.code, 2);
  assert.equal(s.out, '');
  assert.match(s.err, /^logtail-lint: invalid configuration file \.logtail-lint\.json:\n {2}\.logtail-lint\.json:1:1  error  .*  syntax\/json\n/);
  // --no-config: the same file is then only a file to lint
  assert.notEqual(runIn(dir, ['--no-config', 'app']).code, 2);
});

test('warnings of a configuration that is not linted itself go to stderr; the exit code is unchanged', () => {
  const dir = project(`rules:\n  k8s/hostpath-shared-by-pod: off\n`);
  const r = runIn(dir, ['app']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, 'logtail-lint: configuration file .logtail-lint.yaml:\n  .logtail-lint.yaml:2:3  warning  Unknown rule id "k8s/hostpath-shared-by-pod": this entry has no effect. Did you mean "k8s/hostpath-shared-by-pods"?  config/schema\n');
  assert.match(r.out, /hostpath-shared-by-pods/, 'the misspelt entry has no effect');
  const all = runIn(dir, ['.']);
  assert.equal(all.err, '', 'linted with the rest: in the report, not on stderr');
  assert.match(all.out, /\.logtail-lint\.yaml:2:3  warning  Unknown rule id .*config\/schema/);
});

test('--format sarif writes SARIF 2.1.0 with rules, exact regions and the fixes as replacements', () => {
  const file = 'examples/hostpath/deployment-subpathexpr-no-env.yaml';
  const r = run(['--format', 'sarif', file]);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.out);
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  assert.equal(run0.tool.driver.name, 'logtail-lint');
  assert.equal(run0.columnKind, 'utf16CodeUnits');
  const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'k8s/subpath-expr-undefined-var');
  assert.equal(res.level, 'error');
  assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'k8s/subpath-expr-undefined-var');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, file);
  const [line, col] = where(file, '$(POD_NAME)', 'subPathExpr').split(':').map(Number);
  assert.deepEqual(loc.region, { startLine: line, startColumn: col, endLine: line, endColumn: col! + '$(POD_NAME)'.length });
  const fix = res.fixes[0];
  assert.equal(fix.description.text, 'Add env POD_NAME from the Downward API');
  assert.match(fix.artifactChanges[0].replacements[0].insertedContent.text, /name: POD_NAME/);
  const hints = run0.results.filter((x: { level: string }) => x.level === 'note');
  assert.ok(hints.every((x: { ruleId: string }) => x.ruleId === 'k8s/hostpath-log-retention'));
});
