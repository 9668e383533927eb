// A fix leaves no finding behind, of any severity, hints included. For every fix of every finding
// of the rule fixtures, the examples and the docs' bad examples — structural repairs included —
// the fixed file is linted again and:
//
// 1. Nothing new (every fix): each finding of the fixed file is one the file had before, matched
//    by rule and message id (the fix moves text: positions and arguments may change), or by rule
//    at the same place (the fix changed its context, e.g. logtail/version-mixed "crd" → "mixed").
// 2. Nothing on the text the fix wrote (every fix): no finding of the fixed file lies on the text
//    the fix inserted — not one it caused, and not one that was already about the text it
//    replaced (a fix that rewrites a value writes a value no rule reports). The only exception is
//    text the fix carried over unchanged (a container moved to initContainers keeps its own
//    findings; "Convert to number" re-types the user's value, whose meaning another rule judges):
//    a finding of the same rule and message id on the same text, quotes aside, before the fix.
// 3. Structural repairs (a misspelt key, a mount of an undefined volume, a 1.x plugin name, a
//    value of the wrong type): until they are applied the other rules cannot read what the broken
//    structure hides, so they may uncover findings that rule 1 would call new. Such an uncovered
//    finding must (a) not be on the text the fix wrote (rule 2), and (b) be reported as well on the
//    text repaired by hand, written independently in HAND below: it belongs to the user's text,
//    not to the fix's. A structural fix that uncovers a finding without a hand repair to compare
//    is reported too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, applyEdits, lint, type Finding } from '../server/src/engine/index';
import { listFiles, listTopFiles, rel, ROOT, RULE_FIXTURES } from './helpers/fixtures';

interface Span {
  start: number;
  end: number;
}
interface EditLike extends Span {
  newText: string;
}

const key = (f: Finding) => `${f.ruleId} ${f.messageId ?? f.message}`;

/** Rules whose fixes repair the structure other rules read. */
export const STRUCTURE_RULES = new Set(['k8s/schema', 'logtail/schema', 'startup/schema', 'k8s/volume-mount-undefined', 'logtail/version-mixed']);

/** Where an offset of the text before the edits is after them (undefined: inside replaced text). */
function mapOffset(offset: number, edits: readonly EditLike[]): number | undefined {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (offset < e.start) break;
    if (offset < e.end || (offset === e.start && e.end > e.start)) return undefined;
    shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

/** The findings of `after` that `before` did not have (as a multiset; see rule 1). */
export function newFindings(before: Finding[], after: Finding[], edits: readonly EditLike[] = []): Finding[] {
  const left = new Map<string, number>();
  for (const f of before) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const unmatched = new Set(before);
  const fresh = after.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) {
      left.set(key(f), n - 1);
      const same = [...unmatched].find((b) => key(b) === key(f));
      if (same) unmatched.delete(same);
      return false;
    }
    return true;
  });
  return fresh.filter((f) => {
    const same = [...unmatched].find((b) => b.ruleId === f.ruleId && mapOffset(b.start, edits) === f.start && mapOffset(b.end, edits) === f.end);
    if (same) unmatched.delete(same);
    return !same;
  });
}

/** The ranges of the fixed text that the edits wrote. */
export function writtenRanges(edits: readonly EditLike[]): Span[] {
  const out: Span[] = [];
  let shift = 0;
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (e.start < pos) continue; // applyEdits skips an overlapping edit
    const s = e.start + shift;
    if (e.newText.length) out.push({ start: s, end: s + e.newText.length });
    shift += e.newText.length - (e.end - e.start);
    pos = e.end;
  }
  return out;
}

