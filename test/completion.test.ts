// Engine-level completion (server/src/engine/complete): keys, values, env names and snippets,
// on documents as they are being typed. `‸` marks the cursor.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { complete, type CompletionEntry } from '../server/src/engine/complete/index';
import { lint } from '../server/src/engine/index';
import { expandSnippet } from './helpers/snippet-expander';

const CARET = '‸';

function split(src: string): { text: string; offset: number } {
  const offset = src.indexOf(CARET);
  assert.ok(offset >= 0, 'the test text has a caret');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

function items(src: string, language: 'yaml' | 'json' | 'jsonc' = 'yaml', opts: { uri?: string; locale?: string; snippets?: boolean } = {}): CompletionEntry[] {
  const { text, offset } = split(src);
  return complete(text, language, offset, { uri: opts.uri ?? `file:///w/doc.${language === 'yaml' ? 'yaml' : 'json'}`, locale: opts.locale, snippets: opts.snippets });
}

const labels = (xs: CompletionEntry[]) => xs.map((x) => x.label);
const find = (xs: CompletionEntry[], label: string) => {
  const x = xs.find((i) => i.label === label);
  assert.ok(x, `${label} in ${labels(xs).join(', ')}`);
  return x;
};

/** Apply an item as VS Code does: expand the snippet with its defaults, indent following lines like the cursor's line. */
function accept(src: string, item: CompletionEntry): string {
  const { text } = split(src);
  let insert = item.snippet ? expandSnippet(item.insertText) : item.insertText;
  if (item.multiline) {
    const lineStart = text.lastIndexOf('\n', item.range.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    insert = insert.replace(/\n/g, '\n' + indent);
  }
  return text.slice(0, item.range.start) + insert + text.slice(item.range.end);
}

function yamlOk(text: string) {
  const errs = parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message));
  assert.deepEqual(errs, [], text);
}

const LEGACY_JSON = `{
  "configName": "nginx",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "‸
  },
  "outputDetail": { "logstoreName": "x" }
}`;

describe('legacy Logtail config (JSON)', () => {
  test('a `"` inside inputDetail completes the file-input keys, without the keys already there', () => {
    const xs = items(LEGACY_JSON, 'json');
    assert.ok(labels(xs).includes('logPath') && labels(xs).includes('filePattern') && labels(xs).includes('dockerFile'));
    assert.ok(!labels(xs).includes('logType'), 'present key excluded');
    assert.ok(!labels(xs).includes('plugin') || labels(xs).includes('logPath'));
    const logPath = find(xs, 'logPath');
    assert.equal(logPath.kind, 'property');
    assert.equal(logPath.insertText, '"logPath": "$1"');
    assert.equal(logPath.filterText, '"logPath"');
    assert.match(logPath.documentation!, /\/logtail_host/);
    // the range covers the typed quote
    const { text } = split(LEGACY_JSON);
    assert.equal(text.slice(logPath.range.start, logPath.range.end), '"');
    // required keys first
    assert.ok(logPath.sortText!.startsWith('0'));
    assert.ok(find(xs, 'preserve').sortText!.startsWith('1'));
  });

  test('inputDetail keys follow inputType (plugin input gets the plugin keys)', () => {
    const xs = items(`{"configName": "a", "inputType": "plugin", "inputDetail": {"‸"}}`, 'json');
    assert.ok(labels(xs).includes('plugin'));
    assert.ok(!labels(xs).includes('logPath'));
  });

  test('top-level keys: the missing ones; a booleans choice and an enum choice with the default first', () => {
    const xs = items(`{\n  "configName": "a",\n  "inputType": "file",\n  "inputDetail": {"logType": "json_log", ‸}\n}`, 'json');
    assert.equal(find(xs, 'preserve').insertText, '"preserve": ${1|true,false|}');
    assert.equal(find(xs, 'fileEncoding').insertText, '"fileEncoding": ${1|"utf8","gbk"|}');
    assert.equal(find(xs, 'maxDepth').insertText, '"maxDepth": ${1:100}');
  });

  test('a comma is added when another member follows', () => {
    const xs = items(`{"configName": "a", "inputType": "file", "inputDetail": {"‸"\n "logType": "json_log"}}`, 'json');
    assert.match(find(xs, 'logPath').insertText, /,$/);
  });

  test('enum values, after `: ` and inside a started string', () => {
    const xs = items(`{"configName": "a", "inputType": "file", "inputDetail": {"logType": "‸"}}`, 'json');
    assert.deepEqual(labels(xs), ['common_reg_log', 'json_log', 'delimiter_log', 'apsara_log']);
    assert.equal(xs[0]!.insertText, '"common_reg_log"');
    assert.equal(xs[0]!.filterText, '"common_reg_log"');
    const enc = items(`{"configName": "a", "inputType": "file", "inputDetail": {"fileEncoding": ‸}}`, 'json');
    assert.equal(enc[0]!.label, 'utf8', 'the default comes first');
    assert.equal(enc[0]!.preselect, true);
    const colon = items(`{"configName": "a", "inputType": "file", "inputDetail": {"dockerFile":‸}}`, 'json');
    assert.deepEqual(colon.map((x) => x.insertText), [' true', ' false'], 'a space after a bare colon');
  });

  test('inputType values show what each selects', () => {
    const xs = items(`{"configName": "a", "inputType": "‸", "inputDetail": {}}`, 'json');
    assert.deepEqual(labels(xs), ['file', 'plugin', 'syslog', 'streamlog']);
  });

  test('accepting a key yields valid JSON', () => {
    const src = `{\n  "configName": "a",\n  "inputType": "file",\n  "inputDetail": {\n    "logType": "json_log",\n    ‸\n  }\n}`;
    const out = accept(src, find(items(src, 'json'), 'logPath'));
    assert.deepEqual(JSON.parse(out).inputDetail, { logType: 'json_log', logPath: '' });
    const src2 = `{\n  "configName": "a",\n  "inputType": "file",\n  "inputDetail": {\n    ‸\n    "logType": "json_log"\n  }\n}`;
    const out2 = accept(src2, find(items(src2, 'json'), 'logPath'));
    assert.deepEqual(JSON.parse(out2).inputDetail, { logPath: '', logType: 'json_log' });
  });
});

