import { collectorMounts, HOST_PREFIX } from '../../model/logtail-paths';
import { collectGlobs, hostWrites, isAppHostPath, nearest, reaches, segments, UNLIMITED, KUBELET_PODS, type CollectGlob } from '../../model/node-paths';
import { isNodeManagedLogPath, isSystemHostPath, type VolumeInfo } from '../../model/storage';
import type { HostPathFact } from '../../model/facts';
import { defineRule, title } from '../../rule';
import { pathWithDir, related, replaceEdit } from './_common';

/** The directory a fix points at for a volume: its path, plus one `*` per `subPathExpr` level when every pod writes in its own directory. */
export function fixDirOf(h: HostPathFact): string[] {
  const writes = hostWrites(h);
  const base = segments(h.path);
  if (writes.length && writes.every((w) => w.perPod)) return [...base, ...Array<string>(Math.max(...writes.map((w) => w.exprLevels))).fill('*')];
  return base;
}

/** Is the pattern inside a volume's directory, or above it with enough depth to reach it? (Pod levels are workspace/path-missing-pod-level's concern.) */
function touches(g: CollectGlob, dir: readonly string[]): boolean {
  return reaches({ dir: g.dir, depth: UNLIMITED }, dir);
}

/** The hostPath volumes applications write into (computed once per workspace version: `derive`). */
function appVolumes(hostPaths: readonly HostPathFact[]): HostPathFact[] {
  return hostPaths.filter((h) => isAppHostPath(h) && hostWrites(h).length > 0);
}

/** Node directories the collectors mount themselves, and node directories of PersistentVolumes. */
function knownDirs(hostPaths: readonly HostPathFact[], pvs: readonly VolumeInfo[]): string[][] {
  const known: string[][] = [];
  for (const h of hostPaths) if (!isAppHostPath(h) && h.path !== '/') known.push(segments(h.path));
  for (const pv of pvs) if (pv.path) known.push(segments(pv.path));
  return known;
}

