// Issue 11: no two syntax diagnostics for the same spot. The `yaml` parser reports one mistake
// with several messages at one offset; the user sees one error there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, SYNTAX_RULE } from '../server/src/engine/index';

const syntax = (text: string) => lint(text, { uri: 'file:///w/a.yaml' }).findings.filter((f) => f.ruleId === SYNTAX_RULE.yaml);

for (const text of ['a: 1\n b: 2\nc: 3\n', 'a: b\n- c\n']) {
  test(`one syntax error at one spot: ${JSON.stringify(text)}`, () => {
    const found = syntax(text);
    assert.ok(found.length >= 1, 'the syntax error is still reported');
    const starts = found.map((f) => f.start);
    assert.equal(new Set(starts).size, starts.length, found.map((f) => `${f.start} ${f.message}`).join('; '));
  });
}

test('errors at different spots are each reported', () => {
  const found = syntax('a: [1, 2\nb: {c: d\n');
  assert.equal(new Set(found.map((f) => f.start)).size, 2);
});
