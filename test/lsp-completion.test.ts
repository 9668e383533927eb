// Completion, hover and the duplicate-diagnostics switches over the LSP protocol, against the
// real bundled server (dist/server.js; run `node scripts/build.mjs` first).
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Hover, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { caret, startSession, FULL_CAPABILITIES, type Session } from './helpers/lsp-session';

const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) await s.close();
});
async function session(opts: Parameters<typeof startSession>[0] = {}) {
  const s = await startSession(opts);
  sessions.push(s);
  return s;
}

let shared: Session | undefined;
async function server() {
  return (shared ??= await session());
}

async function completeAt(s: Session, uri: string, languageId: string, src: string) {
  const { text, position } = caret(src);
  await s.open(uri, languageId, text);
  return { text, position, items: await s.completion(uri, position) };
}

async function hoverAt(s: Session, uri: string, languageId: string, src: string) {
  const { text, position } = caret(src);
  await s.open(uri, languageId, text);
  return { text, hover: await s.hover(uri, position) };
}

const byLabel = (items: CompletionItem[], label: string) => {
  const i = items.find((x) => x.label === label);
  assert.ok(i, `${label} in ${items.map((x) => x.label).join(', ')}`);
  return i;
};

function applyItem(text: string, item: CompletionItem): string {
  return TextDocument.applyEdits(TextDocument.create('u', 'x', 1, text), [item.textEdit as TextEdit]);
}

