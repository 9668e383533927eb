import { collectorMounts, HOST_PREFIX } from '../../model/logtail-paths';
import { collectGlobs, hostWrites, isAppHostPath, isVarSegment, reaches, segments, type HostWrite } from '../../model/node-paths';
import type { HostPathFact } from '../../model/facts';
import { defineRule, title } from '../../rule';
import { pathWithDir, related, replaceEdit } from './_common';

/** The segments of a write's volume path (read for every config path against every write: computed once). */
const bases = new WeakMap<HostWrite, string[]>();
function baseOf(w: HostWrite): string[] {
  let b = bases.get(w);
  if (!b) bases.set(w, (b = segments(w.fact.path)));
  return b;
}

/** What applications write into hostPath volumes (computed once per workspace version: `derive`). */
function appWrites(hostPaths: readonly HostPathFact[]): HostWrite[] {
  return hostPaths.filter(isAppHostPath).flatMap(hostWrites);
}

export default defineRule({
  id: 'workspace/path-missing-pod-level',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['workloads', 'hostPaths'],
  docs: {
    summary: {
      en: 'A path collects a hostPath volume that subPathExpr isolates per pod, but has no level for the pod directory.',
      zh: '路径采集的 hostPath 卷通过 subPathExpr 按 Pod 隔离，但路径中没有 Pod 目录这一级。',
    },
    rationale: {
      en: 'With `subPathExpr: $(POD_NAME)` each pod writes into its own directory below the volume (`/mnt/<pod>/…`), as the guide recommends for several replicas on one node (*Kubernetes 日志落盘及 SLS 日志采集实践*, "HostPath模式"). A collection path that stops at the volume directory with no search depth (`FilePaths: /logtail_host/mnt/*.log`, or `logPath: /logtail_host/mnt/` with `maxDepth: 0`) finds no file at all: the files are one level deeper. A path that spells the expression literally (`/logtail_host/mnt/$(POD_NAME)/`) names a directory that never exists. The agent matches each directory level with fnmatch, so a `*` level (or `**` before the file name) covers every pod (alibaba/loongcollector core/file_server/FileDiscoveryOptions.cpp, commit 05cbda6).',
      zh: '使用 `subPathExpr: $(POD_NAME)` 时，每个 Pod 写入卷下自己的目录（`/mnt/<pod>/…`），这正是实践指南针对同一节点多副本的推荐做法（《Kubernetes 日志落盘及 SLS 日志采集实践》"HostPath模式"）。采集路径若停在卷目录且没有搜索深度（`FilePaths: /logtail_host/mnt/*.log`，或 `logPath: /logtail_host/mnt/` 配合 `maxDepth: 0`），一个文件也找不到：文件在更深一级。把表达式原样写进路径（`/logtail_host/mnt/$(POD_NAME)/`）则指向一个永远不存在的目录。采集器按级用 fnmatch 匹配目录，因此 `*` 这一级（或文件名前的 `**`）可以覆盖所有 Pod（alibaba/loongcollector core/file_server/FileDiscoveryOptions.cpp，提交 05cbda6）。',
    },
    remediation: {
      en: 'Quick fix **"Add the pod level"**: inserts a `*` level for each level of the `subPathExpr` after the volume directory (or replaces the literal `$(…)` level with `*`). A legacy `logPath` with a `maxDepth` of at least the number of levels, or a pipeline path with `**` before the file name, is not reported (a `**` with `MaxDirSearchDepth: 0` is logtail/recursive-depth-zero\'s concern).',
      zh: '快速修复**"添加 Pod 这一级"**：在卷目录之后为 `subPathExpr` 的每一级插入一级 `*`（或把字面的 `$(…)` 这一级替换为 `*`）。旧版 `logPath` 的 `maxDepth` 不小于该级数，或流水线路径在文件名前有 `**` 时不报告（`**` 配合 `MaxDirSearchDepth: 0` 由 logtail/recursive-depth-zero 负责）。',
    },
    notes: {
      en: 'Only when every writable mount of the volume uses a `subPathExpr` with a variable, and the path reaches no other volume where files are written directly. A level that names one pod literally (`/logtail_host/mnt/web-0/`) is left alone: a StatefulSet\'s pod names are stable and collecting one of them can be intended.',
      zh: '仅当该卷的每个可写挂载都使用带变量的 `subPathExpr`，且该路径不会采到其他直接写入文件的卷时才报告。字面写出某个 Pod 名称的层级（`/logtail_host/mnt/web-0/`）不处理：StatefulSet 的 Pod 名称是固定的，只采集其中一个可能正是本意。',
    },
    sources: [{ id: 'guide', section: 'HostPath模式; 配置HostPath模式采集' }, 'slsK8sGuide', 'k8sSubPathExpr'],
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
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: nginx-log
spec:
  project:
    name: k8s-log-demo
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - /logtail_host/mnt/*.log
    flushers:
    - Type: flusher_sls
      Logstore: nginx-log
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
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: nginx-log
spec:
  project:
    name: k8s-log-demo
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - /logtail_host/mnt/*/*.log
    flushers:
    - Type: flusher_sls
      Logstore: nginx-log
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['noLevel', 'literal'],
  check(ctx) {
    if (!ctx.configs.length) return;
    const ws = ctx.workspace;
    const mounts = ws.derive(collectorMounts, () => collectorMounts(ws.workloads()));
    const globs = collectGlobs(ctx.configs, [HOST_PREFIX, ...mounts.hostRoot]);
    if (!globs.length) return;
    const writes: HostWrite[] = ws.derive(appWrites, () => appWrites(ws.hostPaths()));
    if (!writes.length) return;
    for (const g of globs) {
      if (writes.some((w) => !w.perPod && reaches(g, w.dir))) continue; // collects files written directly
      for (const w of writes) {
        if (!w.perPod) continue;
        const base = baseOf(w);
        if (g.dir.length < base.length || base.some((s, i) => g.dir[i] !== s)) continue;
        const tail = g.dir.slice(base.length);
        const levels = w.exprLevels;
        const rel = related(ctx, w.fact.workload, w.mount.subPathExprPair?.value ?? w.mount.node, 'subPathExpr of {kind} {workload}', { kind: w.fact.workload.kind, workload: w.fact.workload.name });
        const literal = tail.slice(0, levels).findIndex(isVarSegment);
        if (literal >= 0) {
          const dir = [...base, ...tail.map((s, i) => (i < levels && isVarSegment(s) ? '*' : s))];
          const fixed = pathWithDir(g, dir);
          ctx.report({ node: g.path.node, messageId: 'literal', data: { segment: tail[literal]!, fixed }, fixes: [{ title: title('Add the pod level'), kind: 'safe', edits: [replaceEdit(ctx, g.path, fixed)] }], related: rel });
          break;
        }
        if (tail.length === 0 && !g.recursive && g.depth < levels) {
          const fixed = pathWithDir(g, [...base, ...Array<string>(levels).fill('*')]);
          ctx.report({ node: g.path.node, messageId: 'noLevel', data: { node: '/' + base.join('/'), fixed }, fixes: [{ title: title('Add the pod level'), kind: 'safe', edits: [replaceEdit(ctx, g.path, fixed)] }], related: rel });
          break;
        }
      }
    }
  },
});
