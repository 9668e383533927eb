// Issue 9, keystroke → diagnostics in a large file, fifth pass: the lint worker keeps the text in
// pieces (engine/parse/text.ts) and the document store reads the edited range and slices of it
// only. What it gives must be what a string gives, and what a cold lint of the same text gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PiecedText } from '../server/src/engine/parse/text';
import { DocumentStore, WorkspaceIndex } from '../server/src/engine/index';
import { diagnose } from '../server/src/lsp/diagnose';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { deployment } from '../bench/gen';
import { LineIndex, setLineBlock } from '../server/src/engine/parse/lines';
import { boundsArrays, boundsFromMarks, markersIn } from '../server/src/engine/parse/yaml';
import { commonPrefix, commonSuffix } from '../server/src/engine/model/document';
import { rng, workload } from './helpers/random-workloads';


test('PiecedText: text, slices, characters, search and the change it records equal those of a string after random edits', () => {
  const rnd = rng(424242);
  const alphabet = ['a', 'bc', '\n', '\r\n', '---\n', '{', '{{', ' ', 'xyz-0123'];
  const gen = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  for (const piece of [1, 3, 8, 64]) {
    let s = gen(200);
    let p = PiecedText.of(s, piece);
    for (let step = 0; step < 400; step++) {
      // one change: up to three edits, each in offsets of the text before it
      const edits: { start: number; end: number; text: string }[] = [];
      let t = s;
      for (let k = 1 + rnd(3); k > 0; k--) {
        const start = rnd(t.length + 1);
        const end = rnd(4) === 0 ? start + rnd(t.length - start + 1) : Math.min(t.length, start + rnd(5));
        const text = rnd(5) === 0 ? '' : gen(rnd(4));
        edits.push({ start, end, text });
        t = t.slice(0, start) + text + t.slice(end);
      }
      const q = p.edit(edits);
      const where = `piece ${piece}, step ${step}: ${JSON.stringify([s, edits])}`;
      assert.equal(q.length, t.length, where);
      if (q !== p) {
        // the change: the first `prefix` and last `suffix` characters are those of the previous version
        const c = q.change!;
        assert.equal(c.base, p.id, where);
        assert.ok(c.prefix + c.suffix <= Math.min(s.length, t.length), where);
        assert.equal(t.slice(0, c.prefix), s.slice(0, c.prefix), where);
        assert.equal(t.slice(t.length - c.suffix), s.slice(s.length - c.suffix), where);
      } else assert.equal(t, s, where);
      for (let k = 0; k < 6; k++) {
        const a = rnd(t.length + 2);
        const b = rnd(t.length + 2);
        assert.equal(q.slice(a, b), a <= b ? t.slice(a, b) : '', where);
        assert.equal(q.charCodeAt(a), t.charCodeAt(a), where);
        const needle = t.slice(a, a + 1 + rnd(4)) || 'zz';
        assert.equal(q.startsWith(needle, b), t.startsWith(needle, b), where);
      }
      assert.equal(q.includes('{{'), t.includes('{{'), where);
      assert.equal(q.includes('\r\n'), t.includes('\r\n'), where);
      assert.equal(q.joined, false, 'an edit joins nothing');
      if (rnd(10) === 0) assert.equal(q.toString(), t, where);
      s = t;
      p = rnd(25) === 0 ? PiecedText.of(t, piece) : q; // now and then a fresh text (no change recorded)
    }
    assert.equal(p.toString(), s);
  }
});


