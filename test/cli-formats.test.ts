// --format sarif and --format gitlab, validated against the schemas their owners publish
// (test/data/schemas/README.md says where each comes from), and reports too big for one string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv4 from 'ajv-draft-04';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers/fixtures';
import { runCli } from './helpers/cli';
import { writeSarif } from '../server/src/sarif';
import type { FileResult } from '../server/src/formats';
import type { Finding } from '../server/src/engine/index';

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'schemas', name), 'utf8'));

const sarifAjv = new Ajv4({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(schema('sarif-schema-2.1.0.json'));
const gitlabAjv = new Ajv({ allErrors: true, strict: false });
addFormats(gitlabAjv);
const validateIssue = gitlabAjv.compile(schema('gitlab-codeclimate.json'));

test('the SARIF schema is the real one: it rejects a log without version and a result with a bad level', () => {
  assert.equal(validateSarif({ runs: [] }), false);
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'error' }] }] }), true);
});

test('--format sarif of every example (findings of all severities, fixes) is valid SARIF 2.1.0', () => {
  const r = runCli(['--format', 'sarif', 'examples']);
  assert.equal(r.code, 1, r.err);
  const log = JSON.parse(r.out) as { runs: { results: { level: string; fixes?: unknown[] }[] }[] };
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  const results = log.runs[0]!.results;
  assert.ok(results.length >= 8, `${results.length} results`);
  assert.deepEqual([...new Set(results.map((x) => x.level))].sort(), ['error', 'note', 'warning']);
  assert.ok(results.some((x) => x.fixes?.length), 'fixes are in the log');
  const clean = runCli(['--format', 'sarif', '--rule', 'k8s/hostpath-log-retention=off', 'examples/hostpath/deployment-subpathexpr.yaml']);
  const empty = JSON.parse(clean.out) as { runs: { results: unknown[] }[] };
  assert.ok(validateSarif(empty), JSON.stringify(validateSarif.errors));
  assert.deepEqual(empty.runs[0]!.results, []);
});

/** GitLab's documentation adds to its schema: check_name, a known severity, a begin line. */
function gitlabDocErrors(issue: Record<string, any>): string[] {
  const e: string[] = [];
  if (typeof issue.check_name !== 'string' || !issue.check_name) e.push('check_name');
  if (!['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity)) e.push(`severity ${issue.severity}`);
  if (typeof issue.location?.path !== 'string' || issue.location.path.startsWith('/')) e.push('location.path (relative)');
  if (!Number.isInteger(issue.location?.lines?.begin ?? issue.location?.positions?.begin?.line)) e.push('location.lines.begin');
  return e;
}

test('--format gitlab of every example is a code-quality report GitLab accepts, issue by issue', () => {
  const r = runCli(['--format', 'gitlab', 'examples']);
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out) as Record<string, any>[];
  assert.ok(Array.isArray(report) && report.length >= 8, r.out);
  for (const issue of report) {
    assert.ok(validateIssue(issue), JSON.stringify({ issue, errors: validateIssue.errors }));
    assert.deepEqual(gitlabDocErrors(issue), [], JSON.stringify(issue));
  }
  assert.equal(new Set(report.map((i) => i.fingerprint)).size, report.length, 'fingerprints are unique');
  assert.deepEqual([...new Set(report.map((i) => i.severity))].sort(), ['info', 'major', 'minor']);
  // the same findings as the text report, at the same lines
  const text = runCli(['examples']).out;
  const lines = text.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
  assert.equal(lines.length, report.length);
  for (const issue of report) {
    const at = `${issue.location.path}:${issue.location.lines.begin}:`;
    assert.ok(lines.some((l) => l.startsWith(at) && l.endsWith(`  ${issue.check_name}`)), `${at} ${issue.check_name} not in the text report`);
  }
  // the fingerprint survives lines added above the finding
  const one = 'examples/hostpath/deployment-subpathexpr-no-env.yaml';
  const before = JSON.parse(runCli(['--format', 'gitlab', '-'], { input: readFileSync(join(ROOT, one)) }).out) as Record<string, any>[];
  const after = JSON.parse(runCli(['--format', 'gitlab', '-'], { input: '# a comment\n\n' + readFileSync(join(ROOT, one), 'utf8') }).out) as Record<string, any>[];
  assert.deepEqual(after.map((i) => i.fingerprint), before.map((i) => i.fingerprint));
  assert.deepEqual(after.map((i) => i.location.lines.begin), before.map((i) => i.location.lines.begin + 2));
  // no finding: an empty array
  assert.deepEqual(JSON.parse(runCli(['--format', 'gitlab', '--rule', 'k8s/hostpath-log-retention=off', 'examples/hostpath/deployment-subpathexpr.yaml']).out), []);
});

test('a report larger than the biggest string V8 can build is streamed (no RangeError: Invalid string length)', () => {
  // 1,000 files x 60 findings with 10 KB messages: ~650 MB of SARIF, past V8's ~512 MB string limit
  const message = 'x'.repeat(10_000);
  const text = 'a: 1\n'.repeat(100);
  const findings: Finding[] = Array.from({ length: 60 }, (_, i) => ({ ruleId: 'k8s/hostpath-log-retention', severity: 'warning', message, start: i * 5, end: i * 5 + 1, fixes: [] }));
  const results: FileResult[] = Array.from({ length: 1000 }, (_, i) => ({ file: `f${i}.yaml`, text, findings }));
  // json and gitlab are written the same way, finding by finding (formats.ts); SARIF is the one that failed
  for (const [name, write] of [['sarif', (s: Sink) => writeSarif(results, '0.0.0', 'en', s)]] as const) {
    let bytes = 0, head = '', tail = '', count = 0;
    const sink: Sink = {
      write(s) {
        bytes += s.length;
        if (head.length < 200) head += s.slice(0, 200);
        tail = (tail + s).slice(-40);
        count += s.split(message).length - 1;
      },
      end() {},
    };
    write(sink);
    assert.equal(count, 60_000, name);
    assert.ok(bytes > 600_000_000, `${name}: ${bytes} characters`);
    assert.match(head, /^[[{]/, name);
    assert.match(tail, /[\]}]\n$/, name);
  }
});

interface Sink {
  write(s: string): void;
  end(): void;
}