function md(h: Hover | null): string {
  assert.ok(h, 'a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, MarkupKind.Markdown);
  return c.value;
}

describe('completion and hover over LSP', () => {
  test('the server advertises completion (with trigger characters) and hover', async () => {
    const s = await server();
    assert.ok(s.init.capabilities.completionProvider);
    assert.ok(s.init.capabilities.completionProvider!.triggerCharacters!.includes('"'));
    assert.equal(s.init.capabilities.hoverProvider, true);
  });

  test('JSON legacy config: keys after `"`, snippet insert text, markdown docs; hover on a key', async () => {
    const s = await server();
    const src = `{\n  "configName": "nginx",\n  "inputType": "file",\n  "inputDetail": {\n    "logType": "common_reg_log",\n    "‸\n  }\n}`;
    const { items, text } = await completeAt(s, 'file:///w/legacy.json', 'json', src);
    const logPath = byLabel(items, 'logPath');
    assert.equal(logPath.kind, CompletionItemKind.Property);
    assert.equal(logPath.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((logPath.documentation as MarkupContent).kind, MarkupKind.Markdown);
    assert.equal((logPath.textEdit as TextEdit).newText, '"logPath": "$1"');
    assert.deepEqual((logPath.textEdit as TextEdit).range, { start: { line: 5, character: 4 }, end: { line: 5, character: 5 } });
    assert.ok(!items.some((i) => i.label === 'logType'));
    assert.match(applyItem(text, logPath), /\n {4}"logPath": "\$1"\n/);

    const h = await hoverAt(s, 'file:///w/legacy-hover.json', 'json', `{"configName": "a", "inputType": "file", "inputDetail": {"logType": "json_log", "file‸Pattern": "*.log", "logPath": "/x"}, "outputDetail": {"logstoreName": "x"}}`);
    assert.match(md(h.hover), /\*\*filePattern\*\*/);
    const col = h.text.indexOf('"filePattern"');
    assert.deepEqual(h.hover!.range, { start: { line: 0, character: col }, end: { line: 0, character: col + '"filePattern"'.length } });
  });

  test('YAML pipeline config: keys by plugin Type and enum values; hover', async () => {
    const s = await server();
    const base = `inputs:\n  - Type: input_file\n    FilePaths:\n      - /var/log/*.log\n    %\nflushers:\n  - Type: flusher_sls\n    Logstore: x\n`;
    const { items } = await completeAt(s, 'file:///w/pipeline.yaml', 'yaml', base.replace('%', 'Enable‸'));
    const ecd = byLabel(items, 'EnableContainerDiscovery');
    assert.equal((ecd.textEdit as TextEdit).newText, 'EnableContainerDiscovery: ${1|false,true|}');
    assert.deepEqual((ecd.textEdit as TextEdit).range, { start: { line: 4, character: 4 }, end: { line: 4, character: 10 } });
    const values = await completeAt(s, 'file:///w/pipeline2.yaml', 'yaml', base.replace('%', 'FileEncoding: ‸'));
    assert.deepEqual(values.items.map((i) => i.label), ['utf8', 'gbk']);
    assert.equal(values.items[0]!.kind, CompletionItemKind.Value);
    assert.equal(values.items[0]!.insertTextFormat, InsertTextFormat.PlainText);
    const obj = byLabel((await completeAt(s, 'file:///w/pipeline3.yaml', 'yaml', base.replace('%', 'Multi‸'))).items, 'Multiline');
    assert.equal(obj.insertTextMode, InsertTextMode.adjustIndentation);
    const h = await hoverAt(s, 'file:///w/pipeline-hover.yaml', 'yaml', base.replace('%', 'TailSize‸KB: 2048'));
    assert.match(md(h.hover), /\*\*TailSizeKB\*\* · `integer`/);
    assert.match(md(h.hover), /Default: `1024`/);
  });

  test('AliyunLogConfig: spec.logtailConfig.inputDetail keys; hover in Chinese for a zh client', async () => {
    const cr = (line: string) => `apiVersion: log.alibabacloud.com/v1alpha1\nkind: AliyunLogConfig\nmetadata:\n  name: nginx\nspec:\n  logstore: nginx\n  logtailConfig:\n    configName: nginx\n    inputType: file\n    inputDetail:\n      logType: common_reg_log\n${line}\n`;
    const s = await server();
    const { items } = await completeAt(s, 'file:///w/alc.yaml', 'yaml', cr('      docker‸'));
    assert.ok(items.some((i) => i.label === 'dockerFile') && items.some((i) => i.label === 'dockerIncludeLabel'));
    const zh = await session({ locale: 'zh-cn' });
    const h = await hoverAt(zh, 'file:///w/alc-hover.yaml', 'yaml', cr('      docker‸File: true'));
    assert.match(md(h.hover), /[\u4e00-\u9fff]/);
  });

  test('pipeline embedded in a ConfigMap: completion and hover with outer-file positions', async () => {
    const s = await server();
    const cm = (line: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  nginx.yaml: |\n    inputs:\n      - Type: input_file\n        FilePaths:\n          - /var/log/*.log\n${line}\n    flushers:\n      - Type: flusher_sls\n        Logstore: x\n`;
    const { items, text } = await completeAt(s, 'file:///w/cm.yaml', 'yaml', cm('        MaxDir‸'));
    const m = byLabel(items, 'MaxDirSearchDepth');
    assert.deepEqual((m.textEdit as TextEdit).range, { start: { line: 10, character: 8 }, end: { line: 10, character: 14 } });
    assert.match(applyItem(text, m), /\n {8}MaxDirSearchDepth: \$\{1:0\}\n/);
    const h = await hoverAt(s, 'file:///w/cm-hover.yaml', 'yaml', cm('        MaxDirSearch‸Depth: 10'));
    assert.match(md(h.hover), /\*\*MaxDirSearchDepth\*\*/);
    assert.deepEqual(h.hover!.range, { start: { line: 10, character: 8 }, end: { line: 10, character: 25 } });
  });

  test('env names in a collector container: completion and hover', async () => {
    const s = await server();
    const ds = (line: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: logtail-ds\nspec:\n  template:\n    spec:\n      containers:\n        - name: logtail\n          image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun\n          env:\n            - name: ALIYUN_LOGTAIL_USER_ID\n              value: "1"\n${line}\n`;
    const { items } = await completeAt(s, 'file:///w/ds.yaml', 'yaml', ds('            - name: ‸'));
    const names = items.map((i) => i.label);
    for (const n of ['check_point_filename', 'user_config_file_path', 'docker_file_cache_path', 'ALIYUN_LOGTAIL_CONFIG', 'ALIYUN_LOGTAIL_USER_DEFINED_ID']) assert.ok(names.includes(n), n);
    assert.ok(!names.includes('ALIYUN_LOGTAIL_USER_ID'));
    assert.match((byLabel(items, 'check_point_filename').documentation as MarkupContent).value, /0\.16\.36/);
    const h = await hoverAt(s, 'file:///w/ds-hover.yaml', 'yaml', ds('            - name: user_config_file_‸path\n              value: /var/run/logtail/user_log_config.json'));
    assert.match(md(h.hover), /startup file wins/);
  });

  test('snippets: k8s-… in an empty YAML document, logtail-… in an empty JSON document', async () => {
    const s = await server();
    const y = await completeAt(s, 'file:///w/new.yaml', 'yaml', 'k8s-‸');
    const ds = byLabel(y.items, 'k8s-logtail-daemonset');
    assert.equal(ds.kind, CompletionItemKind.Snippet);
    assert.equal(ds.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((ds.documentation as MarkupContent).value, /^Minimal Logtail DaemonSet/);
    assert.deepEqual((ds.textEdit as TextEdit).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.ok(y.items.every((i) => i.label.startsWith('k8s-')));
    const j = await completeAt(s, 'file:///w/new.json', 'json', '‸');
    assert.ok(j.items.length >= 5 && j.items.every((i) => i.label.startsWith('logtail-') && i.kind === CompletionItemKind.Snippet));
    assert.match((byLabel(j.items, 'logtail-startup-params').textEdit as TextEdit).newText, /"check_point_filename"/);
  });

  test('a client without snippet support gets plain text with the defaults filled in', async () => {
    const s = await session({ capabilities: { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: false } } } } });
    const y = await completeAt(s, 'file:///w/plain.yaml', 'yaml', '‸');
    const pod = byLabel(y.items, 'k8s-pod-emptydir-logs');
    assert.equal(pod.insertTextFormat, InsertTextFormat.PlainText);
    assert.match((pod.textEdit as TextEdit).newText, /name: nginx\n {2}labels:\n {4}app: nginx\n/);
    assert.ok(!/\$\{?\d/.test((pod.textEdit as TextEdit).newText));
    assert.equal(pod.insertTextMode, undefined, 'no insertTextMode the client did not announce');
  });

  test('snippets in Chinese (the client\'s locale): name and description from the catalog, the same snippet body', async () => {
    const { CATALOGS } = await import('../server/src/engine/index');
    const zh = CATALOGS['zh-CN']!.snippets!;
    const s = await session({ initializationOptions: { locale: 'zh-CN' } });
    const y = await completeAt(s, 'file:///w/zh.yaml', 'yaml', 'k8s-‸');
    const ds = byLabel(y.items, 'k8s-logtail-daemonset');
    assert.equal(ds.detail, zh['Logtail DaemonSet with persisted checkpoint']);
    assert.ok((ds.documentation as MarkupContent).value.startsWith(zh['Minimal Logtail DaemonSet: pinned image, host root read-only, checkpoint kept.']!));
    assert.ok(y.items.every((i) => /[\u4e00-\u9fff]/.test(i.detail ?? '')), 'every snippet name in Chinese');
    const en = await completeAt(await server(), 'file:///w/en.yaml', 'yaml', 'k8s-‸');
    assert.equal((byLabel(en.items, 'k8s-logtail-daemonset').textEdit as TextEdit).newText, (ds.textEdit as TextEdit).newText);
  });

  test('initializationOptions.snippets = false: no snippet items (VS Code contributes them itself)', async () => {
    const s = await session({ initializationOptions: { snippets: false } });
    assert.deepEqual((await completeAt(s, 'file:///w/none.yaml', 'yaml', '‸')).items, []);
  });
});

describe('no duplicate syntax diagnostics (docs/duplicate-diagnostics.md)', () => {
  const BAD_JSON = '{"configName": "x",}';
  const BAD_YAML = 'kind: Pod\nspec: {containers: [\n';
  const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

  test('by default (no initializationOptions) both syntax rules are reported', async () => {
    const s = await server();
    await s.open('file:///w/dup-default.json', 'json', BAD_JSON);
    await s.open('file:///w/dup-default.yaml', 'yaml', BAD_YAML);
    assert.ok(codes(await s.pull('file:///w/dup-default.json')).includes('syntax/json'));
    assert.ok(codes(await s.pull('file:///w/dup-default.yaml')).includes('syntax/yaml'));
  });

  test('syntaxErrors.json = false: no syntax/json on json and jsonc documents; YAML unaffected; rules still run', async () => {
    const s = await session({ initializationOptions: { syntaxErrors: { json: false } } });
    await s.open('file:///w/a.json', 'json', BAD_JSON);
    await s.open('file:///w/b.jsonc', 'jsonc', '{"a": 1 /* c */ "b": 2}');
    await s.open('file:///w/c.yaml', 'yaml', BAD_YAML);
    assert.deepEqual(codes(await s.pull('file:///w/a.json')).filter((c) => c === 'syntax/json'), []);
    assert.deepEqual(codes(await s.pull('file:///w/b.jsonc')).filter((c) => c === 'syntax/json'), []);
    assert.ok(codes(await s.pull('file:///w/c.yaml')).includes('syntax/yaml'));
    // a startup file with a broken line elsewhere: the rules' findings are still there
    await s.open('file:///w/ilogtail_config.json', 'json', '{"check_point_filename": "/tmp/logtail_check_point", "cpu_usage_limit": 0.4,}');
    const d = await s.pull('file:///w/ilogtail_config.json');
    assert.ok(!codes(d).includes('syntax/json'));
  });

  test('syntaxErrors.yaml = false (Red Hat YAML installed): no syntax/yaml; a document with a syntax error gives no other finding either', async () => {
    const s = await session({ initializationOptions: { syntaxErrors: { yaml: false } } });
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          volumeMounts:
            - name: logs
              mountPath: /var/log/nginx
      volumes:
        - name: logs
          emptyDir: {}
  bad: [unclosed
`;
    await s.open('file:///w/dup.yaml', 'yaml', text);
    const d = await s.pull('file:///w/dup.yaml');
    assert.ok(!codes(d).includes('syntax/yaml'), JSON.stringify(codes(d)));
    // the tree after a syntax error is a guess: no finding is computed from it (issue 11)
    assert.deepEqual(codes(d), []);
    await s.open('file:///w/dup2.yaml', 'yaml', text.replace('  bad: [unclosed\n', ''));
    assert.ok(codes(await s.pull('file:///w/dup2.yaml')).includes('k8s/emptydir-no-size-limit'));
    await s.open('file:///w/dup.json', 'json', BAD_JSON);
    assert.ok(codes(await s.pull('file:///w/dup.json')).includes('syntax/json'));
  });

  test('the logtailLint/syntaxErrors notification switches at run time; setting syntaxErrors "always"/"never" overrides', async () => {
    const s = await session({ initializationOptions: { syntaxErrors: { json: true, yaml: true } } });
    await s.open('file:///w/rt.yaml', 'yaml', BAD_YAML);
    assert.ok(codes(await s.pull('file:///w/rt.yaml')).includes('syntax/yaml'));
    await s.notify('logtailLint/syntaxErrors', { json: true, yaml: false });
    assert.ok(!codes(await s.pull('file:///w/rt.yaml')).includes('syntax/yaml'));
    s.settings = { syntaxErrors: 'always' };
    await s.notify('workspace/didChangeConfiguration', { settings: { logtailLint: s.settings } });
    assert.ok(codes(await s.pull('file:///w/rt.yaml')).includes('syntax/yaml'));
    s.settings = { syntaxErrors: 'never' };
    await s.notify('workspace/didChangeConfiguration', { settings: { logtailLint: s.settings } });
    await s.notify('logtailLint/syntaxErrors', { json: true, yaml: true });
    assert.ok(!codes(await s.pull('file:///w/rt.yaml')).includes('syntax/yaml'));
  });
});
