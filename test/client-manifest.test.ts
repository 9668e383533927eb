// The extension's manifest and the client agree: the commands of the palette (localized titles),
// what the client registers, the capabilities and validations a user's VS Code reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/fixtures';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = {
  en: JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>,
  zh: JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>,
};
const client = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
const CJK = /[\u4e00-\u9fff]/;

test('the palette commands: show rule documentation, fix all, restart server, show output; each contributed, registered by the client, titled in both languages', () => {
  const contributed = (pkg.contributes.commands as { command: string; title: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, ['logtailLint.fixAll', 'logtailLint.restartServer', 'logtailLint.showOutput', 'logtailLint.showRuleDocumentation']);
  const registered = [...client.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]!).sort();
  assert.deepEqual(registered, contributed, 'the client registers exactly the contributed commands');
  for (const c of pkg.contributes.commands as { command: string; title: string }[]) {
    const key = /^%(.+)%$/.exec(c.title)?.[1];
    assert.ok(key, `${c.command}: a localized title`);
    assert.ok(nls.en[key!] && nls.zh[key!], `${c.command}: title in both languages`);
    assert.match(nls.zh[key!]!, CJK, `${c.command}: Chinese title`);
  }
});

test('the client creates its output channel and language status item on activation, and shows every string through l10n.t', () => {
  const activate = client.slice(client.indexOf('export async function activate'));
  assert.ok(activate.indexOf('createOutputChannel') >= 0 && activate.indexOf('createOutputChannel') < activate.indexOf('client.start()'), 'the output channel exists before the server starts');
  assert.match(activate, /languages\.createLanguageStatusItem\(/);
  // no user-visible text put together outside l10n.t (the product name aside)
  const literals = [...client.matchAll(/(?:text|detail|title|placeHolder|appendLine\()\s*[=:]?\s*`([^`]*)`/g)].map((m) => m[1]!).filter((t) => /[A-Za-z]{3,} [A-Za-z]{3,}/.test(t.replace(/\$\{[^}]*\}/g, '').replace('Logtail Lint', '')));
  assert.deepEqual(literals, []);
});

test('capabilities and validation: a read-only analyser in untrusted workspaces, no virtual workspaces, the configuration file validated in JSON and YAML', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.ok(nls.zh[/^%(.+)%$/.exec(pkg.capabilities.virtualWorkspaces.description)![1]!]);
  assert.ok((pkg.contributes.jsonValidation as { fileMatch: string | string[] }[]).some((v) => [v.fileMatch].flat().includes('.logtail-lint.json')));
  assert.ok((pkg.contributes.yamlValidation as { fileMatch: string | string[] }[]).some((v) => [v.fileMatch].flat().includes('.logtail-lint.yaml')));
  // repository / bugs / homepage only when real (no placeholder addresses)
  for (const k of ['repository', 'bugs', 'homepage']) if (pkg[k] !== undefined) assert.doesNotMatch(JSON.stringify(pkg[k]), /example\.(com|org)|TODO|your-/i, k);
});
