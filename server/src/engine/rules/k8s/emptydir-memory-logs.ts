import { logUseOf } from '../../model/storage';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'k8s/emptydir-memory-logs',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: { en: 'An emptyDir that holds logs uses `medium: Memory` (tmpfs).', zh: '存放日志的 emptyDir 使用了 `medium: Memory`（tmpfs）。' },
    rationale: {
      en: 'With `medium: Memory` the emptyDir is a tmpfs in RAM: every log byte written there counts against the memory limit of the container that wrote it, so logs that grow until rotation get the container OOM-killed or the pod evicted for memory pressure, and the log lines still in the volume vanish with it. Log files belong on disk; the practice guide\'s emptyDir log volume (EmptyDir模式) is a plain disk-backed `emptyDir`.',
      zh: '`medium: Memory` 的 emptyDir 是内存中的 tmpfs：写入的每个日志字节都计入写入容器的内存限制，日志在轮转前不断增长，会导致容器被 OOM 杀死或 Pod 因内存压力被驱逐，卷中尚未采集的日志随之消失。日志文件应写在磁盘上；实践指南 EmptyDir 模式中的日志卷就是普通的磁盘 `emptyDir`。',
    },
    remediation: {
      en: 'Remove `medium: Memory` and set a `sizeLimit` (disk-backed emptyDir), or mount a hostPath/PVC for the logs. There is no automatic fix: dropping tmpfs changes where the data lives and may have been chosen on purpose (for example for a read-only root file system). A volume counts as a log volume when an application container mounts it at a path with a log segment, or when it is shared with a collector container.',
      zh: '删除 `medium: Memory` 并设置 `sizeLimit`（使用磁盘上的 emptyDir），或为日志挂载 hostPath/PVC。不提供自动修复：去掉 tmpfs 会改变数据存放位置，而且可能是有意为之（例如配合只读根文件系统）。应用容器把卷挂载在含日志路径段的路径上，或卷与采集器容器共享时，视为日志卷。',
    },
    sources: [{ id: 'guide', section: 'EmptyDir模式; 优缺点对比' }, 'k8sEmptyDir'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      limits:
        memory: 256Mi
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    emptyDir:
      medium: Memory
      sizeLimit: 64Mi
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      limits:
        memory: 256Mi
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
  messages: ['memory'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const v of w.volumes) {
        if (v.source !== 'emptyDir' || v.emptyDir?.medium !== 'Memory') continue;
        const log = logUseOf(w, v);
        if (!log) continue;
        const mediumPair = v.sourceNode && v.sourceNode.type === 'map' ? v.sourceNode.pairs.find((p) => p.key.value === 'medium') : undefined;
        ctx.report({
          node: mediumPair?.value ?? v.sourcePair?.key ?? v.nameNode,
          messageId: 'memory',
          data: { volume: v.name, kind: w.kind, workload: w.name, path: log.use?.mount.mountPath ?? '', container: log.use?.container.name ?? '' },
        });
      }
    }
  },
});
