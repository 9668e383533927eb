import { fileInputs } from '../../model/logtail-paths';
import { getPair, isScalar } from '../../parse/nodes';
import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'logtail/no-preserve',
  severity: 'warning',
  docs: {
    summary: {
      en: '`preserve: false`: directories and files not updated for 30 minutes stop being watched, and lines written later are missed.',
      zh: '`preserve: false`：30 分钟没有更新的目录和文件会停止监听，之后写入的日志会被漏采。',
    },
    rationale: {
      en: 'With `preserve` false a directory or file "times out after 30 min without updates" (spec §2.3): the agent stops watching it. An application that is quiet for half an hour (nights, weekends, a batch job between runs, a pod in a rarely written hostPath or PVC directory) and then writes again is not collected any more — logs are lost without an error. The default, `preserve: true`, keeps watching.',
      zh: '`preserve` 为 false 时，目录或文件"30 分钟没有更新即超时"（spec §2.3）：采集器停止监听它。应用安静半小时（夜间、周末、两次运行之间的批处理任务、很少写入的 hostPath 或 PVC 目录）后再写入的日志不会再被采集——日志丢失且没有任何报错。默认值 `preserve: true` 会持续监听。',
    },
    remediation: {
      en: 'Quick fix **"Set preserve to true"**. It is a suggestion: the agent then keeps watching every matching directory and file, however long it stays quiet, which changes what it holds open. `preserveDepth` is used only while `preserve` is false (spec §2.3) and can be removed afterwards.',
      zh: '快速修复**"将 preserve 设为 true"**。它属于建议级：之后采集器会持续监听所有匹配的目录和文件，无论其安静多久，这会改变采集器保持监听的对象。`preserveDepth` 只在 `preserve` 为 false 时使用（spec §2.3），之后可以删除。',
    },
    notes: {
      en: 'Checked: `inputDetail.preserve` of legacy configs (standalone JSON/YAML, `AliyunLogConfig`, in a ConfigMap); a string `"false"` counts too. The pipeline `input_file` has no documented equivalent (spec §3.3), and the 1.x `file_log` `Preserve` is not checked (the reference lists it without its semantics). The SDK e2e example `reg_4_docker.json` (spec §2.8) sets `"preserve": false` and is reported.',
      zh: '检查范围：旧版配置（独立 JSON/YAML、`AliyunLogConfig`、ConfigMap 中）的 `inputDetail.preserve`；字符串 `"false"` 同样计入。流水线 `input_file` 没有文档化的对应参数（spec §3.3），1.x `file_log` 的 `Preserve` 不检查（参考资料只列出名称，未说明语义）。SDK 的 e2e 示例 `reg_4_docker.json`（spec §2.8）设置了 `"preserve": false`，会被报告。',
    },
    source: 'spec §2.3 (preserve), §5',
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
  messages: {
    off: {
      en: '`preserve` is false: a directory or file without updates for 30 minutes stops being watched, and lines it gets later are not collected.',
      zh: '`preserve` 为 false：30 分钟没有更新的目录或文件会停止监听，之后写入的日志不会被采集。',
    },
  },
  check(ctx) {
    for (const input of ctx.configs.flatMap(fileInputs)) {
      if (input.form !== 'legacy') continue;
      const pair = getPair(input.node, 'preserve');
      const v = pair?.value;
      if (!pair || !isScalar(v) || !(v.value === false || v.value === 'false')) continue;
      ctx.report({
        node: v,
        messageId: 'off',
        fixes: [{ title: title('Set preserve to true', '将 preserve 设为 true'), kind: 'suggestion', edits: [input.config.edit.replaceScalar(v, true)] }],
      });
    }
  },
});
