import type { Workload } from '../../model/k8s';
import { effectiveNamespace, isSingleNodeClaim, sameNamespace } from '../../model/storage';
import type { WorkspaceView } from '../../workspace/index';
import { at, num, str } from '../../parse/nodes';
import { term } from '../../catalog';
import { defineRule } from '../../rule';
import type { Severity } from '../../types';

type Case =
  | { messageId: 'several'; why: 'replicas' | 'hpa' | 'parallelism' | 'daemonset'; n?: number }
  | { messageId: 'rollingUpdate' }
  | { messageId: 'cronjob' };

/** The largest `maxReplicas` of the HorizontalPodAutoscalers that target `w`. */
function hpaMax(workspace: WorkspaceView, w: Workload): number | undefined {
  let max: number | undefined;
  for (const o of workspace.scalers()) {
    if (!sameNamespace(o.namespace, w.obj.namespace)) continue;
    const ref = at(o.node, 'spec', 'scaleTargetRef');
    if (str(at(ref, 'name')) !== w.name || str(at(ref, 'kind')) !== w.kind) continue;
    const m = num(at(o.node, 'spec', 'maxReplicas'));
    if (m !== undefined) max = Math.max(max ?? 0, m);
  }
  return max;
}

/** How several pods of `w` can use one claim at once, or undefined when only one pod at a time can. */
function caseOf(workspace: WorkspaceView, w: Workload): Case | undefined {
  const node = w.obj.node;
  switch (w.kind) {
    case 'DaemonSet':
      return { messageId: 'several', why: 'daemonset' };
    case 'Pod':
    case 'PodTemplate':
      return undefined;
    case 'Job': {
      const p = num(at(node, 'spec', 'parallelism'));
      return p !== undefined && p > 1 ? { messageId: 'several', why: 'parallelism', n: p } : undefined;
    }
    case 'CronJob': {
      const p = num(at(node, 'spec', 'jobTemplate', 'spec', 'parallelism'));
      if (p !== undefined && p > 1) return { messageId: 'several', why: 'parallelism', n: p };
      const policy = str(at(node, 'spec', 'concurrencyPolicy')) ?? 'Allow';
      return policy === 'Allow' ? { messageId: 'cronjob' } : undefined;
    }
    default: {
      const hpa = hpaMax(workspace, w);
      if (hpa !== undefined && hpa > 1) return { messageId: 'several', why: 'hpa', n: hpa };
      const replicas = num(at(node, 'spec', 'replicas'));
      if (replicas !== undefined && replicas > 1) return { messageId: 'several', why: 'replicas', n: replicas };
      if (replicas === 0) return undefined;
      // one replica (explicit, or the default when `replicas` is absent and no HPA scales it)
      if (w.kind === 'Deployment' && str(at(node, 'spec', 'strategy', 'type')) !== 'Recreate') return { messageId: 'rollingUpdate' };
      return undefined;
    }
  }
}