test('randomized: edits through the worker\'s path (pieced text, edit offsets, document store) give the diagnostics of a cold lint of the same text', () => {
  const rnd = rng(77001);
  const uri = 'file:///big.yaml';
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const cold = new WorkspaceIndex();
  let s = Array.from({ length: 24 }, (_, i) => workload(i, rnd(8))).join('---\n');
  let p = PiecedText.of(s, 97); // small pieces: edits cross piece ends
  const pieces = ['x', '\n', '\n\n', '---\n', '\n---\n', '---', '# c\n', '  ', 'app', '', '\r\n', '\r', '{{ .Values.x }}'];
  let compared = 0;
  for (let step = 0; step < 220; step++) {
    const op = rnd(12);
    const edits: { start: number; end: number; text: string }[] = [];
    let t = s;
    const apply = (start: number, end: number, text: string) => {
      edits.push({ start, end, text });
      t = t.slice(0, start) + text + t.slice(end);
    };
    if (op < 4) {
      // small edits anywhere (markers, lines, CR/LF made or broken), one to three per change
      for (let k = 1 + rnd(3); k > 0; k--) {
        const at = rnd(t.length + 1);
        apply(at, Math.min(t.length, at + (rnd(3) === 0 ? rnd(30) : 0)), pieces[rnd(pieces.length)]!);
      }
    } else if (op === 5) {
      // an edit spanning documents: from inside one to inside a later one
      const a = rnd(t.length + 1);
      apply(a, Math.min(t.length, a + 300 + rnd(900)), rnd(2) ? '' : workload(500 + step, rnd(8)));
    } else if (op === 6) {
      // a document added or removed at a marker
      const marks = [...t.matchAll(/^---\n/gm)].map((m) => m.index!);
      if (marks.length && rnd(2)) {
        const m = marks[rnd(marks.length)]!;
        apply(m, m + 4, '');
      } else {
        const at = marks.length ? marks[rnd(marks.length)]! : 0;
        apply(at, at, `---\n${workload(900 + step, rnd(8))}`);
      }
    } else if (op === 7) {
      // typing in a name (later documents move on their lines)
      const names = [...t.matchAll(/name: app-\d+/g)];
      if (names.length) {
        const m = names[rnd(names.length)]!;
        apply(m.index! + m[0].length, m.index! + m[0].length, 'y');
      }
    } else if (op === 8) {
      // CRLF line ends for the whole file, or back
      t = t.includes('\r\n') ? t.replace(/\r\n/g, '\n') : t.replace(/\n/g, '\r\n');
    } else if (op === 9 || op === 4) {
      // back to a clean file (a whole-text replacement: no edits)
      t = Array.from({ length: 24 }, (_, i) => workload(i, rnd(8))).join('---\n');
    } else {
      // a template action typed and removed again now and then (the store's template path)
      const i = t.indexOf('{{');
      if (i >= 0) apply(i, i + 2, '');
      else {
        const at = rnd(t.length + 1);
        apply(at, at, 'z');
      }
    }
    // as the worker: a change known as edits edits its pieces; a whole-text change is a new text
    p = edits.length && t !== s && op !== 8 && op !== 9 ? p.edit(edits) : PiecedText.of(t, 97);
    assert.equal(p.length, t.length);
    const input = { uri, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version: step, rev: `r${step}`, docsBase: 'file:///docs/rules/' };
    const model = store.update(p, 'yaml', uri);
    const warm = diagnose({ ...input, text: p, model }, ws);
    ws.updateModel(model);
    const fresh = diagnose({ ...input, text: t }, cold);
    assert.deepEqual(warm.diagnostics, fresh.diagnostics, `step ${step}: ${JSON.stringify(t.slice(0, 300))}`);
    assert.equal(model.parsed.text, t, `step ${step}: the model's text`);
    if (fresh.diagnostics.some((d) => d.code !== 'syntax/yaml')) compared++;
    s = t;
  }
  assert.ok(compared > 60, `diagnostics with rule findings were compared (${compared} versions)`);
});

