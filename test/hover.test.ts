// Engine-level hover (server/src/engine/complete/hover.ts). `‸` marks the mouse position.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hover, type HoverResult } from '../server/src/engine/complete/index';

function at(src: string, language: 'yaml' | 'json' = 'yaml', opts: { uri?: string; locale?: string } = {}): (HoverResult & { text: string; hovered: string }) | undefined {
  const offset = src.indexOf('‸');
  assert.ok(offset >= 0);
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const h = hover(text, language, offset, { uri: opts.uri ?? `file:///w/doc.${language}`, locale: opts.locale });
  return h && { ...h, text, hovered: text.slice(h.start, h.end) };
}

const PIPE = (inputExtra: string) => `inputs:
  - Type: input_file
    FilePaths:
      - /var/log/nginx/*.log
${inputExtra}
flushers:
  - Type: flusher_sls
    Logstore: nginx
`;

describe('hover on Logtail config keys', () => {
  test('legacy JSON: description, type, range of the key', () => {
    const h = at(`{"configName": "a", "inputType": "file", "inputDetail": {"logType": "json_log", "log‸Path": "/var/log/"}, "outputDetail": {"logstoreName": "x"}}`, 'json');
    assert.ok(h);
    assert.equal(h.hovered, '"logPath"');
    assert.match(h.markdown, /^\*\*logPath\*\* · `string`/);
    assert.match(h.markdown, /\/logtail_host/);
  });

  test('enum values, default and minimum version', () => {
    const enc = at(PIPE('    File‸Encoding: gbk'));
    assert.ok(enc);
    assert.match(enc.markdown, /Default: `"utf8"`/);
    assert.match(enc.markdown, /Values: `"utf8"`, `"gbk"`/);
    const cp = at(`{"check_point_‸filename": "/var/run/logtail/cp", "cpu_usage_limit": 0.4}`, 'json', { uri: 'file:///ilogtail_config.json' });
    assert.ok(cp);
    assert.match(cp.markdown, /Minimum version: Logtail 0\.16\.36/);
    assert.match(cp.markdown, /Default: `"\/tmp\/logtail_check_point"`/);
    const range = at(PIPE('    MaxDir‸SearchDepth: 10'));
    assert.match(range!.markdown, /Range: 0 – 1000/);
  });

  test('Chinese with the zh-CN locale', () => {
    const h = at(PIPE('    File‸Encoding: gbk'), 'yaml', { locale: 'zh-CN' });
    assert.match(h!.markdown, /[\u4e00-\u9fff]/);
    assert.match(h!.markdown, /默认值/);
  });

  test('a plugin Type value shows the definition it selects', () => {
    const h = at(PIPE('').replace('Type: input_file', 'Type: input_f‸ile'));
    assert.ok(h);
    assert.equal(h.hovered, 'input_file');
    assert.match(h.markdown, /^\*\*input_file\*\*/);
    assert.match(h.markdown, /\*\*Type\*\*/);
  });

  test('AliyunLogConfig: spec keys and keys of spec.logtailConfig.inputDetail (dispatched by inputType)', () => {
    const cr = `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: a
spec:
  logstore: x
  life‸Cycle: 30
  logtailConfig:
    configName: a
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /var/log
      filePattern: "*.log"
      dockerFile: true
`;
    assert.match(at(cr)!.markdown, /\*\*lifeCycle\*\* · `integer`/);
    const d = at(cr.replace('life‸Cycle', 'lifeCycle').replace('dockerFile', 'docker‸File'), 'yaml', { locale: 'zh-CN' });
    assert.ok(d);
    assert.equal(d.hovered, 'dockerFile');
    assert.match(d.markdown, /logtail_host/);
    assert.match(d.markdown, /[\u4e00-\u9fff]/);
  });

  test('ClusterAliyunPipelineConfig: spec.config keys; x-since shown', () => {
    const src = `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: a
spec:
  project:
    name: p
  config:
    inputs:
      - Type: input_file
        FilePaths: [/a/*.log]
    flushers:
      - Type: flusher_sls
        Log‸store: x
`;
    const h = at(src);
    assert.match(h!.markdown, /\*\*Logstore\*\*/);
    assert.match(h!.markdown, /Minimum version: iLogtail 2\.0\.0/);
  });

  test('a pipeline in a ConfigMap: outer-file range', () => {
    const src = `apiVersion: v1
kind: ConfigMap
metadata:
  name: p
data:
  nginx.yaml: |
    inputs:
      - Type: input_file
        FilePaths:
          - /var/log/*.log
        Enable‸ContainerDiscovery: true
    flushers:
      - Type: flusher_sls
        Logstore: x
`;
    const h = at(src);
    assert.ok(h);
    assert.equal(h.hovered, 'EnableContainerDiscovery');
    assert.match(h.markdown, /`boolean`/);
  });

  test('nothing on Kubernetes keys, unknown keys or whitespace', () => {
    // Kubernetes keys get the Kubernetes schema's description (k8s/schema), not a Logtail one
    assert.match(at('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  repl‸icas: 2\n')!.markdown, /^\*\*replicas\*\* · `number`\n\nNumber of desired pods/);
    assert.equal(at('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  repl‸icas: 2\n'), undefined, 'no schema for a CRD');
    assert.equal(at(PIPE('    NotAKey‸: 1')), undefined);
    assert.equal(at(PIPE('   ‸ ')), undefined);
  });
});

describe('hover on collector env names', () => {
  const DS = (name: string, image = 'registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
spec:
  template:
    spec:
      containers:
        - name: logtail
          image: ${image}
          env:
            - name: ${name}
              value: /var/run/logtail/x
`;

  test('docs, precedence and minimum version', () => {
    const h = at(DS('docker_file_‸cache_path'));
    assert.ok(h);
    assert.equal(h.hovered, 'docker_file_cache_path');
    assert.match(h.markdown, /startup file wins/);
    assert.match(h.markdown, /Logtail 0\.16\.54/);
    const cp = at(DS('ALIYUN_LOGTAIL_CHECK_‸POINT_PATH'), 'yaml', { locale: 'zh-CN' });
    assert.match(cp!.markdown, /以环境变量为准/);
    assert.match(cp!.markdown, /0\.16\.36/);
    assert.match(at(DS('mem_usage_‸limit'))!.markdown, /at least 384/);
    assert.match(at(DS('LOONG_CPU_‸USAGE_LIMIT', 'loongcollector:v3.0.12.0-25723a1-aliyun'))!.markdown, /LoongCollector only/);
  });

  test('not in an application container; not for unknown names', () => {
    assert.equal(at(DS('check_point_‸filename', 'nginx:1.27')), undefined);
    assert.equal(at(DS('MY_‸VAR')), undefined);
  });
});