const overlaps = (f: Span, spans: readonly Span[]) => spans.some((r) => f.start < r.end && f.end > r.start);
const unquoted = (s: string) => s.trim().replace(/^(["'])(.*)\1$/s, '$2');

/**
 * Hand repairs of the structural fixes that uncover findings: the repair a person writes, without
 * the fix (`where|fix title` → [text to replace, replacement]).
 */
export const HAND: Record<string, [string, string]> = {
  'test/fixtures/rules/k8s/schema/invalid/typos-and-quantities.yaml|Rename to "subPathExpr"': ['subpathExpr: $(POD_NAME)', 'subPathExpr: $(POD_NAME)'],
  'test/fixtures/rules/k8s/schema/invalid/typos-and-quantities.yaml|Rename to "hostPath"': ['hostpath: # expect: k8s/schema', 'hostPath:'],
  'k8s/schema docs.bad|Rename to "volumeMounts"': ['          volumeMount:\n', '          volumeMounts:\n'],
  'test/fixtures/rules/collector/sidecar-missing-log-volume/invalid/app-mount-broken.yaml|Change to "nginx-logs"': ['    - name: nginx-logz\n', '    - name: nginx-logs\n'],
  'test/fixtures/rules/collector/sidecar-missing-log-volume/invalid/app-mount-broken.yaml|Add emptyDir volume "nginx-logz"': ['  volumes:\n', '  volumes:\n  - name: nginx-logz\n    emptyDir:\n      sizeLimit: 500Mi\n'],
  'test/fixtures/rules/collector/sidecar-missing-log-volume/valid/odd-input.yaml|Add emptyDir volume "missing-volume"': ['  volumes:\n  - name: logs\n', '  volumes:\n  - name: missing-volume\n    emptyDir: {}\n  - name: logs\n'],
};

/** What is wrong with one fix of finding `f` of `text` (empty: nothing). */
export function problemsOfFix(text: string, uri: string, where: string, f: Finding, fix: { title: string; edits: EditLike[] }, before = lint(text, { uri }).findings): string[] {
  const problems: string[] = [];
  const fixed = applyEdits(text, fix.edits);
  const after = lint(fixed, { uri }).findings;
  const written = writtenRanges(fix.edits);
  const said = (a: Finding) => `${a.severity} ${a.ruleId}: ${a.message}`;
  const structural = STRUCTURE_RULES.has(f.ruleId);
  const added = new Set(newFindings(before, after, fix.edits));
  const carried = (a: Finding) => before.some((b) => key(b) === key(a) && unquoted(text.slice(b.start, b.end)) === unquoted(fixed.slice(a.start, a.end)));
  for (const a of after) {
    const onWritten = overlaps(a, written);
    if (onWritten && !carried(a)) {
      problems.push(`${where}: fix "${fix.title}" of ${f.ruleId} writes text that ${added.has(a) ? 'gets' : 'keeps'} ${said(a)}`);
      continue;
    }
    if (!added.has(a) || onWritten) continue;
    if (!structural) {
      problems.push(`${where}: fix "${fix.title}" of ${f.ruleId} leaves ${said(a)}`);
      continue;
    }
    const hand = HAND[`${where}|${fix.title}`];
    if (!hand || !text.includes(hand[0])) {
      problems.push(`${where}: structural fix "${fix.title}" of ${f.ruleId} uncovers ${said(a)} — no hand repair in HAND to compare`);
      continue;
    }
    const handText = text.replace(hand[0], hand[1]);
    const same = lint(handText, { uri }).findings.some((h) => key(h) === key(a) && handText.slice(h.start, h.end) === fixed.slice(a.start, a.end));
    if (!same) problems.push(`${where}: structural fix "${fix.title}" of ${f.ruleId} leaves ${said(a)}, which the hand-repaired text does not have`);
  }
  return problems;
}

function check(text: string, uri: string, where: string, problems: string[]): number {
  const before = lint(text, { uri }).findings;
  let fixes = 0;
  for (const f of before) {
    for (const fix of f.fixes) {
      fixes++;
      problems.push(...problemsOfFix(text, uri, where, f, fix, before));
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

// A Pod whose log emptyDir has no sizeLimit (k8s/emptydir-no-size-limit, fixed by "Add sizeLimit").
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    volumeMounts:\n    - name: logs\n      mountPath: /var/log/app\n  volumes:\n  - name: logs\n    emptyDir: {}\n';

test('it fails on a deliberately bad fix: one that writes a finding of its own, or leaves one elsewhere', () => {
  const uri = 'file:///p.yaml';
  const f = lint(POD, { uri }).findings.find((x) => x.ruleId === 'k8s/emptydir-no-size-limit')!;
  assert.ok(f?.fixes.length, 'the rule offers a fix');
  assert.deepEqual(problemsOfFix(POD, uri, 'pod', f, f.fixes[0]!), [], 'the real fix is clean');
  // the same place, but the volume goes to memory: k8s/emptydir-memory-logs on the lines it wrote
  const at = POD.indexOf('emptyDir: {}');
  const bad = { title: 'bad', edits: [{ start: at, end: at + 'emptyDir: {}'.length, newText: 'emptyDir:\n      medium: Memory\n      sizeLimit: 1Gi' }] };
  const got = problemsOfFix(POD, uri, 'pod', f, bad);
  assert.ok(got.some((p) => /writes text that gets .*k8s\/emptydir-memory-logs/.test(p)), got.join('\n'));
  // the real fix, plus the deletion of the mount: k8s/volume-unused away from the text it wrote
  const mount = '    volumeMounts:\n    - name: logs\n      mountPath: /var/log/app\n';
  const m = POD.indexOf(mount);
  const away = { title: 'away', edits: [...f.fixes[0]!.edits, { start: m, end: m + mount.length, newText: '' }] };
  const got2 = problemsOfFix(POD, uri, 'pod', f, away);
  assert.ok(got2.some((p) => /leaves .*k8s\/volume-unused/.test(p)), got2.join('\n'));
});

test('it fails on a fix that rewrites a value another rule still reports', () => {
  const uri = 'file:///c.yaml';
  const text = 'enable: true\ninputs:\n  - Type: input_file\n    FilePaths:\n      - /var/lib/kubelet/pods/5a3f0c1e-8b2d-4e6f-9a7b-1c2d3e4f5a6b/volumes/kubernetes.io~csi/pvc-0a1b2c3d/mount/*.log\nflushers:\n  - Type: flusher_sls\n    Endpoint: cn-hangzhou.log.aliyuncs.com\n    Project: my-project\n    Logstore: app-log\n';
  const before = lint(text, { uri }).findings;
  const uid = before.find((x) => x.ruleId === 'logtail/pod-uid-in-path');
  const prefix = before.find((x) => x.ruleId === 'logtail/host-path-without-prefix');
  assert.ok(uid && prefix, before.map((x) => x.ruleId).join());
  // the real fixes write a complete path
  assert.deepEqual(problemsOfFix(text, uri, 'cfg', uid, uid.fixes[0]!), []);
  assert.deepEqual(problemsOfFix(text, uri, 'cfg', prefix, prefix.fixes[0]!), []);
  // a fix that only replaces the UID keeps host-path-without-prefix on the path it wrote
  const path = '/var/lib/kubelet/pods/5a3f0c1e-8b2d-4e6f-9a7b-1c2d3e4f5a6b/volumes/kubernetes.io~csi/pvc-0a1b2c3d/mount/*.log';
  const at = text.indexOf(path);
  const half = { title: 'half', edits: [{ start: at, end: at + path.length, newText: path.replace('5a3f0c1e-8b2d-4e6f-9a7b-1c2d3e4f5a6b', '*') }] };
  assert.ok(problemsOfFix(text, uri, 'cfg', uid, half).some((p) => /keeps .*logtail\/host-path-without-prefix/.test(p)));
});

test('it fails on a structural fix that uncovers a finding without a hand repair, or one the hand repair does not have', () => {
  const where = 'test/fixtures/rules/k8s/schema/invalid/typos-and-quantities.yaml';
  const file = join(ROOT, where);
  const text = readFileSync(file, 'utf8');
  const uri = uriOf(file);
  const f = lint(text, { uri }).findings.find((x) => x.ruleId === 'k8s/schema' && x.fixes.some((y) => y.title === 'Rename to "hostPath"'))!;
  const fix = f.fixes.find((y) => y.title === 'Rename to "hostPath"')!;
  assert.deepEqual(problemsOfFix(text, uri, where, f, fix), [], 'with its hand repair: uncovered, not created');
  // the same fix under another name has no hand repair to compare
  assert.ok(problemsOfFix(text, uri, 'elsewhere', f, fix).some((p) => /no hand repair/.test(p)));
  // a "repair" that also makes the hostPath shared differently is not what the hand repair gives
  const at = text.indexOf('hostpath:');
  const wrong = { title: 'Rename to "hostPath"', edits: [...fix.edits, { start: text.indexOf('/var/log/web\n', at), end: text.indexOf('/var/log/web\n', at) + '/var/log/web'.length, newText: '/var/log/web2' }] };
  assert.ok(problemsOfFix(text, uri, where, f, wrong).length > 0);
});

test('every fix of every rule fixture, example and docs example leaves no finding behind (structural repairs included)', () => {
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

test('every hand repair is used: HAND lists only structural fixes that uncover findings', () => {
  const used = new Set<string>();
  const files = [...listFiles(join(ROOT, 'examples')), ...allRules.flatMap((r) => [...listTopFiles(join(RULE_FIXTURES, r.id, 'invalid')), ...listTopFiles(join(RULE_FIXTURES, r.id, 'valid'))])];
  const visit = (text: string, uri: string, where: string) => {
    const before = lint(text, { uri }).findings;
    for (const f of before) {
      if (!STRUCTURE_RULES.has(f.ruleId)) continue;
      for (const fix of f.fixes) {
        const after = lint(applyEdits(text, fix.edits), { uri }).findings;
        if (newFindings(before, after, fix.edits).length && HAND[`${where}|${fix.title}`]) used.add(`${where}|${fix.title}`);
      }
    }
  };
  for (const file of files) visit(readFileSync(file, 'utf8'), uriOf(file), rel(file));
  for (const r of allRules) visit(r.docs.bad, r.docs.language === 'json' ? 'file:///example.json' : 'file:///example.yaml', `${r.id} docs.bad`);
  assert.deepEqual(Object.keys(HAND).filter((k) => !used.has(k)), []);
});
