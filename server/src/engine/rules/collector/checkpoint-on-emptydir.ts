import { collectorRole } from '../../model/collector';
import { defineRule } from '../../rule';
import { collectorStates, describeFile, groupBy, joinList } from './_state-files';

export default defineRule({
  id: 'collector/checkpoint-on-emptydir',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A collector keeps its checkpoint (or user_log_config / docker_path_config) file on an emptyDir volume.',
      zh: '采集器的 checkpoint（或 user_log_config / docker_path_config）文件保存在 emptyDir 卷上。',
    },
    rationale: {
      en: 'An emptyDir lives as long as the pod: it survives a container restart, but it is deleted when the pod is deleted, evicted, rescheduled or replaced by a rolling update (practice guide, EmptyDir模式: "当pod销毁时，EmptyDir中的数据也会被永久删除"). The new pod\'s agent starts without its checkpoints and collects lines again (duplicates) or misses them. The practice guide asks to persist the checkpoint, user_log_config and docker_file_cache_path files (Logtail参数配置), and for a sidecar: "需要将checkpoint固化到PV中".',
      zh: 'emptyDir 与 Pod 同生命周期：容器重启时保留，但 Pod 被删除、驱逐、重新调度或被滚动更新替换时随之删除（实践指南 EmptyDir模式："当pod销毁时，EmptyDir中的数据也会被永久删除"）。新 Pod 中的采集器没有 checkpoint，会重复采集或漏采。实践指南要求持久化 checkpoint、user_log_config 与 docker_file_cache_path 三个文件（Logtail参数配置），Sidecar 则"需要将checkpoint固化到PV中"。',
    },
    remediation: {
      en: 'Keep the files on a PersistentVolumeClaim (sidecar, Deployment, StatefulSet `volumeClaimTemplates`) or, for a DaemonSet, on a hostPath directory of the node. The paths are the same effective paths as collector/checkpoint-not-persisted (env var if set, else the image family\'s default), and the volume is the one behind the container\'s longest covering `mountPath`. No automatic fix: the replacement volume is yours to choose.',
      zh: '把这些文件放到 PersistentVolumeClaim 上（Sidecar、Deployment、StatefulSet 的 `volumeClaimTemplates`），DaemonSet 则放到节点的 hostPath 目录。路径与 collector/checkpoint-not-persisted 相同（设置了环境变量用环境变量，否则用镜像系列的默认值），卷取该容器按路径段最长前缀覆盖该目录的挂载。没有自动修复：替换用的卷需要由你选择。',
    },
    notes: {
      en: 'One finding per emptyDir mount, on its `mountPath`, listing every state file below it and whether its path came from env or from the default.',
      zh: '每个 emptyDir 挂载一条诊断，位于其 `mountPath` 上，列出其下的所有状态文件及其路径来自环境变量还是默认值。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置; EmptyDir模式; 通过Sidecar采集容器文本日志' }, 'slsStartup', 'ilogtailCheckpoint', 'k8sEmptyDir'],
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
  - name: loongcollector
    image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
    - name: data
      mountPath: /usr/local/loongcollector/data
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
  - name: data
    emptyDir:
      sizeLimit: 100Mi
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
  - name: loongcollector
    image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
    - name: data
      mountPath: /usr/local/loongcollector/data
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
  - name: data
    persistentVolumeClaim:
      claimName: nginx-collector-data
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['sidecar', 'daemonset', 'other'],
  check(ctx) {
    for (const { w, c, files } of collectorStates(ctx.workloads)) {
      const onEmptyDir = files.filter((f) => f.storage.kind === 'emptyDir');
      if (!onEmptyDir.length) continue;
      const role = collectorRole(w, c);
      const messageId = role === 'sidecar' ? 'sidecar' : role === 'daemonset' ? 'daemonset' : 'other';
      for (const [, group] of groupBy(onEmptyDir, (f) => (f.storage.kind === 'emptyDir' ? f.storage.mount : undefined))) {
        const s = group[0]!.storage;
        if (s.kind !== 'emptyDir') continue;
        ctx.report({
          node: s.mount.mountPathNode ?? s.mount.nameNode,
          messageId,
          data: {
            container: c.name,
            kind: w.kind,
            workload: w.name,
            volume: s.volume.name,
            mountPath: s.mount.mountPath ?? '',
            files: joinList(group.map((f) => describeFile(f, ctx.locale)), ctx.locale),
          },
        });
      }
    }
  },
});
