// Unit tests of the schema check behind `logtail/schema` and `startup/schema`
// (server/src/engine/schemas/validate.ts): where each ajv error lands, which errors are merged,
// the messages in both locales, the fixes, and silence on JSON Schema-valid configs.
// Run: node scripts/run-tests.mjs test/schema-rules.test.ts
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, applyEdits, parseFile, languageOf, type Finding } from '../server/src/engine/index';
import { objectsOfDoc } from '../server/src/engine/model/k8s';
import { configsOfFile, type LogtailConfig } from '../server/src/engine/model/logtail';
import { ajvErrors, locate, parsePointer, problemMessage, validateConfig, startupMisspellings } from '../server/src/engine/schemas/index';
import logtailSchema from '../server/src/engine/rules/logtail/schema';
import startupSchema from '../server/src/engine/rules/startup/schema';
import { RULE_FIXTURES, listFiles, rel } from './helpers/fixtures';
import { assertSaid, saidKey } from './helpers/said';
import { term } from '../server/src/engine/catalog';

const RULES = [logtailSchema, startupSchema];
const YAML = 'file:///config.yaml';
const JSONURI = 'file:///config.json';

interface Hit extends Finding {
  /** The text under the finding's range. */
  text: string;
  /** 1-based line of the start. */
  line: number;
}

function run(text: string, uri = YAML, locale = 'en'): Hit[] {
  const r = lint(text, { uri, rules: RULES, locale });
  return r.findings.map((f) => ({ ...f, text: text.slice(f.start, f.end), line: r.parsed.lines.positionAt(f.start).line + 1 }));
}

function configsOf(text: string, uri = YAML): LogtailConfig[] {
  const parsed = parseFile(text, languageOf(uri) ?? 'yaml');
  const objects = parsed.docs.filter((d) => d.root).flatMap((d) => objectsOfDoc(d));
  return configsOfFile(parsed, uri, objects);
}

/** The single finding whose `messageId(key)` (saidKey) matches `re`: findings are selected by id and argument, not by sentence. */
function only(hits: Hit[], re: RegExp): Hit {
  const m = hits.filter((h) => re.test(saidKey(h)));
  assert.equal(m.length, 1, `one finding matching ${re}, got:\n${hits.map((h) => `  ${h.line} «${h.text}» ${saidKey(h)} ${h.message}`).join('\n')}`);
  return m[0]!;
}

const RAW_AJV = /must NOT have|must have required property|must match "then"|must be equal to one of the allowed values|must match a schema in anyOf|must be equal to constant|must be (string|number|integer|boolean|object|array)\b|must match pattern/;

const PLACEHOLDER = /\{(key|parent|expected|actual|allowed|pattern|limit|keys|alternatives|detail|hint|suggestion)\}/;

const LEGACY = (inputDetail: string, outputDetail = '{"logstoreName": "l"}') => `{
  "configName": "app-log",
  "inputType": "file",
  "inputDetail": ${inputDetail},
  "outputDetail": ${outputDetail}
}
`;

const ALC = (spec: string) => `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: app
spec:
${spec}`;

const PIPELINE_OK = `inputs:
  - Type: input_file
    FilePaths: [/var/log/app/*.log]
flushers:
  - Type: flusher_sls
    Project: p
    Logstore: l
`;

