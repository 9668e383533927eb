import { fileInputs } from '../../model/logtail-paths';
import { get, num } from '../../parse/nodes';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logtail/delay-skip',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: '`delaySkipBytes` / `ReadDelaySkipThresholdBytes` is above 0: when collection falls behind by more than that, the backlog is skipped (data loss by design).',
      zh: '`delaySkipBytes` / `ReadDelaySkipThresholdBytes` 大于 0：采集落后超过该值时，积压的数据会被跳过（按设计丢数据）。',
    },
    rationale: {
      en: 'With `delaySkipBytes` > 0 (legacy) or `ReadDelaySkipThresholdBytes` > 0 (pipeline `input_file`) the agent skips the part of a file it is more than that many bytes behind on. A burst of logs, a slow network or a restarted agent then loses data on purpose. The default 0 never skips; `delayAlarmBytes` / `ReadDelayAlertThresholdBytes` only raise an alarm.',
      zh: '`delaySkipBytes`（旧版）或 `ReadDelaySkipThresholdBytes`（流水线 `input_file`）大于 0 时，采集器会跳过文件中落后超过该字节数的部分。日志突增、网络变慢或采集器重启都会导致数据被有意丢弃。默认值 0 从不跳过；`delayAlarmBytes` / `ReadDelayAlertThresholdBytes` 只会告警。',
    },
    remediation: {
      en: 'Remove the setting or set it to 0 unless losing the backlog is what you want (e.g. only fresh lines matter), and watch the lag with `delayAlarmBytes` / `ReadDelayAlertThresholdBytes` instead. No quick fix: skipping may be a deliberate trade-off.',
      zh: '除非你确实希望丢弃积压（例如只关心最新日志），否则请删除该设置或设为 0，改用 `delayAlarmBytes` / `ReadDelayAlertThresholdBytes` 监控落后量。不提供快速修复：跳过可能是有意的取舍。',
    },
    notes: {
      en: 'Checked: legacy `inputDetail.delaySkipBytes` (standalone, `AliyunLogConfig`, ConfigMap) and pipeline `input_file` `ReadDelaySkipThresholdBytes` (standalone, ConfigMap, `ClusterAliyunPipelineConfig`); numbers and numeric strings. The 1.x `file_log` `DelaySkipBytes` is not checked (the reference lists it without its semantics).',
      zh: '检查范围：旧版 `inputDetail.delaySkipBytes`（独立文件、`AliyunLogConfig`、ConfigMap）与流水线 `input_file` 的 `ReadDelaySkipThresholdBytes`（独立文件、ConfigMap、`ClusterAliyunPipelineConfig`）；数字和数字字符串均计入。1.x `file_log` 的 `DelaySkipBytes` 不检查（参考资料只列出名称，未说明语义）。',
    },
    sources: ['slsLogtailConfig', 'lcInputFile'],
    bad: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
    ReadDelaySkipThresholdBytes: 104857600
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
    good: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
    ReadDelayAlertThresholdBytes: 104857600
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['skip'],
  check(ctx) {
    for (const input of ctx.configs.flatMap(fileInputs)) {
      const key = input.form === 'legacy' ? 'delaySkipBytes' : 'ReadDelaySkipThresholdBytes';
      const v = get(input.node, key);
      const n = num(v);
      if (!v || n === undefined || !(n > 0)) continue;
      ctx.report({ node: v, messageId: 'skip', data: { key, value: n } });
    }
  },
});
