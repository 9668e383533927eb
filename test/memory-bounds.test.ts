// Issue 9 / 15: the engine's caches are bounded by the memory they hold, not by the number of
// edits. Checked by what the caches hold (models, estimated bytes, entries), not by timings or
// by the heap (which a test cannot measure exactly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore, engineCaches, lint } from '../server/src/engine/index';
import { parseRegex } from '../server/src/engine/regex/syntax';
import { segmentMatches } from '../server/src/engine/model/node-paths';

const deployment = (i: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  template:
    spec:
      containers:
      - name: app
        image: ${image}
        volumeMounts:
        - {name: logs, mountPath: /var/log/app}
      volumes:
      - name: logs
        hostPath: {path: /var/log/app-${i}}
`;

test('a document store keeps the current version only: the same models and bytes after 200 edits as a fresh store', () => {
  const n = 40;
  const docs = Array.from({ length: n }, (_, i) => deployment(i));
  const store = new DocumentStore();
  const uri = 'file:///many.yaml';
  lint(docs.join('---\n'), { uri, store });
  const first = store.retained();
  assert.equal(first.models, n);
  assert.ok(first.bytes > 0);
  for (let e = 0; e < 200; e++) {
    const k = (e * 7) % n;
    docs[k] = deployment(k, `nginx:1.${e}`);
    lint(docs.join('---\n'), { uri, store });
  }
  const fresh = new DocumentStore();
  lint(docs.join('---\n'), { uri, store: fresh });
  assert.deepEqual(store.retained(), fresh.retained());
  assert.equal(store.retained().models, n);
});

// nine levels of nine aliases: a few hundred bytes that expand to the parser's node budget
function laughs(tag: number): string {
  const lines = [`lol${tag}: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < 9; i++) lines.push(`l${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

test('a store is bounded by the memory of its trees, not by characters: alias-expanded documents beyond the budget are not kept', () => {
  const budget = 1024 * 1024;
  const store = new DocumentStore(budget);
  const uri = 'file:///laughs.yaml';
  const parts = [laughs(0), deployment(1), laughs(1), laughs(2)];
  const text = parts.join('---\n');
  assert.ok(text.length < 4096, 'a small text');
  const r = lint(text, { uri, store });
  const kept = store.retained();
  assert.ok(kept.bytes <= budget, `${kept.bytes} <= ${budget}`);
  assert.ok(kept.models < parts.length, 'the expanded documents are not kept');
  assert.ok(kept.models >= 1, 'the small document is kept');
  // a larger budget would have held them all: the estimate counts the expanded trees
  const roomy = new DocumentStore(1 << 30);
  lint(text, { uri, store: roomy });
  assert.ok(roomy.retained().bytes > budget, `${roomy.retained().bytes} > ${budget}`);
  // edits keep within the budget, and findings stay those of a cold lint
  let current = text;
  for (let e = 0; e < 3; e++) {
    current = current.replace(/name: app-1\S*/, `name: app-1-${e}`);
    const warm = lint(current, { uri, store });
    assert.ok(store.retained().bytes <= budget);
    assert.deepEqual(warm.findings, lint(current, { uri }).findings);
  }
  assert.ok(r.findings.length >= 0);
});

test('module-level caches (parsed regexes, segment patterns, ReDoS analyses) stay within their memory budgets', () => {
  for (let i = 0; i < 400; i++) parseRegex(`(a|b)${'x'.repeat(5000)}${i}`);
  for (let i = 0; i < 3000; i++) segmentMatches(`*${'[ab]'.repeat(200)}${i}?`, 'name');
  const stats = engineCaches();
  for (const name of ['parsed regexes', 'segment patterns', 'ReDoS analyses']) assert.ok(stats.some((s) => s.name === name), name);
  for (const s of stats) assert.ok(s.cost <= s.budget, `${s.name}: ${s.cost} <= ${s.budget}`);
  const regexes = stats.find((s) => s.name === 'parsed regexes')!;
  assert.ok(regexes.entries > 0 && regexes.entries < 400, `evicted by size: ${regexes.entries} entries`);
});
