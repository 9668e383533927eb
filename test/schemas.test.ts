// Tests for the JSON Schemas in /schemas.
// Run: node --import tsx --test test/schemas.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');

const IDS = {
  legacy: 'logtail-config.schema.json',
  startup: 'startup-config.schema.json',
  pipeline: 'pipeline-config.schema.json',
  alc: 'aliyunlogconfig.schema.json',
  capc: 'clusteraliyunpipelineconfig.schema.json',
} as const;
type SchemaId = (typeof IDS)[keyof typeof IDS];

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const schemas: Record<string, Json> = {};
for (const id of Object.values(IDS)) {
  schemas[id] = JSON.parse(readFileSync(join(SCHEMA_DIR, id), 'utf8'));
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Annotation-only custom keywords: declared so their values are type-checked at compile time.
  ajv.addKeyword({ keyword: 'x-description-zh', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-since', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-source', schemaType: 'string' });
  for (const s of Object.values(schemas)) ajv.addSchema(s);
  return ajv;
}
const ajv = makeAjv();

function validate(id: SchemaId, data: unknown): ErrorObject[] {
  const v = ajv.getSchema(id);
  assert.ok(v, `schema ${id} not registered`);
  const ok = v(data);
  return ok ? [] : [...(v.errors ?? [])];
}

function fmt(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.keyword} ${JSON.stringify(e.params)} ${e.message}`).join('\n');
}

function expectValid(id: SchemaId, data: unknown): void {
  const errors = validate(id, data);
  assert.deepEqual(errors, [], `expected valid against ${id}, got:\n${fmt(errors)}`);
}

interface Expected {
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
}
function expectError(id: SchemaId, data: unknown, exp: Expected): void {
  const errors = validate(id, data);
  assert.ok(errors.length > 0, `expected ${exp.keyword} at ${exp.instancePath}, but document is valid`);
  const hit = errors.find(
    (e) =>
      e.keyword === exp.keyword &&
      e.instancePath === exp.instancePath &&
      Object.entries(exp.params ?? {}).every(([k, v]) => JSON.stringify((e.params as Record<string, unknown>)[k]) === JSON.stringify(v)),
  );
  assert.ok(hit, `expected ${exp.keyword} at "${exp.instancePath}" ${JSON.stringify(exp.params ?? {})}, got:\n${fmt(errors)}`);
}

const clone = <T>(x: T): T => structuredClone(x);

// ---------------------------------------------------------------------------------------------
// Examples from the reference (spec) and the seed
// ---------------------------------------------------------------------------------------------

// spec §1.5 example startup file ([HELP] 91484)
const STARTUP_EXAMPLE = {
  config_server_address: 'http://logtail.cn-hangzhou-intranet.log.aliyuncs.com',
  data_server_list: [{ cluster: 'cn-hangzhou', endpoint: 'cn-hangzhou-intranet.log.aliyuncs.com' }],
  cpu_usage_limit: 0.4,
  mem_usage_limit: 384,
  max_bytes_per_sec: 20971520,
  process_thread_count: 1,
  send_request_concurrency: 4,
  buffer_file_num: 25,
  buffer_file_size: 20971520,
  buffer_file_path: '',
  check_point_filename: '/tmp/logtail_check_point',
};

// seed "Logtail参数配置": the three state files moved to a host-mounted /var/run/logtail
const STARTUP_SEED = {
  check_point_filename: '/var/run/logtail/logtail_check_point',
  user_config_file_path: '/var/run/logtail/user_log_config.json',
  docker_file_cache_path: '/var/run/logtail/docker_path_config.json',
  cpu_usage_limit: 2,
  mem_usage_limit: 2048,
};

// spec §2.8, [PYSDK] tests/e2e/data/reg_4_docker.json (abridged in the spec; used as given: no outputType)
const LEGACY_REG4DOCKER = {
  configName: 'reg_4_docker',
  inputType: 'file',
  inputDetail: {
    dockerFile: true,
    dockerIncludeLabel: { k1: 'v1' },
    dockerExcludeLabel: { k2: 'v2' },
    logType: 'json_log',
    logPath: '/json_1',
    filePattern: 'test.log',
    timeFormat: '%Y-%M-%D',
    timeKey: 'my_key_time',
    localStorage: false,
    enableRawLog: true,
    topicFormat: '(file_reg_for_topic).*',
    fileEncoding: 'gbk',
    maxDepth: 200,
    preserve: false,
    preserveDepth: 3,
    filterKey: ['filter_reg1', 'filter_reg2'],
    filterRegex: ['...', '...'],
    adjustTimezone: false,
    delayAlarmBytes: 0,
    discardNonUtf8: false,
    discardUnmatch: true,
    enableTag: false,
    maxSendRate: -1,
    mergeType: 'topic',
    shardHashKey: [],
    tailExisted: false,
  },
  outputDetail: { logstoreName: 'logstore' },
};

// spec §2.8, [DOCS] delimiter mode
const LEGACY_DELIMITER = {
  configName: 'logConfigName',
  logSample: 'testlog',
  inputType: 'file',
  outputType: 'LogService',
  inputDetail: {
    logPath: '/logPath',
    filePattern: '*',
    logType: 'delimiter_log',
    topicFormat: 'default',
    discardUnmatch: true,
    enableRawLog: true,
    fileEncoding: 'utf8',
    maxDepth: 999,
    separator: ',',
    quote: '"',
    key: ['test', 'test2'],
    autoExtend: true,
  },
  outputDetail: { projectName: 'test-project', logstoreName: 'test-logstore' },
};

// spec §2.8, [PYSDK] tests/e2e/data/docker-stdout-config.json
const LEGACY_STDOUT = {
  configName: 'docker-stdout-config',
  inputType: 'plugin',
  inputDetail: { plugin: { inputs: [{ type: 'service_docker_stdout', detail: { IncludeLabel: {}, ExcludeLabel: {} } }] } },
  outputDetail: { logstoreName: 'logstore' },
};

// seed "配置HostPath模式采集": host path via /logtail_host, "是否为Docker文件" off
const LEGACY_SEED_HOSTPATH = {
  configName: 'nginx-hostpath',
  logSample: '127.0.0.1 - - [10/Oct/2024:13:55:36 +0800] "GET / HTTP/1.1" 200 612',
  inputType: 'file',
  outputType: 'LogService',
  inputDetail: {
    logType: 'common_reg_log',
    logPath: '/logtail_host/mnt/',
    filePattern: '*.log',
    dockerFile: false,
    key: ['content'],
    regex: '(.*)',
    logBeginRegex: '.*',
    maxDepth: 10,
    preserve: true,
    fileEncoding: 'utf8',
    topicFormat: 'none',
  },
  outputDetail: { projectName: 'k8s-log-c0123456789', logstoreName: 'nginx' },
};

// seed "配置PVC模式采集": kubelet CSI path with the pod UID replaced by **
const LEGACY_SEED_PVC = {
  ...clone(LEGACY_SEED_HOSTPATH),
  configName: 'nginx-pvc',
  inputDetail: {
    ...clone(LEGACY_SEED_HOSTPATH.inputDetail),
    logPath: '/logtail_host/var/lib/kubelet/pods/**/volumes/kubernetes.io~csi/nginx-pv/mount/',
  },
};

// seed "配置EmptyDir模式采集": container path with "是否为Docker文件" on
const LEGACY_SEED_EMPTYDIR = {
  ...clone(LEGACY_SEED_HOSTPATH),
  configName: 'nginx-emptydir',
  inputDetail: { ...clone(LEGACY_SEED_HOSTPATH.inputDetail), logPath: '/var/log/nginx', dockerFile: true },
};

// spec §3.1 AliyunLogConfig example ([DOCS], file in containers)
const ALC_EXAMPLE_YAML = String.raw`
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
      logBeginRegex: '\[\d+-\d+-\w+:\d+:\d+,\d+]\s\[\w+]\s.*'
      regex: '\[([^]]+)]\s\[(\w+)]\s\[(\w+)]\s\[([^:]+):(\d+)]\s(.*)'
      key: ["time", "level", "method", "file", "line", "message"]
      timeFormat: '%Y-%m-%dT%H:%M:%S'
      dockerFile: true
      dockerIncludeEnv:
        ALIYUN_LOGTAIL_USER_DEFINED_ID: ""
