import { fileInputs } from '../../model/logtail-paths';
import { get, getPair, isScalar, seqItems, str, type Node } from '../../parse/nodes';
import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'logtail/no-preserve',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: '`preserve: false`: directories deeper than `preserveDepth` below the log path stop being watched once idle, and lines written there later are missed.',
      zh: '`preserve: false`：日志路径下深度超过 `preserveDepth` 的目录空闲一段时间后停止监听，之后写入其中的日志会被漏采。',
    },
    rationale: {
      en: 'With `preserve: false` the agent puts a timeout on the directories more than `preserveDepth` levels below `logPath` (iLogtail `Config::IsTimeout`, core/config/Config.cpp at v1.8.8; in iLogtail 2.x / LoongCollector the pipeline field `PreservedDirDepth`, `FileDiscoveryOptions::IsTimeout`). A directory that gets no update for `timeout_interval` (900 s in the agent source; the SLS console says 30 minutes) stops being watched, and lines written there later are not collected, without an error. `logPath` itself and the directories down to `preserveDepth` never time out, and files have no timeout of their own. So the setting only matters when the configuration searches deeper than `preserveDepth` (`maxDepth`, or `**` with `MaxDirSearchDepth` in a pipeline).',
      zh: '`preserve: false` 时，采集器会对 `logPath` 下深度超过 `preserveDepth` 的目录设置超时（iLogtail v1.8.8 core/config/Config.cpp 中的 `Config::IsTimeout`；iLogtail 2.x / LoongCollector 中对应流水线字段 `PreservedDirDepth`，见 `FileDiscoveryOptions::IsTimeout`）。目录在 `timeout_interval`（采集器源码中为 900 秒；SLS 控制台称 30 分钟）内没有更新即停止监听，之后写入其中的日志不会被采集，也没有报错。`logPath` 本身以及深度不超过 `preserveDepth` 的目录永不超时，文件本身也没有超时。因此只有当配置的搜索深度超过 `preserveDepth`（`maxDepth`，或流水线中 `**` 配合 `MaxDirSearchDepth`）时该设置才有影响。',
    },
    remediation: {
      en: 'Quick fix **"Set preserve to true"** (a suggestion: the agent then keeps watching every matching directory however long it stays idle), or make `preserveDepth` at least `maxDepth` so that every directory the configuration searches is kept. Silent when `maxDepth` is at most `preserveDepth` (and, in a pipeline, when `FilePaths` has no `**` or `MaxDirSearchDepth` is at most `PreservedDirDepth`). When `maxDepth` is absent the agent searches every depth, and the finding is information: only subdirectories that actually exist are affected.',
      zh: '快速修复**"将 preserve 设为 true"**（建议级：之后采集器会持续监听所有匹配目录，无论空闲多久），或把 `preserveDepth` 设为不小于 `maxDepth`，使配置搜索到的每个目录都被保留。`maxDepth` 不超过 `preserveDepth` 时不报告（流水线中 `FilePaths` 不含 `**`，或 `MaxDirSearchDepth` 不超过 `PreservedDirDepth` 时也不报告）。未设置 `maxDepth` 时采集器搜索所有深度，此时以提示（information）级别报告：只有实际存在的子目录才受影响。',
    },
    notes: {
      en: 'Checked: `inputDetail.preserve` of legacy configs (standalone JSON/YAML, `AliyunLogConfig`, in a ConfigMap; a string `"false"` counts too) and `PreservedDirDepth` of the pipeline `input_file`. An absent `preserveDepth` counts as 0. The 1.x agent does not time out directories of a `logPath` with a wildcard; LoongCollector does, so wildcards are not exempt.',
      zh: '检查范围：旧版配置（独立 JSON/YAML、`AliyunLogConfig`、ConfigMap 中；字符串 `"false"` 同样计入）的 `inputDetail.preserve`，以及流水线 `input_file` 的 `PreservedDirDepth`。未设置 `preserveDepth` 按 0 计。1.x 采集器不会让含通配符的 `logPath` 下的目录超时，而 LoongCollector 会，因此通配符不豁免。',
    },
    sources: ['slsLogtailConfig', 'lcInputFile'],
    language: 'json',
    bad: `{
  "configName": "nginx-log",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/var/log/nginx",
    "filePattern": "*.log",
    "dockerFile": true,
    "preserve": false,
    "preserveDepth": 1
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "nginx-log"
  }
}
`,
    good: `{
  "configName": "nginx-log",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/var/log/nginx",
    "filePattern": "*.log",
    "dockerFile": true,
    "preserve": true
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "nginx-log"
  }
}
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['off', 'pipeline'],
  check(ctx) {
    for (const input of ctx.configs.flatMap(fileInputs)) {
      if (input.form === 'legacy') {
        const pair = getPair(input.node, 'preserve');
        const v = pair?.value;
        if (!pair || !isScalar(v) || !(v.value === false || v.value === 'false')) continue;
        const depth = intOf(get(input.node, 'preserveDepth')) ?? 0;
        const maxDepthNode = get(input.node, 'maxDepth');
        const maxDepth = intOf(maxDepthNode);
        if (maxDepthNode !== undefined && maxDepth === undefined) continue; // not a number: logtail/schema
        if (maxDepth !== undefined && maxDepth >= 0 && maxDepth <= depth) continue;
        ctx.report({
          node: v,
          messageId: 'off',
          severity: maxDepth === undefined ? 'information' : undefined,
          data: { depth, path: str(get(input.node, 'logPath')) ?? '' },
          fixes: [{ title: title('Set preserve to true'), kind: 'suggestion', edits: [input.config.edit.replaceScalar(v, true)] }],
        });
      } else {
        const depthNode = get(input.node, 'PreservedDirDepth');
        const depth = intOf(depthNode);
        if (depth === undefined || depth < 0 || !isScalar(depthNode)) continue;
        const paths = seqItems(get(input.node, 'FilePaths')).map((n) => str(n)).filter((p): p is string => !!p);
        const recursive = paths.filter((p) => p.includes('**'));
        if (!recursive.length) continue; // only the base directory is searched; it never times out
        const maxDepth = intOf(get(input.node, 'MaxDirSearchDepth')) ?? 0;
        if (maxDepth <= depth) continue;
        ctx.report({
          node: depthNode,
          messageId: 'pipeline',
          data: { depth, path: recursive[0]!.slice(0, recursive[0]!.indexOf('**')) },
          fixes: [{ title: title('Remove PreservedDirDepth'), kind: 'suggestion', edits: [input.config.edit.removePair(getPair(input.node, 'PreservedDirDepth')!)] }],
        });
      }
    }
  },
});

function intOf(n: Node | undefined): number | undefined {
  if (!isScalar(n)) return undefined;
  const v = typeof n.value === 'string' && /^-?\d+$/.test(n.value.trim()) ? Number(n.value) : n.value;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
