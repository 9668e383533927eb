// Hostile input at the engine level (issue 15): each test builds its input, and a hang shows up
// as the test's timeout (no timing is asserted).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, ignoreMatcher } from '../server/src/engine/config/index';
import { lint, SYNTAX_RULE, type Finding } from '../server/src/engine/index';
import { segmentMatches } from '../server/src/engine/model/node-paths';
import { cursorContext } from '../server/src/engine/complete/context';
import { snippetRange } from '../server/src/engine/complete/snippets';

const Y = 'file:///x.yaml';
const syntax = (fs: Finding[]) => fs.filter((f) => f.ruleId === SYNTAX_RULE.yaml || f.ruleId === SYNTAX_RULE.json);

describe('ignorePaths globs are matched in linear time', () => {
  test('globs that a regex would backtrack on: `**/` x12, `*a` x12', { timeout: 30000 }, () => {
    const deep = Array(30).fill('d').join('/') + '/x.yaml';
    assert.equal(compileGlob('**/'.repeat(12) + 'nomatch.yaml').test(deep), false);
    assert.equal(compileGlob('**/'.repeat(12) + 'x.yaml').test(deep), true);
    const long = 'a'.repeat(60) + '.yaml';
    assert.equal(compileGlob('*a'.repeat(12) + 'b').test(long), false);
    assert.equal(compileGlob('*a'.repeat(12) + '.yaml').test(long), true);
    assert.equal(ignoreMatcher(['**/'.repeat(12) + 'nomatch'])(deep), false);
    assert.equal(ignoreMatcher(['*a'.repeat(12) + 'b'])(long), false);
  });

  test('the matcher agrees with the glob semantics on directories and literals', () => {
    assert.equal(compileGlob('a/**').test('a'), true, 'a trailing ** matches the directory itself');
    assert.equal(compileGlob('a*b?c').test('aXXbYc'), true);
    assert.equal(compileGlob('a*b?c').test('aXX/bYc'), false, '* never crosses a /');
    assert.equal(compileGlob('[ab].yaml').test('a.yaml'), false, 'brackets are literal');
    assert.equal(compileGlob('[ab].yaml').test('[ab].yaml'), true);
  });
});

// Every regex the engine applies to user text was reviewed for a linear-time guarantee; these
// are the ones that backtracked (quadratic or worse: 40,000 characters took 6–13 s each).
describe('regexes on user text run in linear time', () => {
  const N = 200_000;
  test('a Pod whose paths and values are long runs of one character', { timeout: 60000 }, () => {
    const slashes = '/'.repeat(N) + 'a';
    const dollars = '$'.repeat(N) + 'a';
    const t = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n    volumeMounts:\n    - name: logs\n      mountPath: "${slashes}"\n      subPathExpr: "${dollars}"\n  volumes:\n  - name: logs\n    hostPath:\n      path: "${slashes}"\n`;
    const f = lint(t, { uri: Y, settings: { maxFileSize: 16 * 1024 * 1024 } }).findings;
    assert.deepEqual(syntax(f), []);
  });

  test('a filter value of many digits, a glob segment against a long name', { timeout: 60000 }, () => {
    const t = `inputs:\n  - Type: input_file\n    FilePaths: ["/var/log/*.log"]\n    ContainerFilters:\n      IncludeEnv:\n        A: ${'1'.repeat(N)}x\nflushers:\n  - Type: flusher_sls\n    Logstore: s\n`;
    assert.deepEqual(syntax(lint(t, { uri: 'file:///conf/pipeline.yaml' }).findings), []);
    const name = 'a'.repeat(N) + 'b';
    assert.equal(segmentMatches('*a'.repeat(12) + 'c', name), false);
    assert.equal(segmentMatches('*a'.repeat(12) + 'b', name), true);
    assert.equal(segmentMatches('[ab]*[!c]', name), true);
    assert.equal(segmentMatches('app-?.log', 'app-1.log'), true);
    assert.equal(segmentMatches('app-?.log', 'app-12.log'), false);
  });

  test('completion and snippets on lines of long blank and word runs, and many unclosed comments', { timeout: 60000 }, () => {
    const words = 'metadata:\n  name: ' + 'a'.repeat(N) + ' ';
    cursorContext(words, 'yaml', words.length);
    const blanks = 'a' + ' '.repeat(N) + 'b';
    cursorContext(blanks, 'yaml', blanks.length);
    const key = 'k' + ' '.repeat(N) + 'x: 1\n';
    cursorContext(key, 'yaml', 1);
    const comments = '/*'.repeat(N / 2) + '\n';
    assert.equal(snippetRange(comments + 'lt', 'json', comments.length + 2), undefined);
    assert.deepEqual(snippetRange('/* a */ // b\nlt', 'json', 15), { start: 13, end: 15 }, 'comments around a snippet prefix still count as empty');
  });
});

describe('a file with a syntax error (issue 11)', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n    volumeMounts:\n    - name: log-v\n      mountPath: /var/log/nginx\n  volumes:\n  - name: log-v\n    emptyDir:\n      sizeLimit: 1Gi\n';
  for (const [what, from, to] of [
    ['unterminated quote in a mount name', '    - name: log-v\n', '    - name: "log-v\n'],
    ['a stray [ after a key', '    volumeMounts:\n', '    volumeMounts: [\n'],
  ] as const) {
    test(`syntax error (${what}): the error alone, no finding from the guessed tree`, () => {
      assert.deepEqual(lint(POD, { uri: Y }).findings, [], 'the clean pod is clean');
      const f = lint(POD.replace(from, to), { uri: Y }).findings;
      assert.equal(syntax(f).length >= 1, true);
      assert.deepEqual(f.filter((x) => !x.ruleId.startsWith('syntax/')).map((x) => x.ruleId), []);
    });
  }
  test('fix-all never edits a file with a syntax error, even with syntax/yaml off', async () => {
    const { fixAll } = await import('../server/src/engine/index');
    const t = POD.replace('    emptyDir:\n      sizeLimit: 1Gi\n', '    emptyDir: {}\n') + '  bad: [\n';
    const settings = { rules: { 'syntax/yaml': 'off' as const } };
    assert.equal(fixAll(t, { uri: Y, settings }, true), t);
    assert.match(fixAll(t.replace('  bad: [\n', ''), { uri: Y, settings }, true), /sizeLimit/);
  });
});
