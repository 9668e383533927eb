import { setHostPathType } from '../../fix/k8s-fixes';
import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'k8s/hostpath-expr-type',
  severity: 'warning',
  docs: {
    summary: { en: 'A hostPath volume mounted with `subPathExpr` does not have `type: DirectoryOrCreate`.', zh: '使用 `subPathExpr` 挂载的 hostPath 卷未设置 `type: DirectoryOrCreate`。' },
    rationale: {
      en: 'The seed is explicit: "type必须是DirectoryOrCreate" (HostPath模式). With `Directory` the pod fails to start on a fresh node where the directory does not exist yet; with no type nothing guarantees a directory. `DirectoryOrCreate` creates it, and the per-pod subdirectories below it.',
      zh: '原文明确要求"type必须是DirectoryOrCreate"（HostPath模式）。若为 `Directory`，在目录尚不存在的新节点上 Pod 无法启动；不设置 type 则无法保证其为目录。`DirectoryOrCreate` 会创建该目录及其下按 Pod 划分的子目录。',
    },
    remediation: { en: 'Set `hostPath.type: DirectoryOrCreate` (quick fix).', zh: '设置 `hostPath.type: DirectoryOrCreate`（快速修复）。' },
    source: 'seed: HostPath模式 ("type必须是DirectoryOrCreate")',
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
  messages: {
    type: {
      en: 'hostPath volume "{volume}" is mounted with `subPathExpr` but its type is {type}; it must be DirectoryOrCreate.',
      zh: 'hostPath 卷 "{volume}" 以 `subPathExpr` 挂载，但其 type 为 {type}；必须为 DirectoryOrCreate。',
    },
  },
  check(ctx) {
    for (const w of ctx.workloads) {
      const names = new Set(w.containers.flatMap((c) => c.mounts.filter((m) => m.subPathExpr).map((m) => m.name)));
      for (const v of w.volumes) {
        if (v.source !== 'hostPath' || !names.has(v.name) || v.hostPath?.type === 'DirectoryOrCreate') continue;
        const fix = setHostPathType(ctx.edit, v, 'DirectoryOrCreate');
        ctx.report({
          node: v.hostPath?.typeNode ?? v.sourcePair?.key ?? v.nameNode,
          messageId: 'type',
          data: { volume: v.name, type: v.hostPath?.type ? `"${v.hostPath.type}"` : ctx.locale === 'zh-CN' ? '未设置' : 'not set' },
          fixes: fix ? [{ title: title('Set type: DirectoryOrCreate', '设置 type: DirectoryOrCreate'), kind: 'safe', edits: [fix] }] : [],
        });
      }
    }
  },
});
