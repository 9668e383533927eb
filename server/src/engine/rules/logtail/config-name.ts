import { at, isScalar } from '../../parse/nodes';
import { isPlaceholder } from '../../model/placeholder';
import { defineRule, title } from '../../rule';

/** The SLS config-name pattern (spec §3.3 [OAPI] `configName`; spec §2.1, §7: 2–128 characters). */
const CONFIG_NAME = /^[0-9a-zA-Z][0-9a-zA-Z_-]{0,126}[0-9a-zA-Z]$/;

export default defineRule({
  id: 'logtail/config-name',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'An `AliyunLogConfig` name is not a valid SLS config name, or `metadata.name` differs from `spec.logtailConfig.configName`.',
      zh: '`AliyunLogConfig` 的名称不是合法的 SLS 配置名，或 `metadata.name` 与 `spec.logtailConfig.configName` 不一致。',
    },
    rationale: {
      en: 'An SLS config name has 2–128 characters from letters, digits, `_` and `-`, starting and ending with a letter or digit (`^[0-9a-zA-Z][0-9a-zA-Z_-]{0,126}[0-9a-zA-Z]$`); SLS rejects other names. For the `AliyunLogConfig` CRD the reference says "`metadata.name` should equal `spec.logtailConfig.configName`; CR must be unique in cluster": when they differ, the config in SLS carries another name than the object that manages it, which makes it easy to create a second config for the same files (the agent then refuses the second config on a file already collected) or to delete the wrong one.',
      zh: 'SLS 配置名由 2–128 个字母、数字、`_`、`-` 组成，首尾为字母或数字（`^[0-9a-zA-Z][0-9a-zA-Z_-]{0,126}[0-9a-zA-Z]$`）；其他名称会被 SLS 拒绝。对于 `AliyunLogConfig` CRD，参考资料要求"`metadata.name` should equal `spec.logtailConfig.configName`; CR must be unique in cluster"：两者不一致时，SLS 中的配置名与管理它的对象名不同，容易为同一批文件再创建一个配置（采集器默认不允许同一文件被第二个配置采集），或误删另一个配置。',
    },
    remediation: {
      en: 'Give the `AliyunLogConfig` a `metadata.name` that is also a valid config name (lowercase letters, digits and `-` satisfy both Kubernetes and SLS), and use the same value as `spec.logtailConfig.configName`: quick fix **"Use `<metadata.name>`"** sets `configName` to `metadata.name`. It is a suggestion: a config name is immutable in SLS, so the new name makes a new config; delete the old one in SLS if it was already created.',
      zh: '为 `AliyunLogConfig` 取一个同时也是合法配置名的 `metadata.name`（小写字母、数字和 `-` 同时满足 Kubernetes 与 SLS 的要求），并让 `spec.logtailConfig.configName` 使用相同的值：快速修复**"使用 `<metadata.name>`"**把 `configName` 设为 `metadata.name`。它属于建议级：SLS 中配置名创建后不可修改，新名称会生成一个新配置；若旧配置已创建，请在 SLS 中删除它。',
    },
    notes: {
      en: 'Division of work with logtail/schema: the schemas already check the name pattern of `configName` (legacy configs, `AliyunLogConfig` `spec.logtailConfig`, pipeline API bodies) and of `ClusterAliyunPipelineConfig` `metadata.name` (lowercase only there), so this rule does not report those a second time. It reports what the schemas cannot: an `AliyunLogConfig` `metadata.name` that is no valid config name (error) — e.g. a Kubernetes name with `.` — and a `metadata.name` that differs from `configName` (warning, on `configName`). The fix is not offered when `metadata.name` is itself not a valid config name.',
      zh: '与 logtail/schema 的分工：schema 已检查 `configName`（旧版配置、`AliyunLogConfig` 的 `spec.logtailConfig`、流水线 API 请求体）以及 `ClusterAliyunPipelineConfig` 的 `metadata.name`（该处只允许小写）的名称格式，本规则不重复报告。本规则报告 schema 无法表达的问题：`AliyunLogConfig` 的 `metadata.name` 不是合法配置名（错误）——例如含 `.` 的 Kubernetes 名称——以及 `metadata.name` 与 `configName` 不一致（警告，报在 `configName` 上）。当 `metadata.name` 本身不是合法配置名时不提供修复。',
    },
    sources: ['slsLogtailConfig', 'slsCrd'],
    bad: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: regex-file-example
spec:
  logstore: k8s-file
  logtailConfig:
    inputType: file
    configName: regex_file_example
    inputDetail:
      logType: common_reg_log
      logPath: /app/logs
      filePattern: error.LOG
      dockerFile: true
`,
    good: `apiVersion: log.alibabacloud.com/v1alpha1
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
      dockerFile: true
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['metadataName', 'mismatch'],
  check(ctx) {
    for (const config of ctx.configs) {
      if (config.kind !== 'aliyunlogconfig') continue;
      const nameNode = at(config.root, 'metadata', 'name');
      if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.value) continue;
      const name = nameNode.value;
      const valid = CONFIG_NAME.test(name);
      if (!valid && !isPlaceholder(name)) ctx.report({ node: nameNode, messageId: 'metadataName', data: { name } });
      const cn = at(config.body, 'configName');
      if (!isScalar(cn) || typeof cn.value !== 'string' || cn.value === name) continue;
      ctx.report({
        node: cn,
        messageId: 'mismatch',
        severity: 'warning',
        data: { configName: cn.value, name },
        fixes: valid ? [{ title: title('Use "{name}"', { name }), kind: 'suggestion', edits: [config.edit.replaceScalar(cn, name)] }] : [],
      });
    }
  },
});
