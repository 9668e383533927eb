import { editDistance } from '../../model/k8s';
import { sameNamespace, templateClaimPatterns, visibleClaims } from '../../model/storage';
import { defineRule, title, type FixSpec } from '../../rule';

export default defineRule({
  id: 'k8s/pvc-not-found',
  severity: 'information',
  docs: {
    summary: { en: 'A `persistentVolumeClaim.claimName` matches no PersistentVolumeClaim defined in the workspace.', zh: '`persistentVolumeClaim.claimName` 与工作区中定义的任何 PersistentVolumeClaim 都不匹配。' },
    rationale: {
      en: 'In the PVC mode (seed: PVC模式) the pod names its claim with `claimName`. When no claim of that name exists in the pod\'s namespace, the pod stays Pending ("persistentvolumeclaim not found") and writes no logs at all. A typo between the PVC manifest and the workload is the usual cause.',
      zh: 'PVC 模式下（原文：PVC模式），Pod 用 `claimName` 指定其 PVC。Pod 所在命名空间中没有该名称的 PVC 时，Pod 会一直处于 Pending（"persistentvolumeclaim not found"），完全不会写日志。常见原因是 PVC 清单与工作负载之间的拼写不一致。',
    },
    remediation: {
      en: 'Use the name of the PersistentVolumeClaim you defined (quick fix "Change to …" when exactly one defined claim is within two edits), or add the claim. Only reported when the file or the workspace defines at least one PersistentVolumeClaim in a matching namespace (claims managed elsewhere are not guessed at). Namespaces match when equal or when either object has none (it is applied into some namespace). Claims created by a StatefulSet\'s `volumeClaimTemplates` (`<template>-<statefulset>-<ordinal>`) count as defined.',
      zh: '改用已定义的 PersistentVolumeClaim 名称（若恰有一个已定义的 PVC 与其相差不超过两个字符，快速修复"改为 …"），或添加该 PVC。仅当本文件或工作区在匹配的命名空间中至少定义了一个 PersistentVolumeClaim 时才报告（不推测在别处管理的 PVC）。命名空间相同，或任一对象未写命名空间（应用时才决定）时视为匹配。由 StatefulSet 的 `volumeClaimTemplates` 创建的 PVC（`<模板名>-<StatefulSet名>-<序号>`）视为已定义。',
    },
    source: 'seed: PVC模式; k8s: a pod waits for its claim',
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
  messages: {
    notFound: {
      en: 'claimName "{claim}" of volume "{volume}" ({kind} "{workload}") matches no PersistentVolumeClaim defined in this workspace; the pod stays Pending until that claim exists.',
      zh: '卷 "{volume}"（{kind} "{workload}"）的 claimName "{claim}" 与本工作区定义的任何 PersistentVolumeClaim 都不匹配；在该 PVC 存在之前 Pod 会一直处于 Pending。',
    },
  },
  check(ctx) {
    let claims: ReturnType<typeof visibleClaims> | undefined;
    let patterns: ReturnType<typeof templateClaimPatterns> | undefined;
    for (const w of ctx.workloads) {
      for (const v of w.volumes) {
        if (v.source !== 'persistentVolumeClaim' || !v.claimName || !v.claimNameNode) continue;
        if (/[${}]/.test(v.claimName)) continue; // templated / substituted later
        claims ??= visibleClaims(ctx);
        const ns = w.obj.namespace;
        const inScope = claims.filter((c) => sameNamespace(c.namespace, ns));
        if (!inScope.length) continue;
        if (inScope.some((c) => c.name === v.claimName)) continue;
        patterns ??= templateClaimPatterns(ctx);
        if (patterns.some((p) => sameNamespace(p.namespace, ns) && p.re.test(v.claimName!))) continue;
        const fixes: FixSpec[] = [];
        const names = [...new Set(inScope.map((c) => c.name))];
        const claim = v.claimName;
        const scored = names.map((n) => ({ n, d: editDistance(claim, n) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d);
        if (scored.length && (scored.length === 1 || scored[1]!.d > scored[0]!.d)) {
          fixes.push({ title: title('Change to "{to}"', '改为 "{to}"'), kind: 'suggestion', edits: [ctx.edit.replaceScalar(v.claimNameNode, scored[0]!.n)] });
        }
        ctx.report({
          node: v.claimNameNode,
          messageId: 'notFound',
          data: { claim: v.claimName, volume: v.name, kind: w.kind, workload: w.name, to: scored[0]?.n ?? '' },
          fixes,
        });
      }
    }
  },
});
