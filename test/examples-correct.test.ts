// Every example that examples/README.md calls correct gives no finding at all (hints included),
// linted as `npx logtail-lint examples` lints it: with the facts of every other example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseFile, languageOf, WorkspaceIndex } from '../server/src/engine/index';
import { listFiles, ROOT } from './helpers/fixtures';

const DIR = join(ROOT, 'examples');
const DISABLE = /logtail-lint-disable/;

/** A correct example that silences a rule without the README row stating the accepted trade-off. */
const silencedWithoutReason = (text: string, state: string) => DISABLE.test(text) && !/trade-off:/.test(state);

/** The README's table rows: file and state. */
function rows(): { file: string; state: string }[] {
  const md = readFileSync(join(DIR, 'README.md'), 'utf8');
  return [...md.matchAll(/^\|\s*`([^`]+)`\s*\|.*\|\s*([^|]+?)\s*\|\s*$/gm)].map((m) => ({ file: m[1]!, state: m[2]! }));
}

test('examples/README.md lists every example, some correct and some broken', () => {
  const listed = rows().map((r) => r.file).sort();
  const files = listFiles(DIR).map((f) => f.slice(DIR.length + 1)).sort();
  assert.deepEqual(listed, files);
  assert.ok(rows().filter((r) => /^correct/.test(r.state)).length >= 4);
  assert.ok(rows().filter((r) => /^broken/.test(r.state)).length >= 4);
});

test('every example the README calls correct gives no finding of any severity; every broken one gives some', () => {
  const ws = new WorkspaceIndex();
  const texts = new Map<string, string>();
  for (const f of listFiles(DIR)) {
    const uri = 'file://' + f;
    const text = readFileSync(f, 'utf8');
    texts.set(uri, text);
    ws.update(uri, parseFile(text, languageOf(uri)!));
  }
  const problems: string[] = [];
  for (const { file, state } of rows()) {
    const uri = 'file://' + join(DIR, file);
    const findings = lint(texts.get(uri)!, { uri, workspace: ws }).findings;
    if (/^correct/.test(state)) {
      for (const x of findings) problems.push(`${file} (correct): ${x.severity} ${x.ruleId}: ${x.message}`);
      // a correct example reaches "no finding" by its configuration, not by silencing a rule —
      // unless the README states the accepted trade-off in the row
      if (silencedWithoutReason(texts.get(uri)!, state)) problems.push(`${file} (correct): silences a rule with a disable comment; the README gives no trade-off`);
    }
    else if (!findings.length) problems.push(`${file} (${state}): no finding`);
  }
  assert.deepEqual(problems, []);
});

test('the disable-comment check can fail: a correct example with a disable comment and no trade-off in the README is reported', () => {
  const before = readFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr.yaml'), 'utf8');
  assert.equal(silencedWithoutReason(before, 'correct'), false);
  const silenced = before.replace('        hostPath:\n', '        hostPath:\n          # logtail-lint-disable-next-line k8s/hostpath-log-retention -- cleaned up\n');
  assert.notEqual(silenced, before);
  assert.equal(silencedWithoutReason(silenced, 'correct'), true);
  assert.equal(silencedWithoutReason(silenced, 'correct (accepted trade-off: the nodes are recycled daily)'), false);
});

test('k8s/emptydir-logs-lost-on-delete speaks for an ordinary sidecar only while collector/sidecar-not-native is off', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/rules/k8s/emptydir-logs-lost-on-delete/valid/sidecar-guide-example-on-emptydir.yaml'), 'utf8');
  const uri = 'file:///sidecar.yaml';
  const on = lint(text, { uri }).findings;
  assert.ok(on.some((f) => f.ruleId === 'collector/sidecar-not-native'), 'the sidecar rule reports the loss');
  assert.ok(!on.some((f) => f.ruleId === 'k8s/emptydir-logs-lost-on-delete'));
  const off = lint(text, { uri, settings: { rules: { 'collector/sidecar-not-native': 'off' } } }).findings;
  assert.deepEqual(off.filter((f) => f.ruleId === 'k8s/emptydir-logs-lost-on-delete').map((f) => f.messageId), ['sidecar']);
});
