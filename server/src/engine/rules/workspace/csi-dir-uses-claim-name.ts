import { sameNamespace } from '../../model/storage';
import { defineRule, title } from '../../rule';
import { nameNode, related, replaceEdit, subRange } from './_common';
import { kubeletRefs, pathForPv } from './_kubelet';

const PVC_EXAMPLE = (path: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nas-logs
spec:
  accessModes:
  - ReadWriteMany
  storageClassName: alibabacloud-cnfs-nas
  resources:
    requests:
      storage: 20Gi
---
apiVersion: telemetry.alibabacloud.com/v1alpha1
kind: ClusterAliyunPipelineConfig
metadata:
  name: app-log
spec:
  project:
    name: k8s-log-demo
  config:
    inputs:
    - Type: input_file
      FilePaths:
      - ${path}
    flushers:
    - Type: flusher_sls
      Logstore: app-log
`;

export default defineRule({
  id: 'workspace/csi-dir-uses-claim-name',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['persistentVolumes', 'claims'],
  docs: {
    summary: {
      en: 'A kubernetes.io~csi/<name>/ path uses a PersistentVolumeClaim\'s name; the kubelet names the directory after the bound PV.',
      zh: 'kubernetes.io~csi/<name>/ 路径使用了 PersistentVolumeClaim 的名称；kubelet 以绑定的 PV 命名该目录。',
    },
    rationale: {
      en: 'In PVC mode the collector reads the volume where the kubelet mounts it on the node: `/var/lib/kubelet/pods/<pod-uid>/volumes/kubernetes.io~csi/<PV name>/mount` (the guide, "配置PVC模式采集"; kubernetes pkg/volume/csi/csi_mounter.go: the directory is the volume spec name, which for a PersistentVolume is the PV\'s name). A dynamically provisioned PV is called `pvc-<uid>`, never the claim\'s name, so a path with the claim name matches no directory and collects nothing.',
      zh: 'PVC 模式下，采集器读取 kubelet 在节点上挂载该卷的目录：`/var/lib/kubelet/pods/<pod-uid>/volumes/kubernetes.io~csi/<PV 名称>/mount`（实践指南"配置PVC模式采集"；kubernetes pkg/volume/csi/csi_mounter.go：目录名是卷的 spec 名称，对 PersistentVolume 而言就是 PV 的名称）。动态创建的 PV 名为 `pvc-<uid>`，绝不是 PVC 的名称，因此用 PVC 名称的路径匹配不到任何目录，什么也采不到。',
    },
    remediation: {
      en: 'Quick fix **"Use PV <name>"** when a PV bound to that claim is in the workspace (`spec.volumeName` of the claim, or a PV whose `claimRef` names it; for a PV of another driver the plugin level changes too, e.g. `kubernetes.io~nfs/<pv>` without `/mount`); otherwise **"Replace with *"** (look the name up with `kubectl get pvc <name> -o jsonpath={.spec.volumeName}` to narrow it again).',
      zh: '若工作区中有绑定该 PVC 的 PV（PVC 的 `spec.volumeName`，或 `claimRef` 指向它的 PV），快速修复**"使用 PV <名称>"**（若 PV 属于其他驱动，插件这一级也会改，例如不带 `/mount` 的 `kubernetes.io~nfs/<pv>`）；否则**"替换为 *"**（可用 `kubectl get pvc <name> -o jsonpath={.spec.volumeName}` 查到名称后再收窄）。',
    },
    notes: {
      en: 'Not reported when a PV of that very name exists in the workspace (a statically provisioned PV may share the claim\'s name).',
      zh: '若工作区中恰有同名的 PV（静态创建的 PV 可能与 PVC 同名），不报告。',
    },
    sources: [{ id: 'guide', section: '配置PVC模式采集' }, 'slsK8sGuide', 'k8sPvcVolume'],
    bad: PVC_EXAMPLE('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/nas-logs/mount/*.log'),
    good: PVC_EXAMPLE('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/*/mount/*.log'),
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['claimName'],
  check(ctx) {
    const refs = kubeletRefs(ctx.configs);
    if (!refs.length) return;
    const ws = ctx.workspace;
    const pvs = ws.persistentVolumes();
    for (const r of refs) {
      if (r.ref.plugin !== 'kubernetes.io~csi') continue;
      if (pvs.some((pv) => pv.name === r.ref.name)) continue;
      const claim = ws.claims().find((c) => c.name === r.ref.name);
      if (!claim) continue;
      const pv = pvs.find((v) => v.name === claim.volumeName) ?? pvs.find((v) => v.claimRef?.name === claim.name && sameNamespace(v.claimRef.namespace, claim.namespace));
      const fixed = pathForPv(r, pv, pv ? pv.name : '*');
      const fixes = pv
        ? [{ title: title('Use PV {pv}'), kind: 'safe' as const, edits: [replaceEdit(ctx, r.path, fixed)] }]
        : [{ title: title('Replace with *'), kind: 'suggestion' as const, edits: [replaceEdit(ctx, r.path, fixed)] }];
      ctx.report({
        node: subRange(ctx, r.path, r.ref.nameStart, r.ref.name.length),
        messageId: 'claimName',
        data: { name: r.ref.name, pv: pv?.name ?? '*' },
        fixes,
        related: related(ctx, claim.obj, nameNode(claim.obj), 'PersistentVolumeClaim {name}', { name: claim.name }),
      });
    }
  },
});