`;

// spec §3.1 stdout variant
const ALC_STDOUT_YAML = String.raw`
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: stdout-example
spec:
  logstore: k8s-stdout
  logtailConfig:
    inputType: plugin
    configName: stdout-example
    inputDetail:
      plugin:
        inputs:
          - type: service_docker_stdout
            detail:
              Stdout: true
              Stderr: true
              ExcludeEnv:
                COLLECT_STDOUT_FLAG: "false"
`;

// spec §3.2 ClusterAliyunPipelineConfig example
const CAPC_EXAMPLE_YAML = String.raw`
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: example-k8s-file
spec:
  project:
    name: k8s-log-<YOUR_CLUSTER_ID>
  logstores:
    - name: k8s-file
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
          StartPattern: '\d+-\d+-\d+\s\d+:\d+:\d+'
    processors:
      - Type: processor_parse_regex_native
        SourceKey: content
        Regex: '(\d+-\d+-\d+\s\S+)(.*)'
        Keys: ["time", "detail"]
    flushers:
      - Type: flusher_sls
        Logstore: k8s-file
        Endpoint: cn-hangzhou.log.aliyuncs.com
        Region: cn-hangzhou
        TelemetryType: logs
`;

// spec §3.3 pipeline example ([LC] k8s_templates/ilogtail-daemonset-file-to-sls.yaml ConfigMap content)
const PIPELINE_EXAMPLE_YAML = String.raw`
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
`;

const ALC_EXAMPLE = parseYaml(ALC_EXAMPLE_YAML);
const ALC_STDOUT = parseYaml(ALC_STDOUT_YAML);
const CAPC_EXAMPLE = parseYaml(CAPC_EXAMPLE_YAML);
const PIPELINE_EXAMPLE = parseYaml(PIPELINE_EXAMPLE_YAML);

// A pipeline exercising every native processor with its required parameters.
const PIPELINE_ALL_PROCESSORS = {
  configName: 'all-native',
  logSample: '2024-01-01 00:00:00 hello',
  global: { StructureType: 'v1', PipelineMetaTagKey: { HOST_NAME: '', AGENT_TAG: '__default__' } },
  inputs: [{ Type: 'input_file', FilePaths: ['/var/log/app/**/*.log', '/var/log/other/*.log'], MaxDirSearchDepth: 10, Multiline: { Mode: 'custom', StartPattern: '\\d+' } }],
  processors: [
    { Type: 'processor_parse_regex_native', SourceKey: 'content', Regex: '(\\S+) (.*)', Keys: ['time', 'msg'], KeepingSourceWhenParseFail: true },
    { Type: 'processor_parse_json_native', SourceKey: 'msg' },
    { Type: 'processor_parse_delimiter_native', SourceKey: 'msg', Separator: ',', Keys: ['a', 'b'] },
    { Type: 'processor_parse_apsara_native', SourceKey: 'msg', Timezone: 'GMT+08:00' },
    { Type: 'processor_parse_timestamp_native', SourceKey: 'time', SourceFormat: '%Y-%m-%d %H:%M:%S', SourceTimezone: 'GMT+08:00' },
    { Type: 'processor_filter_regex_native', FilterKey: ['level'], FilterRegex: ['ERROR|WARN'] },
    { Type: 'processor_desensitize_native', SourceKey: 'msg', Method: 'const', ReplacingString: '***', ContentPatternBeforeReplacedString: 'password=', ReplacedContentPattern: '[^,]+' },
    { Type: 'processor_regex', SourceKey: 'content', Regex: '(.*)', Keys: ['c'], SomeFutureParam: 1 },
  ],
  flushers: [{ Type: 'flusher_sls', Project: 'p', Logstore: 'l', Endpoint: 'cn-hangzhou.log.aliyuncs.com', CompressType: 'zstd' }],
};

test('(a) every schema compiles, and cross-file $refs resolve in one Ajv instance', () => {
  const fresh = makeAjv();
  for (const id of Object.values(IDS)) {
    const v = fresh.getSchema(id);
    assert.equal(typeof v, 'function', `${id} did not compile`);
    assert.equal(schemas[id].$id, id, `${id}: $id must equal the file name`);
    assert.equal(schemas[id].$schema, 'http://json-schema.org/draft-07/schema#');
  }
  // Compiling each schema alone (without the others) must fail exactly for the two CRDs (they $ref other files).
  for (const id of Object.values(IDS)) {
    const lone = new Ajv({ allErrors: true, strict: false });
    const refsOthers = JSON.stringify(schemas[id]).includes('.schema.json#');
    if (refsOthers) assert.throws(() => lone.compile(schemas[id]), /can't resolve reference/);
    else assert.doesNotThrow(() => lone.compile(schemas[id]));
  }
});

const VALID_EXAMPLES: [string, SchemaId, unknown][] = [
  ['startup: spec §1.5 example', IDS.startup, STARTUP_EXAMPLE],
  ['startup: seed checkpoint persistence', IDS.startup, STARTUP_SEED],
  ['startup: empty object', IDS.startup, {}],
  ['startup: unknown gflag passes (additionalProperties: true)', IDS.startup, { some_future_gflag: 'x', cpu_usage_limit: 1 }],
  ['startup: k8s-style very high limits', IDS.startup, { cpu_usage_limit: 99999999, mem_usage_limit: 99999999 }],
  ['startup: nested ebpf + rarely used keys', IDS.startup, {
    ebpf: { receive_event_chan_cap: 4096, admin_config: { debug_mode: false, log_level: 'warn' } },
    inotify_black_list: ['/proc'], polling_max_stat_count: 100, streamlog_open: false, container_mode: 'anything',
    data_server_port: 443, sls_request_dscp: 63, force_quit_read_timeout: 601,
  }],
  ['legacy: spec §2.8 reg_4_docker (no outputType)', IDS.legacy, LEGACY_REG4DOCKER],
  ['legacy: spec §2.8 delimiter', IDS.legacy, LEGACY_DELIMITER],
  ['legacy: spec §2.8 docker stdout plugin', IDS.legacy, LEGACY_STDOUT],
  ['legacy: seed hostPath /logtail_host/mnt/', IDS.legacy, LEGACY_SEED_HOSTPATH],
  ['legacy: seed PVC kubelet path', IDS.legacy, LEGACY_SEED_PVC],
  ['legacy: seed emptyDir container path', IDS.legacy, LEGACY_SEED_EMPTYDIR],
  ['legacy: apsara without logBeginRegex (has a default)', IDS.legacy, {
    configName: 'apsara', inputType: 'file', outputDetail: { logstoreName: 'l' },
    inputDetail: { logType: 'apsara_log', logPath: '/a', filePattern: '*.log' },
  }],
  ['legacy: uppercase configName accepted (OAPI pattern)', IDS.legacy, { ...clone(LEGACY_STDOUT), configName: 'Docker_Stdout-1' }],
  ['legacy: outputType "log" (old SDK) accepted', IDS.legacy, { ...clone(LEGACY_STDOUT), outputType: 'log' }],
  ['legacy: advanced + sensitive_keys', IDS.legacy, (() => {
    const c = clone(LEGACY_SEED_HOSTPATH) as Json;
    c.inputDetail.advanced = { exactly_once_concurrency: 2, enable_log_position_meta: true, blacklist: { dir_blacklist: ['/a/*'] }, k8s: { anything: 1 } };
    c.inputDetail.sensitive_keys = [{ key: 'content', type: 'const', regex_begin: 'pwd=', regex_content: '[^,]+', all: true, const: '***' }];
    c.inputDetail.logTimezone = 'GMT+08:00';
    return c;
  })()],
  ['legacy: file config with a processors chain', IDS.legacy, (() => {
    const c = clone(LEGACY_SEED_HOSTPATH) as Json;
    c.inputDetail.plugin = { processors: [{ type: 'processor_json', detail: { SourceKey: 'content' } }] };
    return c;
  })()],
  ['pipeline: spec §3.3 ConfigMap example', IDS.pipeline, PIPELINE_EXAMPLE],
  ['pipeline: spec §3.2 example spec.config', IDS.pipeline, CAPC_EXAMPLE.spec.config],
  ['pipeline: every native processor', IDS.pipeline, PIPELINE_ALL_PROCESSORS],
  ['pipeline: input_container_stdio + processor_spl', IDS.pipeline, {
    inputs: [{ Type: 'input_container_stdio', IgnoringStderr: true, ContainerFilters: { K8sNamespaceRegex: '^default$' } }],
    processors: [{ Type: 'processor_spl', Script: '* | where level = \'ERROR\'' }],
    flushers: [{ Type: 'flusher_sls', Logstore: 'stdout' }],
  }],
  ['pipeline: unknown plugins are open (only string Type needed)', IDS.pipeline, {
    inputs: [{ Type: 'service_foo', Anything: [1, 2] }],
    processors: [{ Type: 'processor_add_fields', Fields: { a: 'b' } }],
    aggregators: [{ Type: 'aggregator_context' }],
    flushers: [{ Type: 'flusher_stdout', OnlyStdout: true }],
    extensions: [{ Type: 'ext_basicauth' }],
  }],
  ['pipeline: flusher_sls without Project (API/CRD fill it) is valid', IDS.pipeline, {
    inputs: [{ Type: 'input_file', FilePaths: ['/a.log'] }], flushers: [{ Type: 'flusher_sls', Logstore: 'l' }],
  }],
  ['pipeline: flusher_sls with 1.x ProjectName/LogstoreName is valid (mixing is a rule)', IDS.pipeline, {
    inputs: [{ Type: 'input_file', FilePaths: ['/a.log'] }],
    flushers: [{ Type: 'flusher_sls', ProjectName: 'p', LogstoreName: 'l', Project: 'p', Endpoint: 'e' }],
  }],
  ['pipeline: flusher_sls metrics_host needs no Logstore', IDS.pipeline, {
    inputs: [{ Type: 'input_file', FilePaths: ['/a.log'] }], flushers: [{ Type: 'flusher_sls', TelemetryType: 'metrics_host' }],
  }],
  // the SDKs and the CRD controller fill in the simple mode (key ["content"], regex "(.*)") [spec §2.7]
  ['legacy: common_reg_log without key (simple mode is filled in)', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => { delete c.inputDetail.key; delete c.inputDetail.regex; })],
  ['AliyunLogConfig: spec §3.1 example', IDS.alc, ALC_EXAMPLE],
  ['AliyunLogConfig: spec §3.1 stdout variant', IDS.alc, ALC_STDOUT],
  ['AliyunLogConfig: lifeCycle 7300 (2018 doc range) accepted', IDS.alc, { ...clone(ALC_EXAMPLE), spec: { ...clone(ALC_EXAMPLE.spec), lifeCycle: 7300, logstoreHotTTL: 7 } }],
  ['ClusterAliyunPipelineConfig: spec §3.2 example', IDS.capc, CAPC_EXAMPLE],
  ['ClusterAliyunPipelineConfig: full spec', IDS.capc, (() => {
    const c = clone(CAPC_EXAMPLE) as Json;
    c.spec.project = { name: 'p', description: 'd', endpoint: 'cn-hangzhou.log.aliyuncs.com', uid: '123' };
    c.spec.logstores = [{ name: 'k8s-file', queryMode: 'standard', ttl: 30, hotTtl: 0, shardCount: 2, maxSplitShard: 64, autoSplit: true, telemetryType: 'None', appendMeta: true, enableTracking: false, meteringMode: 'ChargeByDataIngest', infrequentAccessTTL: 30 }];
    c.spec.machineGroups = [{ name: 'k8s-group-c123' }];
    c.spec.enableUpgradeOverride = true;
    c.spec.config.sample = 'x';
    return c;
  })()],
];

for (const [name, id, data] of VALID_EXAMPLES) {
  test(`(b) valid: ${name}`, () => expectValid(id, data));
}

// ---------------------------------------------------------------------------------------------
// (c) invalid variants: each must fail with the expected keyword at the expected instancePath
// ---------------------------------------------------------------------------------------------

function mut<T>(base: T, f: (x: Json) => void): T {
  const c = clone(base) as Json;
  f(c);
  return c;
}

const INVALID: [string, SchemaId, unknown, Expected][] = [
  // startup
  ['startup: cpu_usage_limit as string', IDS.startup, { ...STARTUP_EXAMPLE, cpu_usage_limit: '0.4' },
    { keyword: 'type', instancePath: '/cpu_usage_limit', params: { type: 'number' } }],
  ['startup: mem_usage_limit below 128', IDS.startup, { ...STARTUP_EXAMPLE, mem_usage_limit: 100 },
    { keyword: 'minimum', instancePath: '/mem_usage_limit', params: { limit: 128 } }],
  ['startup: mem_usage_limit not an integer', IDS.startup, { mem_usage_limit: 384.5 },
    { keyword: 'type', instancePath: '/mem_usage_limit', params: { type: 'integer' } }],
  ['startup: cpu_usage_limit below 0.1', IDS.startup, { cpu_usage_limit: 0.05 },
    { keyword: 'minimum', instancePath: '/cpu_usage_limit', params: { limit: 0.1 } }],
  ['startup: process_thread_count above 64', IDS.startup, { process_thread_count: 65 },
    { keyword: 'maximum', instancePath: '/process_thread_count', params: { limit: 64 } }],
  ['startup: max_bytes_per_sec above doc range', IDS.startup, { max_bytes_per_sec: 52428801 },
    { keyword: 'maximum', instancePath: '/max_bytes_per_sec', params: { limit: 52428800 } }],
  ['startup: buffer_file_num above 100', IDS.startup, { buffer_file_num: 101 },
    { keyword: 'maximum', instancePath: '/buffer_file_num', params: { limit: 100 } }],
  ['startup: buffer_file_size below 1 MiB', IDS.startup, { buffer_file_size: 1024 },
    { keyword: 'minimum', instancePath: '/buffer_file_size', params: { limit: 1048576 } }],
  ['startup: send_request_concurrency 0', IDS.startup, { send_request_concurrency: 0 },
    { keyword: 'minimum', instancePath: '/send_request_concurrency', params: { limit: 1 } }],
  ['startup: data_server_port 8080', IDS.startup, { data_server_port: 8080 },
    { keyword: 'enum', instancePath: '/data_server_port' }],
  ['startup: force_quit_read_timeout 600 (must be > 600)', IDS.startup, { force_quit_read_timeout: 600 },
    { keyword: 'exclusiveMinimum', instancePath: '/force_quit_read_timeout' }],
  ['startup: discard_old_data as string', IDS.startup, { discard_old_data: 'true' },
    { keyword: 'type', instancePath: '/discard_old_data', params: { type: 'boolean' } }],
  ['startup: check_point_filename as number', IDS.startup, { check_point_filename: 1 },
    { keyword: 'type', instancePath: '/check_point_filename', params: { type: 'string' } }],
  ['startup: data_server_list item without endpoint', IDS.startup, { data_server_list: [{ cluster: 'cn-hangzhou' }] },
    { keyword: 'required', instancePath: '/data_server_list/0', params: { missingProperty: 'endpoint' } }],
  ['startup: ebpf log_level not in enum', IDS.startup, { ebpf: { admin_config: { log_level: 'error' } } },
    { keyword: 'enum', instancePath: '/ebpf/admin_config/log_level' }],
  ['startup: sls_request_dscp 64', IDS.startup, { sls_request_dscp: 64 },
    { keyword: 'maximum', instancePath: '/sls_request_dscp', params: { limit: 63 } }],
  ['startup: inotify_black_list not an array', IDS.startup, { inotify_black_list: '/proc' },
    { keyword: 'type', instancePath: '/inotify_black_list', params: { type: 'array' } }],
  ['startup: not an object', IDS.startup, [1, 2],
    { keyword: 'type', instancePath: '', params: { type: 'object' } }],

  // legacy config
  ['legacy: common_reg_log without logPath', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => delete c.inputDetail.logPath),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'logPath' } }],
  ['legacy: file without filePattern', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => delete c.inputDetail.filePattern),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'filePattern' } }],
  ['legacy: file without logType', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => delete c.inputDetail.logType),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'logType' } }],
  ['legacy: delimiter_log without separator', IDS.legacy, mut(LEGACY_DELIMITER, (c) => delete c.inputDetail.separator),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'separator' } }],
  ['legacy: delimiter_log without key', IDS.legacy, mut(LEGACY_DELIMITER, (c) => delete c.inputDetail.key),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'key' } }],
  ['legacy: logType "json"', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => (c.inputDetail.logType = 'json')),
    { keyword: 'enum', instancePath: '/inputDetail/logType', params: { allowedValues: ['common_reg_log', 'json_log', 'delimiter_log', 'apsara_log'] } }],
  ['legacy: unknown key logPth in inputDetail', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => { c.inputDetail.logPth = c.inputDetail.logPath; }),
    { keyword: 'additionalProperties', instancePath: '/inputDetail', params: { additionalProperty: 'logPth' } }],
  ['legacy: doc typo isDocherFile is an unknown key', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => { c.inputDetail.isDocherFile = true; }),
    { keyword: 'additionalProperties', instancePath: '/inputDetail', params: { additionalProperty: 'isDocherFile' } }],
  ['legacy: unknown top-level key', IDS.legacy, mut(LEGACY_DELIMITER, (c) => { c.outputDetial = {}; }),
    { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'outputDetial' } }],
  ['legacy: missing configName', IDS.legacy, mut(LEGACY_DELIMITER, (c) => delete c.configName),
    { keyword: 'required', instancePath: '', params: { missingProperty: 'configName' } }],
  ['legacy: missing outputDetail', IDS.legacy, mut(LEGACY_DELIMITER, (c) => delete c.outputDetail),
    { keyword: 'required', instancePath: '', params: { missingProperty: 'outputDetail' } }],
  ['legacy: configName of one character', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.configName = 'a')),
    { keyword: 'pattern', instancePath: '/configName' }],
  ['legacy: configName starting with "-"', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.configName = '-abc')),
    { keyword: 'pattern', instancePath: '/configName' }],
  ['legacy: configName of 129 characters', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.configName = 'a'.repeat(129))),
    { keyword: 'pattern', instancePath: '/configName' }],
  ['legacy: inputType "files"', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.inputType = 'files')),
    { keyword: 'enum', instancePath: '/inputType' }],
  ['legacy: outputType "SLS"', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.outputType = 'SLS')),
    { keyword: 'enum', instancePath: '/outputType' }],
  ['legacy: maxDepth 1001', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.inputDetail.maxDepth = 1001)),
    { keyword: 'maximum', instancePath: '/inputDetail/maxDepth', params: { limit: 1000 } }],
  ['legacy: preserveDepth 4', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => (c.inputDetail.preserveDepth = 4)),
    { keyword: 'maximum', instancePath: '/inputDetail/preserveDepth', params: { limit: 3 } }],
  ['legacy: fileEncoding "utf-8"', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.inputDetail.fileEncoding = 'utf-8')),
    { keyword: 'enum', instancePath: '/inputDetail/fileEncoding' }],
  ['legacy: mergeType "project"', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => (c.inputDetail.mergeType = 'project')),
    { keyword: 'enum', instancePath: '/inputDetail/mergeType' }],
  ['legacy: dockerFile as string', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.dockerFile = 'false')),
    { keyword: 'type', instancePath: '/inputDetail/dockerFile', params: { type: 'boolean' } }],
  ['legacy: dockerIncludeLabel value not a string', IDS.legacy, mut(LEGACY_REG4DOCKER, (c) => (c.inputDetail.dockerIncludeLabel = { k1: true })),
    { keyword: 'type', instancePath: '/inputDetail/dockerIncludeLabel/k1', params: { type: 'string' } }],
  ['legacy: logTimezone "UTC+8"', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.logTimezone = 'UTC+8')),
    { keyword: 'pattern', instancePath: '/inputDetail/logTimezone' }],
  ['legacy: advanced.exactly_once_concurrency 513', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.advanced = { exactly_once_concurrency: 513 })),
    { keyword: 'maximum', instancePath: '/inputDetail/advanced/exactly_once_concurrency', params: { limit: 512 } }],
  ['legacy: unknown key in advanced', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.advanced = { tail_size_k: 1 })),
    { keyword: 'additionalProperties', instancePath: '/inputDetail/advanced', params: { additionalProperty: 'tail_size_k' } }],
  ['legacy: unknown key in advanced.blacklist', IDS.legacy, mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.advanced = { blacklist: { dir_black_list: [] } })),
    { keyword: 'additionalProperties', instancePath: '/inputDetail/advanced/blacklist', params: { additionalProperty: 'dir_black_list' } }],
  ['legacy: sensitive_keys type const without const', IDS.legacy,
    mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.sensitive_keys = [{ key: 'content', type: 'const', regex_begin: 'a', regex_content: 'b', all: true }])),
    { keyword: 'required', instancePath: '/inputDetail/sensitive_keys/0', params: { missingProperty: 'const' } }],
  ['legacy: sensitive_keys item missing all', IDS.legacy,
    mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.sensitive_keys = [{ key: 'content', type: 'md5', regex_begin: 'a', regex_content: 'b' }])),
    { keyword: 'required', instancePath: '/inputDetail/sensitive_keys/0', params: { missingProperty: 'all' } }],
  ['legacy: sensitive_keys unknown key', IDS.legacy,
    mut(LEGACY_SEED_HOSTPATH, (c) => (c.inputDetail.sensitive_keys = [{ key: 'content', type: 'md5', regex_begin: 'a', regex_content: 'b', all: true, regexBegin: 'x' }])),
    { keyword: 'additionalProperties', instancePath: '/inputDetail/sensitive_keys/0', params: { additionalProperty: 'regexBegin' } }],
  ['legacy: outputDetail without logstoreName', IDS.legacy, mut(LEGACY_DELIMITER, (c) => delete c.outputDetail.logstoreName),
    { keyword: 'required', instancePath: '/outputDetail', params: { missingProperty: 'logstoreName' } }],
  ['legacy: outputDetail unknown key', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.outputDetail.logstore = 'x')),
    { keyword: 'additionalProperties', instancePath: '/outputDetail', params: { additionalProperty: 'logstore' } }],
  ['legacy: plugin inputType without plugin', IDS.legacy, mut(LEGACY_STDOUT, (c) => (c.inputDetail = {})),
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'plugin' } }],
  ['legacy: plugin without inputs', IDS.legacy, mut(LEGACY_STDOUT, (c) => (c.inputDetail.plugin = { processors: [] })),
    { keyword: 'required', instancePath: '/inputDetail/plugin', params: { missingProperty: 'inputs' } }],
  ['legacy: plugin item with 2.x "Type" instead of "type"', IDS.legacy,
    mut(LEGACY_STDOUT, (c) => (c.inputDetail.plugin.inputs = [{ Type: 'service_docker_stdout', detail: {} }])),
    { keyword: 'required', instancePath: '/inputDetail/plugin/inputs/0', params: { missingProperty: 'type' } }],
  ['legacy: service_docker_stdout Stdout as string', IDS.legacy,
    mut(LEGACY_STDOUT, (c) => (c.inputDetail.plugin.inputs[0].detail.Stdout = 'true')),
    { keyword: 'type', instancePath: '/inputDetail/plugin/inputs/0/detail/Stdout', params: { type: 'boolean' } }],
  ['legacy: service_docker_stdout ExcludeEnv value unquoted false', IDS.legacy,
    mut(LEGACY_STDOUT, (c) => (c.inputDetail.plugin.inputs[0].detail.ExcludeEnv = { COLLECT_STDOUT_FLAG: false })),
    { keyword: 'type', instancePath: '/inputDetail/plugin/inputs/0/detail/ExcludeEnv/COLLECT_STDOUT_FLAG', params: { type: 'string' } }],
  ['legacy: plugin-level common field still typed', IDS.legacy, mut(LEGACY_STDOUT, (c) => (c.inputDetail.enableTag = 'yes')),
    { keyword: 'type', instancePath: '/inputDetail/enableTag', params: { type: 'boolean' } }],
  ['legacy: syslog without tag', IDS.legacy, { configName: 'sys', inputType: 'syslog', inputDetail: {}, outputDetail: { logstoreName: 'l' } },
    { keyword: 'required', instancePath: '/inputDetail', params: { missingProperty: 'tag' } }],
  ['legacy: logSample over 1500 characters', IDS.legacy, mut(LEGACY_DELIMITER, (c) => (c.logSample = 'x'.repeat(1501))),
    { keyword: 'maxLength', instancePath: '/logSample' }],

  // pipeline
  ['pipeline: FilePaths empty', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].FilePaths = [])),
    { keyword: 'minItems', instancePath: '/inputs/0/FilePaths', params: { limit: 1 } }],
  ['pipeline: FilePaths with 11 entries', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].FilePaths = Array.from({ length: 11 }, (_, i) => `/l/${i}.log`))),
    { keyword: 'maxItems', instancePath: '/inputs/0/FilePaths', params: { limit: 10 } }],
  ['pipeline: FilePaths as a string', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].FilePaths = '/root/log/json.log')),
    { keyword: 'type', instancePath: '/inputs/0/FilePaths', params: { type: 'array' } }],
  ['pipeline: input_file without FilePaths', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.inputs[0].FilePaths),
    { keyword: 'required', instancePath: '/inputs/0', params: { missingProperty: 'FilePaths' } }],
  ['pipeline: Type missing in an input', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.inputs[0].Type),
    { keyword: 'required', instancePath: '/inputs/0', params: { missingProperty: 'Type' } }],
  ['pipeline: Type not a string', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.flushers[0].Type = 1)),
    { keyword: 'type', instancePath: '/flushers/0/Type', params: { type: 'string' } }],
  ['pipeline: Type missing in an aggregator', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.aggregators = [{ type: 'aggregator_context' }])),
    { keyword: 'required', instancePath: '/aggregators/0', params: { missingProperty: 'Type' } }],
  ['pipeline: inputs missing', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.inputs),
    { keyword: 'required', instancePath: '', params: { missingProperty: 'inputs' } }],
  ['pipeline: inputs empty', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs = [])),
    { keyword: 'minItems', instancePath: '/inputs', params: { limit: 1 } }],
  ['pipeline: flushers missing', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.flushers),
    { keyword: 'required', instancePath: '', params: { missingProperty: 'flushers' } }],
  ['pipeline: aggregators empty', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.aggregators = [])),
    { keyword: 'minItems', instancePath: '/aggregators', params: { limit: 1 } }],
  ['pipeline: unknown top-level key "processor"', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => { c.processor = c.processors; delete c.processors; }),
    { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'processor' } }],
  ['pipeline: enable as string', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.enable = 'true')),
    { keyword: 'type', instancePath: '/enable', params: { type: 'boolean' } }],
  ['pipeline: configName with a dot', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.configName = 'my.config')),
    { keyword: 'pattern', instancePath: '/configName' }],
  ['pipeline: global.StructureType v3', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.global = { StructureType: 'v3' })),
    { keyword: 'enum', instancePath: '/global/StructureType' }],
  ['pipeline: global.PipelineMetaTagKey unknown key', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.global = { PipelineMetaTagKey: { HOSTNAME: '' } })),
    { keyword: 'additionalProperties', instancePath: '/global/PipelineMetaTagKey', params: { additionalProperty: 'HOSTNAME' } }],
  ['pipeline: input_file typo MaxDirSearchDeph', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].MaxDirSearchDeph = 3)),
    { keyword: 'additionalProperties', instancePath: '/inputs/0', params: { additionalProperty: 'MaxDirSearchDeph' } }],
  ['pipeline: input_file 1.x key LogPath', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].LogPath = '/root/log')),
    { keyword: 'additionalProperties', instancePath: '/inputs/0', params: { additionalProperty: 'LogPath' } }],
  ['pipeline: MaxDirSearchDepth 1001', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].MaxDirSearchDepth = 1001)),
    { keyword: 'maximum', instancePath: '/inputs/0/MaxDirSearchDepth', params: { limit: 1000 } }],
  ['pipeline: TailSizeKB negative', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].TailSizeKB = -1)),
    { keyword: 'minimum', instancePath: '/inputs/0/TailSizeKB', params: { limit: 0 } }],
  ['pipeline: Multiline.Mode "regex"', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].Multiline = { Mode: 'regex' })),
    { keyword: 'enum', instancePath: '/inputs/0/Multiline/Mode' }],
  ['pipeline: ContainerFilters unknown key', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].ContainerFilters.K8sNamespace = 'default')),
    { keyword: 'additionalProperties', instancePath: '/inputs/0/ContainerFilters', params: { additionalProperty: 'K8sNamespace' } }],
  ['pipeline: ContainerFilters map value is an object', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.inputs[0].ContainerFilters.IncludeK8sLabel = { app: { a: 1 } })),
    { keyword: 'type', instancePath: '/inputs/0/ContainerFilters/IncludeK8sLabel/app' }],
  ['pipeline: input_container_stdio unknown key', IDS.pipeline,
    { inputs: [{ Type: 'input_container_stdio', IgnoringStdOut: true }], flushers: [{ Type: 'flusher_sls', Logstore: 'l' }] },
    { keyword: 'additionalProperties', instancePath: '/inputs/0', params: { additionalProperty: 'IgnoringStdOut' } }],
  ['pipeline: flusher_sls without Logstore or LogstoreName', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.flushers[0].Logstore),
    { keyword: 'required', instancePath: '/flushers/0', params: { missingProperty: 'Logstore' } }],
  ['pipeline: flusher_sls without Logstore also reports anyOf', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => delete c.flushers[0].Logstore),
    { keyword: 'anyOf', instancePath: '/flushers/0' }],
  ['pipeline: flusher_sls TelemetryType "log"', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.flushers[0].TelemetryType = 'log')),
    { keyword: 'enum', instancePath: '/flushers/0/TelemetryType' }],
  ['pipeline: flusher_sls CompressType "gzip"', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.flushers[0].CompressType = 'gzip')),
    { keyword: 'enum', instancePath: '/flushers/0/CompressType' }],
  ['pipeline: processor_parse_regex_native without Keys', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[0].Keys),
    { keyword: 'required', instancePath: '/processors/0', params: { missingProperty: 'Keys' } }],
  ['pipeline: processor_parse_regex_native typo KeepingSourceWhenParseFailed', IDS.pipeline,
    mut(PIPELINE_ALL_PROCESSORS, (c) => (c.processors[0].KeepingSourceWhenParseFailed = true)),
    { keyword: 'additionalProperties', instancePath: '/processors/0', params: { additionalProperty: 'KeepingSourceWhenParseFailed' } }],
  ['pipeline: processor_parse_json_native without SourceKey', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[1].SourceKey),
    { keyword: 'required', instancePath: '/processors/1', params: { missingProperty: 'SourceKey' } }],
  ['pipeline: processor_parse_delimiter_native without Separator', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[2].Separator),
    { keyword: 'required', instancePath: '/processors/2', params: { missingProperty: 'Separator' } }],
  ['pipeline: processor_parse_timestamp_native without SourceFormat', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[4].SourceFormat),
    { keyword: 'required', instancePath: '/processors/4', params: { missingProperty: 'SourceFormat' } }],
  ['pipeline: processor_parse_timestamp_native SourceTimezone "UTC"', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => (c.processors[4].SourceTimezone = 'UTC')),
    { keyword: 'pattern', instancePath: '/processors/4/SourceTimezone' }],
  ['pipeline: processor_filter_regex_native without FilterRegex', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[5].FilterRegex),
    { keyword: 'required', instancePath: '/processors/5', params: { missingProperty: 'FilterRegex' } }],
  ['pipeline: processor_desensitize_native const without ReplacingString', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => delete c.processors[6].ReplacingString),
    { keyword: 'required', instancePath: '/processors/6', params: { missingProperty: 'ReplacingString' } }],
  ['pipeline: processor_desensitize_native Method "sha1"', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => (c.processors[6].Method = 'sha1')),
    { keyword: 'enum', instancePath: '/processors/6/Method' }],
  ['pipeline: processor_regex Keys as string (Go plugin still typed)', IDS.pipeline, mut(PIPELINE_ALL_PROCESSORS, (c) => (c.processors[7].Keys = 'c')),
    { keyword: 'type', instancePath: '/processors/7/Keys', params: { type: 'array' } }],
  ['pipeline: processor_json ExpandDepth as string', IDS.pipeline, mut(PIPELINE_EXAMPLE, (c) => (c.processors[0].ExpandDepth = '1')),
    { keyword: 'type', instancePath: '/processors/0/ExpandDepth', params: { type: 'integer' } }],

  // AliyunLogConfig
  ['AliyunLogConfig: wrong kind', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.kind = 'AliyunPipelineConfig')),
    { keyword: 'const', instancePath: '/kind' }],
  ['AliyunLogConfig: wrong apiVersion', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.apiVersion = 'log.alibabacloud.com/v1')),
    { keyword: 'const', instancePath: '/apiVersion' }],
  ['AliyunLogConfig: missing logstore', IDS.alc, mut(ALC_EXAMPLE, (c) => delete c.spec.logstore),
    { keyword: 'required', instancePath: '/spec', params: { missingProperty: 'logstore' } }],
  ['AliyunLogConfig: undocumented ttl', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.ttl = 30)),
    { keyword: 'additionalProperties', instancePath: '/spec', params: { additionalProperty: 'ttl' } }],
  ['AliyunLogConfig: shardCount 11', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.shardCount = 11)),
    { keyword: 'maximum', instancePath: '/spec/shardCount', params: { limit: 10 } }],
  ['AliyunLogConfig: lifeCycle 7301', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.lifeCycle = 7301)),
    { keyword: 'maximum', instancePath: '/spec/lifeCycle', params: { limit: 7300 } }],
  ['AliyunLogConfig: logstoreHotTTL 3', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.logstoreHotTTL = 3)),
    { keyword: 'anyOf', instancePath: '/spec/logstoreHotTTL' }],
  ['AliyunLogConfig: logstoreMode "fast"', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.logstoreMode = 'fast')),
    { keyword: 'enum', instancePath: '/spec/logstoreMode' }],
  ['AliyunLogConfig: logtailConfig without inputDetail', IDS.alc, mut(ALC_EXAMPLE, (c) => delete c.spec.logtailConfig.inputDetail),
    { keyword: 'required', instancePath: '/spec/logtailConfig', params: { missingProperty: 'inputDetail' } }],
  ['AliyunLogConfig: logtailConfig without configName', IDS.alc, mut(ALC_EXAMPLE, (c) => delete c.spec.logtailConfig.configName),
    { keyword: 'required', instancePath: '/spec/logtailConfig', params: { missingProperty: 'configName' } }],
  ['AliyunLogConfig: embedded logType enum (cross-file $ref)', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.logtailConfig.inputDetail.logType = 'regex')),
    { keyword: 'enum', instancePath: '/spec/logtailConfig/inputDetail/logType' }],
  ['AliyunLogConfig: embedded unknown inputDetail key', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.logtailConfig.inputDetail.dockerfile = true)),
    { keyword: 'additionalProperties', instancePath: '/spec/logtailConfig/inputDetail', params: { additionalProperty: 'dockerfile' } }],
  ['AliyunLogConfig: embedded delimiter_log without key', IDS.alc, mut(ALC_EXAMPLE, (c) => {
    Object.assign(c.spec.logtailConfig.inputDetail, { logType: 'delimiter_log', separator: ',' });
    delete c.spec.logtailConfig.inputDetail.key;
  }),
    { keyword: 'required', instancePath: '/spec/logtailConfig/inputDetail', params: { missingProperty: 'key' } }],
  ['AliyunLogConfig: embedded bad configName', IDS.alc, mut(ALC_EXAMPLE, (c) => (c.spec.logtailConfig.configName = 'bad name')),
    { keyword: 'pattern', instancePath: '/spec/logtailConfig/configName' }],
  ['AliyunLogConfig: embedded stdout detail type error', IDS.alc, mut(ALC_STDOUT, (c) => (c.spec.logtailConfig.inputDetail.plugin.inputs[0].detail.Stderr = 'no')),
    { keyword: 'type', instancePath: '/spec/logtailConfig/inputDetail/plugin/inputs/0/detail/Stderr', params: { type: 'boolean' } }],

  // ClusterAliyunPipelineConfig
  ['ClusterAliyunPipelineConfig: wrong apiVersion', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.apiVersion = 'log.alibabacloud.com/v1alpha1')),
    { keyword: 'const', instancePath: '/apiVersion' }],
  ['ClusterAliyunPipelineConfig: missing spec.project.name', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.project = {})),
    { keyword: 'required', instancePath: '/spec/project', params: { missingProperty: 'name' } }],
  ['ClusterAliyunPipelineConfig: missing spec.config', IDS.capc, mut(CAPC_EXAMPLE, (c) => delete c.spec.config),
    { keyword: 'required', instancePath: '/spec', params: { missingProperty: 'config' } }],
  ['ClusterAliyunPipelineConfig: missing spec.project', IDS.capc, mut(CAPC_EXAMPLE, (c) => delete c.spec.project),
    { keyword: 'required', instancePath: '/spec', params: { missingProperty: 'project' } }],
  ['ClusterAliyunPipelineConfig: metadata.name with uppercase', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.metadata.name = 'Example')),
    { keyword: 'pattern', instancePath: '/metadata/name' }],
  ['ClusterAliyunPipelineConfig: logstores ttl 4000', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.logstores[0].ttl = 4000)),
    { keyword: 'maximum', instancePath: '/spec/logstores/0/ttl', params: { limit: 3650 } }],
  ['ClusterAliyunPipelineConfig: logstores shardCount 101', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.logstores[0].shardCount = 101)),
    { keyword: 'maximum', instancePath: '/spec/logstores/0/shardCount', params: { limit: 100 } }],
  ['ClusterAliyunPipelineConfig: logstores item without name', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.logstores = [{ ttl: 30 }])),
    { keyword: 'required', instancePath: '/spec/logstores/0', params: { missingProperty: 'name' } }],
  ['ClusterAliyunPipelineConfig: logstores unknown key', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.logstores[0].lifeCycle = 30)),
    { keyword: 'additionalProperties', instancePath: '/spec/logstores/0', params: { additionalProperty: 'lifeCycle' } }],
  ['ClusterAliyunPipelineConfig: infrequentAccessTTL 10', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.logstores[0].infrequentAccessTTL = 10)),
    { keyword: 'minimum', instancePath: '/spec/logstores/0/infrequentAccessTTL', params: { limit: 30 } }],
  ['ClusterAliyunPipelineConfig: machineGroups as strings', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.machineGroups = ['k8s-group-x'])),
    { keyword: 'type', instancePath: '/spec/machineGroups/0', params: { type: 'object' } }],
  ['ClusterAliyunPipelineConfig: config uses logSample instead of sample', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.config.logSample = 'x')),
    { keyword: 'additionalProperties', instancePath: '/spec/config', params: { additionalProperty: 'logSample' } }],
  ['ClusterAliyunPipelineConfig: config without flushers', IDS.capc, mut(CAPC_EXAMPLE, (c) => delete c.spec.config.flushers),
    { keyword: 'required', instancePath: '/spec/config', params: { missingProperty: 'flushers' } }],
  ['ClusterAliyunPipelineConfig: embedded FilePaths empty (cross-file $ref)', IDS.capc, mut(CAPC_EXAMPLE, (c) => (c.spec.config.inputs[0].FilePaths = [])),
    { keyword: 'minItems', instancePath: '/spec/config/inputs/0/FilePaths', params: { limit: 1 } }],
  ['ClusterAliyunPipelineConfig: embedded Type missing', IDS.capc, mut(CAPC_EXAMPLE, (c) => delete c.spec.config.processors[0].Type),
    { keyword: 'required', instancePath: '/spec/config/processors/0', params: { missingProperty: 'Type' } }],
  ['ClusterAliyunPipelineConfig: embedded flusher_sls without Logstore', IDS.capc, mut(CAPC_EXAMPLE, (c) => delete c.spec.config.flushers[0].Logstore),
    { keyword: 'required', instancePath: '/spec/config/flushers/0', params: { missingProperty: 'Logstore' } }],
];

for (const [name, id, data, exp] of INVALID) {
  test(`(c) invalid: ${name}`, () => expectError(id, data, exp));
}

test('(c) the expectError helper itself fails on a valid document and on a wrong path', () => {
  assert.throws(() => expectError(IDS.startup, STARTUP_EXAMPLE, { keyword: 'type', instancePath: '/cpu_usage_limit' }));
  assert.throws(() => expectError(IDS.startup, { cpu_usage_limit: '0.4' }, { keyword: 'type', instancePath: '/mem_usage_limit' }));
  assert.throws(() => expectValid(IDS.startup, { cpu_usage_limit: '0.4' }));
});

test('(c) a valid document produces no errors at all (no spurious if/then noise)', () => {
  for (const [name, id, data] of VALID_EXAMPLES) {
    assert.equal(validate(id, data).length, 0, name);
  }
});

// ---------------------------------------------------------------------------------------------
// (d) annotations on every property: description, x-description-zh, x-source; x-since shape;
//     every default validates against its own schema
// ---------------------------------------------------------------------------------------------

const CJK = /[\u4e00-\u9fff]/;
const SINCE = /^(Logtail|iLogtail|LoongCollector|log components|loongcollector-operator) \d+(\.\d+)*$/;

function resolveRef(ref: string, currentId: string, all: Record<string, Json>): Json {
  const [file, frag = ''] = ref.split('#');
  const root = all[file || currentId];
  if (!root) return undefined;
  let node: Json = root;
  for (const raw of frag.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
  }
  return node;
}

interface Problem { where: string; problem: string }

/** Walks a schema; reports properties/definitions lacking annotations. Returns every property pointer with a `default`. */
function auditSchema(id: string, all: Record<string, Json>): { problems: Problem[]; defaults: string[] } {
  const problems: Problem[] = [];
  const defaults: string[] = [];
  const root = all[id];

  const checkAnnotated = (node: Json, where: string) => {
    let target = node;
    if (node && typeof node === 'object' && typeof node.$ref === 'string' && node.description === undefined) {
      target = resolveRef(node.$ref, id, all);
      if (!target) { problems.push({ where, problem: `unresolvable $ref ${node.$ref}` }); return; }
    }
    if (typeof target !== 'object' || target === null) { problems.push({ where, problem: 'not an object schema' }); return; }
    if (typeof target.description !== 'string' || target.description.length < 8) problems.push({ where, problem: 'missing description' });
    else if (CJK.test(target.description)) problems.push({ where, problem: 'description is not English' });
    if (typeof target['x-description-zh'] !== 'string' || !CJK.test(target['x-description-zh'])) problems.push({ where, problem: 'missing/non-Chinese x-description-zh' });
    if (typeof target['x-source'] !== 'string' || target['x-source'].length === 0) problems.push({ where, problem: 'missing x-source' });
  };

  const walk = (node: Json, ptr: string) => {
    if (!node || typeof node !== 'object') return;
    if (node['x-since'] !== undefined && !SINCE.test(node['x-since'])) problems.push({ where: ptr, problem: `bad x-since ${node['x-since']}` });
    if ('default' in node) defaults.push(ptr);
    for (const kw of ['properties', 'patternProperties', 'definitions'] as const) {
      if (node[kw] && typeof node[kw] === 'object') {
        for (const [k, sub] of Object.entries(node[kw])) {
          const p = `${ptr}/${kw}/${k}`;
          checkAnnotated(sub, p);
          walk(sub, p);
        }
      }
    }
    if (Array.isArray(node.items)) node.items.forEach((s: Json, i: number) => walk(s, `${ptr}/items/${i}`));
    else walk(node.items, `${ptr}/items`);
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${ptr}/additionalProperties`);
    for (const kw of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(node[kw])) node[kw].forEach((s: Json, i: number) => walk(s, `${ptr}/${kw}/${i}`));
    }
    // `if` holds matchers only (e.g. {Type: {const: X}}), not declarations: skipped on purpose.
    for (const kw of ['then', 'else', 'not'] as const) walk(node[kw], `${ptr}/${kw}`);
  };

  checkAnnotated(root, '(root)');
  walk(root, '');
  return { problems, defaults };
}

