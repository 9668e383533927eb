// npm run docs: regenerates docs/rules/ and the rule table in README.md.
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedDocs, withRuleTable } from './docs-lib';

const root = join(__dirname, '..');
const docs = generatedDocs();
if (existsSync(join(root, 'docs/rules'))) rmSync(join(root, 'docs/rules'), { recursive: true });
for (const [rel, content] of docs) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}
const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, 'utf8')));
console.log(`wrote ${docs.size} files under docs/rules and the README rule table`);
