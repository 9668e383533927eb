import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'k8s/subpath-and-expr',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: { en: 'A volume mount sets both `subPath` and `subPathExpr`.', zh: '同一个卷挂载同时设置了 `subPath` 和 `subPathExpr`。' },
    rationale: {
      en: '`subPath` and `subPathExpr` are mutually exclusive; the API server rejects the pod, so nothing runs and nothing is logged. Keep `subPathExpr` when the directory must differ per pod (practice guide: HostPath模式).',
      zh: '`subPath` 与 `subPathExpr` 互斥，API Server 会拒绝该 Pod，工作负载无法运行也不会产生日志。需要每个 Pod 使用不同目录时保留 `subPathExpr`（实践指南 HostPath 模式）。',
    },
    remediation: { en: 'Remove `subPath` (quick fix) or `subPathExpr`.', zh: '删除 `subPath`（快速修复）或 `subPathExpr`。' },
    sources: [{ id: 'guide', section: 'HostPath模式' }, 'k8sSubPathExpr'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    volumeMounts:
    - name: workdir1
      mountPath: /logs
      subPath: logs
      subPathExpr: $(POD_NAME)
  volumes:
  - name: workdir1
    hostPath:
      path: /mnt
      type: DirectoryOrCreate
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
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
  messages: ['both'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        for (const m of c.mounts) {
          if (!m.subPathPair || !m.subPathExprPair) continue;
          ctx.report({
            node: m.subPathPair.key,
            messageId: 'both',
            data: { mount: m.name, container: c.name },
            fixes: [{ title: title('Remove "subPath"'), kind: 'suggestion', edits: [ctx.edit.removePair(m.subPathPair)] }],
          });
        }
      }
    }
  },
});
