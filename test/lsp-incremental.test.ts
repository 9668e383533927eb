// Issue 9, keystroke → diagnostics of a large file: what the server keeps between keystrokes must
// give what a fresh computation gives.
// - PiecedDocument (server/src/lsp/text-document.ts) against the library's TextDocument;
// - the diagnostics converted once per cached `---` document and moved with it (lsp/diagnose.ts)
//   against a fresh conversion of a cold lint, after randomized edits that add and remove lines
//   and document markers before, inside and after the cached documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PiecedDocument } from '../server/src/lsp/text-document';
import { conversions, diagnose } from '../server/src/lsp/diagnose';
import { DocumentStore, WorkspaceIndex } from '../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { rng, workload } from './helpers/random-workloads';


test('PiecedDocument: text, lines, positions and the recorded edits equal the library TextDocument after random edits', () => {
  const rnd = rng(4242);
  const pieces = ['x', '\n', '\r\n', '\r', 'abc', '---\n', '  name: a\n', '', 'é', '\n\n'];
  let base = '';
  for (let i = 0; i < 200000; i++) base += pieces[rnd(pieces.length)];
  const lib = TextDocument.create('file:///a.yaml', 'yaml', 1, base);
  const mine = new PiecedDocument('file:///a.yaml', 'yaml', 1, base);
  assert.ok(base.length > 4 * 64 * 1024, 'several pieces');
  let mirror = base;
  for (let step = 0; step < 150; step++) {
    const changes = Array.from({ length: 1 + rnd(3) }, () => {
      const line = rnd(lib.lineCount + 2);
      const character = rnd(12);
      const endLine = line + (rnd(4) === 0 ? rnd(3) : 0);
      return { range: { start: { line, character }, end: { line: endLine, character: rnd(12) } }, text: Array.from({ length: rnd(4) }, () => pieces[rnd(pieces.length)]).join('') };
    });
    if (rnd(50) === 0) changes.splice(0, changes.length, { text: base.slice(rnd(base.length)) } as never);
    TextDocument.update(lib, changes, step + 2);
    mine.update(changes, step + 2);
    if (mine.lastEdits) for (const e of mine.lastEdits) mirror = mirror.slice(0, e.start) + e.text + mirror.slice(e.end);
    else mirror = mine.getText();
    if (step % 7 === 0) assert.equal(mine.getText(), lib.getText(), `step ${step}`);
    assert.equal(mine.lineCount, lib.lineCount, `step ${step}: line count`);
    assert.equal(mine.version, lib.version);
    for (let k = 0; k < 5; k++) {
      const off = rnd(lib.getText().length + 3);
      assert.deepEqual(mine.positionAt(off), lib.positionAt(off), `step ${step}: positionAt(${off})`);
      const pos = { line: rnd(lib.lineCount + 1), character: rnd(15) };
      assert.equal(mine.offsetAt(pos), lib.offsetAt(pos), `step ${step}: offsetAt`);
      const line = rnd(lib.lineCount + 1);
      assert.deepEqual(mine.getLineRange(line), lib.getLineRange(line));
      assert.equal(mine.getEOLCharacters(line), lib.getEOLCharacters(line));
      const r = { start: pos, end: { line: pos.line + rnd(3), character: rnd(10) } };
      assert.equal(mine.getText(r), lib.getText(r));
    }
    assert.equal(mine.length, lib.getText().length);
    assert.equal(mirror, lib.getText(), `step ${step}: the recorded edits rebuild the text`);
  }
});


