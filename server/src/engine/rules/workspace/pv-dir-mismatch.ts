import { nearest, pluginDirOf } from '../../model/node-paths';
import { defineRule, title } from '../../rule';
import { nameNode, related, replaceEdit, subRange } from './_common';
import { kubeletRefs, pathForPv } from './_kubelet';

const example = (path: string) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: nas-logs-pv
spec:
  capacity:
    storage: 20Gi
  accessModes:
  - ReadWriteMany
  nfs:
    server: 0123456789-abcde.cn-hangzhou.nas.aliyuncs.com
    path: /logs
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

/** Dynamically provisioned PVs (`pvc-<uid>`) are never in a repository. */
const DYNAMIC = /^pvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default defineRule({
  id: 'workspace/pv-dir-mismatch',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['persistentVolumes', 'claims'],
  docs: {
    summary: {
      en: 'A PVC-mode path names a kubelet volume directory that does not match the PV in the workspace: another driver\'s directory, or a PV name that is not there.',
      zh: 'PVC 模式的路径所写的 kubelet 卷目录与工作区中的 PV 不符：属于另一种驱动的目录，或写了不存在的 PV 名称。',
    },
    rationale: {
      en: 'The kubelet mounts a pod\'s volume at `/var/lib/kubelet/pods/<pod-uid>/volumes/<plugin>/<PV name>` (kubernetes pkg/kubelet `getPodVolumeDir`, the plugin name with `/` escaped as `~`; e.g. pkg/volume/nfs/nfs.go `GetPath`: `GetPodVolumeDir(pod UID, "kubernetes.io~nfs", volName)`, where the name of a PV-backed volume is the PV\'s name). CSI volumes add a `/mount` level (pkg/volume/csi/csi_mounter.go); in-tree NFS, local and other plugins do not. The guide\'s path `…/kubernetes.io~csi/<PV>/mount/` is right for CSI volumes only: a PV defined with `nfs:` lives under `kubernetes.io~nfs/<PV>/`, and a path with a mistyped PV name matches no directory. Either way SLS accepts the config and collects nothing.',
      zh: 'kubelet 把 Pod 的卷挂载在 `/var/lib/kubelet/pods/<pod-uid>/volumes/<插件>/<PV 名称>`（kubernetes pkg/kubelet 的 `getPodVolumeDir`，插件名中的 `/` 转义为 `~`；例如 pkg/volume/nfs/nfs.go 的 `GetPath`：`GetPodVolumeDir(pod UID, "kubernetes.io~nfs", volName)`，由 PV 提供的卷，其名称就是 PV 的名称）。CSI 卷多一级 `/mount`（pkg/volume/csi/csi_mounter.go）；内置 NFS、local 等插件没有。实践指南的路径 `…/kubernetes.io~csi/<PV>/mount/` 只适用于 CSI 卷：以 `nfs:` 定义的 PV 位于 `kubernetes.io~nfs/<PV>/` 下，而 PV 名称写错的路径匹配不到任何目录。两种情况下 SLS 都照样接受配置，却什么也采不到。',
    },
    remediation: {
      en: 'Quick fix **"Change to <path>"**: the plugin level of the PV\'s driver (with or without `/mount`), or the name of the workspace PV of that driver closest to the one written.',
      zh: '快速修复**"改为 <路径>"**：改成该 PV 驱动对应的插件这一级（带或不带 `/mount`），或改成工作区中同一驱动、与所写名称最接近的 PV 名称。',
    },
    notes: {
      en: 'A name that is not a PV of the workspace is reported only when a PV of the same plugin is within a few edits of it (a typo), never for dynamically provisioned names (`pvc-<uid>`) or claim names (workspace/csi-dir-uses-claim-name): PVs created outside the repository are common. Plugins are known for PVs with `csi`, `nfs`, `local`, `iscsi`, `fc`, `cephfs`, `rbd` and `flexVolume`; a `hostPath` PV has no kubelet directory at all (its path is the node directory).',
      zh: '不是工作区 PV 的名称，仅当同一插件下有只差几个字符的 PV（笔误）时才报告；动态创建的名称（`pvc-<uid>`）和 PVC 名称（由 workspace/csi-dir-uses-claim-name 负责）从不报告：在代码仓库之外创建的 PV 很常见。已知插件目录的 PV 类型：`csi`、`nfs`、`local`、`iscsi`、`fc`、`cephfs`、`rbd` 和 `flexVolume`；`hostPath` 类型的 PV 根本没有 kubelet 目录（其路径就是节点目录）。',
    },
    sources: [{ id: 'guide', section: '配置PVC模式采集' }, 'slsK8sGuide', 'k8sPvcVolume'],
    bad: example('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/nas-logs-pv/mount/*.log'),
    good: example('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~nfs/nas-logs-pv/*.log'),
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['plugin', 'name'],
  check(ctx) {
    const refs = kubeletRefs(ctx.configs);
    if (!refs.length) return;
    const ws = ctx.workspace;
    const pvs = ws.persistentVolumes();
    if (!pvs.length) return;
    for (const r of refs) {
      const pv = pvs.find((v) => v.name === r.ref.name);
      if (pv) {
        const dir = pluginDirOf(pv);
        if (!dir || dir.plugin === r.ref.plugin) continue; // the /mount level is logtail/kubelet-path-shape's concern
        const fixed = pathForPv(r, pv, pv.name);
        ctx.report({
          node: subRange(ctx, r.path, r.ref.pluginStart, r.ref.plugin.length),
          messageId: 'plugin',
          data: { pv: pv.name, plugin: dir.plugin, written: r.ref.plugin, fixed },
          fixes: [{ title: title('Change to {fixed}'), kind: 'safe', edits: [replaceEdit(ctx, r.path, fixed)] }],
          related: related(ctx, pv.obj, nameNode(pv.obj), 'PersistentVolume {pv}', { pv: pv.name }),
        });
        continue;
      }
      if (DYNAMIC.test(r.ref.name) || ws.claims().some((c) => c.name === r.ref.name)) continue;
      const same = pvs.filter((v) => pluginDirOf(v)?.plugin === r.ref.plugin);
      const best = nearest(r.ref.name, same, (v) => v.name);
      if (!best || best.distance > Math.max(2, Math.floor(r.ref.name.length / 4))) continue;
      const fixed = pathForPv(r, best.item, best.item.name);
      ctx.report({
        node: subRange(ctx, r.path, r.ref.nameStart, r.ref.name.length),
        messageId: 'name',
        data: { name: r.ref.name, pv: best.item.name, fixed },
        fixes: [{ title: title('Change to {fixed}'), kind: 'safe', edits: [replaceEdit(ctx, r.path, fixed)] }],
        related: related(ctx, best.item.obj, nameNode(best.item.obj), 'PersistentVolume {pv}', { pv: best.item.name }),
      });
    }
  },
});
