// `--fix` never loses a byte: atomic replacement, no write over a file changed or deleted since
// it was read, invalid UTF-8 left alone; files that cannot be linted named on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, lstatSync, utimesSync, watch, writeFileSync, appendFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';
import { CLI, runCli } from './helpers/cli';
import { writeAtomic, WriteRefused, classifyBytes } from '../server/src/cli-files';

const FIXABLE = join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'lt-fix-'));
const fixedOk = (text: string) => text.includes('name: POD_NAME') && text.includes('fieldPath: metadata.name');

test('a write that fails (file size limit, as on a full disk) leaves the original whole, exits 2 naming it, reports the file as on disk', () => {
  const dir = tmp();
  const file = join(dir, 'big.yaml');
  // 5 KB of comments: the fixed file is larger than the 4 KB the process may write
  const original = '#' + ' padding'.repeat(80) + '\n'.repeat(1) + ('# ' + 'x'.repeat(70) + '\n').repeat(64) + readFileSync(FIXABLE, 'utf8');
  writeFileSync(file, original);
  const r = spawnSync('bash', ['-c', `ulimit -f 4 && exec "${process.execPath}" "${CLI}" --fix big.yaml`], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.equal(readFileSync(file, 'utf8'), original, 'the original is untouched');
  assert.match(r.stderr, /cannot write big\.yaml: .*(EFBIG|too large)/i);
  assert.deepEqual(readdirSync(dir), ['big.yaml'], 'no temporary file left behind');
  // the report is the file on disk: the unfixed finding, at its line in the original
  const line = original.split('\n').findIndex((l) => l.includes('subPathExpr:')) + 1;
  assert.match(r.stdout, new RegExp(`^big\\.yaml:${line}:\\d+  error  .*k8s/subpath-expr-undefined-var$`, 'm'));
});

test('--fix keeps the mode, a symbolic link, CRLF and a BOM; a second run changes nothing', () => {
  const dir = tmp();
  const file = join(dir, 'target.yaml');
  const crlf = '\ufeff' + readFileSync(FIXABLE, 'utf8').replace(/\n/g, '\r\n');
  writeFileSync(file, crlf);
  chmodSync(file, 0o640);
  symlinkSync('target.yaml', join(dir, 'link.yaml'));
  const r = runCli(['--fix', 'link.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.out + r.err);
  assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink(), 'the link is still a link');
  const after = readFileSync(file, 'utf8');
  assert.ok(fixedOk(after), after);
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.ok(after.startsWith('\ufeff'));
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'every line break is still CRLF');
  assert.deepEqual(readdirSync(dir).sort(), ['link.yaml', 'target.yaml']);
  const again = runCli(['--fix', 'target.yaml'], { cwd: dir });
  assert.equal(again.code, 0);
  assert.equal(readFileSync(file, 'utf8'), after);
});

test('a file edited or deleted while --fix runs is not overwritten and not recreated', async () => {
  const dir = tmp();
  const text = readFileSync(FIXABLE, 'utf8');
  // many fixable files before the two the test changes: the run reads all, then fixes in order
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, `a${String(i).padStart(3, '0')}.yaml`), text.replace(/name: api/g, `name: api${i}`).replace(/app: api/g, `app: api${i}`));
  writeFileSync(join(dir, 'zz-deleted.yaml'), text);
  writeFileSync(join(dir, 'zz-edited.yaml'), text);
  const edit = '\n# edited by someone else during the run\n';
  let changed = false;
  const watcher = watch(dir, () => {
    if (changed) return;
    changed = true; // the first file was written: change the last two before the CLI gets there
    appendFileSync(join(dir, 'zz-edited.yaml'), edit);
    unlinkSync(join(dir, 'zz-deleted.yaml'));
  });
  const child = spawn(process.execPath, [CLI, '--fix', '.'], { cwd: dir, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  let out = '', err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  watcher.close();
  assert.ok(changed, 'the watcher saw the first write');
  assert.equal(code, 2, out + err);
  assert.equal(readFileSync(join(dir, 'zz-edited.yaml'), 'utf8'), text + edit, 'the edit made during the run is kept');
  assert.equal(existsSync(join(dir, 'zz-deleted.yaml')), false, 'the deleted file is not recreated');
  assert.match(err, /cannot write zz-edited\.yaml: it changed since it was read; not overwritten/);
  assert.match(err, /cannot write zz-deleted\.yaml: it was deleted since it was read; not recreated/);
  assert.ok(fixedOk(readFileSync(join(dir, 'a059.yaml'), 'utf8')), 'the other files are fixed');
  // the report shows the edited file as it is on disk: still the unfixed finding
  assert.match(out, /^zz-edited\.yaml:\d+:\d+  error  .*k8s\/subpath-expr-undefined-var$/m);
  assert.doesNotMatch(out, /^zz-deleted\.yaml:/m);
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')).length, 0);
});

test('writeAtomic reads the file again just before writing: an edit that keeps size and mtime is still seen', () => {
  const dir = tmp();
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'a: 1\n');
  const st = statSync(file);
  writeFileSync(file, 'a: 2\n');
  utimesSync(file, st.atime, st.mtime); // same size, same mtime, other bytes
  assert.throws(() => writeAtomic(file, 'a: 1\n', 'a: 3\n'), (e: unknown) => e instanceof WriteRefused && e.reason === 'changed');
  assert.equal(readFileSync(file, 'utf8'), 'a: 2\n');
  writeAtomic(file, 'a: 2\n', 'a: 3\n');
  assert.equal(readFileSync(file, 'utf8'), 'a: 3\n');
  rmSync(file);
  assert.throws(() => writeAtomic(file, 'a: 3\n', 'a: 4\n'), (e: unknown) => e instanceof WriteRefused && e.reason === 'deleted');
  assert.equal(existsSync(file), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('invalid UTF-8 (Latin-1 bytes): --fix leaves the file byte for byte and says so once', () => {
  const dir = tmp();
  const file = join(dir, 'latin1.yaml');
  const bytes = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(' de la gare, r'), Buffer.from([0xe9]), Buffer.from('sum'), Buffer.from([0xe9]), Buffer.from('\n'), readFileSync(FIXABLE)]);
  writeFileSync(file, bytes);
  const r = runCli(['--fix', '--unsafe-fixes', 'latin1.yaml'], { cwd: dir });
  assert.deepEqual(readFileSync(file), bytes, 'not one byte changed');
  assert.equal(r.err.match(/latin1\.yaml: not valid UTF-8; --fix leaves it untouched/g)?.length, 1, r.err);
  assert.equal(r.code, 1, 'the finding is still there');
  assert.match(r.out, /^latin1\.yaml:\d+:\d+  error  .*k8s\/subpath-expr-undefined-var$/m);
  // without --fix it is linted as usual, quietly
  const lint = runCli(['latin1.yaml'], { cwd: dir });
  assert.equal(lint.err, '');
});

test('a binary, UTF-16 or over-size file named on the command line: said on stderr, exit 2; in a directory it stays a finding', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02, 0xff, 0x0a]));
  const yaml = readFileSync(FIXABLE, 'utf8');
  writeFileSync(join(dir, 'utf16le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]));
  writeFileSync(join(dir, 'utf16-nobom.yaml'), Buffer.from(yaml, 'utf16le'));
  writeFileSync(join(dir, 'big.yaml'), '# ' + 'x'.repeat(3000) + '\n' + yaml);
  writeFileSync(join(dir, '.logtail-lint.yaml'), 'maxFileSize: 2048\n');
  for (const [name, what] of [
    ['bin.yaml', /bin\.yaml: it looks binary/],
    ['utf16le.yaml', /utf16le\.yaml: it is UTF-16/],
    ['utf16-nobom.yaml', /utf16-nobom\.yaml: it is UTF-16/],
    ['big.yaml', /big\.yaml: it is larger than maxFileSize/],
  ] as const) {
    const r = runCli([name], { cwd: dir });
    assert.equal(r.code, 2, `${name}: ${r.out}${r.err}`);
    assert.match(r.err, what);
  }
  // found by a walk: an information finding, no I/O error
  const walk = runCli(['.'], { cwd: dir });
  assert.equal(walk.code, 0, walk.out + walk.err);
  assert.match(walk.out, /^bin\.yaml:1:1  information  .*internal\/not-linted$/m);
  assert.match(walk.out, /^big\.yaml:1:1  information  .*internal\/not-linted$/m);
  assert.equal(classifyBytes(Buffer.from('plain: text\n')), 'text');
  assert.equal(classifyBytes(Buffer.from('数据: 日志\n')), 'text');
});