const PIPELINE = (cursorLines: string) => `inputs:
  - Type: input_file
    FilePaths:
      - /var/log/*.log
${cursorLines}
flushers:
  - Type: flusher_sls
    Logstore: x
`;

describe('pipeline config (YAML)', () => {
  test('a partial key in a plugin item completes the plugin definition chosen by Type', () => {
    const xs = items(PIPELINE('    Max‸'));
    assert.ok(labels(xs).includes('MaxDirSearchDepth'));
    assert.ok(!labels(xs).includes('Type') && !labels(xs).includes('FilePaths'), 'present keys excluded');
    const m = find(xs, 'MaxDirSearchDepth');
    assert.equal(m.insertText, 'MaxDirSearchDepth: ${1:0}');
    assert.match(m.documentation!, /\*\*/);
    const { text } = split(PIPELINE('    Max‸'));
    assert.equal(text.slice(m.range.start, m.range.end), 'Max');
    assert.ok(!labels(xs).includes('Logstore'), 'no flusher keys in an input');
  });

  test('an empty line under a map (no node at the cursor) completes by indentation', () => {
    const xs = items(PIPELINE('    ‸'));
    assert.ok(labels(xs).includes('EnableContainerDiscovery'));
    const root = items(PIPELINE('‸'));
    assert.ok(labels(root).includes('processors') && labels(root).includes('global'));
    assert.ok(!labels(root).includes('inputs') && !labels(root).includes('flushers'));
  });

  test('Type values: plugin types by list; a new list item offers Type', () => {
    const procs = items(`inputs:\n  - Type: input_file\n    FilePaths: [/a]\nprocessors:\n  - Type: ‸\nflushers:\n  - Type: flusher_sls\n    Logstore: x\n`);
    assert.ok(labels(procs).includes('processor_parse_regex_native') && labels(procs).includes('processor_spl'));
    assert.ok(!labels(procs).includes('input_file'));
    const native = find(procs, 'processor_parse_json_native');
    assert.match(native.documentation!, /JSON/i);
    const item = items(`inputs:\n  - Type: input_file\n    FilePaths: [/a]\nflushers:\n  - Type: flusher_sls\n    Logstore: x\n  - ‸\n`);
    assert.deepEqual(labels(item), ['Type']);
    assert.equal(item[0]!.insertText, 'Type: ${1:flusher_sls}');
  });

  test('booleans with the default first; enum values with the default first', () => {
    const b = items(PIPELINE('    EnableContainerDiscovery: ‸'));
    assert.deepEqual(labels(b), ['false', 'true']);
    assert.equal(b[0]!.detail, 'default');
    const t = items(`inputs:\n  - Type: input_file\n    FilePaths: [/a]\nflushers:\n  - Type: flusher_sls\n    Logstore: x\n    TelemetryType: ‸\n`);
    assert.equal(labels(t)[0], 'logs');
    assert.ok(labels(t).includes('metrics'));
  });

  test('object and array keys insert a block, indented for the key column', () => {
    const src = PIPELINE('    Multi‸');
    const ml = find(items(src), 'Multiline');
    assert.equal(ml.insertText, 'Multiline:\n  $0');
    assert.equal(ml.multiline, true);
    const out = accept(src, ml);
    assert.match(out, /\n {4}Multiline:\n {6}\n/);
    const dash = `inputs:\n  - Type: input_file\n    FilePaths: [/a]\n  - Type: input_file\n    Exclude‸\nflushers: []\n`;
    const ex = find(items(dash), 'ExcludeFiles');
    assert.equal(ex.insertText, 'ExcludeFiles:\n  - $0');
  });

  test('keys on a `- ` line (first key of a new item)', () => {
    const src = `inputs:\n  - Type: input_file\n    FilePaths: [/a]\nflushers:\n  - Ty‸\n`;
    const ty = find(items(src), 'Type');
    const out = accept(src, ty);
    yamlOk(out);
    assert.match(out, /\n {2}- Type: flusher_sls\n/);
  });

  test('accepting a scalar key keeps the document valid and clean of new warnings', () => {
    const src = PIPELINE('    Tail‸');
    const out = accept(src, find(items(src), 'TailSizeKB'));
    yamlOk(out);
    assert.match(out, / {4}TailSizeKB: 1024\n/);
  });

  test('scalar list items complete values (FileEncoding in a list is not a thing; logstores are maps)', () => {
    const xs = items(`apiVersion: telemetry.alibabacloud.com/v1alpha1\nkind: ClusterAliyunPipelineConfig\nmetadata:\n  name: a\nspec:\n  project:\n    name: p\n  logstores:\n    - name: x\n      ‸\n  config:\n    inputs: []\n    flushers: []\n`);
    assert.ok(labels(xs).includes('ttl') && labels(xs).includes('shardCount'));
    assert.ok(!labels(xs).includes('name'));
  });

  test('a pipeline in the second document of a stream, after a Deployment', () => {
    const src = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n---\n${PIPELINE('    Tail‸')}`;
    assert.ok(labels(items(src)).includes('TailSizeKB'));
    // a Deployment gets the keys of its Kubernetes schema (k8s/schema), no Logtail keys
    const k8s = labels(items(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  repl‸\n`));
    assert.ok(k8s.includes('replicas') && k8s.includes('selector'), k8s.join());
    assert.ok(!k8s.includes('TailSizeKB') && !k8s.includes('inputs'), k8s.join());
  });
});

