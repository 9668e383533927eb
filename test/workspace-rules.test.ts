// Rules over several files: each fixture folder under test/fixtures/rules/<rule-id>/{invalid,valid}/
// is one workspace (every file indexed, as the CLI and the server do), each file linted against it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, lint, applyEdits, parseFile, languageOf, WorkspaceIndex, SYNTAX_RULE, INTERNAL_RULE, type Finding } from '../server/src/engine/index';
import { RULE_FIXTURES, listFiles, listFolders, expectedLines, rel } from './helpers/fixtures';

const uriOf = (file: string) => 'file://' + file;

function indexOf(files: Map<string, string>): WorkspaceIndex {
  const ws = new WorkspaceIndex();
  for (const [file, text] of files) ws.update(uriOf(file), parseFile(text, languageOf(file) ?? 'yaml'));
  return ws;
}

function lintIn(files: Map<string, string>, file: string, ws = indexOf(files)): { findings: Finding[]; line: (f: Finding) => number } {
  const res = lint(files.get(file)!, { uri: uriOf(file), workspace: ws });
  return { findings: res.findings, line: (f) => res.parsed.lines.positionAt(f.start).line + 1 };
}

function broken(findings: Finding[]) {
  return findings.filter((f) => f.ruleId === SYNTAX_RULE.yaml || f.ruleId === SYNTAX_RULE.json || f.ruleId === INTERNAL_RULE).map((f) => f.message);
}

function load(folder: string): Map<string, string> {
  return new Map(listFiles(folder).map((f) => [f, readFileSync(f, 'utf8')]));
}

for (const rule of allRules) {
  const dir = join(RULE_FIXTURES, rule.id);
  const invalid = listFolders(join(dir, 'invalid'));
  const valid = listFolders(join(dir, 'valid'));
  if (!invalid.length && !valid.length) continue;
  describe(`${rule.id} (workspace fixtures)`, () => {
    for (const folder of invalid) {
      test(`fires exactly where expected: ${rel(folder)}`, () => {
        const files = load(folder);
        const ws = indexOf(files);
        let expected = 0;
        for (const file of files.keys()) {
          const { findings, line } = lintIn(files, file, ws);
          assert.deepEqual(broken(findings), [], `${rel(file)} parses`);
          const mine = findings.filter((f) => f.ruleId === rule.id);
          const want = expectedLines(file, rule.id).map((l) => l + 1);
          expected += want.length;
          assert.deepEqual([...new Set(mine.map(line))].sort((a, b) => a - b), [...new Set(want)].sort((a, b) => a - b), rel(file));
          for (const f of mine) {
            // the other side: a file of the workspace, at a real range
            for (const r of f.related ?? []) {
              const other = r.uri.replace(/^file:\/\//, '');
              assert.ok(files.has(other), `related location in the workspace: ${r.uri}`);
              assert.ok(r.end > r.start && r.end <= files.get(other)!.length, 'related range inside its file');
              assert.ok(r.message.length > 0);
            }
          }
          // each fix edits only this file; applied, the finding is gone and the file still parses
          for (const f of mine) {
            for (const fix of f.fixes) {
              const fixedText = applyEdits(files.get(file)!, fix.edits);
              assert.notEqual(fixedText, files.get(file), `fix "${fix.title}" changes ${rel(file)}`);
              const after = new Map(files);
              after.set(file, fixedText);
              const again = lintIn(after, file);
              assert.deepEqual(broken(again.findings), [], `fix "${fix.title}" keeps ${rel(file)} valid:\n${fixedText}`);
              const left = again.findings.filter((g) => g.ruleId === rule.id);
              assert.ok(left.length < mine.length, `fix "${fix.title}" removes the finding:\n${fixedText}`);
              assert.ok(!left.some((g) => g.fixes.some((x) => x.title === fix.title) && g.start === f.start), `fix "${fix.title}" is not offered again`);
            }
          }
        }
        assert.ok(expected > 0, 'the folder marks at least one expected finding');
      });
    }
    for (const folder of valid) {
      test(`stays silent: ${rel(folder)}`, () => {
        const files = load(folder);
        const ws = indexOf(files);
        for (const file of files.keys()) {
          const { findings } = lintIn(files, file, ws);
          assert.deepEqual(broken(findings), [], `${rel(file)} parses`);
          assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), [], rel(file));
        }
      });
    }
  });
}

describe('workspace rules: every finding names the other side', () => {
  test('rules of workspace/ have folder fixtures that fire and that stay silent', () => {
    for (const rule of allRules.filter((r) => r.id.startsWith('workspace/'))) {
      assert.ok(listFolders(join(RULE_FIXTURES, rule.id, 'invalid')).length >= 1, `${rule.id}: invalid folder`);
      assert.ok(listFolders(join(RULE_FIXTURES, rule.id, 'valid')).length >= 1, `${rule.id}: valid folder`);
    }
  });
});