export default defineRule({
  id: 'k8s/pvc-rwo-shared',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['claims', 'scalers'],
  docs: {
    summary: { en: 'Several pods of one workload mount a ReadWriteOnce PersistentVolumeClaim.', zh: '同一工作负载的多个 Pod 挂载了 ReadWriteOnce 的 PersistentVolumeClaim。' },
    rationale: {
      en: 'A `ReadWriteOnce` volume can be attached to one node at a time (`ReadWriteOncePod`: to one pod). When a workload runs several pods that share one claim, the pods scheduled on other nodes cannot attach it and stay in ContainerCreating (Multi-Attach error), so they never start and write no logs. The practice guide\'s PVC mode gives each pod its own disk ("每个pod单独为日志挂盘", 优缺点对比, PVC 缺点1), which is what a StatefulSet\'s `volumeClaimTemplates` do.',
      zh: '`ReadWriteOnce` 卷同一时间只能挂接到一个节点（`ReadWriteOncePod`：只能被一个 Pod 使用）。工作负载的多个 Pod 共用一个 PVC 时，调度到其他节点的 Pod 无法挂接该卷，一直停留在 ContainerCreating（Multi-Attach 错误），既不启动也不写日志。实践指南 PVC 模式是每个 Pod 各自挂盘（"每个pod单独为日志挂盘"，优缺点对比，PVC 缺点1），这正是 StatefulSet 的 `volumeClaimTemplates` 所做的。',
    },
    remediation: {
      en: 'Give each pod its own claim with `volumeClaimTemplates` in a StatefulSet, or use a storage class that supports `ReadWriteMany`. Reported when the claim (found in this file or the workspace, same namespace — a missing namespace matches any) lists only `ReadWriteOnce`/`ReadWriteOncePod`, and the workload is a DaemonSet, has `replicas` > 1, is targeted by a HorizontalPodAutoscaler with `maxReplicas` > 1, or is a Job/CronJob with `parallelism` > 1. As information: a one-replica Deployment with the default RollingUpdate strategy (the new pod starts before the old one stops; on another node it cannot attach the volume and the rollout hangs — use `strategy.type: Recreate`), and a CronJob with `concurrencyPolicy: Allow` (overlapping runs). A missing `replicas` means 1 unless an HPA scales the workload. Single Pods, StatefulSets with one replica and claims whose access modes are unknown are not reported.',
      zh: '用 StatefulSet 的 `volumeClaimTemplates` 为每个 Pod 创建各自的 PVC，或使用支持 `ReadWriteMany` 的存储类。以下情况报告：PVC（在本文件或工作区中找到，命名空间相同——未写命名空间可匹配任意命名空间）只列出 `ReadWriteOnce`/`ReadWriteOncePod`，且工作负载是 DaemonSet、`replicas` > 1、被 `maxReplicas` > 1 的 HorizontalPodAutoscaler 管理，或是 `parallelism` > 1 的 Job/CronJob。以提示级别报告：使用默认 RollingUpdate 策略的单副本 Deployment（新 Pod 在旧 Pod 停止前启动，若在其他节点上则无法挂接该卷，滚动更新卡住——请使用 `strategy.type: Recreate`），以及 `concurrencyPolicy: Allow` 的 CronJob（多次运行可能重叠）。未写 `replicas` 视为 1，除非有 HPA 扩容该工作负载。单个 Pod、单副本 StatefulSet 以及访问模式未知的 PVC 不报告。',
    },
    sources: [{ id: 'guide', section: 'PVC模式; 优缺点对比' }, 'k8sAccessModes'],
    bad: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nginx-claim
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 20Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - name: log-v
          mountPath: /var/log/nginx
      volumes:
      - name: log-v
        persistentVolumeClaim:
          claimName: nginx-claim
`,
    good: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: nginx
spec:
  replicas: 3
  serviceName: nginx
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - name: log-v
          mountPath: /var/log/nginx
  volumeClaimTemplates:
  - metadata:
      name: log-v
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 20Gi
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['several', 'rollingUpdate', 'cronjob'],
  check(ctx) {
    let claims: ReturnType<typeof ctx.workspace.claims> | undefined;
    for (const w of ctx.workloads) {
      const volumes = w.volumes.filter((v) => v.source === 'persistentVolumeClaim' && v.claimName && v.claimNameNode);
      if (!volumes.length) continue;
      const c = caseOf(ctx.workspace, w);
      if (!c) continue;
      claims ??= ctx.workspace.claims();
      const ns = effectiveNamespace(w.obj, ctx.uri, ctx.workspace);
      for (const v of volumes) {
        const matching = claims.filter((p) => p.name === v.claimName && p.namespace === ns);
        if (!matching.length || !matching.every(isSingleNodeClaim)) continue;
        const mode = [...new Set(matching.flatMap((p) => p.accessModes))].join(', ');
        const why = c.messageId === 'several' ? term(ctx.locale, `k8s/pvc-rwo-shared.why.${c.why}`, { n: String(c.n ?? '') }) : '';
        const severity: Severity | undefined = c.messageId === 'several' ? undefined : 'information';
        ctx.report({
          node: v.claimNameNode,
          messageId: c.messageId,
          severity,
          data: { claim: v.claimName!, mode, volume: v.name, kind: w.kind, workload: w.name, why },
        });
      }
    }
  },
});
