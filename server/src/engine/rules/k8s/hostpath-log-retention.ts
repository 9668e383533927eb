import { hostPathHolds } from '../../model/facts';
import { isCollector } from '../../model/collector';
import { isLogPath, isNodeManagedLogPath, isSpecialHostPath, isSystemHostPath, usesOf } from '../../model/storage';
import { defineRule, type RuleContext } from '../../rule';

export default defineRule({
  id: 'k8s/hostpath-log-retention',
  severity: 'hint',
  scope: 'workspace',
  inputs: ['cleanups'],
  docs: {
    summary: { en: 'Logs written to a hostPath outlive the pod; a cleanup on every node must remove them.', zh: '写入 hostPath 的日志比 Pod 存活更久，需要在每个节点上清理。' },
    rationale: {
      en: 'A hostPath keeps its files on the node after the pod is deleted or moves to another node (practice guide: 优缺点对比, HostPath 特点3). Nothing in Kubernetes manages those files any more: "POD重启后，原ECS上的日志无法被应用管理，存在打满ECS系统盘的风险，需要额外的文件清理工具" (practice guide: HostPath 缺点2 and 配置HostPath模式采集 / 注意事项). With `subPathExpr: $(POD_NAME)` every pod leaves a new directory behind. Kubernetes itself never deletes a hostPath\'s contents (Kubernetes documentation: hostPath).',
      zh: 'hostPath 的文件在 Pod 删除或漂移到其他节点后仍留在原节点上（实践指南：优缺点对比，HostPath 特点3）。此后 Kubernetes 不再管理这些文件："POD重启后，原ECS上的日志无法被应用管理，存在打满ECS系统盘的风险，需要额外的文件清理工具"（实践指南：HostPath 缺点2，以及配置HostPath模式采集 / 注意事项）。使用 `subPathExpr: $(POD_NAME)` 时，每个 Pod 都会留下一个新目录。Kubernetes 本身从不删除 hostPath 中的内容（Kubernetes 文档：hostPath）。',
    },
    remediation: {
      en: 'Ship the cleanup tool with the manifests: a DaemonSet (it runs on every node, where the files are) that mounts the host directory writable and deletes files, and the per-pod directories left empty, older than the collection delay you can tolerate — see the good example (`find … -mtime +7 -delete` every hour). Or store the logs on a PVC, which needs no extra cleanup tool (practice guide: PVC 优点2). There is no automatic fix: how long logs stay on the node is your decision.',
      zh: '把清理工具和清单一起交付：一个 DaemonSet（它运行在每个节点上，即文件所在之处），以可写方式挂载宿主机目录，删除超过可容忍采集延迟的文件以及已变空的按 Pod 目录——见正确示例（每小时执行 `find … -mtime +7 -delete`）。或者把日志存到 PVC，无需额外的清理工具（实践指南：PVC 优点2）。没有自动修复：日志在节点上保留多久由您决定。',
    },
    notes: {
      en: 'Reported once per hostPath volume that an application container mounts writable (no `readOnly: true`) when the host path or that mount path has a log segment (`/log/nginx`, `/logs`, `/app/logdir`). Not reported when the file or the workspace shows the cleanup: a DaemonSet whose container (not a collector) mounts the same host directory, or a parent other than `/`, writable and as a whole (no `subPath`/`subPathExpr`). The linter sees that the directory is managed on every node, not what the cleanup does; a DaemonSet that writes its own logs to a fixed host directory counts too, since its successor on the node takes over the same files and the application\'s rotation bounds them (practice guide: 优缺点对比, HostPath 特点2). Not reported either: mounts of collector containers only (they read logs and keep their own state), the node\'s own log directories that the node rotates (`/var/log` itself, `/var/log/pods`, `/var/log/containers`, `/var/log/journal`, `/var/lib/docker/containers`), system paths (`/dev`, `/proc`, `/sys`, sockets) and Socket/device types.',
      zh: '对每个 hostPath 卷至多报告一次：应用容器以可写方式（无 `readOnly: true`）挂载它，且宿主机路径或该挂载路径含日志路径段（`/log/nginx`、`/logs`、`/app/logdir`）。本文件或工作区显示了清理机制时不报告：某个 DaemonSet 的容器（非采集器）以可写方式整体（无 `subPath`/`subPathExpr`）挂载同一宿主机目录或其除 `/` 以外的上级目录。检查器能看到该目录在每个节点上有人管理，看不到清理的具体内容；把自身日志写到固定宿主机目录的 DaemonSet 也算在内，因为节点上接替它的 Pod 继续使用同样的文件，由应用的日志轮转限制其大小（实践指南：优缺点对比，HostPath 特点2）。同样不报告：只被采集器容器挂载的卷（它们读取日志、保存自身状态），节点自己轮转的日志目录（`/var/log` 本身、`/var/log/pods`、`/var/log/containers`、`/var/log/journal`、`/var/lib/docker/containers`），系统路径（`/dev`、`/proc`、`/sys`、socket）以及 Socket/设备类型。',
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
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: nginx-log-cleanup
spec:
  selector:
    matchLabels:
      app: nginx-log-cleanup
  template:
    metadata:
      labels:
        app: nginx-log-cleanup
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: cleanup
        image: busybox:1.36
        command:
        - /bin/sh
        - -c
        - |
          while true; do
            find /host/log/nginx -mindepth 1 -type f -mtime +7 -delete
            find /host/log/nginx -mindepth 1 -type d -empty -mtime +7 -delete
            sleep 3600
          done
        volumeMounts:
        - name: logs
          mountPath: /host/log/nginx
      volumes:
      - name: logs
        hostPath:
          path: /log/nginx
          type: Directory
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
        if (cleanedUp(ctx, hostPath)) continue;
        ctx.report({
          node: v.hostPath.pathNode ?? v.sourcePair?.key ?? v.nameNode,
          messageId: 'retention',
          data: { volume: v.name, container: writer.container.name, mountPath: writer.mount.mountPath ?? '', path: hostPath },
        });
      }
    }
  },
});

/**
 * The workspace shows a cleanup of `hostPath` on every node: a DaemonSet whose container (not a
 * collector) mounts that directory, or a parent other than `/`, writable and whole
 * (`Facts.cleanups`). Only those volumes are read, so an edit of a workload that is not such a
 * DaemonSet does not re-run this rule in the other documents.
 */
function cleanedUp(ctx: RuleContext, hostPath: string): boolean {
  return ctx.workspace.cleanups().some((h) => hostPathHolds(h, hostPath));
}
