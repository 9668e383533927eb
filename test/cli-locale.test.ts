// The CLI in both languages: its help, usage errors and stderr notes come from the catalogs
// (sections `cli` and `$cli`), in the language of --locale, else LC_ALL / LC_MESSAGES / LANG.
// Sentences are not asserted: the tests compare with the catalog's entry for an id and arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGS, catalogText } from '../server/src/engine/index';
import { ROOT } from './helpers/fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
function run(args: string[], env: Record<string, string> = {}, script = CLI) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const ZH = { LANG: 'zh_CN.UTF-8' };
const CJK = /[\u4e00-\u9fff]/;
const cli = (locale: string, key: string, data?: Record<string, unknown>) => catalogText(locale, 'cli', key, data)!;
/** The first line of stderr without the program name. */
const said = (err: string) => err.split('\n')[0]!.replace(/^logtail-lint: /, '');

/** Code a help text shows as it is in every language: option names, values, file names, the example command. */
const CODE = [/helm template my-release \.\/chart \| logtail-lint -/g, /(?:^|\s)--?[a-z][\w-]*(?:=\S*)?/g, /[\w.-]*\.(?:ya?ml|json|md)\b/g, /\b(?:text|json|sarif|gitlab|off|hint|information|warning|error|en|zh-CN|LC_ALL|LC_MESSAGES|LANG|zh_CN\.UTF-8)\b/g];
/** Runs of three or more English words left in a text once its code is taken out: untranslated prose. */
function englishProse(text: string): string[] {
  let rest = text;
  for (const c of CODE) rest = rest.replace(c, ' ');
  return rest.match(/[A-Za-z][A-Za-z'-]+(?:[ ,;()]+[A-Za-z][A-Za-z'-]+){2,}/g) ?? [];
}

test('the prose check can fail: the English help is all prose, code aside', () => {
  assert.ok(englishProse(CATALOGS.en.$cli!.help!).length > 10);
  assert.deepEqual(englishProse('  --format text|json  输出格式\n  helm template my-release ./chart | logtail-lint -'), []);
});

test('every CLI text exists in English and Chinese, and the Chinese is a translation (no entry left as its English)', () => {
  for (const section of ['cli', '$cli']) {
    const en = CATALOGS.en[section]!;
    const zh = CATALOGS['zh-CN']![section]!;
    assert.ok(Object.keys(en).length > 0, section);
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), section);
    for (const [k, v] of Object.entries(en)) {
      assert.ok(v.trim() && zh[k]!.trim(), `${section}.${k} empty`);
      if (!/[A-Za-z]/.test(v.replace(/\{\w+\}/g, ''))) continue; // placeholders and punctuation only
      assert.notEqual(zh[k], v, `${section}.${k} untranslated`);
      assert.match(zh[k]!, CJK, `${section}.${k}`);
    }
  }
});

