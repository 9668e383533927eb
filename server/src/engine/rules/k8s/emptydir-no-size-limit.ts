import { logUseOf } from '../../model/storage';
import { isMap, isScalar } from '../../parse/nodes';
import { defineRule, title, type FixSpec } from '../../rule';
import { sizeLimitOf } from '../../model/quantity';
import type { Edit } from '../../types';

export default defineRule({
  id: 'k8s/emptydir-no-size-limit',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: { en: 'An emptyDir that holds logs has no `sizeLimit`.', zh: '存放日志的 emptyDir 没有设置 `sizeLimit`。' },
    rationale: {
      en: 'An emptyDir lives on the node\'s disk (practice guide: 优缺点对比, EmptyDir 特点1 "数据写入ECS"). Without `sizeLimit` nothing but the application\'s own log rotation bounds it, so a chatty or mis-rotated application can fill the node disk; near a full disk Kubernetes evicts pods, which hurts every application on the node (practice guide: 优缺点对比, EmptyDir 缺点1 and 缺点2).',
      zh: 'emptyDir 位于节点磁盘上（实践指南：优缺点对比，EmptyDir 特点1"数据写入ECS"）。没有 `sizeLimit` 时，只有应用自身的日志轮转能限制其大小，日志量大或轮转配置不当的应用可能打满节点磁盘；接近打满时 Kubernetes 会驱逐 Pod，影响节点上所有应用（实践指南：优缺点对比，EmptyDir 缺点1、缺点2）。',
    },
    remediation: {
      en: 'Set `emptyDir.sizeLimit` (quick fix "Add sizeLimit"; the value comes from the setting `logtailLint.emptyDirSizeLimit`, default `1Gi`) and keep rotating logs in the application. When the volume exceeds the limit the kubelet evicts only this pod instead of the whole node running out of disk, so the fix is a suggestion: choose a limit above what log rotation keeps. A volume counts as a log volume when an application container mounts it at a path with a log segment (`/var/log/nginx`, `/logs`, `/app/logdir`; not `/catalog` or `/static/logo`, nor database journals such as the `/datalog` of ZooKeeper or the `commitlog` of Cassandra), or when it is shared between an application container and a collector container (Logtail/iLogtail/LoongCollector sidecar). `medium: Memory` volumes are reported too (and by k8s/emptydir-memory-logs).',
      zh: '设置 `emptyDir.sizeLimit`（快速修复"添加 sizeLimit"，取值来自设置项 `logtailLint.emptyDirSizeLimit`，默认 `1Gi`），并继续在应用中做日志轮转。卷超过限制时 kubelet 只驱逐该 Pod，而不是让整个节点磁盘耗尽，因此该修复属于建议：请选择大于日志轮转保留量的上限。以下情况视为日志卷：应用容器把它挂载在含日志路径段的路径上（`/var/log/nginx`、`/logs`、`/app/logdir`；不含 `/catalog`、`/static/logo`，也不含 ZooKeeper 的 `/datalog`、Cassandra 的 `commitlog` 等数据库日志目录），或它由应用容器与采集器容器（Logtail/iLogtail/LoongCollector Sidecar）共享。`medium: Memory` 的卷同样报告（另见 k8s/emptydir-memory-logs）。',
    },
    sources: [{ id: 'guide', section: 'EmptyDir模式; 优缺点对比' }, 'k8sEmptyDir'],
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
    emptyDir: {}
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
    emptyDir:
      sizeLimit: 1Gi
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['noLimit'],
  check(ctx) {
    const limit = sizeLimitOf(ctx.settings.emptyDirSizeLimit);
    for (const w of ctx.workloads) {
      for (const v of w.volumes) {
        if (v.source !== 'emptyDir') continue;
        if (v.emptyDir?.sizeLimit) continue;
        const log = logUseOf(w, v);
        if (!log) continue;
        const src = v.sourcePair?.value;
        let edit: Edit | undefined;
        // no source key: the API server makes it an emptyDir; write that out with the limit
        if (!v.sourcePair) edit = ctx.edit.insertIntoMap(v.node, { emptyDir: { sizeLimit: limit } });
        else if (isMap(src)) edit = ctx.edit.setScalar(src, 'sizeLimit', limit);
        else if (isScalar(src) && src.value === null) edit = ctx.edit.fillPair(v.sourcePair, { sizeLimit: limit });
        const fixes: FixSpec[] = edit ? [{ title: title('Add sizeLimit: {limit}'), kind: 'suggestion', edits: [edit] }] : [];
        const path = log.use?.mount.mountPath ?? '';
        ctx.report({
          node: v.sourcePair?.key ?? v.nameNode,
          messageId: 'noLimit',
          data: { volume: v.name, kind: w.kind, workload: w.name, path, limit },
          fixes,
        });
      }
    }
  },
});
