import { collectorsOf } from '../../model/collector';
import { placeholderIn } from '../../model/placeholder';
import { isMap, isScalar, isSeq, type Node } from '../../parse/nodes';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logtail/placeholder-unfilled',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A documentation placeholder (`${your_region_config}`, `<your-project>`, `your_xxx`, `cn-xxx`) was left in a collector env var or a Logtail config.',
      zh: '采集器环境变量或 Logtail 配置中留有未填写的文档占位符（`${your_region_config}`、`<your-project>`、`your_xxx`、`cn-xxx`）。',
    },
    rationale: {
      en: 'The SLS and ACK documentation pages and the Logtail templates write values for the reader to replace: `${your_region_config}` in `ALIYUN_LOGTAIL_CONFIG`, `${your_aliyun_user_id}`, `<your-project>`, `your_logstore`, `cn-xxx`. Copied as they are, they reach the agent literally: it looks for a configuration file, a project or a machine group that does not exist, and collects nothing, without an error in the cluster. Kubernetes expands only `$(VAR)` in env values, never `${VAR}`.',
      zh: 'SLS 与 ACK 文档页面以及 Logtail 模板用占位符表示需要读者替换的值：`ALIYUN_LOGTAIL_CONFIG` 中的 `${your_region_config}`、`${your_aliyun_user_id}`、`<your-project>`、`your_logstore`、`cn-xxx`。原样复制后它们会被采集器按字面读取：去找不存在的配置文件、Project 或机器组，结果什么也采集不到，集群中也没有报错。Kubernetes 只展开环境变量值中的 `$(VAR)`，从不展开 `${VAR}`。',
    },
    remediation: {
      en: 'Replace the placeholder with the real value (region, project, logstore, user ID). Checked: literal env values of collector containers, and every string value of Logtail configs (legacy, pipeline, startup parameters, and the CRDs). A placeholder is `${your…}` / `${my…}`, an `<…>` word that is not a regex named group, a word starting with `your_` / `your-` / `yourX`, or `xxx` as a word. Other rules stay silent on a value that holds a placeholder, so the finding says what is wrong instead of restating the expected format.',
      zh: '把占位符替换为真实值（地域、Project、Logstore、用户 ID）。检查范围：采集器容器的字面环境变量值，以及 Logtail 配置（旧版、流水线、启动参数及 CRD）中的每个字符串值。占位符指：`${your…}` / `${my…}`、不是正则命名分组的 `<…>` 词、以 `your_` / `your-` / `yourX` 开头的词，或作为独立词的 `xxx`。值中含占位符时其他规则不再报告，从而直接指出问题所在，而不是复述期望的格式。',
    },
    sources: ['slsDaemonSet', 'slsSidecar'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "1654218965343050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/\${your_region_config}/ilogtail_config.json
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "1654218965343050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['env', 'config'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of collectorsOf(w)) {
        for (const e of c.env) {
          if (e.hasValueFrom || !isScalar(e.valueNode) || typeof e.valueNode.value !== 'string') continue;
          const placeholder = placeholderIn(e.valueNode.value);
          if (placeholder) ctx.report({ node: e.valueNode, messageId: 'env', data: { placeholder, env: e.name, container: c.name } });
        }
      }
    }
    for (const config of ctx.configs) {
      const seen = new Set<Node>();
      const visit = (n: Node | undefined, key: string, depth: number) => {
        if (!n || depth > 40 || seen.has(n)) return;
        seen.add(n);
        if (isScalar(n)) {
          if (typeof n.value !== 'string') return;
          const placeholder = placeholderIn(n.value);
          if (placeholder) ctx.report({ node: n, messageId: 'config', data: { placeholder, key } });
        } else if (isMap(n)) {
          for (const p of n.pairs) visit(p.value, String(p.key.value), depth + 1);
        } else if (isSeq(n)) {
          n.items.forEach((it) => visit(it, key, depth + 1));
        }
      };
      // a CR: its spec (the collection config and the project/logstore it names)
      visit(config.object && config.kind !== 'legacy' && config.kind !== 'pipeline' && config.kind !== 'startup' ? config.root : config.body ?? config.root, '', 0);
    }
  },
});
