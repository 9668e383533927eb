import { defineRule, title, type FixSpec } from '../../rule';
import { sizeLimitOf } from '../../model/quantity';
import { closest } from '../../model/k8s';
import { at, mapItems, str } from '../../parse/nodes';

export default defineRule({
  id: 'k8s/volume-mount-undefined',
  severity: 'error',
  scope: 'workspace',
  inputs: ['patches'],
  docs: {
    summary: { en: 'A volumeMount names a volume that the pod spec does not define.', zh: 'volumeMount 引用了 Pod spec 中未定义的卷。' },
    rationale: {
      en: 'The API server rejects a pod whose container mounts an undefined volume, so the workload never starts and writes no logs at all. It usually comes from a typo or from renaming the volume in one place only.',
      zh: 'API Server 会拒绝挂载未定义卷的 Pod，工作负载无法启动，自然也不会产生日志。通常是拼写错误，或只在一处修改了卷名。',
    },
    remediation: {
      en: 'Use the name of an existing volume (the quick fix offers the closest one), or add the volume under `spec.volumes`. StatefulSet `volumeClaimTemplates` count as volumes. A document with no `volumes` key and no container image is treated as a patch (Kustomize) and is not checked; the volumes such a patch adds (a document of the same kind and name, in the file or the workspace, whose containers have no image) count as volumes of the workload it patches, as in a base that mounts a volume its overlays supply.',
      zh: '改用已有卷的名称（快速修复会给出最接近的名称），或在 `spec.volumes` 中添加该卷。StatefulSet 的 `volumeClaimTemplates` 视同卷。没有 `volumes` 字段且没有容器镜像的文档视为补丁（Kustomize），不做检查；此类补丁（同一文件或工作区中同类型、同名且容器都没有镜像的文档）添加的卷视为其所修补工作负载的卷，例如 base 挂载、由 overlay 提供卷的情况。',
    },
    sources: [{ id: 'guide', section: 'Kubernetes落盘方案' }, 'k8sEmptyDir'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-vol
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
`,
    good: `apiVersion: v1
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
    emptyDir:
      sizeLimit: 1Gi
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['undefined'],
  check(ctx) {
    // Kustomize-style patches (workload documents whose containers have no image) elsewhere in the
    // file or the workspace: the volumes they add are merged into the workload of the same kind and name.
    for (const w of ctx.workloads) {
      const names = new Set(w.volumes.map((v) => v.name));
      for (const p of ctx.workspace.patchesOf(w)) for (const v of p.volumes) names.add(v.name);
      if (w.kind === 'StatefulSet') {
        for (const t of mapItems(at(w.obj.node, 'spec', 'volumeClaimTemplates'))) {
          const n = str(at(t, 'metadata', 'name'));
          if (n) names.add(n);
        }
      }
      const looksLikePatch = !w.volumesNode && !w.containers.some((c) => c.image);
      if (looksLikePatch) continue;
      for (const c of w.containers) {
        for (const m of c.mounts) {
          if (names.has(m.name)) continue;
          const fixes: FixSpec[] = [];
          const near = closest(m.name, names);
          if (near.length === 1) {
            fixes.push({ title: title('Change to "{to}"'), kind: 'suggestion', edits: [ctx.edit.replaceScalar(m.nameNode, near[0]!)] });
          }
          fixes.push({
            title: title('Add emptyDir volume "{name}"'),
            kind: 'suggestion',
            edits: [ctx.edit.addToList(w.podSpec, 'volumes', { name: m.name, emptyDir: { sizeLimit: sizeLimitOf(ctx.settings.emptyDirSizeLimit) } })],
          });
          ctx.report({
            node: m.nameNode,
            messageId: 'undefined',
            data: { name: m.name, container: c.name, kind: w.kind, workload: w.name, to: near[0] ?? '' },
            fixes,
          });
        }
      }
    }
  },
});
