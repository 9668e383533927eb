// Per-rule tests, driven by each rule's docs and by test/fixtures/rules/<rule-id>/{invalid,valid}/.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, lint, applyEdits, SYNTAX_RULE, INTERNAL_RULE, type Finding } from '../server/src/engine/index';
import { RULE_FIXTURES, listFiles, listTopFiles, expectedLines, rel } from './helpers/fixtures';
import { CATALOGS, DETAILS, catalogSection } from '../server/src/engine/catalog';

const uriFor = (lang: 'yaml' | 'json' | undefined) => (lang === 'json' ? 'file:///example.json' : 'file:///example.yaml');

function syntaxErrors(findings: Finding[]) {
  return findings.filter((f) => f.ruleId === SYNTAX_RULE.yaml || f.ruleId === SYNTAX_RULE.json || f.ruleId === INTERNAL_RULE);
}

/** Apply every fix of every finding of `ruleId`, one at a time, and check convergence. */
function checkFixes(text: string, uri: string, ruleId: string, where: string) {
  const before = lint(text, { uri }).findings.filter((f) => f.ruleId === ruleId);
  for (const f of before) {
    for (const fix of f.fixes) {
      const label = `${where}: fix "${fix.title}"`;
      assert.ok(fix.edits.length > 0, `${label} has no edits`);
      const fixed = applyEdits(text, fix.edits);
      assert.notEqual(fixed, text, `${label} changes nothing`);
      const after = lint(fixed, { uri }).findings;
      assert.deepEqual(syntaxErrors(after).map((e) => e.message), [], `${label} breaks the file:\n${fixed}`);
      const same = after.filter((g) => g.ruleId === ruleId);
      assert.ok(same.length < before.length, `${label} leaves the finding in place:\n${fixed}`);
      // a second pass of the same fix title on the result is not offered at the same place any more
      const again = same.filter((g) => g.start === f.start && g.message === f.message && g.fixes.some((x) => x.title === fix.title));
      assert.equal(again.length, 0, `${label} is offered again after applying it`);
    }
  }
}

describe('rules', () => {
  test('rule ids are unique and match their file path', () => {
    const ids = allRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z0-9]+\/[a-z0-9-]+$/);
      assert.ok(existsSync(join(__dirname, '..', 'server', 'src', 'engine', 'rules', id + '.ts')), `rules/${id}.ts`);
    }
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      const uri = uriFor(rule.docs.language);
      test('has complete docs and messages in English and Chinese', () => {
        for (const k of ['summary', 'rationale', 'remediation'] as const) {
          assert.ok(rule.docs[k].en.length > 10, `${k}.en`);
          assert.ok(/[\u4e00-\u9fff]/.test(rule.docs[k].zh), `${k}.zh is Chinese`);
        }
        assert.ok(rule.docs.sources.length > 0);
        // the long explanation of every message, in every catalog (messages/<locale>.json, `$details`)
        for (const id of rule.messages) {
          const key = `${catalogSection(rule.id)}.${id}`;
          const en = CATALOGS.en[DETAILS]?.[key] ?? '';
          const zh = CATALOGS['zh-CN'][DETAILS]?.[key] ?? '';
          assert.ok(en.length > 10, `explanation ${key} in en.json`);
          assert.ok(/[\u4e00-\u9fff]/.test(zh), `explanation ${key} in zh-CN.json is Chinese`);
          const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
          assert.deepEqual(ph(zh), ph(en), `explanation ${key}: same placeholders in both languages`);
        }
      });

      test('the docs bad example fires, the good one does not', () => {
        const bad = lint(rule.docs.bad, { uri }).findings;
        assert.deepEqual(syntaxErrors(bad), [], 'bad example parses');
        assert.ok(bad.some((f) => f.ruleId === rule.id), `bad example fires ${rule.id}`);
        const good = lint(rule.docs.good, { uri }).findings;
        assert.deepEqual(syntaxErrors(good), [], 'good example parses');
        assert.deepEqual(good.filter((f) => f.ruleId === rule.id).map((f) => f.message), [], 'good example is silent');
      });

      test('fixes on the docs bad example converge', () => {
        checkFixes(rule.docs.bad, uri, rule.id, 'docs.bad');
      });

      const dir = join(RULE_FIXTURES, rule.id);
      const invalid = listFiles(join(dir, 'invalid'));
      const valid = listFiles(join(dir, 'valid'));
      test('has fixtures that fire and fixtures that must stay silent', () => {
        assert.ok(invalid.length >= 1, `${rel(dir)}/invalid has fixtures`);
        assert.ok(valid.length >= 1, `${rel(dir)}/valid has fixtures`);
      });
      // files inside fixture folders are workspaces: test/workspace-rules.test.ts
      for (const file of listTopFiles(join(dir, 'invalid'))) {
        test(`fires exactly where expected: ${rel(file)}`, () => {
          const text = readFileSync(file, 'utf8');
          const res = lint(text, { uri: 'file://' + file });
          assert.deepEqual(syntaxErrors(res.findings), [], 'fixture parses');
          const got = res.findings.filter((f) => f.ruleId === rule.id).map((f) => res.parsed.lines.positionAt(f.start).line + 1);
          const want = expectedLines(file, rule.id).map((l) => l + 1);
          assert.ok(want.length > 0, 'fixture marks at least one expected finding');
          assert.deepEqual([...new Set(got)].sort((a, b) => a - b), [...new Set(want)].sort((a, b) => a - b));
          checkFixes(text, 'file://' + file, rule.id, rel(file));
        });
      }
      for (const file of listTopFiles(join(dir, 'valid'))) {
        test(`stays silent: ${rel(file)}`, () => {
          const res = lint(readFileSync(file, 'utf8'), { uri: 'file://' + file });
          assert.deepEqual(syntaxErrors(res.findings), [], 'fixture parses');
          assert.deepEqual(res.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
        });
      }
    });
  }
});
