import type { Value } from '../../fix/editor';
import { collectorsOf, imageFamily } from '../../model/collector';
import { containerAnchor } from '../../model/sidecar';
import { getPair, isMap, isScalar } from '../../parse/nodes';
import { defineRule, title, type FixSpec } from '../../rule';

/** The seed's health check (Sidecar采集配置示例). */
const SEED_PROBE: Record<string, Value> = {
  exec: { command: ['/etc/init.d/ilogtaild', 'status'] },
  initialDelaySeconds: 30,
  periodSeconds: 30,
};

export default defineRule({
  id: 'collector/no-liveness-probe',
  severity: 'information',
  scope: 'document',
  docs: {
    summary: { en: 'A Logtail container has no livenessProbe.', zh: 'Logtail 容器没有配置 livenessProbe。' },
    rationale: {
      en: 'The practice guide\'s sidecar example gives the Logtail container a health check (健康检查): `exec: /etc/init.d/ilogtaild status` every 30 s after an initial 30 s. Without a liveness probe Kubernetes only notices that the container has exited; an agent that is still running but no longer works is never restarted, and while it is not collecting, rotated log files can be lost (practice guide: "Logtail未运行且日志轮转多次").',
      zh: '实践指南的 Sidecar 示例为 Logtail 容器配置了健康检查：初始延迟 30 秒后每 30 秒执行 `/etc/init.d/ilogtaild status`。没有存活探针时，Kubernetes 只能发现容器已退出；进程仍在但已不工作的 Logtail 永远不会被重启，而它不采集期间，轮转的日志文件可能丢失（实践指南："Logtail未运行且日志轮转多次"）。',
    },
    remediation: {
      en: 'Quick fix "Add liveness probe" inserts exactly the practice guide\'s probe: `livenessProbe: {exec: {command: [/etc/init.d/ilogtaild, status]}, initialDelaySeconds: 30, periodSeconds: 30}`. It is a `suggestion`, not `safe`: a liveness probe adds a new reason for Kubernetes to restart the container. A `livenessProbe:` key with no value or `{}` counts as missing and is filled.',
      zh: '快速修复"添加存活探针"插入与实践指南完全相同的探针：`livenessProbe: {exec: {command: [/etc/init.d/ilogtaild, status]}, initialDelaySeconds: 30, periodSeconds: 30}`。它是 `suggestion` 而非 `safe`：存活探针为 Kubernetes 增加了一个重启容器的理由。值为空或 `{}` 的 `livenessProbe:` 视为缺少，修复会填上内容。',
    },
    sources: [{ id: 'guide', section: 'Sidecar采集配置示例' }, 'slsSidecar'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
    livenessProbe:
      exec:
        command:
        - /etc/init.d/ilogtaild
        - status
      initialDelaySeconds: 30
      periodSeconds: 30
`,
    notes: {
      en: 'Checked for containers of the Alibaba Cloud Logtail image family (an image named `logtail` that is not a community edition, e.g. `log-service/logtail`, `acs/logtail`): that is the image with `/etc/init.d/ilogtaild`. The open-source iLogtail and LoongCollector images are not checked, because the practice guide\'s exec probe does not apply to them; their templates use an HTTP probe (`GET :7953/liveness`), and any probe type satisfies this rule. Containers recognised only by `ALIYUN_LOGTAIL_*` env (unknown image) and ordinary init containers (which cannot have probes) are not checked; native sidecars are.',
      zh: '检查阿里云 Logtail 镜像系列的容器（名为 `logtail` 且非社区版的镜像，如 `log-service/logtail`、`acs/logtail`）：只有它包含 `/etc/init.d/ilogtaild`。开源 iLogtail 和 LoongCollector 镜像不检查，因为实践指南的 exec 探针不适用于它们；其模板使用 HTTP 探针（`GET :7953/liveness`），任何类型的探针都满足本规则。仅凭 `ALIYUN_LOGTAIL_*` 环境变量识别的容器（镜像未知）和普通 init 容器（不能配置探针）不检查；原生 Sidecar 会检查。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['missing'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of collectorsOf(w)) {
        if (imageFamily(c.image) !== 'logtail') continue;
        if (c.section === 'initContainers' && !c.nativeSidecar) continue;
        const pair = getPair(c.node, 'livenessProbe');
        const v = pair?.value;
        const empty = !pair || (isScalar(v) && v.value === null) || (isMap(v) && v.pairs.length === 0);
        if (!empty) continue;
        const fixes: FixSpec[] = [
          {
            title: title('Add liveness probe'),
            kind: 'suggestion',
            edits: [pair ? ctx.edit.fillPair(pair, SEED_PROBE) : ctx.edit.insertIntoMap(c.node, { livenessProbe: SEED_PROBE })],
          },
        ];
        ctx.report({ node: pair ? pair.key : containerAnchor(c), messageId: 'missing', data: { container: c.name, kind: w.kind, workload: w.name }, fixes });
      }
    }
  },
});
