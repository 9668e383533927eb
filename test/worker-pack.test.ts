// Issue 9, fifth pass: the lint worker sends a keystroke's diagnostics as moves of the last list
// the main thread received (lsp/diagnose.ts `PackState` / `unpack`). What the main thread rebuilds
// must be what a full list would have been, keystroke after keystroke, also after the server took
// the explanations out of the list it handed out (explain.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { diagnose, unpack, type PackState, type UnpackState } from '../server/src/lsp/diagnose';
import { Explanations } from '../server/src/lsp/explain';
import { DocumentStore, WorkspaceIndex } from '../server/src/engine/index';
import { PiecedText } from '../server/src/engine/parse/text';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import type { Diagnostic } from 'vscode-languageserver';
import { rng, workload } from './helpers/random-workloads';



test('randomized: diagnostics packed by the worker and unpacked by the main thread equal the full list, keystroke after keystroke', () => {
  const rnd = rng(5150);
  const uri = 'file:///big.yaml';
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const cold = new WorkspaceIndex();
  const pack: PackState = { id: 0, sent: new Map() };
  let received: UnpackState | undefined;
  const explanations = new Explanations();
  let t = Array.from({ length: 40 }, (_, i) => workload(i, rnd(10), { collectorImage: true })).join('---\n');
  let p = PiecedText.of(t);
  const pieces = ['x', '\n', '\n\n', '---\n', '# c\n', '  ', ''];
  let referred = 0;
  for (let step = 0; step < 150; step++) {
    const op = rnd(8);
    let start = 0;
    let end = 0;
    let text = '';
    if (op < 4) {
      start = rnd(t.length + 1);
      end = Math.min(t.length, start + (rnd(3) === 0 ? rnd(40) : 0));
      text = pieces[rnd(pieces.length)]!;
    } else if (op < 6) {
      // typing in a name: every later document moves, on its lines or by whole lines
      const names = [...t.matchAll(/name: app-\d+/g)];
      const m = names[rnd(names.length)]!;
      start = end = m.index! + m[0].length;
      text = op === 4 ? 'y' : '\n';
    } else if (op === 6) {
      // a document removed or added (whole lines)
      const marks = [...t.matchAll(/^---\n/gm)].map((m) => m.index!);
      const at = marks.length ? marks[rnd(marks.length)]! : 0;
      if (rnd(2) && marks.length) end = (start = at) + 4;
      else {
        start = end = at;
        text = `---\n${workload(100 + step, rnd(10), { collectorImage: true })}`;
      }
    } else {
      start = 0;
      end = t.length;
      text = Array.from({ length: 40 }, (_, i) => workload(i, rnd(10), { collectorImage: true })).join('---\n');
    }
    t = t.slice(0, start) + text + t.slice(end);
    p = p.edit([{ start, end, text }]);
    const input = { uri, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version: step, rev: `r${step}`, docsBase: 'file:///docs/rules/' };
    const model = store.update(p, 'yaml', uri);
    ws.updateModel(model);
    // the worker: packed against its last list; the message is a structured clone
    const sent = deserialize(serialize(diagnose({ ...input, text: p, model }, ws, undefined, pack))) as ReturnType<typeof diagnose>;
    assert.equal(sent.diagnostics.length, 0);
    const u = unpack(sent.packed!, received);
    assert.ok(u, `step ${step}: the list the worker referred to is the one received`);
    received = u.state;
    for (let k = 0; k < sent.packed!.refs.length; k += 2) if (sent.packed!.refs[k]! >= 0) referred++;
    const full = diagnose({ ...input, text: t }, cold);
    assert.deepEqual(u.diagnostics, full.diagnostics, `step ${step}: ${JSON.stringify(t.slice(0, 200))}`);
    // the server takes the explanations out of what it hands out: the next list must still have them
    explanations.keep(uri, input.rev, u.diagnostics as Diagnostic[]);
  }
  assert.ok(referred > 1000, `diagnostics went as moves of the last list (${referred})`);
});

test('unpack refuses a list that refers to another list than the one received (the server then sends the text again)', () => {
  const uri = 'file:///big.yaml';
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const pack: PackState = { id: 0, sent: new Map() };
  const t = Array.from({ length: 5 }, (_, i) => workload(i, 3, { collectorImage: true })).join('---\n');
  const input = (v: number, text: string) => ({ uri, text, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version: v, rev: `r${v}`, docsBase: 'file:///docs/rules/' });
  const first = diagnose({ ...input(0, t), model: store.update(t, 'yaml', uri) }, ws, undefined, pack).packed!;
  assert.equal(first.base, -1, 'a first list goes whole');
  const got = unpack(first, undefined)!;
  assert.ok(got.diagnostics.length > 0);
  const t2 = 'x: 1\n---\n' + t;
  const second = diagnose({ ...input(1, t2), model: store.update(t2, 'yaml', uri) }, ws, undefined, pack).packed!;
  assert.equal(second.base, first.id);
  assert.equal(unpack(second, undefined), undefined, 'nothing received');
  assert.equal(unpack(second, { ...got.state, id: got.state.id + 1 }), undefined, 'another list received');
  assert.equal(unpack(second, got.state)!.diagnostics.length, got.diagnostics.length);
});
