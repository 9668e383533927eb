import { analyzeRecursive, fileInputs, pathsOfInput } from '../../model/logtail-paths';
import { get, num } from '../../parse/nodes';
import { defineRule, title } from '../../rule';

const DEPTH = 10;

export default defineRule({
  id: 'logtail/recursive-depth-zero',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A path uses `**` but the directory depth (`MaxDirSearchDepth` / `maxDepth`) is 0 or, in a pipeline, absent (default 0): no subdirectory is searched.',
      zh: '路径使用了 `**`，但目录深度（`MaxDirSearchDepth` / `maxDepth`）为 0，或在流水线中未设置（默认 0）：不会搜索任何子目录。',
    },
    rationale: {
      en: 'How deep `**` reaches is a separate setting. In a pipeline `input_file`, `MaxDirSearchDepth` is read only when the path contains `**`, and its default is 0 — so `/data/logs/**/app.log` without it searches none of the subdirectories of `/data/logs` that the `**` was written for. In a legacy config `maxDepth` 0 means "only `logPath` itself".',
      zh: '`**` 能深入多少层由单独的参数决定。在流水线 `input_file` 中，`MaxDirSearchDepth` 仅在路径含 `**` 时生效，默认值为 0——因此不设置它时，`/data/logs/**/app.log` 不会搜索写 `**` 本想覆盖的 `/data/logs` 的任何子目录。旧版配置中 `maxDepth` 为 0 表示"只采集 `logPath` 本身"。',
    },
    remediation: {
      en: 'Set the depth to how many directory levels below the `**` the files can be: quick fix **"Set depth to 10"** (safe: it completes what the `**` asks for; lower or raise the value to your layout, range 0–1000). Pipeline: sets or inserts `MaxDirSearchDepth: 10` on the input. Legacy: sets `maxDepth: 10`.',
      zh: '把深度设为文件可能位于 `**` 之下的目录层数：快速修复**"将深度设为 10"**（安全修复：补全 `**` 的本意；可按目录结构调大或调小，范围 0–1000）。流水线：在该输入上设置或插入 `MaxDirSearchDepth: 10`。旧版：设置 `maxDepth: 10`。',
    },
    notes: {
      en: 'Pipeline `input_file`: fires when a `FilePaths` entry has `**` as the directory directly before the file name (the only place the agent reads it; other placements are logtail/recursive-wildcard-placement\'s) and `MaxDirSearchDepth` is absent or 0. One finding per input: on `MaxDirSearchDepth: 0`, or on the first such `FilePaths` entry when the key is absent. Legacy configs (standalone, `AliyunLogConfig`): `maxDepth` defaults to 100 when absent (the SDKs inject it), so only an explicit `maxDepth: 0` together with a `**` in `logPath` is reported; a `logPath` without `**` and `maxDepth: 0` is a deliberate "this directory only" and is not reported.',
      zh: '流水线 `input_file`：当某个 `FilePaths` 条目的 `**` 位于紧挨文件名之前的目录（采集器只在此处识别它；其他位置由 logtail/recursive-wildcard-placement 报告），且 `MaxDirSearchDepth` 未设置或为 0 时报告。每个输入一条诊断：报在 `MaxDirSearchDepth: 0` 上，未设置时报在第一个这样的 `FilePaths` 条目上。旧版配置（独立文件、`AliyunLogConfig`）：未设置 `maxDepth` 时默认 100（SDK 会注入），因此只有显式 `maxDepth: 0` 且 `logPath` 含 `**` 时才报告；`logPath` 不含 `**` 而 `maxDepth: 0` 是有意的"只采集此目录"，不报告。',
    },
    sources: ['lcInputFile', 'slsLogtailConfig'],
    bad: `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: example-k8s-file
spec:
  project:
    name: k8s-log-my-cluster
  config:
    inputs:
      - Type: input_file
        FilePaths:
          - /data/logs/app_1/**/test.LOG
        EnableContainerDiscovery: true
    flushers:
      - Type: flusher_sls
        Logstore: k8s-file
        Endpoint: cn-hangzhou.log.aliyuncs.com
        Region: cn-hangzhou
`,
    good: `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: example-k8s-file
spec:
  project:
    name: k8s-log-my-cluster
  config:
    inputs:
      - Type: input_file
        FilePaths:
          - /data/logs/app_1/**/test.LOG
        MaxDirSearchDepth: 10
        EnableContainerDiscovery: true
    flushers:
      - Type: flusher_sls
        Logstore: k8s-file
        Endpoint: cn-hangzhou.log.aliyuncs.com
        Region: cn-hangzhou
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['absent', 'zero'],
  check(ctx) {
    for (const input of ctx.configs.flatMap(fileInputs)) {
      const edit = input.config.edit;
      const fix = (key: string) => [{ title: title('Set depth to {DEPTH}', { DEPTH }), kind: 'safe' as const, edits: [edit.setScalar(input.node, key, DEPTH)] }];
      if (input.form === 'pipeline') {
        const rec = pathsOfInput(input).find((p) => p.field === 'FilePaths' && analyzeRecursive(p.value).recursive);
        if (!rec) continue;
        const depth = get(input.node, 'MaxDirSearchDepth');
        if (depth === undefined || (depth.type === 'scalar' && depth.value === null)) {
          ctx.report({ node: rec.node, messageId: 'absent', data: { path: rec.value }, fixes: fix('MaxDirSearchDepth') });
        } else if (num(depth) === 0) {
          ctx.report({ node: depth, messageId: 'zero', data: { key: 'MaxDirSearchDepth', path: rec.value }, fixes: fix('MaxDirSearchDepth') });
        }
      } else {
        const logPath = pathsOfInput(input).find((p) => p.field === 'logPath' && p.value.includes('**'));
        const depth = get(input.node, 'maxDepth');
        if (!logPath || num(depth) !== 0) continue;
        ctx.report({ node: depth, messageId: 'zero', data: { key: 'maxDepth', path: logPath.value }, fixes: fix('maxDepth') });
      }
    }
  },
});
