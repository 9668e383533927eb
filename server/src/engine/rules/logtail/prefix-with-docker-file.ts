import { HOST_PREFIX, configPaths, hasHostPrefix, stripHostPrefix, replacePath } from '../../model/logtail-paths';
import { defineRule, title, type FixSpec } from '../../rule';
import { sourceOf } from '../../parse/text';

export default defineRule({
  id: 'logtail/prefix-with-docker-file',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A `/logtail_host` node path is collected with `dockerFile` / `EnableContainerDiscovery` on, which makes it a path inside the application containers.',
      zh: '在 `dockerFile` / `EnableContainerDiscovery` 开启时采集 `/logtail_host` 节点路径，而开启后路径被当作业务容器内的路径。',
    },
    rationale: {
      en: 'The "是否为Docker文件" switch decides what the path means (practice guide: 配置EmptyDir模式采集): on (`dockerFile: true`, pipeline `EnableContainerDiscovery: true`), "sls会认为配置的日志路径是日志在容器中的路径" — the agent looks for the path inside every matching application container; off, it is a path on the node, which the Logtail DaemonSet sees under `/logtail_host` (practice guide: 配置HostPath模式采集). `/logtail_host/…` is the agent\'s own view of the node; no application container has such a directory, so with the switch on nothing is collected. Container paths and node paths are mixed up.',
      zh: '"是否为Docker文件"开关决定路径的含义（实践指南：配置EmptyDir模式采集）：开启（`dockerFile: true`，流水线中 `EnableContainerDiscovery: true`）时"sls会认为配置的日志路径是日志在容器中的路径"——采集器在每个匹配的业务容器内查找该路径；关闭时是节点路径，Logtail DaemonSet 在 `/logtail_host` 下看到它（实践指南：配置HostPath模式采集）。`/logtail_host/…` 是采集器自己看到的节点视图，业务容器中没有这样的目录，因此开关开启时什么也采不到：容器路径与节点路径混用了。',
    },
    remediation: {
      en: 'Decide which one you mean. To collect the node directory (the practice guide\'s HostPath and PVC modes, which survive a pod moving away from a failed node): **"Set dockerFile to false"** (for a pipeline input: `EnableContainerDiscovery`). To collect the path inside the containers (the EmptyDir mode): **"Remove /logtail_host prefix"**, leaving the container path. Both change what is collected, so both are suggestions.',
      zh: '先确定你要采集哪一种。采集节点目录（实践指南的 HostPath 与 PVC 模式，在 Pod 从故障节点漂移后仍能采集）：**"将 dockerFile 设为 false"**（流水线输入中为 `EnableContainerDiscovery`）。采集容器内的路径（EmptyDir 模式）：**"去掉 /logtail_host 前缀"**，保留容器路径。两者都会改变采集内容，因此都属于建议级修复。',
    },
    notes: {
      en: 'Checked paths: legacy `inputDetail.logPath` and `advanced.blacklist` paths, pipeline `input_file` `FilePaths`, `ExcludeFilePaths`, `ExcludeDirs`. A string switch `"true"` counts as on. One finding per path; the switch fix resolves every path of that input at once.',
      zh: '检查的路径：旧版 `inputDetail.logPath` 与 `advanced.blacklist` 中的路径，流水线 `input_file` 的 `FilePaths`、`ExcludeFilePaths`、`ExcludeDirs`。字符串形式的开关 `"true"` 也视为开启。每条路径一条诊断；开关修复会一次解决该输入的所有路径。',
    },
    sources: [{ id: 'guide', section: '配置EmptyDir模式采集; 配置HostPath模式采集' }, 'slsDaemonSet', 'slsK8sGuide'],
    language: 'json',
    bad: `{
  "configName": "nginx-log-hostpath",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/logtail_host/mnt/",
    "filePattern": "*.log",
    "dockerFile": true
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "nginx-log"
  }
}
`,
    good: `{
  "configName": "nginx-log-hostpath",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/logtail_host/mnt/",
    "filePattern": "*.log",
    "dockerFile": false
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "nginx-log"
  }
}
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['mixed'],
  check(ctx) {
    for (const p of configPaths(ctx.configs)) {
      if (!p.input.containerMode || !hasHostPrefix(p.value)) continue;
      const { config, switchPair, switchKey } = p.input;
      const fixes: FixSpec[] = [];
      if (switchPair) {
        fixes.push({ title: title('Set {switchKey} to false', { switchKey }), kind: 'suggestion', edits: [config.edit.replaceScalar(switchPair.value, false)] });
      }
      const stripped = stripHostPrefix(p.value, HOST_PREFIX);
      fixes.push({ title: title('Remove /logtail_host prefix'), kind: 'suggestion', edits: [replacePath(sourceOf(ctx.file), config, p.node, stripped)] });
      ctx.report({ node: p.node, messageId: 'mixed', data: { field: p.field, path: p.value, switch: switchKey }, fixes });
    }
  },
});
