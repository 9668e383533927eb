import { isCollector } from '../../model/collector';
import { isLogPath, isNodeManagedLogPath, isSpecialHostPath, isSystemHostPath, usesOf } from '../../model/storage';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'k8s/hostpath-log-retention',
  severity: 'hint',
  scope: 'document',
  docs: {
    summary: { en: 'Logs written to a hostPath outlive the pod; something must clean them up.', zh: '写入 hostPath 的日志比 Pod 存活更久，需要有清理机制。' },
    rationale: {
      en: 'A hostPath keeps its files on the node after the pod is deleted or moves to another node (practice guide: 优缺点对比, HostPath 特点3). Nothing in Kubernetes manages those files any more: "POD重启后，原ECS上的日志无法被应用管理，存在打满ECS系统盘的风险，需要额外的文件清理工具" (practice guide: HostPath 缺点2 and 配置HostPath模式采集 / 注意事项). With `subPathExpr: $(POD_NAME)` every pod leaves a new directory behind.',
      zh: 'hostPath 的文件在 Pod 删除或漂移到其他节点后仍留在原节点上（实践指南：优缺点对比，HostPath 特点3）。此后 Kubernetes 不再管理这些文件："POD重启后，原ECS上的日志无法被应用管理，存在打满ECS系统盘的风险，需要额外的文件清理工具"（实践指南：HostPath 缺点2，以及配置HostPath模式采集 / 注意事项）。使用 `subPathExpr: $(POD_NAME)` 时，每个 Pod 都会留下一个新目录。',
    },
    remediation: {
      en: 'Plan a cleanup for the host directory: for example a DaemonSet or node cron job that deletes files and per-pod directories older than the collection delay you can tolerate, once the collector has read them. Or store the logs on a PVC, which needs no extra cleanup tool (practice guide: PVC 优点2). Reported once per hostPath volume that an application container mounts writable (no `readOnly: true`) when the host path or that mount path has a log segment (`/log/nginx`, `/logs`, `/app/logdir`). Not reported: mounts of collector containers only (they read logs and keep their own state), the node\'s own log directories that the node rotates (`/var/log` itself, `/var/log/pods`, `/var/log/containers`, `/var/log/journal`, `/var/lib/docker/containers`), system paths (`/dev`, `/proc`, `/sys`, sockets) and Socket/device types. A hint only: a cleanup job is outside the manifest, so the linter cannot see whether one exists; disable the rule where you have one.',
      zh: '为宿主机目录安排清理：例如用 DaemonSet 或节点上的定时任务，在采集器读取之后删除超过可容忍采集延迟的文件和按 Pod 生成的目录。或者把日志存到 PVC，无需额外的清理工具（实践指南：PVC 优点2）。对每个 hostPath 卷至多报告一次：应用容器以可写方式（无 `readOnly: true`）挂载它，且宿主机路径或该挂载路径含日志路径段（`/log/nginx`、`/logs`、`/app/logdir`）。不报告：只被采集器容器挂载的卷（它们读取日志、保存自身状态），节点自己轮转的日志目录（`/var/log` 本身、`/var/log/pods`、`/var/log/containers`、`/var/log/journal`、`/var/lib/docker/containers`），系统路径（`/dev`、`/proc`、`/sys`、socket）以及 Socket/设备类型。仅为提示：清理任务不在清单中，检查器无法知道它是否存在；已有清理机制时可关闭本规则。',
    },
    sources: [{ id: 'guide', section: 'HostPath模式; 优缺点对比; 配置HostPath模式采集' }, 'k8sHostPath'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  labels:
    app: nginx
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:latest
    imagePullPolicy: IfNotPresent
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    hostPath:
      path: /log/nginx
      type: Directory
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
  labels:
    app: nginx
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:latest
    imagePullPolicy: IfNotPresent
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-claim
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['retention'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const v of w.volumes) {
        if (v.source !== 'hostPath' || !v.hostPath) continue;
        const hostPath = v.hostPath.path;
        if (!hostPath || isSystemHostPath(hostPath) || isNodeManagedLogPath(hostPath) || isSpecialHostPath(v)) continue;
        const writers = usesOf(w, v.name).filter((u) => !u.mount.readOnly && u.container.section !== 'ephemeralContainers' && !isCollector(u.container));
        if (!writers.length) continue;
        const hostIsLog = isLogPath(hostPath);
        const writer = writers.find((u) => isLogPath(u.mount.mountPath)) ?? (hostIsLog ? writers[0] : undefined);
        if (!writer) continue;
        ctx.report({
          node: v.hostPath.pathNode ?? v.sourcePair?.key ?? v.nameNode,
          messageId: 'retention',
          data: { volume: v.name, container: writer.container.name, mountPath: writer.mount.mountPath ?? '', path: hostPath },
        });
      }
    }
  },
});
