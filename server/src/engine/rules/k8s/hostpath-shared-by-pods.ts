import { isolatePerPodEdits } from '../../fix/k8s-fixes';
import { atMostOnePodPerNode, isDirectoryHostPath, isSystemHostPath } from '../../model/hostpath';
import { volumeByName } from '../../model/k8s';
import { term } from '../../catalog';
import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'k8s/hostpath-shared-by-pods',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: { en: 'Several pods of one workload can write the same hostPath directory.', zh: '同一工作负载的多个 Pod 可能写入同一个 hostPath 目录。' },
    rationale: {
      en: 'A hostPath is a directory of the node. When a workload runs more pods than there are nodes (or two pods meet on a node during a rolling update), they write into the same files and the log lines are interleaved and corrupted. The practice guide (优缺点对比, HostPath 缺点1) names this as the main drawback of hostPath storage and resolves it with `subPathExpr: $(POD_NAME)`, which gives each pod its own subdirectory `<hostPath>/<pod name>/`.',
      zh: 'hostPath 是节点上的目录。当工作负载的 Pod 数多于节点数（或滚动更新时新旧 Pod 落在同一节点）时，它们会写同一组文件，日志内容交错混乱。实践指南（优缺点对比，HostPath 缺点1）将此列为 hostPath 的主要缺点，并用 `subPathExpr: $(POD_NAME)` 解决：每个 Pod 使用自己的子目录 `<hostPath>/<pod名>/`。',
    },
    remediation: {
      en: 'Quick fix "Isolate per pod with subPathExpr": adds `subPathExpr: $(POD_NAME)` to the mount, env `POD_NAME` from `metadata.name`, and `type: DirectoryOrCreate` on the volume. It changes where logs land on the node, so the collection path must become `<hostPath>/*/` (e.g. `/logtail_host/mnt/*/`). Not reported: DaemonSets (one pod per node), workloads the scheduler keeps to one pod per node (a container with a `hostPort`, or a required pod anti-affinity on `kubernetes.io/hostname` that selects the workload\'s own pods — the practice guide\'s other remedy, spreading the pods strictly over the nodes), a single Pod, Jobs without parallelism, StatefulSets/ReplicaSets with `replicas: 1`, read-only mounts, `File`/`Socket`/device types, and system paths (`/etc/localtime`, `/sys`, `/proc`, `/dev`, runtime sockets and the `/var/run` or `/run` directory that holds them). A Deployment with `replicas: 1` is reported as information: old and new pods overlap during a rolling update.',
      zh: '快速修复"用 subPathExpr 按 Pod 隔离"：为挂载添加 `subPathExpr: $(POD_NAME)`，添加来自 `metadata.name` 的环境变量 `POD_NAME`，并将卷的 `type` 设为 `DirectoryOrCreate`。它会改变日志在节点上的位置，采集路径需改为 `<hostPath>/*/`（如 `/logtail_host/mnt/*/`）。不报告：DaemonSet（每节点一个 Pod）、调度器保证每个节点最多一个 Pod 的工作负载（容器声明了 `hostPort`，或以 `kubernetes.io/hostname` 为拓扑键、选中自身 Pod 的必需 Pod 反亲和——即实践指南的另一种办法：把 Pod 严格分散到不同节点）、单个 Pod、无并行的 Job、`replicas: 1` 的 StatefulSet/ReplicaSet、只读挂载、`File`/`Socket`/设备类型，以及系统路径（`/etc/localtime`、`/sys`、`/proc`、`/dev`、运行时 socket 及存放它们的 `/var/run` 或 `/run` 目录）。`replicas: 1` 的 Deployment 以提示级别报告：滚动更新时新旧 Pod 会同时存在。',
    },
    sources: [{ id: 'guide', section: 'HostPath模式; 优缺点对比' }, 'k8sHostPath', 'k8sSubPathExpr'],
    bad: `apiVersion: apps/v1
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
        - name: workdir1
          mountPath: /logs
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt
`,
    good: `apiVersion: apps/v1
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
        - name: workdir1
          mountPath: /logs
          subPathExpr: $(POD_NAME)
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt
          type: DirectoryOrCreate
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['shared'],
  check(ctx) {
    for (const w of ctx.workloads) {
      if (!w.multiPod.several || atMostOnePodPerNode(w)) continue;
      const reason = w.multiPod.reason;
      const why = term(ctx.locale, `k8s/hostpath-shared-by-pods.why.${reason}`, { n: w.replicas });
      for (const c of w.containers) {
        for (const m of c.mounts) {
          if (m.readOnly || m.subPathExpr) continue;
          const v = volumeByName(w, m.name);
          if (!v || v.source !== 'hostPath' || !isDirectoryHostPath(v) || isSystemHostPath(v.hostPath?.path)) continue;
          const path = (v.hostPath?.path ?? '').replace(/(?<!\/)\/+$/, '') || '/';
          ctx.report({
            node: m.nameNode,
            messageId: 'shared',
            severity: reason === 'rolling-update' ? 'information' : undefined,
            data: { volume: v.name, path, container: c.name, kind: w.kind, workload: w.name, why },
            fixes: [{ title: title('Isolate per pod with subPathExpr'), kind: 'suggestion', edits: isolatePerPodEdits(ctx.edit, c, m, v) }],
          });
        }
      }
    }
  },
});
