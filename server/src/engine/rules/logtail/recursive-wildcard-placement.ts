import { analyzeRecursive, configPaths } from '../../model/logtail-paths';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logtail/recursive-wildcard-placement',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A pipeline `FilePaths` entry has `**` somewhere other than directly before the file name, or more than one `**`.',
      zh: '流水线 `FilePaths` 条目中的 `**` 不在紧挨文件名之前的位置，或含有多个 `**`。',
    },
    rationale: {
      en: 'In `input_file` `FilePaths` the agent accepts `*` and a single `**`, and only as the directory directly before the file name: `/var/log/**/*.log` searches the subdirectories of `/var/log` (to `MaxDirSearchDepth` levels) for `*.log`. A `**` anywhere else — in the middle of the directory part (`/var/**/app/*.log`), glued to other characters (`/var/log**/x.log`), in the file name (`/var/log/**.log`) — or a second `**` does not search subdirectories the way it reads, so the files you meant are not collected.',
      zh: '在 `input_file` 的 `FilePaths` 中，采集器接受 `*` 和一个 `**`，且 `**` 只能作为紧挨文件名之前的那一级目录：`/var/log/**/*.log` 会在 `/var/log` 的子目录中（最多 `MaxDirSearchDepth` 层）查找 `*.log`。`**` 出现在其他位置——目录中间（`/var/**/app/*.log`）、与其他字符相连（`/var/log**/x.log`）、文件名中（`/var/log/**.log`）——或出现第二个 `**`，都不会像字面意思那样搜索子目录，你想采集的文件采不到。',
    },
    remediation: {
      en: 'Write the fixed part of the directory, then one `**` segment, then the file name: `/var/log/**/*.log`, and set `MaxDirSearchDepth` to how deep the files can be (logtail/recursive-depth-zero). Where the files are at a fixed level below a variable directory, use `*` for that directory instead (`/var/log/*/app/*.log`). No quick fix: only you know which directories should be searched.',
      zh: '先写目录的固定部分，再写一个 `**` 目录段，最后写文件名：`/var/log/**/*.log`，并把 `MaxDirSearchDepth` 设为文件可能所在的深度（见 logtail/recursive-depth-zero）。若文件位于某个可变目录下的固定层级，请对那一级目录使用 `*`（`/var/log/*/app/*.log`）。不提供快速修复：只有你知道应搜索哪些目录。',
    },
    notes: {
      en: 'Checked: `FilePaths` of pipeline `input_file` inputs (standalone, in a ConfigMap, or in a `ClusterAliyunPipelineConfig`). Legacy `logPath` is a directory searched to `maxDepth` levels, not a `**` pattern, and is not checked here. Exclusion lists (`ExcludeFilePaths`, `ExcludeDirs`) are documented with `*` only and are not checked. One finding per entry.',
      zh: '检查范围：流水线 `input_file` 输入的 `FilePaths`（独立文件、ConfigMap 中或 `ClusterAliyunPipelineConfig` 中）。旧版 `logPath` 是按 `maxDepth` 层搜索的目录，而非 `**` 模式，此处不检查。排除列表（`ExcludeFilePaths`、`ExcludeDirs`）文档只支持 `*`，不检查。每个条目一条诊断。',
    },
    sources: ['lcInputFile'],
    bad: `apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: app-file-log
spec:
  project:
    name: k8s-log-my-cluster
  config:
    inputs:
      - Type: input_file
        FilePaths:
          - /data/logs/**/app_1/test.LOG
        MaxDirSearchDepth: 10
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
  name: app-file-log
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
  messages: ['several', 'placement', 'glued', 'fileName'],
  check(ctx) {
    for (const p of configPaths(ctx.configs)) {
      if (p.field !== 'FilePaths') continue;
      const r = analyzeRecursive(p.value);
      if (r.count > 1) {
        ctx.report({ node: p.node, messageId: 'several', data: { path: p.value, count: r.count } });
        continue;
      }
      const m = r.misplaced[0];
      if (!m) continue;
      if (m.fileName) ctx.report({ node: p.node, messageId: 'fileName', data: { path: p.value, segment: m.segment } });
      else if (m.segment !== '**') ctx.report({ node: p.node, messageId: 'glued', data: { path: p.value, segment: m.segment } });
      else ctx.report({ node: p.node, messageId: 'placement', data: { path: p.value, after: p.value.slice(p.value.indexOf('/**/') + 4, p.value.lastIndexOf('/')) } });
    }
  },
});