const ALC = (body: string) => `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx
    inputType: file
${body}`;

describe('AliyunLogConfig (embedded spec.logtailConfig)', () => {
  test('spec keys of the CR', () => {
    const xs = items(`apiVersion: log.alibabacloud.com/v1alpha1\nkind: AliyunLogConfig\nmetadata:\n  name: a\nspec:\n  ‸\n  logtailConfig:\n    configName: a\n`);
    assert.ok(labels(xs).includes('logstore') && labels(xs).includes('lifeCycle') && labels(xs).includes('machineGroups'));
    assert.ok(!labels(xs).includes('logtailConfig') && !labels(xs).includes('ttl'));
    assert.match(find(xs, 'configTags').detail!, /log components 0\.4\.2/);
  });

  test('inputDetail keys in spec.logtailConfig, dispatched by inputType; logT completes logType', () => {
    const xs = items(ALC('    inputDetail:\n      logPath: /var/log/nginx\n      logT‸\n'));
    assert.ok(labels(xs).includes('logType') && labels(xs).includes('dockerFile'));
    assert.ok(!labels(xs).includes('logPath'));
    assert.equal(find(xs, 'logType').insertText, 'logType: ${1|common_reg_log,json_log,delimiter_log,apsara_log|}');
  });

  test('keys of spec.logtailConfig itself (no outputDetail in the CR)', () => {
    const xs = items(ALC('    ‸\n'));
    assert.ok(labels(xs).includes('inputDetail') && labels(xs).includes('logSample'));
    assert.ok(!labels(xs).includes('configName') && !labels(xs).includes('outputDetail'));
  });

  test('`dockerFile: ` offers booleans; an empty line right under `inputDetail:` offers its keys', () => {
    assert.deepEqual(labels(items(ALC('    inputDetail:\n      dockerFile: ‸\n'))), ['true', 'false']);
    assert.ok(labels(items(ALC('    inputDetail:\n      ‸\n'))).includes('filePattern'));
  });

  test('Chinese documentation with the zh-CN locale', () => {
    const xs = items(ALC('    inputDetail:\n      logT‸\n'), 'yaml', { locale: 'zh-CN' });
    assert.match(find(xs, 'logType').documentation!, /[\u4e00-\u9fff]/);
    assert.match(find(xs, 'logType').documentation!, /可选值/);
  });
});

