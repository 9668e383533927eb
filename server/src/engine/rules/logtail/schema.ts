import { defineRule } from '../../rule';
import { isPlaceholder } from '../../model/placeholder';
import { isScalar } from '../../parse/nodes';
import { SCHEMA_MESSAGE_IDS, schemaFixes, validateConfig, messageData } from '../../schemas/index';

export default defineRule({
  id: 'logtail/schema',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A Logtail collection config (legacy, pipeline, AliyunLogConfig or ClusterAliyunPipelineConfig) breaks its JSON Schema: unknown key, missing required key, wrong type, value not allowed or out of range.',
      zh: 'Logtail 采集配置（旧版、流水线、AliyunLogConfig 或 ClusterAliyunPipelineConfig）不符合其 JSON Schema：未知键、缺少必填键、类型错误、取值不允许或超出范围。',
    },
    rationale: {
      en: 'A collection config with a misspelt key (`logPth`, `processor:` instead of `processors:`), a missing field or a value of the wrong type does not collect what it was written to collect: the misspelt key is not read, so the field keeps its default or stays empty, and files are not collected, or collected into the wrong place. The schemas in `schemas/` follow the reference: the legacy config of the SLS API `CreateConfig`, the `AliyunLogConfig` CRD, the `ClusterAliyunPipelineConfig` CRD and the iLogtail 2.x / LoongCollector pipeline config. A config embedded in a CRD (`spec.logtailConfig`, `spec.config`) or in a ConfigMap (`data: {json_log.yaml: |…}`, as the official iLogtail/LoongCollector templates ship) is checked exactly like the standalone file.',
      zh: '键名拼错（`logPth`、把 `processors:` 写成 `processor:`）、缺少字段或取值类型错误的采集配置，采集不到它本来要采集的内容：拼错的键不会被读取，对应字段保持默认值或为空，文件因此没有被采集，或被采集到错误的位置。`schemas/` 中的 Schema 依据参考文档编写：SLS API `CreateConfig` 的旧版配置、`AliyunLogConfig` CRD、`ClusterAliyunPipelineConfig` CRD以及 iLogtail 2.x / LoongCollector 流水线配置。嵌入 CRD（`spec.logtailConfig`、`spec.config`）或 ConfigMap（`data: {json_log.yaml: |…}`，与官方 iLogtail/LoongCollector 模板相同）中的配置与独立文件做完全相同的检查。',
    },
    remediation: {
      en: 'Fix the key or value the finding points at. Quick fixes (all `safe`): "Rename to `<known key>`" for an unknown key within edit distance 2, ignoring case, of a key allowed at that place (1 for keys of fewer than 6 characters, so `base` is not renamed to `task`), or a documented alias: `isDocherFile` → `dockerFile`, AliyunLogConfig `ttl` → `lifeCycle`, `logSample` ↔ `sample`; a rename onto a key the object already has is not offered. "Change to `<allowed value>`" for a value not in the allowed list but within the same distance of an allowed value (`json_lg` → `json_log`, `Query` → `query`); "Convert to number" / "Convert to boolean" / "Convert to string" when the value is written with the wrong JSON/YAML type (`"10"`, `"true"`, `8080`).',
      zh: '修改诊断所指的键或值。快速修复（均为 `safe`）：未知键与该位置允许的某个键在忽略大小写后编辑距离不超过 2（不足 6 个字符的键为 1，以免把 `base` 改成 `task`），或为文档记载的别名（`isDocherFile` → `dockerFile`、AliyunLogConfig 的 `ttl` → `lifeCycle`、`logSample` ↔ `sample`）时提供"重命名为 `<已知键>`"（不会重命名为对象中已有的键）；取值不在允许列表中、但与某个允许值的距离在同样范围内时（`json_lg` → `json_log`、`Query` → `query`）提供"改为 `<允许值>`"；取值的 JSON/YAML 类型写错时（`"10"`、`"true"`、`8080`）提供"转换为数字"/"转换为布尔值"/"转换为字符串"。',
    },
    notes: {
      en: 'Placement: a missing key is reported on the key of the object that lacks it (for a list item such as a plugin, on its `Type` key, else its first key; for the top level of a CRD, on `kind`; for the top level of a plain config, on its first key); an unknown key on that key; every other error on the value (on its key when the value is empty or a block list/map). Unknown keys are warnings, everything else errors. Merged into one finding: ajv\'s `if`/`then` wrappers are dropped; a `flusher_sls` without `Logstore` ("`Logstore` is required", `LogstoreName` also accepted); `logstoreHotTTL`/`hotTtl` ("must be 0 or at least 7"); a value that breaks both its type and its enumeration (`"443"` for 80|443: the enumeration\'s finding, whose fix writes the typed value); and an unknown key that is the misspelling of a missing required key (`logPth` while `logPath` is missing: one error on `logPth`). When a required key is missing and a sibling key looks like its misspelling in an open object (`LogStore` in `flusher_sls`), the finding offers "Rename `LogStore` to `Logstore`". Division of work: this rule reports everything the schemas express, including the format of `configName` and of a `ClusterAliyunPipelineConfig` `metadata.name` (`logtail/config-name` does not repeat them) and missing or empty `inputs`/`flushers` and a plugin without a string `Type` (`logtail/pipeline-structure` does not repeat them). `kind: AliyunPipelineConfig` (the namespaced variant, whose fields Alibaba Cloud\'s documentation does not confirm) is checked like `ClusterAliyunPipelineConfig` without reporting its kind.',
      zh: '定位：缺少的键报告在缺少它的对象的键上（插件等列表项报告在其 `Type` 键上，没有则在第一个键上；CRD 顶层报告在 `kind` 上；普通配置顶层报告在第一个键上）；未知键报告在该键上；其他错误报告在取值上（取值为空或为块状列表/映射时报告在其键上）。未知键为警告，其余为错误。合并为一条诊断：丢弃 ajv 的 `if`/`then` 包装错误；缺少 `Logstore` 的 `flusher_sls`（"需要 `Logstore`"，也接受 `LogstoreName`）；`logstoreHotTTL`/`hotTtl`（"必须为 0 或不小于 7"）；类型与枚举同时不符的取值（80|443 处写成 `"443"`：保留枚举的诊断，其修复写入正确类型的值）；以及恰为缺失必填键拼写错误的未知键（缺少 `logPath` 时的 `logPth`：在 `logPth` 上报一条错误）。在开放对象中缺少必填键、而某个同级键像是它的拼写错误时（`flusher_sls` 中的 `LogStore`），诊断提供"将 `LogStore` 重命名为 `Logstore`"。分工：本规则报告 Schema 能表达的所有问题，包括 `configName` 与 `ClusterAliyunPipelineConfig` 的 `metadata.name` 的格式（`logtail/config-name` 不重复报告），以及流水线配置中缺少或为空的 `inputs`/`flushers` 和缺少字符串 `Type` 的插件（`logtail/pipeline-structure` 不重复报告）。`kind: AliyunPipelineConfig`（命名空间级变体，其字段未经阿里云文档确认）按 `ClusterAliyunPipelineConfig` 检查，但不报告其 kind。',
    },
    sources: ['slsLogtailConfig', 'slsCrd', 'lcInputFile'],
    bad: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-json
spec:
  logstore: nginx
  ttl: 30
  logtailConfig:
    inputType: file
    configName: nginx-json
    inputDetail:
      logType: json_lg
      logPath: /var/log/nginx
      filePattern: "*.log"
      dockerFile: true
      maxDepth: "10"
`,
    good: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-json
spec:
  logstore: nginx
  lifeCycle: 30
  logtailConfig:
    inputType: file
    configName: nginx-json
    inputDetail:
      logType: json_log
      logPath: /var/log/nginx
      filePattern: "*.log"
      dockerFile: true
      maxDepth: 10
`,
  },
  messages: SCHEMA_MESSAGE_IDS,
  check(ctx) {
    for (const config of ctx.configs) {
      if (config.kind === 'startup') continue;
      for (const p of validateConfig(config)) {
        if (p.messageId === 'misspelled') continue;
        if (['pattern', 'enum', 'const', 'format'].includes(p.keyword) && isScalar(p.value) && isPlaceholder(p.value.value)) continue; // logtail/placeholder-unfilled
        ctx.report({
          node: p,
          messageId: p.messageId,
          data: messageData(p, ctx.locale),
          severity: p.severity,
          fixes: schemaFixes(p, config),
        });
      }
    }
  },
});
