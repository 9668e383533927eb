import { defineRule, title } from '../../rule';

export default defineRule({
  id: 'k8s/subpath-needs-expr',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: { en: '`subPath` contains `$(VAR)`, which Kubernetes expands only in `subPathExpr`.', zh: '`subPath` 中含有 `$(VAR)`，而 Kubernetes 只会在 `subPathExpr` 中展开变量。' },
    rationale: {
      en: 'Kubernetes takes `subPath` literally: `subPath: $(POD_NAME)` does not become the pod name (kubernetes/kubernetes#66583). Depending on the version the container fails with CreateContainerConfigError or every pod writes into one directory literally named `$(POD_NAME)` — the shared-hostPath problem the practice guide solves with `subPathExpr` (HostPath模式).',
      zh: 'Kubernetes 按字面处理 `subPath`：`subPath: $(POD_NAME)` 不会变成 Pod 名称（kubernetes/kubernetes#66583）。视版本不同，容器会报 CreateContainerConfigError，或所有 Pod 写入同一个名为 `$(POD_NAME)` 的目录——正是实践指南在 HostPath 模式中用 `subPathExpr` 解决的问题。',
    },
    remediation: { en: 'Rename `subPath` to `subPathExpr` (quick fix) and define the variable in the container env.', zh: '将 `subPath` 改名为 `subPathExpr`（快速修复），并在容器 env 中定义该变量。' },
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
      subPath: $(POD_NAME)
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
  messages: ['literal'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        for (const m of c.mounts) {
          if (!m.subPathPair || !m.subPath || !/(^|[^$])\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(m.subPath)) continue;
          ctx.report({
            node: m.subPathPair.key,
            messageId: 'literal',
            data: { value: m.subPath, mount: m.name, container: c.name },
            fixes: m.subPathExprPair ? [] : [{ title: title('Rename "subPath" to "subPathExpr"'), kind: 'safe', edits: [ctx.edit.renameKey(m.subPathPair, 'subPathExpr')] }],
          });
        }
      }
    }
  },
});
