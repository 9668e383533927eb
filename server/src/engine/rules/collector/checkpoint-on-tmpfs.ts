import { isTmpfsHostDir } from '../../model/agent-paths';
import { defineRule } from '../../rule';
import { collectorStates, describeFile, groupBy, joinList } from './_state-files';

/** The longest common directory of host directories (on segment boundaries). */
function commonDir(dirs: string[]): string {
  let parts = dirs[0]!.split('/');
  for (const d of dirs.slice(1)) {
    const q = d.split('/');
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

export default defineRule({
  id: 'collector/checkpoint-on-tmpfs',
  severity: 'hint',
  scope: 'document',
  docs: {
    summary: {
      en: 'A collector keeps its checkpoint (or user_log_config / docker_path_config) file on a hostPath under /run or /var/run, usually tmpfs.',
      zh: '采集器的 checkpoint（或 user_log_config / docker_path_config）文件保存在 /run 或 /var/run 下的 hostPath 上，该目录通常是 tmpfs。',
    },
    rationale: {
      en: 'Most Linux distributions mount `/run` (and `/var/run`, a link to it) as tmpfs, in memory. A checkpoint there survives container and pod restarts but not a reboot of the node: after a reboot the agent starts without its checkpoints and collects lines again (duplicates) or misses them. The practice guide (Logtail参数配置) asks for the checkpoint, user_log_config and docker_file_cache_path files to be persisted, and its own example puts them in `/var/run/logtail/` on the host: that layout gets this hint on purpose, as a reminder of the reboot case.',
      zh: '多数 Linux 发行版把 `/run`（以及指向它的 `/var/run`）挂载为内存中的 tmpfs。保存在这里的 checkpoint 能在容器和 Pod 重启后保留，但节点重启后丢失：采集器启动时没有 checkpoint，会重复采集或漏采。实践指南（Logtail参数配置）要求持久化 checkpoint、user_log_config 与 docker_file_cache_path 三个文件，其示例把它们放在宿主机 `/var/run/logtail/` 下：这一布局会有意得到本提示，提醒节点重启的情况。',
    },
    remediation: {
      en: 'If the node\'s `/run` is tmpfs and the agent must resume after a node reboot, keep the files in a disk directory of the node, e.g. a hostPath `/var/lib/logtail-ds/checkpoint` mounted in the container, and point the env vars (check_point_filename, user_config_file_path, docker_file_cache_path) into it. If re-collection after a reboot is acceptable, disable the rule. The paths are the effective paths of collector/checkpoint-not-persisted; the host path is the hostPath volume\'s `path` plus `subPath` and the rest of the path below the container\'s longest covering `mountPath`. No automatic fix.',
      zh: '如果节点的 `/run` 是 tmpfs 且采集器在节点重启后也必须续采，请把这些文件放到节点磁盘上的目录，例如挂载 hostPath `/var/lib/logtail-ds/checkpoint`，并让环境变量（check_point_filename、user_config_file_path、docker_file_cache_path）指向其中。如果可以接受节点重启后重复采集，可关闭本规则。路径与 collector/checkpoint-not-persisted 相同；宿主机路径为 hostPath 卷的 `path` 加上 `subPath` 及容器内最长覆盖 `mountPath` 之下的剩余部分。没有自动修复。',
    },
    notes: {
      en: 'One finding per hostPath mount, on its `mountPath`, listing the state files below it and whether each path came from env or from the default.',
      zh: '每个 hostPath 挂载一条诊断，位于其 `mountPath` 上，列出其下的状态文件及其路径来自环境变量还是默认值。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置' }, 'slsStartup', 'ilogtailCheckpoint', 'k8sHostPath'],
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
        env:
        - name: check_point_filename
          value: /var/run/logtail/logtail_check_point
        - name: user_config_file_path
          value: /var/run/logtail/user_log_config.json
        - name: docker_file_cache_path
          value: /var/run/logtail/docker_path_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
      volumes:
      - name: run
        hostPath:
          path: /var/run
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
        env:
        - name: check_point_filename
          value: /var/lib/logtail-ds/checkpoint/logtail_check_point
        - name: user_config_file_path
          value: /var/lib/logtail-ds/checkpoint/user_log_config.json
        - name: docker_file_cache_path
          value: /var/lib/logtail-ds/checkpoint/docker_path_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
        - name: checkpoint
          mountPath: /var/lib/logtail-ds/checkpoint
      volumes:
      - name: run
        hostPath:
          path: /var/run
      - name: checkpoint
        hostPath:
          path: /var/lib/logtail-ds/checkpoint
          type: DirectoryOrCreate
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['tmpfs'],
  check(ctx) {
    for (const { w, c, files } of collectorStates(ctx.workloads)) {
      const onTmpfs = files.filter((f) => f.storage.kind === 'hostPath' && isTmpfsHostDir(f.storage.hostDir));
      for (const [, group] of groupBy(onTmpfs, (f) => (f.storage.kind === 'hostPath' ? f.storage.mount : undefined))) {
        const s = group[0]!.storage;
        if (s.kind !== 'hostPath') continue;
        ctx.report({
          node: s.mount.mountPathNode ?? s.mount.nameNode,
          messageId: 'tmpfs',
          data: {
            container: c.name,
            kind: w.kind,
            workload: w.name,
            volume: s.volume.name,
            hostPath: commonDir(group.map((f) => (f.storage.kind === 'hostPath' ? f.storage.hostDir : '/'))),
            files: joinList(group.map((f) => describeFile(f, ctx.locale)), ctx.locale),
          },
        });
      }
    }
  },
});