test('a keystroke through the worker\'s path reads slices of the text only: the pieces are never joined', () => {
  const uri = 'file:///big.yaml';
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const text = Array.from({ length: 300 }, (_, i) => deployment(i)).join('---\n');
  let p = PiecedText.of(text, 4096);
  const input = (v: number) => ({ uri, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version: v, rev: `r${v}`, docsBase: 'file:///docs/rules/' });
  diagnose({ ...input(0), text: p, model: store.update(p, 'yaml', uri) }, ws);
  const before = store.builds;
  let last = diagnose({ ...input(0), text: p, model: store.update(p, 'yaml', uri) }, ws);
  let at = 0;
  for (let k = 1; k <= 30; k++) {
    // typing at the end of a document's name, spread over the file
    const names = [...p.slice(0, p.length).matchAll(/name: app-\d+x*\n/g)];
    const m = names[Math.floor((k * names.length) / 31)]!;
    at = m.index! + m[0].length - 1;
    p = p.edit([{ start: at, end: at, text: 'x' }]);
    last = diagnose({ ...input(k), text: p, model: store.update(p, 'yaml', uri) }, ws);
    assert.equal(p.joined, false, `keystroke ${k}: the text was joined`);
  }
  assert.equal(store.builds - before, 30, 'one document model built per keystroke');
  // and the result is a cold lint's
  const cold = diagnose({ ...input(30), text: p.toString() }, new WorkspaceIndex());
  assert.deepEqual(last.diagnostics, cold.diagnostics);
});

test('randomized: a line index patched edit after edit (blocks shared and moved) equals the index of the whole text', () => {
  const rnd = rng(31337);
  const alphabet = ['a', 'bc', '\n', '\n', '\r', '\r\n', '---\n', ' ', 'xyz'];
  const gen = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  try {
    for (const block of [1, 2, 3, 8, 1024]) {
      setLineBlock(block);
      let s = gen(300);
      let index = new LineIndex(s);
      for (let step = 0; step < 300; step++) {
        const start = rnd(s.length + 1);
        const end = rnd(5) === 0 ? start + rnd(s.length - start + 1) : Math.min(s.length, start + rnd(4));
        const t = s.slice(0, start) + (rnd(6) === 0 ? gen(rnd(200)) : gen(rnd(4))) + s.slice(end);
        const prefix = commonPrefix(s, t);
        const suffix = commonSuffix(s, t, Math.min(s.length, t.length) - prefix);
        // as the store: from the previous patched index, over a pieced text or a string
        const next = LineIndex.edited(index, rnd(2) ? t : PiecedText.of(t, 5), prefix, suffix);
        const whole = new LineIndex(t);
        const where = `block ${block}, step ${step}: ${JSON.stringify([s, t])}`;
        assert.equal(next.lineCount, whole.lineCount, where);
        for (let i = 0; i <= t.length + 1; i++) assert.deepEqual(next.positionAt(i), whole.positionAt(i), where);
        for (let l = -1; l <= whole.lineCount; l++) {
          assert.equal(next.lineStart(l), whole.lineStart(l), where);
          if (l >= 0 && l < whole.lineCount) assert.equal(next.lineEnd(l), whole.lineEnd(l), where);
          assert.equal(next.offsetAt({ line: l, character: 2 }), whole.offsetAt({ line: l, character: 2 }), where);
        }
        s = t;
        index = next;
      }
    }
  } finally {
    setLineBlock(1024);
  }
});

test('randomized: the documents\' places as two arrays (boundsArrays) equal boundsFromMarks, over strings and pieced texts', () => {
  const rnd = rng(2718);
  const alphabet = ['---', '---\n', '\n', '# c\n', '%YAML 1.2\n', ' ', 'a: 1\n', '\r\n', '--- x\n', '...\n'];
  for (let t = 0; t < 3000; t++) {
    const s = Array.from({ length: rnd(14) }, () => alphabet[rnd(alphabet.length)]).join('');
    const marks = markersIn(s);
    const want = boundsFromMarks(s, marks);
    for (const text of [s, PiecedText.of(s, 3)]) {
      const got = boundsArrays(text, marks);
      assert.deepEqual([...got.starts].map((x, i) => ({ start: x, end: got.ends[i] })), want, JSON.stringify(s));
    }
  }
});
