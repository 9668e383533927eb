// The one file walker (server/src/host/walk.ts) shared by the CLI and the language server's
// workspace scan; the hostile folders of issue 15 (symlink loops, FIFO, /dev/zero, an unreadable
// subdirectory) through the real CLI bundle, with a timeout so a hang fails instead of blocking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';
import { walkFiles, SKIP_DIRS } from '../server/src/host/walk';
import { scanWorkspace } from '../server/src/lsp/scan';
import { pathToFileURL } from 'node:url';

const CLI = join(ROOT, 'dist', 'cli.js');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    volumeMounts:\n    - name: missing\n      mountPath: /var/log/app\n';

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'walk-'));
  chmodSync(d, 0o755);
  return d;
}
function cli(args: string[], opts: { uid?: number; gid?: number } = {}) {
  // run from the folder linted: the CLI prints paths relative to its working directory
  const r = spawnSync(process.execPath, [CLI, '.'], { cwd: args[0], encoding: 'utf8', timeout: 20_000, env: { ...process.env, LANG: 'C', LC_ALL: '' }, ...opts });
  return { code: r.status, out: r.stdout, err: r.stderr, timedOut: r.error && /ETIMEDOUT/.test(String(r.error)) };
}
const linted = (out: string) => [...out.matchAll(/^(\S+?):\d+:\d+ /gm)].map((m) => m[1]!);

test('a symlink loop inside the folder ends, and each real file is linted once', () => {
  const d = tmp();
  mkdirSync(join(d, 'a'));
  writeFileSync(join(d, 'a', 'pod.yaml'), POD);
  symlinkSync('..', join(d, 'a', 'up')); // a/up -> d : a loop
  symlinkSync(join(d, 'a'), join(d, 'b')); // b -> a : the same files again
  symlinkSync('pod.yaml', join(d, 'a', 'again.yaml')); // a second name for the same file
  const r = cli([d]);
  assert.ok(!r.timedOut, 'the CLI must not hang on a symlink loop');
  assert.equal(r.code, 1, r.err);
  assert.equal(linted(r.out).length, 1, `one finding, from one visit of pod.yaml:\n${r.out}`);
});

test('a symlink pointing out of the folder is not followed', () => {
  const outside = tmp();
  writeFileSync(join(outside, 'pod.yaml'), POD);
  const d = tmp();
  symlinkSync(outside, join(d, 'elsewhere'));
  symlinkSync(join(outside, 'pod.yaml'), join(d, 'linked.yaml'));
  const entries = [...walkFiles([d])];
  assert.deepEqual(entries, []);
  // given explicitly, the target is the user's choice
  assert.equal([...walkFiles([join(d, 'linked.yaml')])].length, 1);
});

test('a FIFO named *.yaml does not block the CLI, nor the server scan', async () => {
  const d = tmp();
  writeFileSync(join(d, 'pod.yaml'), POD);
  execFileSync('mkfifo', [join(d, 'pipe.yaml')]);
  execFileSync('mkfifo', [join(d, '.logtail-lint.yaml')]);
  const r = cli([d]);
  assert.ok(!r.timedOut, 'the CLI must not block on a FIFO');
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(linted(r.out), ['pod.yaml']);
  const seen: string[] = [];
  await scanWorkspace([pathToFileURL(d).toString()], (uri) => seen.push(uri));
  assert.deepEqual(seen, [pathToFileURL(join(d, 'pod.yaml')).toString()]);
});

test('a *.yaml symlink to /dev/zero is not read', { skip: !existsSync('/dev/zero') }, () => {
  const d = tmp();
  writeFileSync(join(d, 'pod.yaml'), POD);
  symlinkSync('/dev/zero', join(d, 'zero.yaml'));
  const inside = join(d, 'dev');
  mkdirSync(inside);
  // a device file inside the root (not a symlink out of it) is skipped as well
  const r = cli([d]);
  assert.ok(!r.timedOut, 'the CLI must not read /dev/zero forever');
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(linted(r.out), ['pod.yaml']);
});

test('an unreadable subdirectory is reported, the walk goes on, the CLI exits 2 at the end', () => {
  const d = tmp();
  mkdirSync(join(d, 'a'));
  mkdirSync(join(d, 'locked'));
  mkdirSync(join(d, 'z'));
  writeFileSync(join(d, 'a', 'pod.yaml'), POD);
  writeFileSync(join(d, 'locked', 'pod.yaml'), POD);
  writeFileSync(join(d, 'z', 'pod.yaml'), POD);
  chmodSync(join(d, 'locked'), 0o000);
  // root reads any directory: run the CLI as an unprivileged user then
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if (asUser.uid !== undefined) chownSync(d, 65534, 65534);
  const r = cli([d], asUser);
  chmodSync(join(d, 'locked'), 0o755);
  assert.ok(!r.timedOut);
  assert.equal(r.code, 2, `exit 2 for the unreadable directory:\n${r.err}`);
  assert.match(r.err, /cannot read .*locked.*EACCES/);
  assert.deepEqual(linted(r.out).sort(), ['a/pod.yaml', 'z/pod.yaml'], 'the other directories are still linted');
});

test('the CLI and the server scan see the same files (one skip list)', async () => {
  const d = tmp();
  for (const dir of [...SKIP_DIRS, '.hidden', 'kept', 'kept/deeper']) {
    mkdirSync(join(d, dir), { recursive: true });
    writeFileSync(join(d, dir, 'pod.yaml'), POD);
  }
  writeFileSync(join(d, 'top.yml'), POD);
  writeFileSync(join(d, 'notes.txt'), POD);
  const r = cli([d]);
  const fromCli = [...new Set(linted(r.out))].map((p) => pathToFileURL(join(d, p)).toString()).sort();
  const fromServer: string[] = [];
  await scanWorkspace([pathToFileURL(d).toString()], (uri) => fromServer.push(uri));
  assert.deepEqual(fromServer.sort(), fromCli);
  assert.deepEqual(fromCli.map((u) => u.slice(pathToFileURL(d).toString().length)), ['/kept/deeper/pod.yaml', '/kept/pod.yaml', '/top.yml']);
});

test('the size cap is checked while reading', () => {
  const d = tmp();
  writeFileSync(join(d, 'big.yaml'), 'a: ' + 'x'.repeat(5000) + '\n');
  const [e] = [...walkFiles([d], { maxChars: 1024 })];
  assert.equal(e?.kind, 'too-large');
  const [f] = [...walkFiles([d], { maxChars: 1 << 20 })];
  assert.equal(f?.kind, 'file');
});
