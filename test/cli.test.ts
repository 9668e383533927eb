// The bundled CLI (dist/cli.js, built by `npm test` / `npm ci`), run as users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
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
  assert.match(r.out, /未定义环境变量 POD_NAME/);
  const r2 = run(['examples/hostpath/deployment-subpathexpr-no-env.yaml'], { LANG: 'zh_CN.UTF-8' });
  assert.match(r2.out, /未定义环境变量 POD_NAME/);
});

test('usage and I/O errors exit 2 with a clear message', () => {
  const missing = run(['does-not-exist.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file or directory: does-not-exist\.yaml/);
  assert.equal(run([]).code, 2);
  const bad = run(['--format', 'xml', 'examples']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be text or json/);
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