test('(d) the annotation audit detects a missing description (self-test)', () => {
  const bad = {
    $id: 'bad.json', description: 'A root schema.', 'x-description-zh': '根模式。', 'x-source': 'test',
    properties: {
      ok: { type: 'string', description: 'Fine property.', 'x-description-zh': '正常的属性。', 'x-source': 'test' },
      noDesc: { type: 'string', 'x-description-zh': '缺少英文描述。', 'x-source': 'test' },
      englishZh: { type: 'string', description: 'Has both but zh is English.', 'x-description-zh': 'English text', 'x-source': 'test' },
      viaRef: { $ref: '#/definitions/d' },
    },
    definitions: { d: { type: 'string', description: 'No zh here.', 'x-source': 'test' } },
  };
  const { problems } = auditSchema('bad.json', { 'bad.json': bad });
  const where = problems.map((p) => `${p.where}: ${p.problem}`);
  assert.ok(where.includes('/properties/noDesc: missing description'), where.join('\n'));
  assert.ok(where.includes('/properties/englishZh: missing/non-Chinese x-description-zh'), where.join('\n'));
  assert.ok(where.includes('/properties/viaRef: missing/non-Chinese x-description-zh'), where.join('\n'));
  assert.ok(where.includes('/definitions/d: missing/non-Chinese x-description-zh'), where.join('\n'));
  assert.ok(!where.some((w) => w.startsWith('/properties/ok:')), where.join('\n'));
});