test('randomized: diagnostics converted once per cached document and moved with it equal a fresh conversion of a cold lint', () => {
  const rnd = rng(9001);
  const uri = 'file:///big.yaml';
  const settings = DEFAULT_SETTINGS;
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const cold = new WorkspaceIndex();
  let docs = Array.from({ length: 30 }, (_, i) => workload(i, rnd(8), { replicas: true }));
  let text = docs.join('---\n');
  const pieces = ['x', '\n', '\n\n', '---\n', '# c\n', '  ', 'app', ''];
  let reused = 0;
  for (let step = 0; step < 160; step++) {
    const op = rnd(10);
    if (op < 5) {
      // a small edit anywhere: lines and markers added or removed before, inside or after documents
      const at = rnd(text.length + 1);
      const end = Math.min(text.length, at + (rnd(3) === 0 ? rnd(40) : 0));
      text = text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(end);
    } else if (op < 7) {
      // a document added or removed (every later document moves by whole lines)
      docs = text.split('---\n');
      if (op === 5) docs.splice(rnd(docs.length + 1), 0, workload(100 + step, rnd(8), { replicas: true }));
      else if (docs.length > 1) docs.splice(rnd(docs.length), 1);
      text = docs.join('---\n');
    } else if (op === 7) {
      // typing inside one line of a document (the documents after it move, on the same lines)
      const names = [...text.matchAll(/name: app-\d+/g)];
      if (names.length) {
        const m = names[rnd(names.length)]!;
        const at = m.index! + m[0].length;
        text = text.slice(0, at) + 'y' + text.slice(at);
      }
    } else if (op === 8) {
      text = Array.from({ length: 30 }, (_, i) => workload(i, rnd(8), { replicas: true })).join('---\n');
    }
    const input = { uri, text, language: 'yaml' as const, settings, locale: 'en' as const, reportSyntax: true, version: step, rev: `r${step}`, docsBase: 'file:///docs/rules/' };
    const model = store.update(text, 'yaml', uri);
    const warm = diagnose({ ...input, model }, ws);
    ws.updateModel(model);
    const fresh = diagnose(input, cold);
    assert.deepEqual(warm.diagnostics, fresh.diagnostics, `step ${step}: ${JSON.stringify(text.slice(0, 200))}`);
    if (step > 0 && fresh.diagnostics.some((d) => d.code !== 'syntax/yaml')) reused++;
  }
  assert.ok(reused > 30, `diagnostics were compared on versions with rule findings (${reused})`);
});

test('the conversions are reused: a keystroke converts the findings of the edited document only', () => {
  const uri = 'file:///big.yaml';
  const store = new DocumentStore();
  const ws = new WorkspaceIndex();
  const docs = Array.from({ length: 40 }, (_, i) => workload(i, 0, { replicas: true }));
  let text = docs.join('---\n');
  const input = (version: number) => ({ uri, text, language: 'yaml' as const, settings: DEFAULT_SETTINGS, locale: 'en' as const, reportSyntax: true, version, rev: `r${version}`, docsBase: 'file:///docs/rules/' });
  const first = diagnose({ ...input(1), model: store.update(text, 'yaml', uri) }, ws).diagnostics;
  assert.ok(first.length >= 40, `every document has findings (${first.length})`);
  // a new (comment) line in document 10, which changes no fact another document's rules read: the
  // documents after it move down one line; their diagnostics are the same but one line lower, and
  // every diagnostic carries the new version and revision
  const at = text.indexOf('name: app-10\n') + 'name: app-10\n'.length;
  text = text.slice(0, at) + '  # owner: team-a\n' + text.slice(at);
  const before = { ...conversions };
  const second = diagnose({ ...input(2), model: store.update(text, 'yaml', uri) }, ws).diagnostics;
  const perDocument = first.length / 40;
  assert.equal(conversions.converted - before.converted, perDocument, 'only the edited document\'s findings are converted');
  assert.equal(conversions.reused - before.reused, second.length - perDocument);
  const fresh = diagnose(input(2), new WorkspaceIndex()).diagnostics;
  assert.deepEqual(second, fresh);
  for (const d of second) assert.deepEqual([(d.data as { version: number }).version, (d.data as { rev: string }).rev], [2, 'r2']);
  // and they moved: the last document's diagnostics are one line lower than before
  assert.equal(second[second.length - 1]!.range.start.line, first[first.length - 1]!.range.start.line + 1);
  // a new line that changes document 11's workload (not a cleanup DaemonSet: nothing another
  // document's rules read, k8s/hostpath-log-retention included) converts that document's findings only
  const at11 = text.indexOf('name: app-11\n') + 'name: app-11\n'.length;
  text = text.slice(0, at11) + '  labels: {}\n' + text.slice(at11);
  const before3 = { ...conversions };
  const third = diagnose({ ...input(3), model: store.update(text, 'yaml', uri) }, ws).diagnostics;
  assert.equal(conversions.converted - before3.converted, perDocument, 'only the edited workload\'s findings are converted');
  assert.equal(conversions.reused - before3.reused, third.length - perDocument);
  assert.deepEqual(third, diagnose(input(3), new WorkspaceIndex()).diagnostics);
});

