// False-positive guard: well-known manifests in their usual upstream shape (test/fixtures/clean/)
// must produce no error and no warning from any rule, alone and with the others as workspace.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseFile, languageOf, WorkspaceIndex, type Finding } from '../server/src/engine/index';
import { ROOT, listFiles, rel } from './helpers/fixtures';

const CLEAN = join(ROOT, 'test', 'fixtures', 'clean');
const files = listFiles(CLEAN);

function offenders(text: string, findings: Finding[]): string[] {
  const lines = text.split(/\r?\n/);
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r?\n/).length;
  return findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `  line ${lineOf(f.start)} ${f.ruleId} [${f.severity}] ${f.message}\n    > ${lines[lineOf(f.start) - 1]?.trim() ?? ''}`);
}

describe('clean manifests stay clean', () => {
  test('there are clean fixtures', () => {
    assert.ok(files.length >= 5, `${rel(CLEAN)} holds the well-known manifests`);
  });

  for (const file of files) {
    test(`no error or warning: ${rel(file)}`, () => {
      const text = readFileSync(file, 'utf8');
      const { findings } = lint(text, { uri: 'file://' + file });
      const bad = offenders(text, findings);
      assert.equal(bad.length, 0, `${rel(file)} produced:\n${bad.join('\n')}`);
    });
  }

  test('no error or warning with all clean files indexed as one workspace', () => {
    const ws = new WorkspaceIndex();
    const texts = new Map<string, string>();
    for (const file of files) {
      const uri = 'file://' + file;
      const text = readFileSync(file, 'utf8');
      texts.set(uri, text);
      ws.update(uri, parseFile(text, languageOf(uri) ?? 'yaml'));
    }
    const bad: string[] = [];
    for (const [uri, text] of texts) {
      const { findings } = lint(text, { uri, workspace: ws });
      for (const o of offenders(text, findings)) bad.push(`${rel(uri.slice('file://'.length))}:\n${o}`);
    }
    assert.equal(bad.length, 0, bad.join('\n'));
  });
});