test('every CLI message id the code uses is in both catalogs, and the catalogs hold no other', () => {
  const code = ['server/src/cli.ts', 'server/src/lsp/main.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
  const used = new Set([...code.matchAll(/\b(?:t|say\(\w+(?:\.\w+)?,|usage)\(?\s*'([a-zA-Z-]+\.[\w.-]+)'/g)].map((m) => m[1]!));
  // keys put together in the code: a file's kind, why a write was refused, a system error's code
  for (const kind of ['binary', 'utf-16', 'too-large']) used.add(`file.${kind}`);
  for (const reason of ['deleted', 'changed', 'notUtf8']) used.add(`write.${reason}`);
  for (const k of Object.keys(CATALOGS.en.cli!)) if (k.startsWith('errno.')) used.add(k);
  assert.ok(used.size > 30, `${used.size} ids found in the code`);
  for (const locale of ['en', 'zh-CN']) {
    const have = new Set(Object.keys(CATALOGS[locale]!.cli!));
    assert.deepEqual([...used].filter((k) => !have.has(k)), [], `${locale}: ids the code uses but the catalog lacks`);
    assert.deepEqual([...have].filter((k) => !used.has(k)), [], `${locale}: catalog entries no code uses`);
  }
  assert.match(code, /catalogText\([^)]*'\$cli', 'help'\)/);
  assert.match(code, /'\$cli', 'serverHelp'\)/);
});

test('--help in Chinese (LANG=zh_CN.UTF-8): the catalog\'s help, every option in it, no English prose left', () => {
  const zh = run(['--help'], ZH);
  assert.equal(zh.code, 0);
  assert.equal(zh.out, CATALOGS['zh-CN']!.$cli!.help + '\n');
  assert.deepEqual(englishProse(zh.out), []);
  const en = run(['--help']);
  assert.equal(en.out, CATALOGS.en.$cli!.help + '\n');
  // each option of the parser is explained in every language's help
  const options = [...readFileSync(join(ROOT, 'server/src/cli.ts'), 'utf8').matchAll(/^ {2}'?([a-z][\w-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => m[1]!);
  assert.ok(options.length >= 10, options.join(' '));
  for (const o of options) for (const h of [zh.out, en.out]) assert.ok(h.includes(`--${o}`), `--${o} in the help`);
  // the server's help too
  const server = run(['--help'], ZH, SERVER);
  assert.equal(server.out, CATALOGS['zh-CN']!.$cli!.serverHelp + '\n');
  assert.deepEqual(englishProse(server.out), []);
});

test('a usage error under LANG=zh_CN.UTF-8 is Chinese: the message, then the Chinese help; exit 2', () => {
  const cases: [string[], string, Record<string, unknown>][] = [
    [['--format', 'xml', 'examples'], 'usage.format', { value: 'xml' }],
    [['--bogus', 'examples'], 'usage.unknownOption', { option: '--bogus' }],
    [['-x', 'examples'], 'usage.unknownOption', { option: '-x' }],
    [['examples', '--format'], 'usage.missingValue', { option: '--format' }],
    [['--config', '--no-config', 'examples'], 'usage.missingValue', { option: '--config' }],
    [['--fix=yes', 'examples'], 'usage.noValue', { option: '--fix' }],
    [['--rule', 'k8s/volume-unused=loud', 'examples'], 'usage.rule', { value: 'k8s/volume-unused=loud' }],
    [['--unsafe-fixes', 'examples'], 'usage.unsafeWithoutFix', {}],
    [[], 'usage.noPaths', {}],
  ];
  for (const [args, id, data] of cases) {
    const r = run(args, ZH);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(said(r.err), cli('zh-CN', id, data), args.join(' '));
    assert.match(said(r.err), CJK);
    assert.ok(r.err.includes(CATALOGS['zh-CN']!.$cli!.help!), 'the Chinese help follows');
    assert.equal(said(run(args).err), cli('en', id, data), `${args.join(' ')} in English`);
  }
});

test('the language: --locale wins, then LC_ALL, LC_MESSAGES, LANG (zh_CN.UTF-8 is zh-CN); English by default', () => {
  const id = (env: Record<string, string>, extra: string[] = []) => said(run([...extra, '--format', 'xml', 'examples'], env).err);
  const zh = cli('zh-CN', 'usage.format', { value: 'xml' });
  const en = cli('en', 'usage.format', { value: 'xml' });
  assert.equal(id({}), en, 'LANG=C: English');
  assert.equal(id({ LANG: '' }), en, 'nothing set: English');
  assert.equal(id({ LANG: 'zh_CN.UTF-8' }), zh);
  assert.equal(id({ LANG: 'zh_CN' }), zh);
  assert.equal(id({ LC_MESSAGES: 'zh_CN.UTF-8' }), zh);
  assert.equal(id({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), en, 'LC_ALL first');
  assert.equal(id({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), zh);
  assert.equal(id({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), en, 'LC_MESSAGES before LANG');
  assert.equal(id({ LANG: 'fr_FR.UTF-8' }), en, 'no French catalog: English');
  assert.equal(id(ZH, ['--locale', 'en']), en, '--locale wins');
  assert.equal(id({}, ['--locale=zh-CN']), zh);
  // the findings follow the same choice
  const r = run(['--locale', 'en', 'examples/hostpath/deployment-subpathexpr-no-env.yaml'], ZH);
  assert.doesNotMatch(r.out, CJK);
});

test('stderr notes in Chinese: missing paths and configuration, unreadable files, failed writes, broken configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-cli-zh-'));
  const missing = run(['does-not-exist.yaml'], ZH);
  assert.equal(missing.code, 2);
  assert.equal(said(missing.err), cli('zh-CN', 'file.missing', { file: 'does-not-exist.yaml' }));
  const noConfig = run(['--config', join(dir, 'none.yaml'), 'examples'], ZH);
  assert.equal(said(noConfig.err), cli('zh-CN', 'config.missing', { file: join(dir, 'none.yaml') }));
  writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0x61, 0x00, 0x01, 0x02]));
  const bin = run([join(dir, 'bin.yaml')], ZH);
  assert.equal(bin.code, 2);
  assert.equal(said(bin.err), cli('zh-CN', 'file.problem', { file: join(dir, 'bin.yaml'), reason: cli('zh-CN', 'file.binary') }));
  const stdin = spawnSync(process.execPath, [CLI, '-'], { cwd: ROOT, input: Buffer.from([0xff, 0xfe, 0x61, 0x00]), encoding: 'utf8', env: { ...process.env, LC_ALL: '', ...ZH } });
  assert.equal(said(stdin.stderr), cli('zh-CN', 'file.problem', { file: cli('zh-CN', 'file.stdin'), reason: cli('zh-CN', 'file.utf-16') }));
  // a report that cannot be written: a system error's reason from the catalog (by its code)
  mkdirSync(join(dir, 'report.txt'));
  const write = run(['-o', join(dir, 'report.txt'), 'examples/hostpath/deployment-subpathexpr.yaml'], ZH);
  assert.equal(write.code, 2);
  assert.equal(said(write.err), cli('zh-CN', 'file.cannotWrite', { file: join(dir, 'report.txt'), reason: cli('zh-CN', 'errno.withCode', { reason: cli('zh-CN', 'errno.EISDIR'), code: 'EISDIR' }) }));
  // a broken configuration file: the note and its findings in Chinese
  mkdirSync(join(dir, 'proj'));
  writeFileSync(join(dir, 'proj', '.logtail-lint.yaml'), 'rules:\n  k8s/volume-unused: loud\n');
  writeFileSync(join(dir, 'proj', 'a.yaml'), 'a: 1\n');
  const broken = spawnSync(process.execPath, [CLI, 'a.yaml'], { cwd: join(dir, 'proj'), encoding: 'utf8', env: { ...process.env, LC_ALL: '', ...ZH } });
  assert.equal(broken.status, 2);
  assert.equal(said(broken.stderr), cli('zh-CN', 'config.invalid', { file: '.logtail-lint.yaml' }));
  assert.match(broken.stderr.split('\n')[1]!, CJK, 'the configuration finding in Chinese');
  // a directory the user may not read (root reads any: run as an unprivileged user then)
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o000);
  chmodSync(dir, 0o755);
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const denied = spawnSync(process.execPath, [CLI, locked], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LC_ALL: '', ...ZH }, ...asUser });
  chmodSync(locked, 0o755);
  assert.equal(denied.status, 2, denied.stderr);
  assert.equal(said(denied.stderr), cli('zh-CN', 'file.cannotRead', { file: locked, reason: cli('zh-CN', 'errno.withCode', { reason: cli('zh-CN', 'errno.EACCES'), code: 'EACCES' }) }));
});
