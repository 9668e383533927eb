import { editDistance } from '../../model/k8s';
import { effectiveNamespace } from '../../model/storage';
import { defineRule, title, type FixSpec } from '../../rule';

export default defineRule({
  id: 'k8s/pvc-not-found',
  severity: 'information',
  scope: 'workspace',
  inputs: ['claims', 'claimTemplates'],
  docs: {
    summary: { en: 'A `persistentVolumeClaim.claimName` matches no PersistentVolumeClaim defined in the workload\'s namespace.', zh: '`persistentVolumeClaim.claimName` 与工作负载所在命名空间中定义的任何 PersistentVolumeClaim 都不匹配。' },
    rationale: {
      en: 'A pod can only use a claim of its own namespace. When no claim of that name exists there, the pod stays `Pending` ("persistentvolumeclaim not found") and writes no logs at all (Kubernetes documentation: Persistent Volumes, "Claims As Volumes"). A typo between the PVC manifest and the workload is the usual cause.',
      zh: 'Pod 只能使用其所在命名空间中的 PVC。该命名空间中没有这个名称的 PVC 时，Pod 会一直处于 `Pending`（"persistentvolumeclaim not found"），完全不会写日志（Kubernetes 文档：Persistent Volumes，"Claims As Volumes"）。常见原因是 PVC 清单与工作负载之间的拼写不一致。',
    },
    remediation: {
      en: 'Use the name of the PersistentVolumeClaim you defined (quick fix "Change to …" when exactly one claim of that namespace is within two edits), or add the claim. Namespaces are matched exactly: an object\'s namespace is its `metadata.namespace`, else the `namespace` of the `kustomization.yaml` in its directory (or the nearest parent directory that has one), else `default`. Only reported when the workspace defines at least one claim in the workload\'s namespace (claims managed elsewhere are not guessed at); nothing is reported when a kustomization without `namespace` holds the file (an overlay decides it) or when a claim of that name has such an unknown namespace. Claims created by a StatefulSet\'s `volumeClaimTemplates` (`<template>-<statefulset>-<ordinal>`) count as defined.',
      zh: '改用已定义的 PersistentVolumeClaim 名称（若该命名空间中恰有一个 PVC 与其相差不超过两个字符，快速修复"改为 …"），或添加该 PVC。命名空间严格匹配：对象的命名空间取其 `metadata.namespace`；未设置时取其所在目录（或最近的上级目录）中 `kustomization.yaml` 的 `namespace`；都没有时为 `default`。仅当工作区在该工作负载的命名空间中至少定义了一个 PVC 时才报告（不推测在别处管理的 PVC）；文件由未设置 `namespace` 的 kustomization 管理（由 overlay 决定命名空间），或同名 PVC 的命名空间无法确定时，不报告。由 StatefulSet 的 `volumeClaimTemplates` 创建的 PVC（`<模板名>-<StatefulSet名>-<序号>`）视为已定义。',
    },
    sources: ['k8sPvcVolume'],
    bad: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nginx-claim
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 20Gi
  storageClassName: local-storage
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-clam
`,
    good: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nginx-claim
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 20Gi
  storageClassName: local-storage
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-claim
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['notFound'],
  check(ctx) {
    let claims: ReturnType<typeof ctx.workspace.claims> | undefined;
    let patterns: ReturnType<typeof ctx.workspace.claimTemplates> | undefined;
    for (const w of ctx.workloads) {
      for (const v of w.volumes) {
        if (v.source !== 'persistentVolumeClaim' || !v.claimName || !v.claimNameNode) continue;
        if (/[${}]/.test(v.claimName)) continue; // templated / substituted later
        claims ??= ctx.workspace.claims();
        const ns = effectiveNamespace(w.obj, ctx.uri, ctx.workspace);
        if (ns === undefined) continue; // the namespace is set elsewhere (a Kustomize overlay): nothing to compare
        // a claim of unknown namespace could be anywhere: it may be the one, so say nothing
        if (claims.some((c) => c.namespace === undefined && c.name === v.claimName)) continue;
        const inScope = claims.filter((c) => c.namespace === ns);
        if (!inScope.length) continue;
        if (inScope.some((c) => c.name === v.claimName)) continue;
        patterns ??= ctx.workspace.claimTemplates();
        if (patterns.some((p) => (p.namespace === ns || p.namespace === undefined) && p.re.test(v.claimName!))) continue;
        const fixes: FixSpec[] = [];
        const names = [...new Set(inScope.map((c) => c.name))];
        const claim = v.claimName;
        const scored = names.map((n) => ({ n, d: editDistance(claim, n) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d);
        if (scored.length && (scored.length === 1 || scored[1]!.d > scored[0]!.d)) {
          fixes.push({ title: title('Change to "{to}"'), kind: 'suggestion', edits: [ctx.edit.replaceScalar(v.claimNameNode, scored[0]!.n)] });
        }
        ctx.report({
          node: v.claimNameNode,
          messageId: 'notFound',
          data: { claim: v.claimName, volume: v.name, kind: w.kind, workload: w.name, namespace: ns, to: scored[0]?.n ?? '' },
          fixes,
        });
      }
    }
  },
});