export default defineRule({
  id: 'workspace/path-matches-no-volume',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['workloads', 'hostPaths', 'persistentVolumes'],
  docs: {
    summary: {
      en: 'A node path collected through /logtail_host matches no hostPath volume, no kubelet pod-volume directory and no collector mount in the workspace.',
      zh: '通过 /logtail_host 采集的节点路径与工作区中任何 hostPath 卷、kubelet Pod 卷目录或采集器挂载都不匹配。',
    },
    rationale: {
      en: 'In HostPath mode the collector reads `/logtail_host` + the node directory of the application\'s hostPath volume (the guide *Kubernetes 日志落盘及 SLS 日志采集实践*, "配置HostPath模式采集": "/logtail_host/mnt/"). A path that names a directory no pod writes to is accepted by SLS without an error and collects nothing: a typo (`/logtail_host/mnt/log` for the volume `/mnt/logs`) silently loses every line. The agent matches the directory part one level at a time (fnmatch per level, `*` = one directory level; `**` before the file name searches `MaxDirSearchDepth` levels; a legacy `logPath` is searched `maxDepth` levels deep — alibaba/loongcollector core/file_server/FileDiscoveryOptions.cpp, commit 05cbda6).',
      zh: 'HostPath 模式下，采集器读取 `/logtail_host` + 应用 hostPath 卷的节点目录（《Kubernetes 日志落盘及 SLS 日志采集实践》"配置HostPath模式采集"："/logtail_host/mnt/"）。指向没有任何 Pod 写入的目录的路径，SLS 照样接受且不报错，却什么也采不到：一个笔误（卷是 `/mnt/logs`，路径写成 `/logtail_host/mnt/log`）就会悄悄丢掉所有日志。采集器逐级匹配目录部分（每级 fnmatch，`*` 匹配一级目录；文件名前的 `**` 向下搜索 `MaxDirSearchDepth` 级；旧版 `logPath` 向下搜索 `maxDepth` 级——alibaba/loongcollector core/file_server/FileDiscoveryOptions.cpp，提交 05cbda6）。',
    },
    remediation: {
      en: 'Point the path at the volume: quick fix **"Change to /logtail_host<hostPath>"** for the hostPath volume whose path is closest to the one written (with a `*` level when the volume is isolated per pod by `subPathExpr`). The finding links to that volume.',
      zh: '让路径指向卷：快速修复**"改为 /logtail_host<hostPath>"**，使用路径与所写路径最接近的 hostPath 卷（若该卷以 `subPathExpr` 按 Pod 隔离，则加一级 `*`）。诊断会链接到该卷。',
    },
    notes: {
      en: 'Choices: the rule speaks only when the workspace holds at least one hostPath volume an application writes to (otherwise nothing is known about the node), and only about paths in the same top-level directory as such a volume or within a few edits of one — a node also holds files no manifest describes (an agent installed on the host, `/home/admin/logs` of a VM-era service), so an unrelated path is no evidence of a mistake. Never reported: paths below `/var/lib/kubelet` (pod volumes: the kubelet-path rules), system and node-managed directories (`/var/log`, `/var/log/pods`, `/proc`, …), paths below a hostPath a collector mounts itself, and the node directories of `hostPath` / `local` PersistentVolumes.',
      zh: '取舍：只有当工作区中至少有一个应用写入的 hostPath 卷时才报告（否则对节点一无所知），并且只报告与这类卷位于同一顶级目录、或与其仅差几个字符的路径——节点上还有清单描述不到的文件（直接安装在主机上的采集器、传统服务的 `/home/admin/logs`），无关的路径不能说明写错了。以下从不报告：`/var/lib/kubelet` 下的路径（Pod 卷，由 kubelet 路径相关规则负责）、系统目录和由节点管理的目录（`/var/log`、`/var/log/pods`、`/proc` 等）、采集器自己挂载的 hostPath 之下的路径，以及 `hostPath` / `local` 类型 PersistentVolume 的节点目录。',
    },
    sources: [{ id: 'guide', section: '配置HostPath模式采集' }, 'slsK8sGuide', 'lcInputFile'],
    bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /var/log/nginx
      volumes:
      - name: logs
        hostPath:
          path: /mnt/logs
          type: DirectoryOrCreate
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: web-log
spec:
  logstore: web-log
  logtailConfig:
    configName: web-log
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/mnt/log/
      filePattern: '*.log'
      dockerFile: false
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: logs
          mountPath: /var/log/nginx
      volumes:
      - name: logs
        hostPath:
          path: /mnt/logs
          type: DirectoryOrCreate
---
apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: web-log
spec:
  logstore: web-log
  logtailConfig:
    configName: web-log
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/mnt/logs/
      filePattern: '*.log'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['noVolume'],
  check(ctx) {
    if (!ctx.configs.length) return;
    const ws = ctx.workspace;
    const mounts = ws.derive(collectorMounts, () => collectorMounts(ws.workloads()));
    const globs = collectGlobs(ctx.configs, [HOST_PREFIX, ...mounts.hostRoot]);
    if (!globs.length) return;
    const apps = ws.derive(appVolumes, () => appVolumes(ws.hostPaths()));
    if (!apps.length) return;
    // node directories the collectors mount themselves, and node directories of PersistentVolumes
    const known = ws.derive(knownDirs, () => knownDirs(ws.hostPaths(), ws.persistentVolumes()));
    for (const g of globs) {
      if (!g.dir.length) continue;
      const node = '/' + g.dir.join('/');
      if (g.dir.length >= 3 && KUBELET_PODS.slice(0, 3).every((s, i) => g.dir[i] === s)) continue; // /var/lib/kubelet/…: pod volumes
      if (isSystemHostPath(node) || isNodeManagedLogPath(node) || node.startsWith('/var/log/')) continue;
      if (apps.some((h) => touches(g, segments(h.path)))) continue;
      if (known.some((d) => touches(g, d))) continue;
      const best = nearest(node, apps, (h) => h.path);
      if (!best) continue;
      const sameTop = apps.some((h) => segments(h.path)[0] === g.dir[0]);
      if (!sameTop && best.distance > Math.max(2, Math.floor(node.length / 4))) continue;
      const h = best.item;
      const fixed = pathWithDir(g, fixDirOf(h));
      ctx.report({
        node: g.path.node,
        messageId: 'noVolume',
        data: { node, fixed, volume: h.volume.name },
        fixes: [{ title: title('Change to {fixed}'), kind: 'suggestion', edits: [replaceEdit(ctx, g.path, fixed)] }],
        related: related(ctx, h.workload, h.volume.hostPath?.pathNode ?? h.volume.node, 'hostPath volume {volume} ({kind} {workload})', { volume: h.volume.name, kind: h.workload.kind, workload: h.workload.name }),
      });
    }
  },
});
