// A fix leaves no finding behind, of any severity, hints included: applying any fix of any finding
// (rule fixtures, examples, the docs' bad examples) gives a file whose findings are all findings
// the file had before (the fixed one gone). A finding is compared by rule and message id, not by
// position or arguments (the fix moves text; a moved container's schema error names its new path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, applyEdits, lint, type Finding } from '../server/src/engine/index';
import { listFiles, listTopFiles, rel, ROOT, RULE_FIXTURES } from './helpers/fixtures';

const key = (f: Finding) => `${f.ruleId} ${f.messageId ?? f.message}`;

/** The findings of `after` that `before` did not have (as a multiset). */
export function newFindings(before: Finding[], after: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of before) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return after.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) {
      left.set(key(f), n - 1);
      return false;
    }
    return true;
  });
}

/**
 * Fixes that repair the file's structure (a misspelled key, a mount of an undefined volume, a
 * 1.x plugin name in a 2.x config): until they are applied the other rules cannot read what the
 * broken structure hides, so a problem found after them was there before, not made by them.
 */
const STRUCTURE_RULES = new Set(['k8s/schema', 'logtail/schema', 'startup/schema', 'k8s/volume-mount-undefined', 'logtail/version-mixed']);

function check(text: string, uri: string, where: string, problems: string[]): number {
  const before = lint(text, { uri }).findings;
  let fixes = 0;
  for (const f of before) {
    if (STRUCTURE_RULES.has(f.ruleId)) continue;
    for (const fix of f.fixes) {
      fixes++;
      const fixed = applyEdits(text, fix.edits);
      const added = newFindings(before, lint(fixed, { uri }).findings);
      for (const a of added) problems.push(`${where}: fix "${fix.title}" of ${f.ruleId} leaves ${a.severity} ${a.ruleId}: ${a.message}`);
    }
  }
  return fixes;
}

const uriOf = (file: string) => 'file://' + file;

test('the strict comparison can fail: a new hint counts, a moved finding does not', () => {
  const t = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    volumeMounts:\n    - name: logs\n      mountPath: /var/log/app\n  volumes:\n  - name: logs\n    emptyDir: {}\n';
  const before = lint(t, { uri: 'file:///p.yaml' }).findings;
  assert.ok(before.length > 0);
  assert.deepEqual(newFindings(before, lint('# moved\n' + t, { uri: 'file:///p.yaml' }).findings), []);
  const hint = { ...before[0]!, ruleId: 'collector/checkpoint-on-tmpfs', severity: 'hint' as const };
  assert.equal(newFindings(before, [...before, hint]).length, 1);
});

test('every fix of every rule fixture, example and docs example leaves no new finding of any severity', () => {
  const problems: string[] = [];
  let fixes = 0;
  const files = [...listFiles(join(ROOT, 'examples')), ...allRules.flatMap((r) => [...listTopFiles(join(RULE_FIXTURES, r.id, 'invalid')), ...listTopFiles(join(RULE_FIXTURES, r.id, 'valid'))])];
  for (const file of files) fixes += check(readFileSync(file, 'utf8'), uriOf(file), rel(file), problems);
  for (const r of allRules) {
    const uri = r.docs.language === 'json' ? 'file:///example.json' : 'file:///example.yaml';
    fixes += check(r.docs.bad, uri, `${r.id} docs.bad`, problems);
  }
  assert.ok(fixes > 100, `${fixes} fixes applied`);
  assert.deepEqual(problems, []);
});
