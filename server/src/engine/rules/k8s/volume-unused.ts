import { deviceNames } from '../../model/storage';
import { at, isMap, isSeq, type Node } from '../../parse/nodes';
import { defineRule, title } from '../../rule';

/** Annotations through which injectors (e.g. `sidecar.istio.io/userVolumeMount`) mount pod volumes into containers they add. */
function annotationMentions(annotations: Record<string, string>, name: string): boolean {
  const re = new RegExp(`(^|[^A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_.-]|$)`);
  return Object.entries(annotations).some(([k, val]) => /volume|mount/i.test(k) && re.test(val));
}

function annotationsOf(meta: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const a = at(meta, 'annotations');
  if (isMap(a)) for (const p of a.pairs) if (typeof p.key.value === 'string' && p.value.type === 'scalar' && p.value.value !== null) out[p.key.value] = String(p.value.value);
  return out;
}

export default defineRule({
  id: 'k8s/volume-unused',
  severity: 'information',
  scope: 'workspace',
  inputs: ['patches'],
  docs: {
    summary: { en: 'A volume of the pod spec is mounted by no container.', zh: 'Pod spec 中的某个卷没有被任何容器挂载。' },
    rationale: {
      en: 'A volume that no container mounts stores nothing. For log volumes this usually means the `volumeMounts` entry was forgotten or lost in a refactoring: the application then writes its logs into the container\'s writable layer, where they are lost with the container and a sidecar collector that mounts the volume sees nothing (practice guide: Kubernetes落盘方案 — each mode needs both the volume and the volumeMount).',
      zh: '没有任何容器挂载的卷不会存放任何数据。对日志卷而言，这通常意味着 `volumeMounts` 被遗漏或在重构中丢失：应用会把日志写进容器的可写层，随容器一起丢失，挂载该卷的 Sidecar 采集器也看不到任何内容（实践指南：Kubernetes落盘方案——每种模式都需要卷和 volumeMount 同时存在）。',
    },
    remediation: {
      en: 'Mount the volume in the container that should write or read it, or remove it (quick fix "Remove volume", a suggestion). Volumes used by `volumeDevices` count as used. Not reported: documents whose containers have no image (Kustomize/strategic-merge patches, where the mounts live in another document), volumes that such a patch of the same kind and name (in the file or the workspace) mounts, and volumes named in a pod or object annotation whose key mentions volumes or mounts (for example `sidecar.istio.io/userVolumeMount`: an injector mounts them into a container it adds).',
      zh: '在需要读写它的容器中挂载该卷，或将其删除（快速修复"删除卷"，属于建议）。被 `volumeDevices` 使用的卷视为已使用。不报告：容器都没有镜像的文档（Kustomize/策略合并补丁，挂载位于其他文档中）、此类同类型同名补丁（同一文件或工作区中）所挂载的卷，以及名称出现在键名含 volume 或 mount 的 Pod 或对象注解中的卷（例如 `sidecar.istio.io/userVolumeMount`：注入器会把它挂载到其添加的容器中）。',
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
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
  - name: cache
    emptyDir: {}
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
  messages: ['unused'],
  check(ctx) {
    // Kustomize-style patches (workload documents whose containers have no image) in the file or the
    // workspace: the mounts they add are merged into the workload of the same kind and name.
    for (const w of ctx.workloads) {
      const seq = w.volumesNode;
      if (!isSeq(seq) || !w.containers.length || !w.containers.some((c) => c.image)) continue;
      const used = new Set<string>(deviceNames(w));
      for (const c of w.containers) for (const m of c.mounts) used.add(m.name);
      for (const p of ctx.workspace.patchesOf(w)) for (const c of p.containers) for (const m of c.mounts) used.add(m.name);
      const annotations = { ...w.obj.annotations, ...annotationsOf(at(w.template, 'metadata')) };
      for (const v of w.volumes) {
        if (used.has(v.name) || annotationMentions(annotations, v.name)) continue;
        const index = seq.items.indexOf(v.node);
        if (index < 0) continue;
        const edit = seq.items.length === 1 && seq.parentPair ? ctx.edit.removePair(seq.parentPair) : ctx.edit.removeItem(seq, index);
        ctx.report({
          node: v.nameNode,
          messageId: 'unused',
          data: { volume: v.name, kind: w.kind, workload: w.name },
          fixes: [{ title: title('Remove volume "{volume}"'), kind: 'suggestion', edits: [edit] }],
        });
      }
    }
  },
});
