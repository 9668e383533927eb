import { setHostPathType } from '../../fix/k8s-fixes';
import { isAlwaysPresentDir } from '../../model/hostpath';
import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'k8s/hostpath-expr-type',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A hostPath volume mounted with `subPathExpr` should have `type: DirectoryOrCreate` when its directory may be missing on a node.',
      zh: '以 `subPathExpr` 挂载的 hostPath 卷，若其目录在某些节点上可能不存在，应设置 `type: DirectoryOrCreate`。',
    },
    rationale: {
      en: 'The kubelet creates the per-pod directory named by `subPathExpr` itself, whatever the type. The type only decides what happens when the base directory (`hostPath.path`) is missing on the node: with `Directory` the kubelet refuses to mount it and the pod stays in `ContainerCreating` (event `FailedMount`, "hostPath type check failed") on every new or replaced node; with no type the kubelet does not check, and whether the directory is created depends on the container runtime. `DirectoryOrCreate` makes the kubelet create it. See the Kubernetes documentation, [Volumes: hostPath volume types](https://kubernetes.io/docs/concepts/storage/volumes/#hostpath-volume-types), and the practice guide *Kubernetes 日志落盘及 SLS 日志采集实践* (HostPath mode), which uses `DirectoryOrCreate`.',
      zh: '`subPathExpr` 指定的按 Pod 划分的子目录由 kubelet 自行创建，与 type 无关。type 只决定节点上缺少基础目录（`hostPath.path`）时会怎样：为 `Directory` 时 kubelet 拒绝挂载，Pod 在每个新节点或替换后的节点上停留在 `ContainerCreating`（事件 `FailedMount`，"hostPath type check failed"）；不设置 type 时 kubelet 不做检查，是否创建目录取决于容器运行时。`DirectoryOrCreate` 让 kubelet 创建该目录。参见 Kubernetes 文档 [Volumes: hostPath volume types](https://kubernetes.io/docs/concepts/storage/volumes/#hostpath-volume-types) 以及实践指南《Kubernetes 日志落盘及 SLS 日志采集实践》（HostPath 模式），其中使用 `DirectoryOrCreate`。',
    },
    remediation: {
      en: 'Set `hostPath.type: DirectoryOrCreate` (quick fix). Not reported when the base is a directory that exists on every node: `/var/log`, `/var/log/pods` and `/var/log/containers` (the kubelet and the container runtime create them; kubernetes/kubernetes `pkg/kubelet/kubelet.go`, `ContainerLogsDir`), the kubelet root `/var/lib/kubelet`, and `/`, `/tmp`, `/var`, `/var/lib`, `/var/tmp`, `/run`, `/var/run`, `/etc`. A missing type is reported as information (nothing checks the directory, so a pod does not get stuck on it); `Directory` and the non-directory types are warnings.',
      zh: '设置 `hostPath.type: DirectoryOrCreate`（快速修复）。基础目录在每个节点上都存在时不报告：`/var/log`、`/var/log/pods`、`/var/log/containers`（由 kubelet 和容器运行时创建；kubernetes/kubernetes `pkg/kubelet/kubelet.go`，`ContainerLogsDir`）、kubelet 根目录 `/var/lib/kubelet`，以及 `/`、`/tmp`、`/var`、`/var/lib`、`/var/tmp`、`/run`、`/var/run`、`/etc`。未设置 type 时以提示（information）级别报告（没有任何检查，Pod 不会因此卡住）；`Directory` 及非目录类型为警告。',
    },
    sources: ['k8sHostPath', 'k8sSubPathExpr'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    volumeMounts:
    - name: workdir1
      mountPath: /logs
      subPathExpr: $(POD_NAME)
  volumes:
  - name: workdir1
    hostPath:
      path: /mnt
      type: Directory
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    volumeMounts:
    - name: workdir1
      mountPath: /logs
      subPathExpr: $(POD_NAME)
  volumes:
  - name: workdir1
    hostPath:
      path: /mnt
      type: DirectoryOrCreate
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['mustExist', 'unset', 'notDir'],
  check(ctx) {
    for (const w of ctx.workloads) {
      const names = new Set(w.containers.flatMap((c) => c.mounts.filter((m) => m.subPathExpr).map((m) => m.name)));
      for (const v of w.volumes) {
        if (v.source !== 'hostPath' || !names.has(v.name) || v.hostPath?.type === 'DirectoryOrCreate') continue;
        const type = v.hostPath?.type ?? '';
        const path = v.hostPath?.path ?? '';
        const isDirType = type === '' || type === 'Directory';
        if (isDirType && isAlwaysPresentDir(path)) continue;
        const fix = setHostPathType(ctx.edit, v, 'DirectoryOrCreate');
        ctx.report({
          node: v.hostPath?.typeNode ?? v.sourcePair?.key ?? v.nameNode,
          messageId: type === '' ? 'unset' : type === 'Directory' ? 'mustExist' : 'notDir',
          severity: type === '' ? 'information' : undefined,
          data: { volume: v.name, type, path },
          fixes: fix ? [{ title: title('Set type: DirectoryOrCreate'), kind: 'safe', edits: [fix] }] : [],
        });
      }
    }
  },
});
