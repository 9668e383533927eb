import { UUID, addHostPrefix, collectorMounts, configPaths, formatKubeletPodPath, hostPrefixToAdd, parseKubeletPodPath, replacePath } from '../../model/logtail-paths';
import { defineRule, title } from '../../rule';
import { sourceOf } from '../../parse/text';

export default defineRule({
  id: 'logtail/pod-uid-in-path',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['workloads'],
  docs: {
    summary: {
      en: 'A collected kubelet path names one pod by its UID (`/var/lib/kubelet/pods/<UID>/…`).',
      zh: '采集的 kubelet 路径用 UID 指定了某一个 Pod（`/var/lib/kubelet/pods/<UID>/…`）。',
    },
    rationale: {
      en: 'On the node, a pod\'s volumes are under `/var/lib/kubelet/pods/<pod UID>/volumes/…` (practice guide: 配置PVC模式采集). The UID belongs to one pod object: when the pod is recreated (rolling update, eviction, node failure) or moves to another node, the new pod has a new UID, and a path with the old one matches nothing — collection stops silently. The practice guide: "由于pod id会受pod迁移的影响，故实际在SLS路径配置中可将${pod id}简化为*", giving `/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/${存储卷名}/mount/`.',
      zh: '节点上 Pod 的卷位于 `/var/lib/kubelet/pods/<pod UID>/volumes/…`（实践指南：配置PVC模式采集）。UID 属于某一个 Pod 对象：Pod 重建（滚动更新、驱逐、节点故障）或漂移到其他节点后，新 Pod 的 UID 不同，带旧 UID 的路径不再匹配任何目录——采集悄无声息地停止。实践指南："由于pod id会受pod迁移的影响，故实际在SLS路径配置中可将${pod id}简化为*"，即 `/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/${存储卷名}/mount/`。',
    },
    remediation: {
      en: 'Replace the UID with `*` (quick fix **"Replace pod UID with `*`"**); the volume directory name (for a PVC: the bound PV\'s name) still selects the volume. The practice guide\'s text shows the wildcard once as `**` ("简化为**") — a Markdown bold marker eating the asterisks; the path it then gives uses a single `*`, which is what the fix writes (one `*` matches exactly the one pod directory level). For a CSI volume the fix is safe: the PV name identifies the volume wherever its pod runs. For other volume types (e.g. `kubernetes.io~empty-dir/<volume name>`) every pod that has a volume of that name matches `*`, so there the fix is a suggestion. When the path also lacks the host prefix the agent needs (logtail/host-path-without-prefix: a host-mode node path under `/var/lib/kubelet` that no collector mounts as it is), the fix adds it as well — **"Replace pod UID with `*` and prefix with /logtail_host"** — so that the path it writes is complete.',
      zh: '把 UID 换成 `*`（快速修复**"将 Pod UID 替换为 `*`"**）；卷目录名（PVC 场景下为绑定的 PV 名称）仍然确定了是哪个卷。实践指南中通配符有一处写成 `**`（"简化为**"），那是 Markdown 粗体标记吞掉了星号；实践指南随后给出的路径用的是单个 `*`，修复也写入单个 `*`（一个 `*` 恰好匹配 Pod 目录这一层）。CSI 卷的修复是安全的：无论 Pod 在哪里运行，PV 名称都唯一确定该卷。其他类型的卷（如 `kubernetes.io~empty-dir/<卷名>`）中，所有拥有同名卷的 Pod 都会被 `*` 匹配，因此该修复属于建议级。若该路径同时缺少 Agent 所需的宿主机前缀（logtail/host-path-without-prefix：主机模式下 `/var/lib/kubelet` 之下、且没有采集器按原路径挂载的节点路径），修复会一并加上前缀——**"将 Pod UID 替换为 `*` 并添加 /logtail_host 前缀"**——使写入的路径完整。',
    },
    sources: [{ id: 'guide', section: '配置PVC模式采集' }, 'slsK8sGuide'],
    bad: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-pvc
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-pvc
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/var/lib/kubelet/pods/7d5c2a4e-3b1f-4c8a-9e6d-0f2b8a1c3d4e/volumes/kubernetes.io~csi/d-bp1j17ifxfasvts3tf40/mount/
      filePattern: '*.log'
      dockerFile: false
`,
    good: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-pvc
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-pvc
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/d-bp1j17ifxfasvts3tf40/mount/
      filePattern: '*.log'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['uid'],
  check(ctx) {
    for (const p of configPaths(ctx.configs)) {
      const k = parseKubeletPodPath(p.value);
      const uid = k?.rest[0];
      if (!k || !uid || !UUID.test(uid)) continue;
      let fixed = formatKubeletPodPath({ ...k, rest: ['*', ...k.rest.slice(1)] });
      // a node path the agent cannot see (logtail/host-path-without-prefix) gets the host prefix too,
      // so that the path the fix writes is not reported again
      const ws = ctx.workspace;
      const prefix = !p.input.containerMode && !k.prefix ? hostPrefixToAdd(ws.derive(collectorMounts, () => collectorMounts(ws.workloads())), p.value) : undefined;
      if (prefix) fixed = addHostPrefix(fixed, prefix);
      const csi = k.rest[1] === 'volumes' && k.rest[2] === 'kubernetes.io~csi';
      ctx.report({
        node: p.node,
        messageId: 'uid',
        data: { field: p.field, path: p.value, uid },
        fixes: [{ title: prefix ? title('Replace pod UID with "*" and prefix with {prefix}', { prefix }) : title('Replace pod UID with "*"'), kind: csi ? 'safe' : 'suggestion', edits: [replacePath(sourceOf(ctx.file), p.input.config, p.node, fixed)] }],
      });
    }
  },
});
