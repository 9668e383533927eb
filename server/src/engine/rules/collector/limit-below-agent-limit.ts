import { ENV_MINIMUM, limitEnvsOf } from '../../model/agent-limits';
import { runningCollectorsOf } from '../../model/agent-paths';
import { parseQuantity, toMiB } from '../../model/quantity';
import { at, isScalar, str } from '../../parse/nodes';
import { defineRule } from '../../rule';
import { sourceOf } from '../../parse/text';

const MiB = 2 ** 20;
/**
 * At or above this many MB (about 1 TB, more than any node) the agent's own limit is read as switched off on purpose:
 * in Kubernetes the docs suggest very high limits (e.g. 99999999) and relying on the pod's limits (spec §1.4).
 */
const DISABLED_MB = 1_000_000;

export default defineRule({
  id: 'collector/limit-below-agent-limit',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'The collector\'s env `mem_usage_limit` is larger than the container\'s `resources.limits.memory`.',
      zh: '采集器环境变量 `mem_usage_limit` 大于容器的 `resources.limits.memory`。',
    },
    rationale: {
      en: '`mem_usage_limit` (MB) is the agent\'s own soft limit: above it for about 5 minutes, the agent restarts itself in an orderly way. If the container\'s memory limit is lower, the kernel kills the agent first (OOMKilled), abruptly: data not yet flushed is lost and, since checkpoints are saved only periodically, the restarted agent reads again from an older position. Either keep the agent\'s limit below the pod\'s, so that its orderly restart comes first, or switch it off on purpose with a very high value and let the pod limit govern, as the documents suggest for Kubernetes.',
      zh: '`mem_usage_limit`（MB）是采集器自身的软限制：超过约 5 分钟后采集器会有序地自行重启。如果容器内存限制更低，内核会先把采集器杀掉（OOMKilled），且是突然终止：未发送的数据丢失，而 checkpoint 只是定期保存，重启后会从更早的位置重读。要么让采集器自身的限制低于 Pod 的限制，使其有序重启先发生；要么像文档对 Kubernetes 的建议那样，用一个很大的值有意关闭它、以 Pod 限制为准。',
    },
    remediation: {
      en: 'Set `mem_usage_limit` below the container limit (e.g. 512 for `limits.memory: 1Gi`, as the open-source templates do) or raise `limits.memory`. Quantities are read in every Kubernetes form (`512Mi`, `1G`, `1e9`, `2048M`, `1.5Gi`, `100m`, plain bytes); the agent\'s MB are taken as MiB (2^20 bytes), so `mem_usage_limit: 512` fits exactly in `512Mi`. A value of 1000000 MB (about 1 TB) or more is read as the agent\'s limit switched off on purpose and is not reported. Env values below the agent\'s minimum of 384 are ignored by the agent and left to collector/env-limit-ignored; `LOONG_MEM_USAGE_LIMIT` is checked for LoongCollector. An invalid quantity such as `512MI` is not read as a limit here; k8s/schema reports it, for every container, with its fix.',
      zh: '把 `mem_usage_limit` 设得低于容器限制（如 `limits.memory: 1Gi` 时设为 512，开源模板即如此），或提高 `limits.memory`。支持 Kubernetes 的各种数量写法（`512Mi`、`1G`、`1e9`、`2048M`、`1.5Gi`、`100m`、纯字节数）；采集器的 MB 按 MiB（2^20 字节）计算，因此 `mem_usage_limit: 512` 恰好等于 `512Mi`。1000000 MB（约 1 TB）及以上的值视为有意关闭采集器自身限制，不报告。低于采集器最小值 384 的环境变量值会被采集器忽略，由 collector/env-limit-ignored 报告；LoongCollector 还检查 `LOONG_MEM_USAGE_LIMIT`。`512MI` 这类非法数量在这里不当作限制读取；由 k8s/schema 对每个容器报告并给出修复。',
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
        - name: mem_usage_limit
          value: "2048"
        resources:
          limits:
            memory: 1Gi
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
        - name: mem_usage_limit
          value: "512"
        resources:
          limits:
            memory: 1Gi
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['aboveLimit'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of runningCollectorsOf(w)) {
        let limit: { bytes: number; text: string } | undefined;
        for (const section of ['limits', 'requests'] as const) {
          const node = at(c.node, 'resources', section, 'memory');
          if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') continue;
          // the text as written (YAML reads `1e9` as a number)
          const text = node.quoted || node.block ? str(node)! : sourceOf(ctx.file).slice(node.start, node.end).trim() || str(node)!;
          const q = parseQuantity(text);
          if (!q?.ok) continue; // an invalid quantity is k8s/schema's finding
          if (section === 'limits' && q.value > 0) limit = { bytes: q.value, text };
        }
        if (!limit) continue;
        for (const l of limitEnvsOf(c)) {
          if (l.kind !== 'mem' || l.value === undefined || l.value < ENV_MINIMUM.mem || l.value >= DISABLED_MB) continue;
          if (l.value * MiB <= limit.bytes) continue;
          ctx.report({
            node: l.env.valueNode ?? l.env.nameNode,
            messageId: 'aboveLimit',
            data: { env: l.env.name, container: c.name, mb: l.text.trim(), limit: limit.text, limitMb: toMiB(limit.bytes) },
          });
        }
      }
    }
  },
});
