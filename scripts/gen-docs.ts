// npm run docs: regenerates docs/rules/ and the rule table in README.md.
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedDocs, pageLanguages, withRuleNls, withRuleSettings, withRuleTable } from './docs-lib';

const root = join(__dirname, '..');
const docs = generatedDocs();
if (existsSync(join(root, 'docs/rules'))) rmSync(join(root, 'docs/rules'), { recursive: true });
for (const [rel, content] of docs) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}
const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, 'utf8')));
// package.json: logtailLint.rules lists every rule; package.nls*.json: their summaries
const update = (rel: string, f: (text: string) => string) => writeFileSync(join(root, rel), f(readFileSync(join(root, rel), 'utf8')));
update('package.json', withRuleSettings);
update('package.nls.json', (t) => withRuleNls(t, 'en'));
// VS Code's file for each other language of the catalogs (package.nls.<locale in lower case>.json), where there is one
for (const l of pageLanguages()) if (existsSync(join(root, `package.nls.${l.toLowerCase()}.json`))) update(`package.nls.${l.toLowerCase()}.json`, (t) => withRuleNls(t, l));
console.log(`wrote ${docs.size} files under docs/rules the README rule table and the rule settings in package.json`);
