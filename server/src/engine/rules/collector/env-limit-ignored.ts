import { ENV_MINIMUM, limitEnvsOf } from '../../model/agent-limits';
import { runningCollectorsOf } from '../../model/agent-paths';
import { term } from '../../catalog';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'collector/env-limit-ignored',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'An env `mem_usage_limit` below 384 or `cpu_usage_limit` below 0.4 is silently ignored by the agent.',
      zh: '环境变量 `mem_usage_limit` 低于 384 或 `cpu_usage_limit` 低于 0.4 时会被采集器静默忽略。',
    },
    rationale: {
      en: 'The agent reads its resource limits from the startup file and then from env, and env wins — but an env value is applied only when it is at least a hard-coded minimum: cpu 0.4 (cores), mem 384 (MB); a smaller value is silently ignored and the agent keeps the file\'s value or its default. The limit you see in the manifest is then not the one the agent enforces; when the agent stays above its real limit for about 5 minutes it restarts itself, which the practice guide warns may duplicate data ("如果资源占用超过限定值5分钟以上，则Logtail会强制重启，重启后可能会产生一定的数据重复").',
      zh: '采集器先从启动配置文件读取资源限制，再读取环境变量，环境变量优先——但环境变量的值只有不低于硬编码的最小值时才生效：cpu 0.4（核）、mem 384（MB）；更小的值被静默忽略，采集器继续使用配置文件中的值或默认值。清单里看到的限制并不是采集器实际执行的限制；采集器超过实际限制约 5 分钟后会自行重启，实践指南提醒"如果资源占用超过限定值5分钟以上，则Logtail会强制重启，重启后可能会产生一定的数据重复"。',
    },
    remediation: {
      en: 'Set `mem_usage_limit` to at least 384 and `cpu_usage_limit` to at least 0.4 (LoongCollector also reads `LOONG_MEM_USAGE_LIMIT` / `LOONG_CPU_USAGE_LIMIT`, checked the same way), or put a lower limit in the startup file (`ilogtail_config.json`), where no minimum applies. A value that is not a number (e.g. `512Mi`; the env value is MB as a plain number) is reported too: the agent cannot read it and ignores it as well. Values set by `valueFrom` are not checked. No automatic fix: raising the value changes what you asked for.',
      zh: '将 `mem_usage_limit` 设为不小于 384、`cpu_usage_limit` 不小于 0.4（LoongCollector 还读取 `LOONG_MEM_USAGE_LIMIT` / `LOONG_CPU_USAGE_LIMIT`，同样检查），或把更低的限制写进启动配置文件（`ilogtail_config.json`），那里没有最小值。不是数字的值（如 `512Mi`；该环境变量是以 MB 为单位的纯数字）也会报告：采集器无法解析，同样会忽略。通过 `valueFrom` 设置的值不检查。没有自动修复：提高取值会改变你的本意。',
    },
    sources: [{ id: 'guide', section: 'SLS-Logtail数据采集可靠性' }, 'slsStartup'],
    bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: logtail-ds
  template:
    metadata:
      labels:
        k8s-app: logtail-ds
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: cpu_usage_limit
          value: "0.2"
        - name: mem_usage_limit
          value: "256"
`,
    good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: logtail-ds
  template:
    metadata:
      labels:
        k8s-app: logtail-ds
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: cpu_usage_limit
          value: "0.4"
        - name: mem_usage_limit
          value: "384"
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['belowMinimum', 'notNumber'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of runningCollectorsOf(w)) {
        for (const l of limitEnvsOf(c)) {
          const node = l.env.valueNode ?? l.env.nameNode;
          if (l.value === undefined) {
            if (!l.text.trim()) continue;
            const unit = term(ctx.locale, `collector/env-limit-ignored.unit.${l.kind === 'mem' ? 'mem' : 'cpu'}`);
            ctx.report({ node, messageId: 'notNumber', data: { env: l.env.name, container: c.name, value: l.text, unit } });
            continue;
          }
          const min = ENV_MINIMUM[l.kind];
          if (l.value >= min) continue;
          ctx.report({ node, messageId: 'belowMinimum', data: { env: l.env.name, container: c.name, value: l.text.trim(), min } });
        }
      }
    }
  },
});
