import { configPaths, HOST_PREFIX, analyzeRecursive } from '../../model/logtail-paths';
import { hostWrites, isAppHostPath, segments, type HostWrite } from '../../model/node-paths';
import type { HostPathFact } from '../../model/facts';
import { defineRule, title } from '../../rule';
import { related, replaceEdit } from './_common';

/** Segments of the directory a container-mode path searches (legacy: `logPath`; pipeline: the directory of the file, `/**` dropped). */
function containerDir(value: string, form: 'legacy' | 'pipeline'): { dir: string[]; file?: string; recursive: boolean } {
  const segs = segments(value);
  if (form === 'legacy') return { dir: segs, recursive: false };
  const file = segs.pop();
  const recursive = analyzeRecursive(value).recursive && segs[segs.length - 1] === '**';
  if (recursive) segs.pop();
  return { dir: segs, file, recursive };
}

/** What applications write into hostPath volumes (computed once per workspace version: `derive`). */
function appWrites(hostPaths: readonly HostPathFact[]): HostWrite[] {
  return hostPaths.filter(isAppHostPath).flatMap(hostWrites);
}

export default defineRule({
  id: 'workspace/container-path-of-hostpath',
  severity: 'information',
  scope: 'workspace',
  inputs: ['hostPaths'],
  docs: {
    summary: {
      en: 'A container-mode path collects a directory that is the mountPath of a hostPath volume; collecting the node path survives a node failure.',
      zh: '容器模式的路径采集的目录是某个 hostPath 卷的 mountPath；改为采集节点路径在节点故障时更可靠。',
    },
    rationale: {
      en: 'The guide\'s HostPath section warns: with `dockerFile: true` the collector finds the files through the running container; when the node fails and the pod is rescheduled, the lines the old container wrote but were not yet collected stay on the old node\'s hostPath directory, where no container path points any more (*Kubernetes 日志落盘及 SLS 日志采集实践*, "HostPath模式" warning box). Collecting the node directory (`/logtail_host` + `hostPath.path`, switch off) keeps reading those files when the node comes back, whatever pod wrote them.',
      zh: '实践指南 HostPath 一节提醒：`dockerFile: true` 时采集器通过运行中的容器找到文件；节点故障、Pod 被调度走后，旧容器已写入但尚未采集的日志仍留在旧节点的 hostPath 目录中，已没有任何容器路径指向它（《Kubernetes 日志落盘及 SLS 日志采集实践》"HostPath模式"警告框）。采集节点目录（`/logtail_host` + `hostPath.path`，关闭开关）则在节点恢复后仍会继续读取这些文件，无论是哪个 Pod 写的。',
    },
    remediation: {
      en: 'Quick fix **"Collect the host path"** (a suggestion): rewrites the path to `/logtail_host` + the volume\'s `hostPath.path` (+ its `subPath`, or a `*` level per `subPathExpr` level) + the rest of the path below the `mountPath`, and sets `dockerFile` / `EnableContainerDiscovery` to false. Offered when every matching volume lands on the same node directory. Container filters (`dockerIncludeLabel`, `ContainerFilters`, …) no longer apply after the change: the node directory holds only what the volume\'s pods write.',
      zh: '快速修复**"改为采集节点路径"**（建议级）：把路径改为 `/logtail_host` + 卷的 `hostPath.path`（+ 其 `subPath`，或按 `subPathExpr` 的级数加 `*`）+ 路径在 `mountPath` 之下的部分，并把 `dockerFile` / `EnableContainerDiscovery` 设为 false。仅当所有匹配的卷落在同一节点目录时提供。修改后容器过滤条件（`dockerIncludeLabel`、`ContainerFilters` 等）不再生效：节点目录中只有该卷的 Pod 写入的内容。',
    },
    sources: [{ id: 'guide', section: 'HostPath模式; 配置HostPath模式采集' }, 'slsK8sGuide', 'k8sHostPath'],
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
          path: /mnt/web
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
      logPath: /var/log/nginx
      filePattern: '*.log'
      dockerFile: true
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
          path: /mnt/web
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
      logPath: /logtail_host/mnt/web
      filePattern: '*.log'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['containerPath'],
  check(ctx) {
    const paths = configPaths(ctx.configs).filter((p) => p.role === 'collect' && p.input.containerMode && p.value.startsWith('/'));
    if (!paths.length) return;
    const writes: HostWrite[] = ctx.workspace.derive(appWrites, () => appWrites(ctx.workspace.hostPaths()));
    if (!writes.length) return;
    for (const p of paths) {
      const cd = containerDir(p.value, p.input.form);
      const hits: { w: HostWrite; host: string[] }[] = [];
      for (const w of writes) {
        const m = segments(w.mount.mountPath ?? '');
        if (!m.length || cd.dir.length < m.length) continue;
        if (m.some((s, i) => s !== cd.dir[i])) continue; // a pattern level over the mountPath: not this mount for sure
        const levels = w.dir.slice(segments(w.fact.path).length).map((s) => (s.includes('$(') ? '*' : s));
        hits.push({ w, host: [...segments(w.fact.path), ...levels, ...cd.dir.slice(m.length)] });
      }
      if (!hits.length) continue;
      const first = hits[0]!;
      const fixedDir = HOST_PREFIX + '/' + first.host.join('/');
      const fixed = p.input.form === 'legacy' ? fixedDir + (p.value.endsWith('/') ? '/' : '') : fixedDir + (cd.recursive ? '/**' : '') + '/' + (cd.file ?? '*');
      const same = hits.every((h) => h.host.join('/') === first.host.join('/'));
      const sw = p.input.switchPair;
      const fixes = same && sw ? [{ title: title('Collect the host path'), kind: 'suggestion' as const, edits: [replaceEdit(ctx, p, fixed), p.input.config.edit.replaceScalar(sw.value, false)] }] : [];
      ctx.report({
        node: p.node,
        messageId: 'containerPath',
        data: { path: p.value, volume: first.w.fact.volume.name, fixed },
        fixes,
        related: related(ctx, first.w.fact.workload, first.w.mount.mountPathNode ?? first.w.mount.node, 'mountPath of hostPath volume {volume} ({kind} {workload})', { volume: first.w.fact.volume.name, kind: first.w.fact.workload.kind, workload: first.w.fact.workload.name }),
      });
    }
  },
});