describe('ClusterAliyunPipelineConfig (embedded spec.config)', () => {
  const CAPC = (config: string) => `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: nginx
spec:
  project:
    name: k8s-log
  config:
${config}`;

  test('spec.config keys (sample, not logSample)', () => {
    const xs = items(CAPC('    inputs:\n      - Type: input_file\n        FilePaths: [/a]\n    ‸\n'));
    assert.ok(labels(xs).includes('sample') && labels(xs).includes('flushers') && labels(xs).includes('processors'));
    assert.ok(!labels(xs).includes('logSample') && !labels(xs).includes('inputs'));
  });

  test('flusher_sls keys inside spec.config.flushers', () => {
    const xs = items(CAPC('    inputs:\n      - Type: input_file\n        FilePaths: [/a]\n    flushers:\n      - Type: flusher_sls\n        ‸\n'));
    assert.ok(labels(xs).includes('Logstore') && labels(xs).includes('Endpoint') && labels(xs).includes('TelemetryType'));
  });
});

describe('pipeline embedded in a ConfigMap', () => {
  const CM = (inner: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: pipelines
data:
  nginx.yaml: |
    inputs:
      - Type: input_file
        FilePaths:
          - /var/log/nginx/*.log
${inner}
    flushers:
      - Type: flusher_sls
        Logstore: nginx
`;

  test('keys and values inside the block scalar, with outer-file ranges', () => {
    const src = CM('        MaxDir‸');
    const xs = items(src);
    const m = find(xs, 'MaxDirSearchDepth');
    const { text } = split(src);
    assert.equal(text.slice(m.range.start, m.range.end), 'MaxDir');
    const out = accept(src, m);
    assert.match(out, /\n {8}MaxDirSearchDepth: 0\n/);
    assert.deepEqual(labels(items(CM('        EnableContainerDiscovery: ‸'))), ['false', 'true']);
    assert.ok(labels(items(CM('        ‸'))).includes('TailSizeKB'), 'an empty line inside the block');
  });

  test('a JSON pipeline in a ConfigMap', () => {
    const src = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  p.json: |\n    {\n      "inputs": [{"Type": "input_file", "FilePaths": ["/a"], "‸"}],\n      "flushers": [{"Type": "flusher_sls", "Logstore": "x"}]\n    }\n`;
    const xs = items(src);
    assert.ok(labels(xs).includes('MaxDirSearchDepth'));
    assert.equal(find(xs, 'MaxDirSearchDepth').insertText, '"MaxDirSearchDepth": ${1:0}');
  });

  test('an unrelated data key gets nothing', () => {
    assert.deepEqual(items(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  app.yaml: |\n    server:\n      ‸\n`), []);
  });
});

describe('startup parameters', () => {
  test('keys with version and default in the detail', () => {
    const xs = items(`{\n  "cpu_usage_limit": 0.4,\n  "‸"\n}`, 'json', { uri: 'file:///etc/ilogtail/ilogtail_config.json' });
    const cp = find(xs, 'check_point_filename');
    assert.match(cp.detail!, /Logtail 0\.16\.36/);
    assert.equal(cp.insertText, '"check_point_filename": "${1:/tmp/logtail_check_point}"');
    assert.ok(!labels(xs).includes('cpu_usage_limit'));
  });
});

const DS = (env: string, image = 'registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
spec:
  selector:
    matchLabels:
      app: l
  template:
    metadata:
      labels:
        app: l
    spec:
      containers:
        - name: logtail
          image: ${image}
          env:
            - name: ALIYUN_LOGTAIL_USER_ID
              value: "1234567890123456"
${env}
`;

describe('Logtail env names in a collector container', () => {
  test('`- name: ` completes the env names with their docs, without the names already set', () => {
    const xs = items(DS('            - name: ‸'));
    for (const n of ['check_point_filename', 'user_config_file_path', 'docker_file_cache_path', 'ALIYUN_LOGTAIL_CONFIG', 'ALIYUN_LOGTAIL_USER_DEFINED_ID', 'ALIYUN_LOGTAIL_CHECK_POINT_PATH', 'cpu_usage_limit', 'mem_usage_limit', 'ALIYUN_LOG_ENV_TAGS', 'LOONG_CPU_USAGE_LIMIT']) {
      assert.ok(labels(xs).includes(n), n);
    }
    assert.ok(!labels(xs).includes('ALIYUN_LOGTAIL_USER_ID'), 'already set');
    const cp = find(xs, 'check_point_filename');
    assert.match(cp.documentation!, /env var wins/);
    assert.match(cp.documentation!, /Logtail 0\.16\.36/);
    assert.match(find(xs, 'user_config_file_path').documentation!, /startup file wins/);
    assert.match(find(xs, 'user_config_file_path').documentation!, /0\.16\.56/);
    assert.match(find(xs, 'cpu_usage_limit').documentation!, /at least 0\.4/);
    // the seed's variables come before LoongCollector-only ones in a Logtail container
    assert.ok(cp.sortText! < find(xs, 'LOONG_CPU_USAGE_LIMIT').sortText!);
    const zh = items(DS('            - name: ‸'), 'yaml', { locale: 'zh-CN' });
    assert.match(find(zh, 'check_point_filename').documentation!, /以环境变量为准/);
  });

  test('`- ` in env inserts a whole entry with the recommended value; the result parses', () => {
    const src = DS('            - ‸');
    const cp = find(items(src), 'check_point_filename');
    assert.equal(cp.insertText, 'name: check_point_filename\n  value: ${1:/etc/ilogtail/checkpoint/logtail_check_point}');
    const out = accept(src, cp);
    yamlOk(out);
    assert.match(out, /\n {12}- name: check_point_filename\n {14}value: \/etc\/ilogtail\/checkpoint\/logtail_check_point\n/);
    // a numeric recommended value is quoted: env values are strings
    assert.ok(!lint(out, { uri: 'file:///w/ds.yaml' }).findings.some((f) => f.ruleId.startsWith('syntax/')));
  });

  test('`value: ` of a known variable offers its recommended value', () => {
    const xs = items(DS('            - name: docker_file_cache_path\n              value: ‸'));
    assert.deepEqual(labels(xs), ['/etc/ilogtail/checkpoint/docker_path_config.json']);
  });

  test('not in an application container', () => {
    assert.deepEqual(items(DS('            - name: ‸', 'nginx:1.27').replace(/ALIYUN_LOGTAIL_USER_ID/, 'APP_MODE')), []);
  });

  test('in a LoongCollector container the LOONG_ variables rank with the common ones', () => {
    const xs = items(DS('            - name: ‸', 'registry.cn-hangzhou.aliyuncs.com/log-service/loongcollector:v3.0.12.0-25723a1-aliyun'));
    assert.ok(find(xs, 'LOONG_CPU_USAGE_LIMIT').sortText!.startsWith('1'));
  });
});

describe('snippets at the top of an empty document', () => {
  test('YAML: k8s-… snippets in an empty file, with the typed prefix replaced', () => {
    const xs = items('k8s-‸');
    assert.ok(xs.length >= 10);
    assert.ok(xs.every((x) => x.kind === 'snippet' && x.label.startsWith('k8s-') && x.snippet));
    const ds = find(xs, 'k8s-logtail-daemonset');
    assert.deepEqual(ds.range, { start: 0, end: 4 });
    assert.match(ds.documentation!, /^Minimal Logtail DaemonSet/);
    assert.match(ds.insertText, /kind: DaemonSet/);
  });

  test('YAML: in an empty document between `---` markers, not in a document with content', () => {
    assert.ok(items('kind: ConfigMap\napiVersion: v1\n---\n‸\n---\nkind: Pod\n').some((x) => x.kind === 'snippet'));
    assert.ok(items('# comment\n‸').some((x) => x.kind === 'snippet'));
    assert.ok(!items('kind: ConfigMap\napiVersion: v1\n‸\n').some((x) => x.kind === 'snippet'));
    assert.ok(!items('a:\n  ‸\n').some((x) => x.kind === 'snippet'));
  });

  test('JSON: logtail-… snippets in an empty document only', () => {
    const xs = items('‸', 'json');
    assert.deepEqual(
      xs.map((x) => x.label).sort(),
      ['logtail-config-emptydir', 'logtail-config-hostpath', 'logtail-config-pvc', 'logtail-config-sidecar', 'logtail-startup-params'],
    );
    assert.ok(items('  logt‸  \n', 'jsonc').length === 5);
    assert.deepEqual(items('{‸}', 'json').filter((x) => x.kind === 'snippet'), []);
  });

  test('snippets: false leaves them to the editor', () => {
    assert.deepEqual(items('‸', 'yaml', { snippets: false }), []);
  });
});

describe('trigger characters', () => {
  const run = (src: string, triggerCharacter: string, language: 'yaml' | 'json' = 'yaml') => {
    const { text, offset } = split(src);
    return complete(text, language, offset, { uri: 'file:///w/t.' + language, triggerCharacter });
  };
  test('a space completes after `key: ` and `- `, not while indenting', () => {
    assert.deepEqual(labels(run(PIPELINE('    EnableContainerDiscovery: ‸'), ' ')), ['false', 'true']);
    assert.deepEqual(labels(run(`inputs:\n  - Type: input_file\n    FilePaths: [/a]\nflushers:\n  - Type: flusher_sls\n    Logstore: x\n  - ‸\n`, ' ')), ['Type']);
    assert.deepEqual(run(PIPELINE('    ‸'), ' '), []);
    assert.deepEqual(run(PIPELINE('  ‸'), ' '), []);
  });
  test('`:` completes a value (with a space before it), never a key', () => {
    assert.deepEqual(run(PIPELINE('    EnableContainerDiscovery:‸'), ':').map((x) => x.insertText), [' false', ' true']);
    assert.deepEqual(run(`{"configName": "a", "inputType":‸, "inputDetail": {}}`, ':', 'json').map((x) => x.insertText)[0], ' "file"');
  });
  test('no snippets on a trigger character', () => {
    assert.deepEqual(run('"‸', '"', 'json'), []);
  });
});

describe('robustness', () => {
  test('comments, block scalars, flow collections and garbage give nothing (and never throw)', () => {
    assert.deepEqual(items(PIPELINE('    # Max‸')), []);
    assert.deepEqual(items(PIPELINE('    FilePaths2: [‸')), []);
    for (const s of ['‸{', '{"a": [}‸', ': : ‸', '- - - ‸', '"‸', '---\n‸---', '\u0000‸', 'a: |\n  ‸']) {
      assert.doesNotThrow(() => items(s));
      assert.doesNotThrow(() => items(s, 'json'));
    }
  });

  test('CRLF line endings', () => {
    const xs = items(PIPELINE('    Max‸').replace(/\n/g, '\r\n'));
    assert.ok(labels(xs).includes('MaxDirSearchDepth'));
    assert.deepEqual(labels(items(PIPELINE('    EnableContainerDiscovery: ‸').replace(/\n/g, '\r\n'))), ['false', 'true']);
  });

  test('a keystroke in a long stream parses only the document at the cursor', () => {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;
    const src = Array.from({ length: 3000 }, () => deployment).join('---\n') + '---\n' + ALC('    inputDetail:\n      logT‸\n') + '---\n' + deployment;
    const t0 = performance.now();
    const xs = items(src);
    const ms = performance.now() - t0;
    assert.ok(labels(xs).includes('logType'));
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms for ${src.length} characters`);
  });

  test('a caret at every position of a real config never throws', () => {
    const src = split(ALC('    inputDetail:\n      logType: common_reg_log\n      logPath: /x\n      filePattern: "*.log"\n      dockerFile: true‸\n')).text;
    for (let i = 0; i <= src.length; i++) assert.doesNotThrow(() => complete(src, 'yaml', i, { uri: 'file:///a.yaml' }));
    const j = split(LEGACY_JSON).text;
    for (let i = 0; i <= j.length; i++) assert.doesNotThrow(() => complete(j, 'json', i, { uri: 'file:///a.json' }));
  });
});
