import { combineEdits } from '../../edit/inserts';
import { collectorsOf } from '../../model/collector';
import { pathCovers, volumeByName } from '../../model/k8s';
import { isHostRoot } from '../../model/sidecar';
import { get, getPair, str } from '../../parse/nodes';
import { defineRule, title } from '../../rule';
import type { Edit } from '../../types';

export default defineRule({
  id: 'collector/host-root-writable',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A collector mounts the host root `/` without `readOnly: true`.',
      zh: '采集容器挂载宿主机根目录 `/` 时没有设置 `readOnly: true`。',
    },
    rationale: {
      en: 'The collector mounts the node\'s root directory (usually at `/logtail_host`) only to read log files on the host (practice guide: "通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中，故采集该目录下的文件就等同于采集宿主机上的文件"). The agent pod\'s documented mount is read-only with `mountPropagation: HostToContainer`. Writable, every file of the node — kubelet state, other pods\' volumes, system binaries — can be changed or deleted from inside the collector. `HostToContainer` makes volumes mounted on the node after the collector started (the PVC and emptyDir directories of new pods under `/var/lib/kubelet/pods/`) visible under `/logtail_host`; without it those paths stay empty in the container.',
      zh: '采集容器挂载节点根目录（通常挂到 `/logtail_host`）只是为了读取宿主机上的日志文件（实践指南："通过hostpath的方式将宿主机的根目录挂载到了容器中的logtail_host目录中，故采集该目录下的文件就等同于采集宿主机上的文件"）。文档中采集 Pod 的该挂载为只读并设置 `mountPropagation: HostToContainer`。可写时，节点上的所有文件（kubelet 状态、其他 Pod 的卷、系统程序）都可能在采集容器内被修改或删除。`HostToContainer` 让采集容器启动后才在节点上挂载的卷（新 Pod 在 `/var/lib/kubelet/pods/` 下的 PVC、emptyDir 目录）在 `/logtail_host` 下可见；没有它，这些路径在容器内是空的。',
    },
    remediation: {
      en: 'Quick fix "Mount host root read-only" sets `readOnly: true` and `mountPropagation: HostToContainer` on the mount. It is `safe` (the agent only reads through this mount) unless the mount uses another `mountPropagation` such as `Bidirectional`: then it is a `suggestion`. It is not offered while an env var of the collector points under the mount path (for example a checkpoint file under `/logtail_host/…`, which could no longer be written): move that file to its own mount first. A mount with `subPath`/`subPathExpr` exposes only a subdirectory and is not reported. Keep the agent\'s own writable state (checkpoint, `/var/run`) on separate mounts.',
      zh: '快速修复"只读挂载宿主机根目录"为该挂载设置 `readOnly: true` 和 `mountPropagation: HostToContainer`。它是 `safe`（Logtail 通过该挂载只读不写），除非挂载使用了 `Bidirectional` 等其他 `mountPropagation`：此时为 `suggestion`。若采集容器的某个环境变量指向挂载路径之下（例如 `/logtail_host/…` 下的 checkpoint 文件，改为只读后将无法写入），则不提供该修复：请先把该文件移到单独的挂载。带 `subPath`/`subPathExpr` 的挂载只暴露一个子目录，不报告。Logtail 自身需要写的状态（checkpoint、`/var/run`）请使用单独的挂载。',
    },
    sources: [{ id: 'guide', section: '配置HostPath模式采集' }, 'slsK8sGuide'],
    bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: logtail-ds
  template:
    metadata:
      labels:
        k8s-app: logtail-ds
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        volumeMounts:
        - name: root
          mountPath: /logtail_host
      volumes:
      - name: root
        hostPath:
          path: /
`,
    good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: logtail-ds
  template:
    metadata:
      labels:
        k8s-app: logtail-ds
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        volumeMounts:
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
      volumes:
      - name: root
        hostPath:
          path: /
`,
    notes: {
      en: 'Only collector containers are checked (Logtail, iLogtail, LoongCollector; DaemonSet, sidecar or standalone). Other workloads that mount the host root, such as Prometheus node-exporter (read-only at `/host/root`), are not this rule\'s business.',
      zh: '只检查采集容器（Logtail、iLogtail、LoongCollector；DaemonSet、Sidecar 或独立部署均可）。其他挂载宿主机根目录的工作负载（如以只读方式挂到 `/host/root` 的 Prometheus node-exporter）不在本规则范围内。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['writable'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of collectorsOf(w)) {
        for (const m of c.mounts) {
          if (m.readOnly || m.subPath || m.subPathExpr) continue;
          const v = volumeByName(w, m.name);
          if (!v || v.source !== 'hostPath' || !isHostRoot(v.hostPath?.path)) continue;
          const mountPath = m.mountPath ?? '';
          const propagation = str(get(m.node, 'mountPropagation'));
          const writesUnder = mountPath.startsWith('/') && c.env.some((e) => e.value !== undefined && e.value.startsWith('/') && pathCovers(mountPath, e.value));
          const edits: Edit[] = [ctx.edit.setScalar(m.node, 'readOnly', true)];
          if (propagation !== 'HostToContainer') edits.push(ctx.edit.setScalar(m.node, 'mountPropagation', 'HostToContainer'));
          const safe = !writesUnder && (propagation === undefined || propagation === 'None' || propagation === 'HostToContainer');
          const roPair = getPair(m.node, 'readOnly');
          ctx.report({
            node: roPair && roPair.value.end > roPair.value.start ? roPair.value : m.nameNode,
            messageId: 'writable',
            data: { container: c.name, volume: v.name, mountPath: mountPath || '?' },
            // not while the collector writes through the mount (its checkpoint would then be lost: collector/checkpoint-not-persisted)
            fixes: writesUnder ? [] : [{ title: title('Mount host root read-only'), kind: safe ? 'safe' : 'suggestion', edits: combineEdits(edits) }],
          });
        }
      }
    }
  },
});
