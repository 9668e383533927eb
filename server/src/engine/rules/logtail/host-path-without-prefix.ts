import { pathCovers } from '../../model/k8s';
import { KUBELET_ROOT, UUID, addHostPrefix, appHostPaths, collectorMounts, configPaths, formatKubeletPodPath, hostPrefixToAdd, parseKubeletPodPath, type AppHostPath, replacePath } from '../../model/logtail-paths';
import { defineRule, title } from '../../rule';
import { sourceOf } from '../../parse/text';

export default defineRule({
  id: 'logtail/host-path-without-prefix',
  severity: 'error',
  scope: 'workspace',
  inputs: ['workloads'],
  docs: {
    summary: {
      en: 'A node path is collected with `dockerFile` / `EnableContainerDiscovery` off but without the `/logtail_host` prefix the Logtail DaemonSet sees it under.',
      zh: '在 `dockerFile` / `EnableContainerDiscovery` 关闭时采集节点路径，却没有加上 Logtail DaemonSet 看到该路径所需的 `/logtail_host` 前缀。',
    },
    rationale: {
      en: 'With "是否为Docker文件" (`dockerFile`, pipeline `EnableContainerDiscovery`) off, SLS treats the path as a path of the machine the agent runs on (practice guide: 配置EmptyDir模式采集, "若关闭该开关则认为是节点路径"). The Logtail DaemonSet pod sees the node\'s files only through its mount of the node root at `/logtail_host` (practice guide: 配置HostPath模式采集 "sls的logtail的pod创建之初就已经通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中"). A node directory written without the prefix — the `hostPath.path` of an application volume (the practice guide\'s `/mnt`), or a kubelet volume directory under `/var/lib/kubelet/` (practice guide: 配置PVC模式采集) — names a directory inside the agent container that does not hold these logs, so nothing is collected. The practice guide\'s paths are `/logtail_host/mnt/` and `/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/<PV>/mount/`.',
      zh: '关闭"是否为Docker文件"（`dockerFile`，流水线中为 `EnableContainerDiscovery`）时，SLS 把路径当作采集器所在机器的路径（实践指南：配置EmptyDir模式采集，"若关闭该开关则认为是节点路径"）。Logtail DaemonSet 的 Pod 只能通过挂载在 `/logtail_host` 的节点根目录看到节点上的文件（实践指南：配置HostPath模式采集，"sls的logtail的pod创建之初就已经通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中"）。不带前缀的节点目录——应用卷的 `hostPath.path`（实践指南中的 `/mnt`），或 `/var/lib/kubelet/` 下的 kubelet 卷目录（实践指南：配置PVC模式采集）——指向的是采集器容器内并不存放这些日志的目录，因此什么也采不到。实践指南给出的路径是 `/logtail_host/mnt/` 和 `/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/<PV>/mount/`。',
    },
    remediation: {
      en: 'Collect the node path as `/logtail_host` + the node path, as the practice guide does ("logtail_host+上一步在k8s中配置的路径组合：/logtail_host/mnt/"): quick fix **"Prefix with /logtail_host"** (safe: it completes the evident intent). A kubelet pod path that still names a pod UID gets `*` for the UID as well (**"Prefix with /logtail_host and replace pod UID with `*`"**, as logtail/pod-uid-in-path asks; safe for a CSI volume, a suggestion otherwise), so that the path the fix writes is not reported again. A path counts as a node path when it starts with `/var/lib/kubelet/` (needs no other file), or when it is at or below (on path-segment boundaries: `/mnt` covers `/mnt/x`, not `/mntx`) the `hostPath.path` of a volume of a workload in the same file or in the workspace (the CLI indexes every file it is given; the editor the open files and a bounded scan of the workspace). Ignored: the hostPath `/` (the node root the agent itself mounts) and the volumes of collector DaemonSets (their checkpoint, runtime socket, …); a path below any mount point of a collector container (a sidecar that mounts the shared volume there, or a DaemonSet that mounts that node directory at the same path) is seen by the agent as it is and is not reported. Checked: legacy `inputDetail.logPath` and `advanced.blacklist.dir_blacklist` / `filepath_blacklist`, pipeline `input_file` `FilePaths`, `ExcludeFilePaths`, `ExcludeDirs` — in standalone JSON/YAML configs, in `AliyunLogConfig` / `ClusterAliyunPipelineConfig` and in configs embedded in a ConfigMap.',
      zh: '按实践指南的做法，以 `/logtail_host` + 节点路径采集（"将logtail_host+上一步在k8s中配置的路径组合：/logtail_host/mnt/"）：快速修复**"添加 /logtail_host 前缀"**（安全修复：补全了显而易见的意图）。仍含 Pod UID 的 kubelet Pod 路径会同时把 UID 换成 `*`（**"添加 /logtail_host 前缀并将 Pod UID 替换为 `*`"**，即 logtail/pod-uid-in-path 的要求；CSI 卷为安全修复，其他为建议级），使修复写入的路径不会再次被报告。以下路径视为节点路径：以 `/var/lib/kubelet/` 开头（无需其他文件），或位于同一文件或工作区中某个工作负载的卷的 `hostPath.path` 之下（按路径段匹配：`/mnt` 覆盖 `/mnt/x`，不覆盖 `/mntx`；CLI 会索引传入的所有文件，编辑器索引已打开的文件并有限扫描工作区）。忽略：hostPath `/`（采集器自己挂载的节点根目录）以及采集器 DaemonSet 自身的卷（checkpoint、运行时 socket 等）；位于采集器容器某个挂载点之下的路径（Sidecar 把共享卷挂载在该处，或 DaemonSet 把该节点目录挂载在同一路径）采集器可以原样看到，不报告。检查范围：旧版 `inputDetail.logPath` 及 `advanced.blacklist.dir_blacklist` / `filepath_blacklist`，流水线 `input_file` 的 `FilePaths`、`ExcludeFilePaths`、`ExcludeDirs`——包括独立的 JSON/YAML 配置、`AliyunLogConfig` / `ClusterAliyunPipelineConfig` 以及嵌入 ConfigMap 的配置。',
    },
    notes: {
      en: 'An agent installed on the node itself (not in a container) sees node paths as they are and needs no prefix: users of that mode turn this rule off (`logtailLint.rules`: `"logtail/host-path-without-prefix": "off"`). When a collector container in the file or workspace mounts the node root somewhere else than `/logtail_host`, that mount point counts as the prefix and the fix uses it. The practice guide\'s sidecar mode (path of the shared volume inside the sidecar, switch off) is not reported: there the path is not a node path, or the sidecar mounts it at that very path. Only hostPath volumes an application writes to count as node paths: not the node root `/`, not the volumes of collector DaemonSets, not system paths and node-managed log directories (`/var/log` itself, `/var/log/pods`, `/var/lib/docker/containers`, runtime sockets, `/proc`, …) that other node agents such as log shippers mount, and not a volume no container mounts writable.',
      zh: '直接安装在节点上（非容器中）的采集器按原样看到节点路径，不需要前缀：使用这种方式的用户请关闭本规则（`logtailLint.rules`：`"logtail/host-path-without-prefix": "off"`）。若文件或工作区中的采集器容器把节点根目录挂载在 `/logtail_host` 以外的位置，则以该挂载点为前缀，修复也使用它。实践指南的 Sidecar 模式（采集 Sidecar 内共享卷的路径，开关关闭）不会被报告：那里的路径不是节点路径，或 Sidecar 正是把卷挂载在该路径上。只有应用写入的 hostPath 卷才视为节点路径：不包括节点根目录 `/`、采集器 DaemonSet 的卷、其他节点代理（如日志采集器）挂载的系统路径和由节点管理的日志目录（`/var/log` 本身、`/var/log/pods`、`/var/lib/docker/containers`、运行时 socket、`/proc` 等），也不包括没有任何容器以可写方式挂载的卷。',
    },
    sources: [{ id: 'guide', section: '配置HostPath模式采集; 配置PVC模式采集' }, 'slsK8sGuide'],
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
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-hostpath
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-hostpath
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /mnt/
      filePattern: '*.log'
      maxDepth: 1
      key:
      - content
      logBeginRegex: '.*'
      regex: '(.*)'
      dockerFile: false
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
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-hostpath
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-hostpath
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/mnt/
      filePattern: '*.log'
      maxDepth: 1
      key:
      - content
      logBeginRegex: '.*'
      regex: '(.*)'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['kubelet', 'hostPath'],
  check(ctx) {
    const paths = configPaths(ctx.configs).filter((p) => !p.input.containerMode && p.value.startsWith('/'));
    if (!paths.length) return;
    const ws = ctx.workspace;
    const hostPaths = ws.derive(appHostPaths, () => appHostPaths(ws.workloads()));
    const mounts = ws.derive(collectorMounts, () => collectorMounts(ws.workloads()));
    for (const p of paths) {
      const path = p.value;
      const prefix = hostPrefixToAdd(mounts, path);
      if (!prefix) continue;
      // a kubelet pod path with a pod UID: the UID is replaced by "*" as well (logtail/pod-uid-in-path),
      // so that the path the fix writes is not reported again
      const k = parseKubeletPodPath(path);
      const uid = k?.rest[0] !== undefined && UUID.test(k.rest[0]) ? k : undefined;
      const fixed = addHostPrefix(uid ? formatKubeletPodPath({ ...uid, rest: ['*', ...uid.rest.slice(1)] }) : path, prefix);
      const csi = uid?.rest[1] === 'volumes' && uid.rest[2] === 'kubernetes.io~csi';
      const fixes = [
        uid
          ? { title: title('Prefix with {prefix} and replace pod UID with "*"'), kind: csi ? ('safe' as const) : ('suggestion' as const), edits: [replacePath(sourceOf(ctx.file), p.input.config, p.node, fixed)] }
          : { title: title('Prefix with {prefix}'), kind: 'safe' as const, edits: [replacePath(sourceOf(ctx.file), p.input.config, p.node, fixed)] },
      ];
      const base = { field: p.field, path, switch: p.input.switchKey, prefix, fixed };
      if (pathCovers(KUBELET_ROOT, path)) {
        ctx.report({ node: p.node, messageId: 'kubelet', data: base, fixes });
        continue;
      }
      let best: AppHostPath | undefined;
      for (const h of hostPaths) if (pathCovers(h.path, path) && (!best || h.path.length > best.path.length)) best = h;
      if (!best) continue;
      ctx.report({
        node: p.node,
        messageId: 'hostPath',
        data: { ...base, hostPath: best.volume.hostPath?.path ?? best.path, volume: best.volume.name, kind: best.w.kind, workload: best.w.name },
        fixes,
      });
    }
  },
});