describe('schema errors are placed on the exact node', () => {
  test('JSON pointer segments are decoded and walked (numbers index sequences)', () => {
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('/inputs/0/Type'), ['inputs', '0', 'Type']);
    assert.deepEqual(parsePointer('/a~1b/c~0d'), ['a/b', 'c~d']);
    const [config] = configsOf(PIPELINE_OK);
    const loc = locate(config!.root, ['flushers', '0', 'Logstore']);
    assert.deepEqual(loc.path, ['flushers', 0, 'Logstore']);
    assert.equal(loc.pair?.key.value, 'Logstore');
    assert.equal(PIPELINE_OK.slice(loc.node!.start, loc.node!.end), 'l');
    assert.equal(locate(config!.root, ['flushers', '7', 'x']).node, undefined);
  });

  test('unknown key → the key (YAML and JSON), as a warning', () => {
    const y = only(run(ALC('  logstore: app\n  ttl: 30\n  logtailConfig:\n    configName: app\n    inputType: file\n    inputDetail: {logType: json_log, logPath: /a, filePattern: "*.log"}\n')), /^unknownKey\(/);
    assert.equal(y.text, 'ttl');
    assert.equal(y.severity, 'warning');
    assertSaid(y, 'unknownKey', { key: 'ttl', parent: 'spec', suggestion: 'lifeCycle', hint: term('en', 'schema.hint.didYouMean', { suggestion: 'lifeCycle' }) });
    const j = only(run(LEGACY('{"logType": "json_log", "logPath": "/a", "filePattern": "*.log", "isDocherFile": true}'), JSONURI), /^unknownKey\(/);
    assert.equal(j.text, '"isDocherFile"');
    assertSaid(j, 'unknownKey', { key: 'isDocherFile', parent: 'inputDetail', suggestion: 'dockerFile' });
  });

  test('missing key in a nested object → the key of that object', () => {
    const h = only(run(LEGACY('{"logType": "json_log", "logPath": "/a", "filePattern": "*.log"}', '{"projectName": "p"}'), JSONURI), /^required\(/);
    assert.equal(h.text, '"outputDetail"');
    assert.equal(h.severity, 'error');
    assertSaid(h, 'required', { key: 'logstoreName', parent: 'outputDetail', hint: '' });
  });

  test('missing key at the top level of a plain config → its first key', () => {
    const text = `enable: true\ninputs:\n  - Type: input_file\n    FilePaths: [/a.log]\nprocessors: []\n`;
    const h = only(run(text), /^required\(flushers\)/);
    assert.equal(h.text, 'enable');
    assert.equal(h.line, 1);
  });

  test('missing key at the top level of a CRD → its kind key', () => {
    const h = only(run(`apiVersion: log.alibabacloud.com/v1alpha1\nkind: AliyunLogConfig\nmetadata:\n  name: x\n`), /^required\(spec\)/);
    assert.equal(h.text, 'kind');
    assertSaid(h, 'required', { key: 'spec', parent: term('en', 'schema.where.top') });
  });

  test('missing key in a list item → its Type key, else its first key, else the empty item', () => {
    const withType = only(run(`inputs:\n  - Type: input_file\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`), /\(FilePaths\)/);
    assert.equal(withType.text, 'Type');
    assert.equal(withType.line, 2);
    const noType = only(run(`inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\nprocessors:\n  - SourceKey: content\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`), /\(Type\)/);
    assert.equal(noType.text, 'SourceKey');
    assertSaid(noType, 'required', { key: 'Type', parent: 'processors[0]' });
    const empty = only(run(`inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\nprocessors: [{}]\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`), /\(Type\)/);
    assert.equal(empty.text, '{}');
  });

  test('wrong type, enum, const, pattern, ranges, list sizes, length → the value', () => {
    const legacy = run(
      LEGACY('{"logType": "json_lg", "logPath": "/a", "filePattern": "*.log", "maxDepth": "10", "logTimezone": "GMT+8", "preserve": false, "preserveDepth": 0}'),
      JSONURI,
    );
    assert.equal(only(legacy, /\(maxDepth\)/).text, '"10"');
    assert.equal(only(legacy, /\(logType\)/).text, '"json_lg"');
    assert.equal(only(legacy, /\(logTimezone\)/).text, '"GMT+8"');
    assert.equal(only(legacy, /\(preserveDepth\)/).text, '0');
    assertSaid(only(legacy, /\(logType\)/), 'enum', { key: 'logType', allowed: ['common_reg_log', 'json_log', 'delimiter_log', 'apsara_log'].join(term('en', 'list.comma')) });
    assertSaid(only(legacy, /\(maxDepth\)/), 'type', { key: 'maxDepth', expected: term('en', 'schema.type.integer'), actual: term('en', 'schema.type.string') });
    assertSaid(only(legacy, /\(preserveDepth\)/), 'minimum', { key: 'preserveDepth', limit: 1 });
    assert.notEqual(only(legacy, /\(preserveDepth\)/).data?.detail, '', 'the schema\'s description explains the range');

    const crd = run(`apiVersion: log.alibabacloud.com/v1beta1\nkind: AliyunLogConfig\nmetadata:\n  name: app\nspec:\n  logstore: app\n  logtailConfig:\n    configName: app\n    inputType: file\n    inputDetail: {logType: json_log, logPath: /a, filePattern: "*.log"}\n`);
    const c = only(crd, /\(apiVersion\)/);
    assert.equal(c.text, 'log.alibabacloud.com/v1beta1');
    assertSaid(c, 'const', { key: 'apiVersion', allowed: 'log.alibabacloud.com/v1alpha1' });

    const startup = run(`{"force_quit_read_timeout": 600, "cpu_usage_limit": 1}`, 'file:///ilogtail_config.json');
    const s = only(startup, /\(force_quit_read_timeout\)/);
    assert.equal(s.text, '600');
    assertSaid(s, 'exclusiveMinimum', { key: 'force_quit_read_timeout', limit: 600 });

    const empty = only(run(`inputs: []\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`), /\(inputs\)/);
    assert.equal(empty.text, '[]');
    assertSaid(empty, 'minItems', { key: 'inputs', limit: 1 });

    const paths = Array.from({ length: 11 }, (_, i) => `"/var/log/${i}.log"`).join(',\n    ');
    const many = only(run(`{"inputs": [{"Type": "input_file", "FilePaths": [\n    ${paths}\n  ]}], "flushers": [{"Type": "flusher_sls", "Logstore": "l"}]}`, JSONURI), /\(FilePaths\)/);
    assert.ok(many.text.startsWith('[') && many.text.endsWith(']'), many.text);
    assertSaid(many, 'maxItems', { key: 'FilePaths', limit: 10 });

    const long = only(run(`logSample: ${'x'.repeat(1501)}\n${PIPELINE_OK}`), /\(logSample\)/);
    assert.equal(long.text, 'x'.repeat(1501));
    assertSaid(long, 'maxLength', { key: 'logSample', limit: 1500, detail: '' });
  });

  test('an empty value or a block collection of the wrong type → its key', () => {
    const h = only(run(ALC('  logstore: app\n  logtailConfig:\n    configName: app\n    inputType: file\n    inputDetail:\n')), /\(inputDetail\)/);
    assert.equal(h.text, 'inputDetail');
    assertSaid(h, 'type', { key: 'inputDetail', expected: term('en', 'schema.type.object'), actual: term('en', 'schema.type.null') });
    const b = only(run(`inputs:\n  - Type: input_file\n    FilePaths:\n      path: /a.log\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`), /\(FilePaths\)/);
    assert.equal(b.text, 'FilePaths');
    assertSaid(b, 'type', { key: 'FilePaths', expected: term('en', 'schema.type.array'), actual: term('en', 'schema.type.object') });
  });

  test('keys with "/" and "~" (escaped in the JSON pointer) are found', () => {
    const h = only(run(LEGACY('{"logType": "json_log", "logPath": "/a", "filePattern": "*.log", "dockerIncludeLabel": {"example.com/a~b": 1}}'), JSONURI), /\(example\.com\/a~b\)/);
    assert.equal(h.text, '1');
    assertSaid(h, 'type', { key: 'example.com/a~b', expected: term('en', 'schema.type.string'), actual: term('en', 'schema.type.number') });
  });

  test('configs embedded in a ConfigMap: the finding lands on the line inside the block scalar', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ilogtail-user-cm
data:
  json_log.yaml: |
    inputs:
      - Type: input_file
        FilePaths:
          - /root/log/json.log
        EnableContainerDiscovery: "true"
    processor:
      - Type: processor_json
        SourceKey: content
    flushers:
      - Type: flusher_sls
        Logstore: l
  app.json: |
    {"inputs": [{"Type": "input_file", "FilePaths": ["/a"],
                 "MaxDirSearchDepth": "3"}],
     "flushers": [{"Type": "flusher_sls", "Logstore": "x"}]}
`;
    const hits = run(text);
    const b = only(hits, /\(EnableContainerDiscovery\)/);
    assert.equal(b.text, '"true"');
    assert.equal(b.line, 11);
    const u = only(hits, /^unknownKey\(processor\)/);
    assert.equal(u.text, 'processor');
    assert.equal(u.line, 12);
    const j = only(hits, /\(MaxDirSearchDepth\)/);
    assert.equal(j.text, '"3"');
    assert.equal(j.line, 20);
    assert.equal(hits.length, 3);
    // fixes are edits of the outer file
    const fixed = applyEdits(text, [...b.fixes[0]!.edits, ...u.fixes[0]!.edits, ...j.fixes[0]!.edits]);
    assert.match(fixed, /\n {8}EnableContainerDiscovery: true\n {4}processors:\n/);
    assert.match(fixed, /"MaxDirSearchDepth": 3\}/);
    assert.deepEqual(run(fixed), []);
  });

  test('YAML merge keys are resolved: merged keys count, and an error in the anchor lands in the anchor', () => {
    const text = `x-base: &b {Type: input_file, FilePaths: [/a.log], MaxDirSearchDepth: deep}\ninputs:\n  - <<: *b\n    TailSizeKB: 1024\nflushers: [{Type: flusher_sls, Logstore: l}]\n`;
    const hits = run(text);
    assert.deepEqual(hits.map((h) => [h.line, h.text]), [[1, 'x-base'], [1, 'deep']]);
    assertSaid(hits[1], 'type', { key: 'MaxDirSearchDepth', expected: term('en', 'schema.type.integer'), actual: term('en', 'schema.type.string') });
  });

  test('a namespaced AliyunPipelineConfig is checked like the cluster CRD, without a finding on its kind', () => {
    const text = `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: AliyunPipelineConfig
metadata:
  name: app
spec:
  project:
    name: p
  config:
    inputs:
      - Type: input_file
        FilePaths: [/a.log]
        MaxDirSearchDepth: x
    flushers:
      - Type: flusher_sls
        Logstore: l
`;
    const hits = run(text);
    assert.deepEqual(hits.map((h) => h.text), ['x']);
  });
});

describe('detection: a 1.x Go-plugin chain file is not a pipeline config', () => {
  // the `inputDetail.plugin` body as a file of its own (items with lowercase `type` and a `detail` map),
  // as in iLogtail's example_config/data_pipelines/*.json and the plugin runner's `--plugin` file
  const chain = JSON.stringify({
    inputs: [{ type: 'metric_mock', detail: { Fields: { content: 'x' } } }],
    processors: [{ type: 'processor_regex', detail: { SourceKey: 'content', Regex: '(\\w+)', Keys: ['w'] } }],
  });
  test('it is not detected, so nothing asks for flushers or Type', () => {
    assert.deepEqual(configsOf(chain, JSONURI).length, 0);
    assert.deepEqual(run(chain, JSONURI), []);
  });
  test('a pipeline whose item has a mistyped `type` but no `detail` still is one', () => {
    const typo = `inputs:\n  - type: input_file\n    FilePaths: [/a.log]\nflushers:\n  - Type: flusher_stdout\n`;
    assert.equal(configsOf(typo)[0]?.kind, 'pipeline');
    assertSaid(only(run(typo), /\(Type\)/), 'required', { key: 'Type', suggestion: 'Type', hint: term('en', 'schema.hint.meant', { key: 'type', suggestion: 'Type' }) });
  });
});

describe('ajv errors are filtered and merged', () => {
  test('if/then wrappers are dropped', () => {
    const [config] = configsOf(LEGACY('{"logType": "delimiter_log", "logPath": "/a", "filePattern": "*.log", "separator": ","}'), JSONURI);
    assert.ok(ajvErrors(config!).some((e) => e.keyword === 'if'), 'ajv reports an if wrapper');
    const problems = validateConfig(config!);
    assert.deepEqual(problems.map((p) => [p.keyword, p.key]), [['required', 'key']]);
  });

  test('a flusher_sls without Logstore: one finding for required Logstore, required LogstoreName and anyOf', () => {
    const text = `inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\nflushers:\n  - Type: flusher_sls\n    Project: p\n`;
    const [config] = configsOf(text);
    const problems = validateConfig(config!);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]!.errors.map((e) => e.keyword).sort(), ['anyOf', 'required', 'required']);
    const h = only(run(text), /\(Logstore\)/);
    assert.equal(h.text, 'Type');
    assert.equal(h.line, 5);
    assertSaid(h, 'logstoreRequired', { key: 'Logstore', parent: 'flushers[0] (flusher_sls)' });
    const zh = only(run(text, YAML, 'zh-CN'), /\(Logstore\)/);
    assertSaid(zh, 'logstoreRequired', { key: 'Logstore', parent: term('zh-CN', 'schema.where.path', { path: 'flushers[0] (flusher_sls)' }) }, 'zh-CN');
  });

  test('a misspelt Logstore in the open flusher_sls: the finding offers the rename', () => {
    const text = `inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\nflushers:\n  - Type: flusher_sls\n    LogStore: l\n`;
    const h = only(run(text), /\(Logstore\)/);
    assertSaid(h, 'logstoreRequired', { key: 'Logstore', suggestion: 'Logstore', hint: term('en', 'schema.hint.meant', { key: 'LogStore', suggestion: 'Logstore' }) });
    assert.deepEqual(h.fixes.map((f) => [f.title, f.kind]), [['Rename "LogStore" to "Logstore"', 'safe']]);
    assert.deepEqual(run(applyEdits(text, h.fixes[0]!.edits)), []);
  });

  test('hot TTL (const 0 | minimum 7): one finding, in both CRDs', () => {
    const alc = ALC('  logstore: app\n  logstoreHotTTL: 3\n  logtailConfig:\n    configName: app\n    inputType: file\n    inputDetail: {logType: json_log, logPath: /a, filePattern: "*.log"}\n');
    const [config] = configsOf(alc);
    const problems = validateConfig(config!);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]!.errors.map((e) => e.keyword).sort(), ['anyOf', 'const', 'minimum']);
    const h = only(run(alc), /\(logstoreHotTTL\)/);
    assert.equal(h.text, '3');
    assertSaid(h, 'anyOf', { key: 'logstoreHotTTL', alternatives: term('en', 'schema.or2', { a: '0', b: term('en', 'schema.alt.minimum', { limit: 7 }) }) });
    assert.notEqual(h.data?.detail, '', 'the schema\'s description explains the range');
    assertSaid(only(run(alc, YAML, 'zh-CN'), /\(logstoreHotTTL\)/), 'anyOf', { key: 'logstoreHotTTL' }, 'zh-CN');
    const capc = `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: app
spec:
  project:
    name: p
  logstores:
    - name: app
      hotTtl: 3
  config:
${PIPELINE_OK.replace(/^/gm, '    ').trimEnd()}
`;
    const c = only(run(capc), /\(hotTtl\)/);
    assert.equal(c.text, '3');
    assertSaid(c, 'anyOf', { key: 'hotTtl', alternatives: term('en', 'schema.or2', { a: '0', b: term('en', 'schema.alt.minimum', { limit: 7 }) }) });
  });

  test('a value breaking its type and its enum: one finding, whose fix writes the typed value', () => {
    const text = `{"data_server_port": "443", "cpu_usage_limit": 1}`;
    const hits = run(text, 'file:///ilogtail_config.json');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.text, '"443"');
    assertSaid(hits[0], 'enum', { key: 'data_server_port', allowed: ['80', '443'].join(term('en', 'list.comma')) });
    assert.deepEqual(hits[0]!.fixes.map((f) => f.title), ['Change to "443"']);
    assert.equal(applyEdits(text, hits[0]!.fixes[0]!.edits), `{"data_server_port": 443, "cpu_usage_limit": 1}`);
  });

  test('an unknown key that misspells a missing required key: one error on the misspelt key', () => {
    const text = LEGACY('{"logType": "json_log", "logPth": "/a", "filePattern": "*.log"}');
    const hits = run(text, JSONURI);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.text, '"logPth"');
    assert.equal(hits[0]!.severity, 'error');
    assertSaid(hits[0], 'unknownKeyRequired', { key: 'logPth', parent: 'inputDetail', suggestion: 'logPath' });
    assert.deepEqual(hits[0]!.fixes.map((f) => f.title), ['Rename to "logPath"']);
    assert.deepEqual(run(applyEdits(text, hits[0]!.fixes[0]!.edits), JSONURI), []);
  });

  test('duplicates from the same $ref reached twice are reported once', () => {
    const text = LEGACY('{"logType": "json_log", "logPath": "/a", "filePattern": "*.log", "maxDepth": "x"}');
    assert.equal(run(text, JSONURI).length, 1);
  });
});

describe('messages', () => {
  test('both locales, same finding', () => {
    const text = `{
  "cpu_usage_limit": "0.4",
  "cpu_usage_limt": 1,
  "process_thread_count": 100,
  "enable_checkpoint_sync_write": "true"
}`;
    const en = run(text, 'file:///ilogtail_config.json');
    const zh = run(text, 'file:///ilogtail_config.json', 'zh-CN');
    assert.deepEqual(en.map(saidKey), ['startupType(cpu_usage_limit)', 'misspelled(cpu_usage_limt)', 'maximum(process_thread_count)', 'startupType(enable_checkpoint_sync_write)']);
    assertSaid(en[0], 'startupType', { expected: term('en', 'schema.type.number'), actual: term('en', 'schema.type.string') });
    assertSaid(en[1], 'misspelled', { suggestion: 'cpu_usage_limit' });
    assertSaid(en[2], 'maximum', { limit: 64 });
    assertSaid(en[3], 'startupType', { expected: term('en', 'schema.type.boolean'), actual: term('en', 'schema.type.string') });
    // the same ids in Chinese, the arguments' words from the Chinese catalog
    assert.deepEqual(zh.map(saidKey), en.map(saidKey));
    for (const h of zh) assertSaid(h, h.messageId!, {}, 'zh-CN');
    assertSaid(zh[0], 'startupType', { expected: term('zh-CN', 'schema.type.number'), actual: term('zh-CN', 'schema.type.string') }, 'zh-CN');
    assert.equal(zh[2]!.data?.detail, term('zh-CN', 'schema.detail', { description: '日志处理线程数（文档范围 1–64）。' }), 'the schema\'s own Chinese description');
    assert.deepEqual(en.map((h) => [h.start, h.end, h.severity]), zh.map((h) => [h.start, h.end, h.severity]));
    assert.deepEqual(zh.map((h) => h.fixes.map((f) => f.title)), [['转换为数字'], [], [], ['转换为布尔值']]);
    // the rename is not offered when the file already has the intended key
    assert.equal(en[1]!.severity, 'warning');
  });

  test('zh: unknown key, missing key, enum', () => {
    const text = LEGACY('{"logType": "json_lg", "logPath": "/a", "filePattern": "*.log", "isDocherFile": true}', '{}');
    const zh = run(text, JSONURI, 'zh-CN');
    assert.deepEqual(zh.map(saidKey), ['enum(logType)', 'unknownKey(isDocherFile)', 'required(logstoreName)']);
    assertSaid(zh[0], 'enum', { allowed: ['common_reg_log', 'json_log', 'delimiter_log', 'apsara_log'].join(term('zh-CN', 'list.comma')) }, 'zh-CN');
    assertSaid(zh[1], 'unknownKey', { parent: term('zh-CN', 'schema.where.path', { path: 'inputDetail' }), hint: term('zh-CN', 'schema.hint.didYouMean', { suggestion: 'dockerFile' }) }, 'zh-CN');
    assertSaid(zh[2], 'required', { parent: term('zh-CN', 'schema.where.path', { path: 'outputDetail' }) }, 'zh-CN');
  });

  test('no raw ajv text and no unfilled placeholder in any message of any fixture, in either locale', () => {
    const files = [...listFiles(join(RULE_FIXTURES, 'logtail', 'schema')), ...listFiles(join(RULE_FIXTURES, 'startup', 'schema'))];
    assert.ok(files.length >= 10);
    let seen = 0;
    for (const file of files) {
      for (const locale of ['en', 'zh-CN']) {
        for (const h of run(readFileSync(file, 'utf8'), 'file://' + file, locale)) {
          seen++;
          assert.doesNotMatch(h.message, RAW_AJV, `${rel(file)}: ${h.message}`);
          assert.doesNotMatch(h.message, PLACEHOLDER, `${rel(file)}: ${h.message}`);
          for (const f of h.fixes) assert.doesNotMatch(f.title, PLACEHOLDER);
          if (locale === 'zh-CN') assert.match(h.message, /[\u4e00-\u9fff]/, `${rel(file)}: ${h.message}`);
        }
      }
    }
    assert.ok(seen > 40, `${seen} messages checked`);
  });

  test('problemMessage equals the reported message', () => {
    const text = ALC('  logstore: app\n  shardCount: "2"\n  logtailConfig:\n    configName: app\n    inputType: file\n    inputDetail: {logType: json_log, logPath: /a, filePattern: "*.log"}\n');
    const [config] = configsOf(text);
    const [p] = validateConfig(config!);
    assert.equal(problemMessage(p!, 'en'), only(run(text), /\(shardCount\)/).message);
    assert.equal(problemMessage(p!, 'zh-CN'), only(run(text, YAML, 'zh-CN'), /\(shardCount\)/).message);
  });
});

describe('fixes', () => {
  test('enum: close values (edit distance ≤ 2 or same ignoring case) only', () => {
    const text = `inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\n    FileEncoding: GBK\n    Multiline: {Mode: jsn}\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n    TelemetryType: metric\n`;
    const hits = run(text);
    assert.deepEqual(only(hits, /\(FileEncoding\)/).fixes.map((f) => f.title), ['Change to "gbk"']);
    assert.deepEqual(only(hits, /\(Mode\)/).fixes.map((f) => f.title), ['Change to "JSON"']);
    assert.deepEqual(only(hits, /\(TelemetryType\)/).fixes.map((f) => f.title), ['Change to "metrics"']);
    for (const h of hits) for (const f of h.fixes) assert.equal(f.kind, 'safe');
  });

  test('type: convert numeric and boolean strings, and scalars where a string is required', () => {
    const text = `{
  "cpu_usage_limit": "0.4",
  "mem_usage_limit": "384",
  "buffer_file_num": "2.5",
  "discard_old_data": "False",
  "working_hostname": 12
}`;
    const hits = run(text, 'file:///loongcollector_config.json');
    const titles = Object.fromEntries(hits.map((h) => [h.text, h.fixes.map((f) => f.title)]));
    assert.deepEqual(titles, {
      '"0.4"': ['Convert to number'],
      '"384"': ['Convert to number'],
      '"2.5"': [],
      '"False"': ['Convert to boolean'],
      '12': ['Convert to string'],
    });
    let fixed = text;
    for (const h of [...hits].reverse()) if (h.fixes[0]) fixed = applyEdits(fixed, h.fixes[0].edits);
    assert.equal(fixed, `{
  "cpu_usage_limit": 0.4,
  "mem_usage_limit": 384,
  "buffer_file_num": "2.5",
  "discard_old_data": false,
  "working_hostname": "12"
}`);
  });

  test('unknown key: rename to a sibling within edit distance 2, a case variant or a documented alias; never onto a key that exists', () => {
    const text = `inputs:\n  - Type: input_file\n    FilePaths: [/a.log]\n    filepaths: [/b.log]\n    MaxDirSearchDept: 3\n    Bogus: 1\nflushers:\n  - Type: flusher_sls\n    Logstore: l\n`;
    const hits = run(text);
    assert.deepEqual(only(hits, /\(filepaths\)/).fixes, []);
    assert.deepEqual(only(hits, /\(MaxDirSearchDept\)/).fixes.map((f) => f.title), ['Rename to "MaxDirSearchDepth"']);
    assert.deepEqual(only(hits, /\(Bogus\)/).fixes, []);
  });

  test('startup: close misspellings of declared keys only (distance 2 for long keys, 1 for short ones; patterns are known)', () => {
    const text = `{"cpu_usage_limit": 1, "mem_usage_limt": 512, "run_dirs": "/r", "bin_dir": "/b", "polling_foo": 1, "some_future_gflag": true, "CPU_USAGE_LIMIT": 2}`;
    const [config] = configsOf(text, 'file:///ilogtail_config.json');
    assert.equal(config!.kind, 'startup');
    const m = startupMisspellings(config!);
    assert.deepEqual(m.map((p) => [p.key, p.suggestions]), [
      ['mem_usage_limt', ['mem_usage_limit']],
      ['run_dirs', ['run_dir']],
      ['CPU_USAGE_LIMIT', ['cpu_usage_limit']],
    ]);
    const hits = run(text, 'file:///ilogtail_config.json');
    assert.deepEqual(hits.map((h) => [h.text, h.severity, h.fixes.map((f) => f.title)]), [
      ['"mem_usage_limt"', 'warning', ['Rename to "mem_usage_limit"']],
      ['"run_dirs"', 'warning', ['Rename to "run_dir"']],
      ['"CPU_USAGE_LIMIT"', 'warning', []],
    ]);
  });
});

describe('robustness', () => {
  test('odd shapes never throw and never produce internal errors', () => {
    const odd = [
      `inputs: 5\nflushers: {}\n`,
      `inputs: [1, "x", null, [], {Type: 3}]\nflushers: [{Type: flusher_sls, Logstore: [1]}]\n`,
      ALC('  logstore: [a]\n  logtailConfig: x\n'),
      ALC('  logstore: a\n  logtailConfig:\n    configName: a\n    inputType: file\n    inputDetail: [1, 2]\n'),
      `base: &b {Type: input_file, FilePaths: [/a.log]}\ninputs:\n  - <<: *b\n    MaxDirSearchDepth: 1\nflushers: [{Type: flusher_sls, Logstore: l}]\n`,
      `{"configName": "x", "inputType": "file", "inputDetail": null, "outputDetail": 1}`,
      `{"cpu_usage_limit": {"a": 1}, "data_server_list": "x", "ebpf": []}`,
    ];
    for (const text of odd) {
      const uri = text.startsWith('{') ? JSONURI : YAML;
      const r = lint(text, { uri, rules: RULES });
      assert.deepEqual(r.findings.filter((f) => f.ruleId.startsWith('internal/')).map((f) => f.message), [], text);
      for (const f of r.findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end);
    }
  });
});

describe('JSON Schema-valid configs give nothing', () => {
  const VALID = `# spec §3.1 AliyunLogConfig, §3.2 ClusterAliyunPipelineConfig, §3.3 ConfigMap pipeline, and a Deployment
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: regex-file-example
spec:
  logstore: k8s-file
  logtailConfig:
    inputType: file
    configName: regex-file-example
    inputDetail:
      logType: common_reg_log
      logPath: /app/logs
      filePattern: error.LOG
      logBeginRegex: '\\[\\d+-\\d+-\\w+:\\d+:\\d+,\\d+]\\s\\[\\w+]\\s.*'
      regex: '\\[([^]]+)]\\s\\[(\\w+)]\\s\\[(\\w+)]\\s\\[([^:]+):(\\d+)]\\s(.*)'
      key: ["time", "level", "method", "file", "line", "message"]
      timeFormat: '%Y-%m-%dT%H:%M:%S'
      dockerFile: true
      dockerIncludeEnv:
        ALIYUN_LOGTAIL_USER_DEFINED_ID: ""
---
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: example-k8s-file
spec:
  project:
    name: k8s-log-c0123456789
  logstores:
    - name: k8s-file
      ttl: 30
      hotTtl: 7
  config:
    inputs:
      - Type: input_file
        FilePaths:
          - /data/logs/app_1/**/test.LOG
        EnableContainerDiscovery: true
        CollectingContainersMeta: true
        ContainerFilters:
          K8sNamespaceRegex: default
          IncludeK8sLabel:
            app: ^(.*app.*)$
        Multiline:
          Mode: custom
          StartPattern: '\\d+-\\d+-\\d+\\s\\d+:\\d+:\\d+'
    processors:
      - Type: processor_parse_regex_native
        SourceKey: content
        Regex: '(\\d+-\\d+-\\d+\\s\\S+)(.*)'
        Keys: ["time", "detail"]
    flushers:
      - Type: flusher_sls
        Logstore: k8s-file
        Endpoint: cn-hangzhou.log.aliyuncs.com
        Region: cn-hangzhou
        TelemetryType: logs
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ilogtail-user-cm
data:
  json_log.yaml: |
    enable: true
    inputs:
      - Type: input_file
        FilePaths:
          - /root/log/json.log
        EnableContainerDiscovery: true
        ContainerFilters:
          K8sContainerRegex: json-log
          IncludeK8sLabel:
            app: json-log
          ExcludeEnv:
            COLLECT_FLAG: false
    processors:
      - Type: processor_json
        SourceKey: content
        KeepSource: false
        ExpandDepth: 1
        ExpandConnector: ""
    flushers:
      - Type: flusher_sls
        Endpoint: <sls_endpoint>
        Project: <sls_project>
        Logstore: <sls_logstore>
  ilogtail_config.json: |
    {"cpu_usage_limit": 0.4, "mem_usage_limit": 384, "check_point_filename": "/var/run/logtail/logtail_check_point"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: app:1.0
`;

  test('a multi-document YAML: four configs, every one valid for ajv, no finding in either locale', () => {
    const configs = configsOf(VALID);
    assert.deepEqual(configs.map((c) => c.kind).sort(), ['aliyunlogconfig', 'clusterpipeline', 'pipeline', 'startup']);
    for (const c of configs) assert.deepEqual(ajvErrors(c), [], c.kind);
    assert.deepEqual(run(VALID), []);
    assert.deepEqual(run(VALID, YAML, 'zh-CN'), []);
  });

  test('every valid fixture is detected, valid for ajv and silent', () => {
    const files = [...listFiles(join(RULE_FIXTURES, 'logtail', 'schema', 'valid')), ...listFiles(join(RULE_FIXTURES, 'startup', 'schema', 'valid'))];
    assert.ok(files.length >= 10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const configs = configsOf(text, 'file://' + file);
      assert.ok(configs.length > 0, `${rel(file)}: a config is detected`);
      for (const c of configs) assert.deepEqual(ajvErrors(c).map((e) => `${e.instancePath} ${e.keyword}`), [], rel(file));
      assert.deepEqual(run(text, 'file://' + file).map((h) => h.message), [], rel(file));
    }
  });
});