test('a large document edited incrementally over the protocol (the worker keeps its copy by the edits) gets the diagnostics of a fresh server on the final text', async () => {
  const { startClient } = await import('./helpers/lsp-client');
  const { DidChangeTextDocumentNotification, DocumentDiagnosticRequest } = await import('vscode-languageserver-protocol/node');
  const rnd = rng(77);
  let text = Array.from({ length: 4000 }, (_, i) => workload(i, i % 8, { replicas: true })).join('---\n');
  assert.ok(text.length >= 1024 * 1024, 'large enough for the lint worker');
  const uri = 'file:///work/large-incremental.yaml';
  const a = await startClient();
  const b = await startClient();
  const pull = async (c: typeof a, u: string) => {
    for (;;) {
      try {
        const r = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u } });
        return (r as { items: { code?: unknown; range: unknown; message: string; severity?: number; data?: { fixes?: unknown; disable?: unknown } }[] }).items;
      } catch (e) {
        if ((e as { code?: number }).code !== -32802) throw e; // the document changed meanwhile: pull again
      }
    }
  };
  const strip = (items: Awaited<ReturnType<typeof pull>>) => items.map((d) => ({ code: d.code, range: d.range, message: d.message, severity: d.severity, fixes: d.data?.fixes, disable: d.data?.disable }));
  try {
    await a.open(uri, 'yaml', text, 1);
    await pull(a, uri);
    const lines = () => text.split('\n');
    for (let v = 2; v < 14; v++) {
      // an incremental change: typing in a name, a comment line, a new document (lines and a
      // `---` marker added before the later documents), a document deleted (lines and a marker removed)
      const ls = lines();
      const kind = rnd(4);
      const pick = (re: RegExp) => {
        const all = ls.flatMap((l, i) => (re.test(l) ? [i] : []));
        return all[rnd(all.length)]!;
      };
      let range: { start: { line: number; character: number }; end: { line: number; character: number } };
      let insert: string;
      if (kind === 0 || kind === 1) {
        const line = kind === 0 ? pick(/^ {2}name: app-/) : rnd(ls.length);
        range = { start: { line, character: ls[line]!.length }, end: { line, character: ls[line]!.length } };
        insert = kind === 0 ? 'z' : '\n# note';
      } else {
        const line = pick(/^---$/);
        let next = line + 1;
        while (next < ls.length && ls[next] !== '---') next++;
        range = { start: { line, character: 0 }, end: { line: kind === 2 ? line : next, character: 0 } };
        insert = kind === 2 ? '---\n' + workload(10000 + v, v, { replicas: true }) : '';
      }
      const offsetOf = (p: { line: number; character: number }) => ls.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      text = text.slice(0, offsetOf(range.start)) + insert + text.slice(offsetOf(range.end));
      await a.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] });
      if (rnd(3) === 0) await pull(a, uri);
    }
    const warm = await pull(a, uri);
    await b.open(uri, 'yaml', text, 1);
    const fresh = await pull(b, uri);
    assert.ok(fresh.length > 100, `findings to compare (${fresh.length})`);
    assert.deepEqual(strip(warm), strip(fresh));
  } finally {
    await a.close();
    await b.close();
  }
});
