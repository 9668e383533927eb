// `logtail-lint -` and `--stdin-filename`: rendered manifests piped in (helm template,
// kustomize build, kubectl get -o yaml|json), findings at lines of the stream.
import { test } from 'node:test';
import { term } from '../server/src/engine/catalog';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';
import { runCli } from './helpers/cli';

const DATA = join(ROOT, 'test', 'data', 'stdin');
const input = (name: string) => readFileSync(join(DATA, name), 'utf8');

/** `line:col` (1-based) of the first occurrence of `needle` in `text`, after `after` if given. */
function at(text: string, needle: string, after = ''): string {
  const i = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

test('helm template output (several documents, # Source comments): findings at lines of the stream', () => {
  const text = input('helm-template.yaml');
  const r = runCli(['-'], { input: text });
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, '');
  // the Deployment is the fourth document; its subPathExpr line in the stream, not in the document
  assert.match(r.out, new RegExp(`^<stdin>:${at(text, '$(POD_NAME)', 'subPathExpr')}  error  .*POD_NAME.*  k8s/subpath-expr-undefined-var$`, 'm'));
  assert.match(r.out, /in 1 file\(s\)/);
  // nothing from the ServiceAccount, ConfigMap, Service or the test Pod
  assert.equal(r.out.split('\n').filter((l) => l.startsWith('<stdin>:')).length, 2, r.out);
});

test('kubectl get -o yaml (a List): findings in each item, at lines of the stream', () => {
  const text = input('kubectl-get-list.yaml');
  const r = runCli(['-'], { input: text });
  assert.equal(r.code, 0, r.out + r.err);
  const emptyDir = at(text, 'emptyDir: {}');
  assert.match(r.out, new RegExp(`^<stdin>:${emptyDir.split(':')[0]}:\\d+  warning  emptyDir "app-logs" of Deployment "api".*  k8s/emptydir-no-size-limit$`, 'm'));
  assert.match(r.out, new RegExp(`^<stdin>:${at(text, 'path: /var/lib/worker-logs').split(':')[0]}:\\d+  hint  .*"worker".*  k8s/hostpath-log-retention$`, 'm'));
  // the second item defines POD_NAME: no subPathExpr finding
  assert.doesNotMatch(r.out, /subpath-expr-undefined-var/);
});

test('kubectl get -o json: standard input starting with { is read as JSON; --stdin-filename names it', () => {
  const text = input('kubectl-get-list.json');
  const r = runCli(['-'], { input: text });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^<stdin>:${at(text, '"emptyDir"').split(':')[0]}:\\d+  warning  .*k8s/emptydir-no-size-limit$`, 'm'));
  assert.doesNotMatch(r.out, /syntax\//);
  const named = runCli(['--stdin-filename', 'rendered/prod.json', '--format', 'json'], { input: text });
  const json = JSON.parse(named.out) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  assert.equal(json.length, 1);
  assert.equal(json[0]!.filePath, join(ROOT, 'rendered', 'prod.json'));
  assert.ok(json[0]!.messages.some((m) => m.ruleId === 'k8s/emptydir-no-size-limit'));
  // a .json name with YAML input: the name decides, and YAML is not JSON
  const wrong = runCli(['--stdin-filename', 'x.json', '-'], { input: input('helm-template.yaml') });
  assert.match(wrong.out, /^x\.json:1:1  error  .*syntax\/json$/m);
});

test('--stdin-filename picks the configuration file of its directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-stdin-'));
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(join(dir, 'deploy', '.logtail-lint.yaml'), 'rules:\n  k8s/subpath-expr-undefined-var: warning\n');
  const text = input('helm-template.yaml');
  const r = runCli(['--stdin-filename', 'deploy/rendered.yaml', '-'], { cwd: dir, input: text });
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, new RegExp(`^deploy/rendered\\.yaml:${at(text, '$(POD_NAME)', 'subPathExpr')}  warning  .*k8s/subpath-expr-undefined-var$`, 'm'));
  const elsewhere = runCli(['--stdin-filename', 'rendered.yaml'], { cwd: dir, input: text });
  assert.equal(elsewhere.code, 1, 'no configuration above the name: the rule keeps its level');
});

test('standard input together with files; cross-file rules see both', () => {
  const r = runCli(['-', 'examples/hostpath/deployment-subpathexpr-no-env.yaml'], { input: input('kubectl-get-list.yaml') });
  assert.equal(r.code, 1);
  assert.match(r.out, /^<stdin>:\d+:\d+  warning  .*emptydir-no-size-limit$/m);
  assert.match(r.out, /^examples\/hostpath\/deployment-subpathexpr-no-env\.yaml:\d+:\d+  error  /m);
  assert.match(r.out, /in 2 file\(s\)/);
});

test('standard input: empty, broken, binary, and --fix refused', () => {
  const empty = runCli(['-'], { input: '' });
  assert.equal(empty.code, 0);
  assert.match(empty.out, new RegExp(term('en', 'cli.noProblems', { files: 1 }).replace(/[.()]/g, '\\$&')));
  const broken = runCli(['-'], { input: 'a: [1, 2\n---\nb: 1\n' });
  assert.equal(broken.code, 1);
  assert.match(broken.out, /^<stdin>:\d+:\d+  error  .*syntax\/yaml$/m);
  const binary = runCli(['-'], { input: Buffer.from([0x61, 0, 0x62, 0, 0xff, 0xfe]) });
  assert.equal(binary.code, 2);
  assert.match(binary.err, /standard input: .*not linted/);
  const fix = runCli(['--fix', '-'], { input: 'a: 1\n' });
  assert.equal(fix.code, 2);
  assert.match(fix.err, /--fix cannot write to standard input/);
  const named = runCli(['--stdin-filename', 'x.yaml', 'examples'], { input: '' });
  assert.equal(named.code, 2);
  assert.match(named.err, /--stdin-filename names standard input/);
});