for (const id of Object.values(IDS)) {
  test(`(d) every property and definition of ${id} has description, x-description-zh and x-source`, () => {
    const { problems } = auditSchema(id, schemas);
    assert.deepEqual(problems, [], problems.map((p) => `${p.where}: ${p.problem}`).join('\n'));
  });

  test(`(d) every default in ${id} validates against its own schema`, () => {
    const { defaults } = auditSchema(id, schemas);
    assert.ok(defaults.length > 0, 'expected some defaults');
    for (const ptr of defaults) {
      const v = ajv.getSchema(`${id}#${ptr}`);
      assert.ok(v, `cannot compile ${id}#${ptr}`);
      const value = resolveRef(`${id}#${ptr}`, id, schemas).default;
      assert.ok(v(value), `default ${JSON.stringify(value)} at ${id}#${ptr} is invalid: ${fmt(v.errors ?? [])}`);
    }
  });
}

test('(d) spot-check facts the engine relies on', () => {
  const st = schemas[IDS.startup];
  assert.equal(st.additionalProperties, true);
  assert.equal(st.properties.check_point_filename['x-since'], 'Logtail 0.16.36');
  assert.equal(st.properties.docker_file_cache_path['x-since'], 'Logtail 0.16.54');
  assert.equal(st.properties.user_config_file_path['x-since'], 'Logtail 0.16.56');
  const lg = schemas[IDS.legacy];
  assert.equal(lg.additionalProperties, false);
  assert.equal(lg.definitions.inputDetailFile.additionalProperties, false);
  assert.equal(lg.definitions.advanced.additionalProperties, false);
  assert.equal(lg.definitions.outputDetail.additionalProperties, false);
  assert.equal(lg.definitions.sensitiveKey.additionalProperties, false);
  assert.equal(lg.definitions.advanced.properties.exactly_once_concurrency['x-since'], 'Logtail 1.0.21');
  const pl = schemas[IDS.pipeline];
  // per-Type dispatch is if/then inside allOf, never oneOf
  assert.ok(Array.isArray(pl.definitions.processorPlugin.allOf));
  assert.ok(!JSON.stringify(pl).includes('"oneOf"'));
  for (const t of ['processor_parse_regex_native', 'processor_parse_json_native', 'processor_parse_delimiter_native', 'processor_parse_apsara_native',
    'processor_parse_timestamp_native', 'processor_filter_regex_native', 'processor_desensitize_native', 'processor_spl', 'processor_regex', 'processor_json',
    'input_file', 'input_container_stdio', 'flusher_sls']) {
    assert.ok(pl.definitions[t], `definition ${t} missing`);
    assert.equal(pl.definitions[t].properties.Type.const, t);
  }
  assert.equal(pl.definitions.input_file.properties.FilePaths.maxItems, 10);
  assert.equal(schemas[IDS.alc].properties.spec.properties.configTags['x-since'], 'log components 0.4.2');
});
