import { collectorRole, isCollector } from '../../model/collector';
import { pathCovers, type Workload } from '../../model/k8s';
import { effectiveNamespace, logUseOf } from '../../model/storage';
import { defineRule, type RuleContext } from '../../rule';

export default defineRule({
  id: 'k8s/emptydir-logs-lost-on-delete',
  severity: 'hint',
  scope: 'workspace',
  inputs: ['collectors'],
  docs: {
    summary: { en: 'Collected logs on an emptyDir are deleted with the pod, including lines not yet collected.', zh: '采集的日志位于 emptyDir 上，Pod 删除时连同尚未采集的日志一起被删除。' },
    rationale: {
      en: 'An emptyDir is created when the pod is scheduled and "当pod销毁时，EmptyDir中的数据也会被永久删除" (practice guide: EmptyDir模式; 优缺点对比, EmptyDir 特点3). A collector reads the files with some delay; whatever it has not read when the pod is deleted, evicted or rescheduled is gone. With a sidecar the collector stops together with the application; with a DaemonSet the agent may lag behind or be restarting when the pod goes away.',
      zh: 'emptyDir 在 Pod 调度到节点时创建，"当pod销毁时，EmptyDir中的数据也会被永久删除"（实践指南：EmptyDir 模式；优缺点对比，EmptyDir 特点3）。采集器读取文件总有延迟；Pod 被删除、驱逐或重新调度时尚未读取的部分即永久丢失。Sidecar 模式下采集器与应用一起停止；DaemonSet 模式下 Pod 消失时 Agent 可能落后或正在重启。',
    },
    remediation: {
      en: 'Accept the risk knowingly, or reduce it: give the pod a `terminationGracePeriodSeconds` long enough for the collector to finish, run the collector as a native sidecar (it stops after the application), or write the logs to a hostPath (with `subPathExpr`) or a PVC, which outlive the pod (practice guide: HostPath模式, PVC模式). Reported when a log emptyDir (mounted by an application container at a log path, or shared with a collector container) is (a) mounted by an ordinary (not native) sidecar collector of the same pod while collector/sidecar-not-native is off (otherwise that rule reports the same loss, with the fix), or (b) in a pod of a workspace that also defines a collector DaemonSet (a DaemonSet with a Logtail/iLogtail/LoongCollector container, in this file or another indexed file). Whether that DaemonSet really collects this path depends on the collection configs; the rule assumes it may. The message names the DaemonSet only when it plausibly collects the pod: it mounts the node directory of pod volumes (`/var/lib/kubelet/pods`, or a parent such as host `/` at `/logtail_host`), where the kubelet keeps emptyDirs, or it runs in the pod\'s namespace; otherwise it speaks of a node collector without a name.',
      zh: '要么明确接受该风险，要么降低它：为 Pod 设置足够长的 `terminationGracePeriodSeconds`，让采集器采完；以原生 Sidecar 方式运行采集器（它在应用之后停止）；或把日志写到 hostPath（配合 `subPathExpr`）或 PVC，它们比 Pod 存活更久（实践指南：HostPath 模式、PVC 模式）。以下情况报告：日志 emptyDir（由应用容器挂载在日志路径上，或与采集器容器共享）(a) 被同一 Pod 中的普通（非原生）Sidecar 采集器挂载且 collector/sidecar-not-native 已关闭（否则由该规则报告同一风险并提供修复），或 (b) 所在工作区还定义了采集器 DaemonSet（含 Logtail/iLogtail/LoongCollector 容器的 DaemonSet，位于本文件或其他已索引文件中）。该 DaemonSet 是否真的采集这个路径取决于采集配置；本规则假定可能采集。只有当该 DaemonSet 可能采集此 Pod 时消息才写出其名称：它挂载了节点上存放 Pod 卷的目录（`/var/lib/kubelet/pods`，或其上级目录，如以 `/logtail_host` 挂载的宿主机 `/`，kubelet 把 emptyDir 放在其中），或它与 Pod 位于同一命名空间；否则只说节点采集器，不写名称。',
    },
    sources: [{ id: 'guide', section: 'EmptyDir模式; 优缺点对比' }, 'k8sEmptyDir'],
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
        volumeMounts:
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
      volumes:
      - name: root
        hostPath:
          path: /
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
`,
    good: `apiVersion: v1
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
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-claim
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['sidecar', 'daemonsetUnnamed', 'daemonset'],
  check(ctx) {
    let daemonSets: { w: Workload; ns?: string; readsPodVolumes: boolean }[] | undefined;
    for (const w of ctx.workloads) {
      const isCollectorDs = w.kind === 'DaemonSet' && w.containers.some((c) => isCollector(c));
      for (const v of w.volumes) {
        if (v.source !== 'emptyDir') continue;
        const log = logUseOf(w, v);
        if (!log) continue;
        const path = log.use?.mount.mountPath ?? '';
        if (log.collector && collectorRole(w, log.collector) === 'sidecar') {
          // A native sidecar is this rule's own remedy (it is stopped after the app and reads the
          // last lines before the pod and its emptyDir go); an ordinary one is collector/sidecar-not-native's
          // finding, with the same remedy, unless that rule is off.
          if (log.collector.nativeSidecar || ctx.settings.rules?.['collector/sidecar-not-native'] !== 'off') continue;
          ctx.report({ node: v.sourcePair?.key ?? v.nameNode, messageId: 'sidecar', data: { volume: v.name, path, kind: w.kind, workload: w.name, collector: log.collector.name } });
          continue;
        }
        if (isCollectorDs) continue;
        daemonSets ??= collectorDaemonSetsWithNamespace(ctx);
        if (!daemonSets.length) continue;
        const ns = effectiveNamespace(w.obj, ctx.uri, ctx.workspace);
        // name a DaemonSet only when it plausibly collects this pod's files: it runs in the pod's
        // namespace, or it mounts the node directory where the kubelet keeps pod volumes
        const named = daemonSets.find((d) => d.readsPodVolumes) ?? daemonSets.find((d) => ns !== undefined && d.ns === ns);
        ctx.report({
          node: v.sourcePair?.key ?? v.nameNode,
          messageId: named ? 'daemonset' : 'daemonsetUnnamed',
          data: { volume: v.name, path, kind: w.kind, workload: w.name, collector: named?.w.name ?? '' },
        });
      }
    }
  },
});

/** Kubelet's directory of pod volumes (emptyDirs live in `<uid>/volumes/kubernetes.io~empty-dir/`). */
const POD_VOLUMES_DIR = '/var/lib/kubelet/pods';

/** Collector DaemonSets of the file and the workspace, with their namespace and whether they can read pod volumes on the node. */
function collectorDaemonSetsWithNamespace(ctx: RuleContext): { w: Workload; ns?: string; readsPodVolumes: boolean }[] {
  const out: { w: Workload; ns?: string; readsPodVolumes: boolean }[] = [];
  const seen = new Set<Workload>();
  for (const { workload: w } of ctx.workspace.collectors()) {
    if (w.kind !== 'DaemonSet' || seen.has(w)) continue;
    seen.add(w);
    const readsPodVolumes = w.volumes.some((v) => v.source === 'hostPath' && !!v.hostPath?.path && pathCovers(v.hostPath.path, POD_VOLUMES_DIR));
    out.push({ w, ns: ctx.workspace.namespaceOf(w.obj), readsPodVolumes });
  }
  return out;
}
