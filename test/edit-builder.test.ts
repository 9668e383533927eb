// The one edit builder for fixes that add several items (server/src/engine/edit/inserts.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyEdits, editorFor, parseFile } from '../server/src/engine/index';
import { addItems, combineEdits } from '../server/src/engine/edit/inserts';
import { isMap, type MapNode } from '../server/src/engine/parse/nodes';

function rootOf(text: string, language: 'yaml' | 'json'): MapNode {
  const r = parseFile(text, language).docs[0]!.root;
  assert.ok(isMap(r));
  return r;
}
const items = [{ name: 'A', value: '1' }, { name: 'B', value: '2' }];

for (const [label, text] of [
  ['no key', '{"name": "c"}'],
  ['an empty array', '{"name": "c", "env": []}'],
  ['null', '{"name": "c", "env": null}'],
  ['an array with an item', '{"name": "c", "env": [{"name": "Z", "value": "0"}]}'],
] as const) {
  test(`JSON: two env items added to ${label} give valid JSON with both, in order`, () => {
    const root = rootOf(text, 'json');
    const edits = addItems(editorFor(text, 'json'), root, 'env', items);
    assert.ok(edits && edits.length === 1, 'one edit');
    const out = JSON.parse(applyEdits(text, edits));
    assert.deepEqual(out.env.filter((e: { name: string }) => e.name !== 'Z'), items);
  });
}

for (const [label, text] of [
  ['no key', 'name: c\nimage: x\n'],
  ['an empty flow list', 'name: c\nenv: []\nimage: x\n'],
  ['a null value', 'name: c\nenv:\nimage: x\n'],
  ['a block list', 'name: c\nenv:\n  - name: Z\n    value: "0"\nimage: x\n'],
  ['a flow list', 'name: c\nenv: [{name: Z, value: "0"}]\nimage: x\n'],
] as const) {
  test(`YAML: two env items added to ${label} give valid YAML with both, in order`, () => {
    const root = rootOf(text, 'yaml');
    const edits = addItems(editorFor(text, 'yaml'), root, 'env', items);
    assert.ok(edits && edits.length === 1, 'one edit');
    const out = parse(applyEdits(text, edits));
    assert.deepEqual(out.env.filter((e: { name: string }) => e.name !== 'Z'), items);
    assert.equal(out.image, 'x');
  });
}

test('a list that cannot take items (a scalar) gives no edit unless asked to replace it', () => {
  const text = 'name: c\nenv: oops\n';
  assert.equal(addItems(editorFor(text, 'yaml'), rootOf(text, 'yaml'), 'env', items), undefined);
  const e = addItems(editorFor(text, 'yaml'), rootOf(text, 'yaml'), 'env', items, { replaceScalar: true })!;
  assert.deepEqual(parse(applyEdits(text, e)).env, items);
});

test('combineEdits: inserts at one offset are merged innermost first; other edits are kept', () => {
  const text = 'spec:\n  containers:\n  - name: c\n    env:\n    - name: A\n';
  const at = text.length - 1;
  const outerKey = { start: at, end: at, newText: '\n  volumes: []' };
  const innerItem = { start: at, end: at, newText: '\n    - name: B' };
  const replace = { start: 0, end: 4, newText: 'spec' };
  const out = combineEdits([outerKey, replace, innerItem]);
  assert.equal(out.length, 2);
  const fixed = applyEdits(text, out);
  assert.deepEqual(parse(fixed), { spec: { containers: [{ name: 'c', env: [{ name: 'A' }, { name: 'B' }] }], volumes: [] } });
});
