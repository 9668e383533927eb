import { volumeByName, type Workload } from '../../model/k8s';
import { collectorMounts, configPaths, HOST_PREFIX, stripHostPrefix, addHostPrefix, hasHostPrefix } from '../../model/logtail-paths';
import { defineRule, title } from '../../rule';
import { related, replaceEdit } from './_common';

export default defineRule({
  id: 'workspace/prefix-without-host-mount',
  severity: 'error',
  scope: 'workspace',
  inputs: ['collectors', 'patches'],
  docs: {
    summary: {
      en: 'Configs collect node paths under /logtail_host, but the collector DaemonSet in the workspace does not mount the node root there.',
      zh: '配置通过 /logtail_host 采集节点路径，但工作区中的采集器 DaemonSet 没有把节点根目录挂载到该处。',
    },
    rationale: {
      en: '`/logtail_host` is not a path of the node: it is where the Logtail DaemonSet mounts the node\'s root directory (`hostPath: /` at `mountPath: /logtail_host`; flag `default_container_host_path`), which the guide relies on ("sls的logtail的pod创建之初就已经通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中", *Kubernetes 日志落盘及 SLS 日志采集实践*). A self-managed collector DaemonSet (iLogtail, LoongCollector, a copied Logtail template) that lacks this mount, or mounts the root elsewhere, sees an empty `/logtail_host`: every such config collects nothing.',
      zh: '`/logtail_host` 不是节点上的路径，而是 Logtail DaemonSet 挂载节点根目录的位置（`hostPath: /` 挂载到 `mountPath: /logtail_host`；参数 `default_container_host_path`），实践指南正依赖于此（"sls的logtail的pod创建之初就已经通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中"，《Kubernetes 日志落盘及 SLS 日志采集实践》）。自建的采集器 DaemonSet（iLogtail、LoongCollector 或复制来的 Logtail 模板）若缺少该挂载、或把根目录挂载在别处，看到的 `/logtail_host` 是空的：所有这类配置都采不到日志。',
    },
    remediation: {
      en: 'Add to the collector DaemonSet a hostPath volume `path: /` mounted read-only at `/logtail_host` (the finding links to the DaemonSet; the fix cannot edit another file). When the DaemonSet mounts the node root at another path, quick fix **"Use prefix <mountPath>"** rewrites the config path to it.',
      zh: '在采集器 DaemonSet 中添加 `path: /` 的 hostPath 卷，以只读方式挂载到 `/logtail_host`（诊断会链接到该 DaemonSet；修复不会编辑其他文件）。若 DaemonSet 把节点根目录挂载在其他路径，快速修复**"改用前缀 <mountPath>"**会把配置路径改过去。',
    },
    notes: {
      en: 'Silent when the workspace holds no collector DaemonSet: the ACK-managed `logtail-ds` / `loongcollector-ds` is usually not in the repository, and it has the mount.',
      zh: '工作区中没有采集器 DaemonSet 时不报告：由 ACK 托管的 `logtail-ds` / `loongcollector-ds` 通常不在代码仓库中，而它带有该挂载。',
    },
    sources: [{ id: 'guide', section: '配置HostPath模式采集' }, 'slsK8sGuide'],
    bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ilogtail-ds
  namespace: ilogtail
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
        image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4
        volumeMounts:
        - name: checkpoint
          mountPath: /usr/local/ilogtail/checkpoint
      volumes:
      - name: checkpoint
        hostPath:
          path: /var/lib/ilogtail-ilogtail-ds/checkpoint
          type: DirectoryOrCreate
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: app-log
spec:
  logstore: app-log
  logtailConfig:
    configName: app-log
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/mnt/app/
      filePattern: '*.log'
      dockerFile: false
`,
    good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ilogtail-ds
  namespace: ilogtail
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
        image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4
        volumeMounts:
        - name: checkpoint
          mountPath: /usr/local/ilogtail/checkpoint
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
      volumes:
      - name: checkpoint
        hostPath:
          path: /var/lib/ilogtail-ilogtail-ds/checkpoint
          type: DirectoryOrCreate
      - name: root
        hostPath:
          path: /
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: app-log
spec:
  logstore: app-log
  logtailConfig:
    configName: app-log
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/mnt/app/
      filePattern: '*.log'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['noMount'],
  check(ctx) {
    const paths = configPaths(ctx.configs).filter((p) => !p.input.containerMode && hasHostPrefix(p.value, [HOST_PREFIX]));
    if (!paths.length) return;
    const daemonsets = ctx.workspace.collectors().filter((c) => c.role === 'daemonset');
    if (!daemonsets.length) return;
    const mounts = collectorMounts([...new Set(daemonsets.map((c) => c.workload))]);
    if (mounts.hostRoot.includes(HOST_PREFIX)) return;
    // a Kustomize patch (same kind and name, containers without an image) may add the mount
    if (daemonsets.some((c) => patchMountsHostRootAt(c.workload, c.container.name, ctx.workspace.patchesOf(c.workload)))) return;
    const ds = daemonsets[0]!;
    const other = mounts.hostRoot[0];
    for (const p of paths) {
      const fixes = other
        ? [{ title: title('Use prefix {prefix}'), kind: 'suggestion' as const, edits: [replaceEdit(ctx, p, addHostPrefix(stripHostPrefix(p.value, HOST_PREFIX), other))] }]
        : [];
      ctx.report({
        node: p.node,
        messageId: 'noMount',
        data: { daemonset: ds.workload.name, prefix: other ?? HOST_PREFIX },
        fixes,
        related: related(ctx, ds.workload, ds.container.mountsNode ?? ds.container.nameNode ?? ds.container.node, 'volumeMounts of collector {container} ({daemonset})', { container: ds.container.name, daemonset: ds.workload.name }),
      });
    }
  },
});

/** Whether a patch of `w` mounts the host root at /logtail_host in the container named `container`. */
function patchMountsHostRootAt(w: Workload, container: string, patches: readonly Workload[]): boolean {
  for (const p of patches) {
    for (const c of p.containers) {
      if (c.name !== container) continue;
      for (const m of c.mounts) {
        if (!m.mountPath || m.subPath || m.subPathExpr) continue;
        const v = volumeByName(p, m.name) ?? volumeByName(w, m.name);
        if (v?.source === 'hostPath' && (v.hostPath?.path ?? '').replace(/\/+$/, '') === '' && m.mountPath.replace(/\/+$/, '') === HOST_PREFIX) return true;
      }
    }
  }
  return false;
}
