import type { Locale } from '../../i18n';
import { collectorRole } from '../../model/collector';
import { addItems } from '../../edit/inserts';
import { envNamesOf, isTmpfsHostDir, layoutOf, storageOfDir, type AgentLayout, type StateFile, type StateSetting } from '../../model/agent-paths';
import type { Container, Workload } from '../../model/k8s';
import type { Editor, Value } from '../../fix/editor';
import { get, isScalar, str } from '../../parse/nodes';
import { term } from '../../catalog';
import { defineRule, title, type FixSpec } from '../../rule';
import type { Edit } from '../../types';
import { agentReadsEnv, collectorStates, describeFile, groupBy, joinList, orderedEdits, pathAnchor } from './_state-files';

/**
 * Where "Persist Logtail checkpoint" keeps the three state files in the container: the directory
 * ACK's own logtail-ds mounts its checkpoint hostPath at (/var/lib/kube-system-logtail-ds/checkpoint
 * → /etc/ilogtail/checkpoint). The host side is a disk directory of the node, never /run or
 * /var/run (tmpfs on most distributions: collector/checkpoint-on-tmpfs).
 */
export const CHECKPOINT_DIR = '/etc/ilogtail/checkpoint';
const CHECKPOINT_PATHS: Record<StateSetting, string> = {
  check_point_filename: `${CHECKPOINT_DIR}/logtail_check_point`,
  user_config_file_path: `${CHECKPOINT_DIR}/user_log_config.json`,
  docker_file_cache_path: `${CHECKPOINT_DIR}/docker_path_config.json`,
};

/** The node directory of a collector's state, one per workload (two DaemonSets never share it): `/var/lib/<namespace>-<name>/checkpoint`. */
function hostDirOf(w: Workload, c: Container): string {
  const ns = w.obj.namespace;
  return `/var/lib/${ns ? `${ns}-` : ''}${w.name || c.name || 'collector'}/checkpoint`.replace(/[^A-Za-z0-9_./-]/g, '-');
}

function reasonOf(f: StateFile, locale: Locale): string {
  const s = f.storage;
  if (s.kind === 'readOnly') return term(locale, 'collector/checkpoint-not-persisted.reason.readOnly', { mount: s.mount.name, mountPath: s.mount.mountPath ?? '' });
  if (s.kind === 'ephemeral') return term(locale, 'collector/checkpoint-not-persisted.reason.ephemeral', { volume: s.volume.name, source: s.volume.source });
  return term(locale, 'collector/checkpoint-not-persisted.reason.layer');
}

function uniqueVolumeName(w: Workload, base: string): string {
  const taken = new Set(w.volumes.map((v) => v.name));
  for (const c of w.containers) for (const m of c.mounts) taken.add(m.name);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Append env items to a container, as one edit (edit/inserts.ts). */
function addEnvItems(edit: Editor, c: Container, items: Value[]): Edit[] {
  return addItems(edit, c.node, 'env', items, { replaceScalar: true }) ?? items.map((it) => edit.addToList(c.node, 'env', it));
}

/** "Persist Logtail checkpoint": the env vars point into CHECKPOINT_DIR, plus a hostPath on a disk directory of the node when that is not persisted yet. */
function envFix(edit: Editor, w: Workload, c: Container, layout: AgentLayout, settings: StateSetting[]): FixSpec | undefined {
  const edits: Edit[] = [];
  const newItems: Value[] = [];
  for (const s of settings) {
    const names = envNamesOf(s, layout);
    // an agent older than the setting ignores the env var: only a newer image helps (collector/setting-needs-newer-agent)
    if (!names || !agentReadsEnv(c, s)) continue;
    const want = CHECKPOINT_PATHS[s];
    const literal = c.env.filter((e) => names.includes(e.name) && !e.hasValueFrom);
    if (!literal.length) {
      newItems.push({ name: s, value: want });
      continue;
    }
    for (const e of literal) {
      if (e.value === want) continue;
      edits.push(e.valueNode && isScalar(e.valueNode) ? edit.replaceScalar(e.valueNode, want) : edit.setScalar(e.node, 'value', want));
    }
  }
  edits.push(...addEnvItems(edit, c, newItems));
  if (!edits.length) return undefined;
  const here = storageOfDir(w, c, CHECKPOINT_DIR);
  if (here.kind !== 'hostPath' || isTmpfsHostDir(here.hostDir)) {
    // a mount exactly at CHECKPOINT_DIR that is not a writable disk hostPath: adding a second one would be rejected
    if (c.mounts.some((m) => (m.mountPath ?? '').replace(/(?<!\/)\/+$/, '') === CHECKPOINT_DIR)) return undefined;
    const name = uniqueVolumeName(w, 'logtail-checkpoint');
    edits.push(edit.addToList(c.node, 'volumeMounts', { name, mountPath: CHECKPOINT_DIR }));
    edits.push(edit.addToList(w.podSpec, 'volumes', { name, hostPath: { path: hostDirOf(w, c), type: 'DirectoryOrCreate' } }));
  }
  return { title: title('Persist Logtail checkpoint'), kind: 'suggestion', edits: orderedEdits(edits) };
}

/** For iLogtail / LoongCollector: mount the agent's own data directory from the node, as the official templates do. */
function dirFix(edit: Editor, w: Workload, c: Container, dir: string): FixSpec | undefined {
  if (c.mounts.some((m) => (m.mountPath ?? '').replace(/(?<!\/)\/+$/, '') === dir)) return undefined;
  const name = uniqueVolumeName(w, 'checkpoint');
  const hostDir = hostDirOf(w, c);
  const edits = [
    edit.addToList(c.node, 'volumeMounts', { name, mountPath: dir }),
    edit.addToList(w.podSpec, 'volumes', { name, hostPath: { path: hostDir, type: 'DirectoryOrCreate' } }),
  ];
  return { title: title('Persist agent data on the host'), kind: 'suggestion', edits: orderedEdits(edits) };
}

/** The family's own data directory, where its default files live (the official templates mount it from the node). */
function dataDirOf(layout: AgentLayout): string | undefined {
  if (layout.family === 'ilogtail') return '/usr/local/ilogtail/checkpoint';
  if (layout.family === 'loongcollector' && !layout.logtailMode) return layout.dataDir;
  return undefined;
}

export default defineRule({
  id: 'collector/checkpoint-not-persisted',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A collector keeps its checkpoint (or user_log_config / docker_path_config) file where a container restart loses it.',
      zh: '采集器的 checkpoint（或 user_log_config / docker_path_config）文件保存在容器重启即丢失的位置。',
    },
    rationale: {
      en: 'Logtail saves its collection positions (checkpoints) locally and resumes from them after a restart. The practice guide (SLS-Logtail数据采集可靠性, Logtail参数配置): "由于Logtail容器重启时可能会因丢失checkpoint信息等而造成采集重复或丢失，如果想要保证采集不丢失，需要将checkpoint等文件持久化存储" — the checkpoint, user_log_config and docker_file_cache_path files must be stored persistently. A file in the container\'s writable layer (no hostPath or PVC mount covers its directory), on a read-only mount, or on a volume deleted with the pod is gone after a restart, and the agent then collects lines again (duplicates) or misses them. For a sidecar the practice guide requires a PV: "需要将checkpoint固化到PV中".',
      zh: 'Logtail 会把采集点位（checkpoint）保存在本地，重启后从上次位置继续。实践指南（SLS-Logtail数据采集可靠性、Logtail参数配置）："由于Logtail容器重启时可能会因丢失checkpoint信息等而造成采集重复或丢失，如果想要保证采集不丢失，需要将checkpoint等文件持久化存储"，即 checkpoint、user_log_config 与 docker_file_cache_path 三个文件都要持久化。位于容器可写层（其目录没有 hostPath 或 PVC 挂载覆盖）、只读挂载或随 Pod 删除的卷上的文件，重启后即丢失，采集器会重复采集或漏采。Sidecar 模式下实践指南要求"需要将checkpoint固化到PV中"。',
    },
    remediation: {
      en: 'For each file the rule takes the path the agent will really use: the env var if set, else the default of the image family. Env names and precedence: checkpoint `check_point_filename`, then `ALIYUN_LOGTAIL_CHECK_POINT_PATH`; `user_config_file_path`, then `ALIYUN_LOGTAIL_USER_CONIFG_PATH` (sic); `docker_file_cache_path`, then `ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH`, then (LoongCollector) `LOONG_DOCKER_FILE_CACHE_PATH`. Defaults: Logtail `/tmp/logtail_check_point`, `/usr/local/ilogtail/user_log_config.json`, `/usr/local/ilogtail/docker_path_config.json`; iLogtail community `/usr/local/ilogtail/checkpoint/logtail_check_point` and `…/checkpoint/docker_path_config.json`; LoongCollector `/usr/local/loongcollector/data/file_check_point` and `…/data/docker_path_config.json` (`LOONG_DATA_DIR` moves the data dir). The directory of the path is "covered" by the container\'s mount with the longest `mountPath` prefix on segment boundaries (`/var/run` covers `/var/run/logtail`, not `/var/running`); a hostPath, PVC (also a StatefulSet `volumeClaimTemplates` entry), NFS or other network volume persists it. An emptyDir is reported by collector/checkpoint-on-emptydir instead. Quick fix for a DaemonSet of the Logtail family, **"Persist Logtail checkpoint"**: sets the env vars of the unpersisted files to files in `/etc/ilogtail/checkpoint/` (`check_point_filename=/etc/ilogtail/checkpoint/logtail_check_point`, `user_config_file_path=/etc/ilogtail/checkpoint/user_log_config.json`, `docker_file_cache_path=/etc/ilogtail/checkpoint/docker_path_config.json`; an existing env var of that setting with another value is changed), and, when that directory is not already on a writable hostPath of the node\'s disk, mounts the hostPath `/var/lib/<namespace>-<name>/checkpoint` (`DirectoryOrCreate`) there — the layout of ACK\'s own logtail-ds (`/var/lib/kube-system-logtail-ds/checkpoint` → `/etc/ilogtail/checkpoint`). The practice guide puts the files in `/var/run/logtail/`; the fix does not, because `/var/run` is tmpfs on most nodes and the checkpoint would be lost on a node reboot (collector/checkpoint-on-tmpfs). An env var the image\'s Logtail version does not read yet is not set (collector/setting-needs-newer-agent: only a newer image helps). For an iLogtail / LoongCollector DaemonSet, **"Persist agent data on the host"** mounts a hostPath at the agent\'s data directory as the official templates do. A sidecar gets no automatic fix: it needs a PersistentVolumeClaim that you choose (mount it and point the files into it).',
      zh: '规则对每个文件取采集器实际使用的路径：设置了环境变量就用环境变量，否则用该镜像系列的默认值。环境变量名与优先级：checkpoint 为 `check_point_filename`，其次 `ALIYUN_LOGTAIL_CHECK_POINT_PATH`；`user_config_file_path`，其次 `ALIYUN_LOGTAIL_USER_CONIFG_PATH`（实践指南拼写如此）；`docker_file_cache_path`，其次 `ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH`，再次（LoongCollector）`LOONG_DOCKER_FILE_CACHE_PATH`。默认值：Logtail 为 `/tmp/logtail_check_point`、`/usr/local/ilogtail/user_log_config.json`、`/usr/local/ilogtail/docker_path_config.json`；iLogtail 社区版为 `/usr/local/ilogtail/checkpoint/logtail_check_point` 与 `…/checkpoint/docker_path_config.json`；LoongCollector 为 `/usr/local/loongcollector/data/file_check_point` 与 `…/data/docker_path_config.json`（`LOONG_DATA_DIR` 可改数据目录）。路径所在目录由该容器 `mountPath` 按路径段匹配的最长前缀挂载"覆盖"（`/var/run` 覆盖 `/var/run/logtail`，不覆盖 `/var/running`）；hostPath、PVC（含 StatefulSet 的 `volumeClaimTemplates`）、NFS 或其他网络卷视为已持久化。emptyDir 由 collector/checkpoint-on-emptydir 报告。Logtail 系列 DaemonSet 的快速修复**"持久化 Logtail checkpoint"**：把未持久化文件的环境变量设为 `/etc/ilogtail/checkpoint/` 下的文件（`check_point_filename=/etc/ilogtail/checkpoint/logtail_check_point`、`user_config_file_path=/etc/ilogtail/checkpoint/user_log_config.json`、`docker_file_cache_path=/etc/ilogtail/checkpoint/docker_path_config.json`；已有同一参数的环境变量取值不同则改写），并在该目录尚未位于节点磁盘上的可写 hostPath 时，把 hostPath `/var/lib/<命名空间>-<名称>/checkpoint`（`DirectoryOrCreate`）挂载到那里——与 ACK 自带 logtail-ds 的布局相同（`/var/lib/kube-system-logtail-ds/checkpoint` → `/etc/ilogtail/checkpoint`）。实践指南把这些文件放在 `/var/run/logtail/`；修复不这样做，因为多数节点上 `/var/run` 是 tmpfs，节点重启后 checkpoint 会丢失（collector/checkpoint-on-tmpfs）。镜像的 Logtail 版本尚不读取的环境变量不会设置（collector/setting-needs-newer-agent：只能升级镜像）。iLogtail / LoongCollector 的 DaemonSet 则用**"将采集器数据持久化到宿主机"**，像官方模板一样把数据目录挂载为 hostPath。Sidecar 没有自动修复：需要由你选定一个 PersistentVolumeClaim（挂载它并把这些文件指向其中）。',
    },
    notes: {
      en: 'One finding per place to change: the files whose path came from an env var are reported on that env value, the files at their default path together on the container\'s `image`. Choices where the reference is silent: iLogtail community editions and LoongCollector are not checked for `user_config_file_path` (it names the file the SLS config server delivers; iLogtail 2.x and LoongCollector do not read it); LoongCollector honours `check_point_filename` only in Logtail mode (`LOGTAIL_MODE=true`, also `logtail_mode` / `LOONG_LOGTAIL_MODE`), whose checkpoint default is `/tmp/logtail_check_point` while `docker_path_config.json` stays in the data dir; a relative path is resolved against the install directory; an env var set by `valueFrom` or an unresolved `$(VAR)` is not guessed (that file is not reported). An env-only collector (no recognised image) counts as Logtail, or LoongCollector when a `LOONG_*` var is set. Run-to-completion init containers are not checked. The fixes are suggestions: they change where the agent keeps its state, so the first start after them begins without the old checkpoint. The fix leaves no other finding: its directory is on the node\'s disk, not under `/var/run` (collector/checkpoint-on-tmpfs). Not reported when the collector is never restarted inside its pod: an ordinary container of a pod with `restartPolicy: Never` (a Job with a sidecar collector, for instance). A checkpoint only helps an agent that restarts in the same pod and finds the same files; a replacement pod starts with new emptyDirs and new files, so no checkpoint could help it. A native sidecar (an init container with `restartPolicy: Always`) is restarted whatever the pod\'s policy, so it is still checked (Kubernetes documentation: Pod lifecycle, container restart policy; Sidecar containers).',
      zh: '每个需要修改的位置一条诊断：路径来自环境变量的文件报在该环境变量的值上，使用默认路径的文件合并报在容器的 `image` 上。参考资料未明确处的选择：iLogtail 社区版与 LoongCollector 不检查 `user_config_file_path`（它对应 SLS 配置服务器下发的文件，iLogtail 2.x 与 LoongCollector 不读取）；LoongCollector 仅在 Logtail 兼容模式（`LOGTAIL_MODE=true`，也接受 `logtail_mode` / `LOONG_LOGTAIL_MODE`）下读取 `check_point_filename`，此时 checkpoint 默认为 `/tmp/logtail_check_point`，`docker_path_config.json` 仍在数据目录；相对路径按安装目录解析；通过 `valueFrom` 设置或含无法解析的 `$(VAR)` 的环境变量不做猜测（该文件不报告）。只靠环境变量识别的采集器（镜像无法识别）视为 Logtail，设置了 `LOONG_*` 变量时视为 LoongCollector。运行完即退出的 init 容器不检查。修复为建议级：它们改变采集器保存状态的位置，修改后首次启动时没有旧的 checkpoint。修复不会留下其他诊断：其目录位于节点磁盘上，不在 `/var/run` 下（collector/checkpoint-on-tmpfs）。 采集器永远不会在其 Pod 内重启时不报告：`restartPolicy: Never` 的 Pod 中的普通容器（例如带 Sidecar 采集器的 Job）。checkpoint 只对在同一 Pod 内重启、仍能找到同样文件的采集器有用；替代的新 Pod 带着新的 emptyDir 和新文件启动，任何 checkpoint 都帮不上。原生 Sidecar（`restartPolicy: Always` 的 init 容器）无论 Pod 策略如何都会重启，因此仍然检查（Kubernetes 文档：Pod 生命周期中的容器重启策略；Sidecar 容器）。',
    },
    sources: [{ id: 'guide', section: 'SLS-Logtail数据采集可靠性; Logtail参数配置; 通过Sidecar采集容器文本日志' }, 'slsStartup', 'slsConfigFiles', 'ilogtailCheckpoint', 'slsK8sGuide'],
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
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
      volumes:
      - name: run
        hostPath:
          path: /var/run
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
        env:
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        - name: check_point_filename
          value: /etc/ilogtail/checkpoint/logtail_check_point
        - name: user_config_file_path
          value: /etc/ilogtail/checkpoint/user_log_config.json
        - name: docker_file_cache_path
          value: /etc/ilogtail/checkpoint/docker_path_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
        - name: checkpoint
          mountPath: /etc/ilogtail/checkpoint
      volumes:
      - name: run
        hostPath:
          path: /var/run
      - name: root
        hostPath:
          path: /
      - name: checkpoint
        hostPath:
          path: /var/lib/kube-system-logtail-ds/checkpoint
          type: DirectoryOrCreate
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['daemonsetEnv', 'daemonsetDir', 'sidecar', 'other'],
  check(ctx) {
    for (const { w, c, files } of collectorStates(ctx.workloads)) {
      const lost = files.filter((f) => f.storage.kind === 'layer' || f.storage.kind === 'readOnly' || f.storage.kind === 'ephemeral');
      if (!lost.length) continue;
      const layout = layoutOf(c);
      if (!layout) continue;
      if (!restartsInPlace(w, c)) continue;
      const role = collectorRole(w, c);
      let messageId: 'daemonsetEnv' | 'daemonsetDir' | 'sidecar' | 'other' = role === 'sidecar' ? 'sidecar' : 'other';
      const fixes: FixSpec[] = [];
      const dir = dataDirOf(layout);
      if (role === 'daemonset') {
        if (dir) {
          messageId = 'daemonsetDir';
          // only when every lost file sits at its default in the data dir, in the writable layer
          if (lost.every((f) => f.source === 'default' && f.storage.kind === 'layer' && f.path.startsWith(dir + '/'))) {
            const fix = dirFix(ctx.edit, w, c, dir);
            if (fix) fixes.push(fix);
          }
        } else {
          messageId = 'daemonsetEnv';
          const fix = envFix(ctx.edit, w, c, layout, [...new Set(lost.map((f) => f.setting))]);
          if (fix) fixes.push(fix);
        }
      }
      for (const [anchor, group] of groupBy(lost, (f) => pathAnchor(c, f))) {
        ctx.report({
          node: anchor,
          messageId,
          data: {
            container: c.name,
            kind: w.kind,
            workload: w.name,
            dir: dir ?? '',
            files: joinList(group.map((f) => describeFile(f, ctx.locale, reasonOf(f, ctx.locale))), ctx.locale),
          },
          fixes,
        });
      }
    }
  },
});

/**
 * Is the container restarted inside the same pod when it exits? Only then can a checkpoint help:
 * a replacement pod starts with new emptyDirs and new files. Ordinary containers follow the
 * pod's `restartPolicy` (default `Always`; `Never` means never); a native sidecar (an init
 * container with `restartPolicy: Always`) is always restarted, whatever the pod's policy.
 */
function restartsInPlace(w: Workload, c: Container): boolean {
  if (c.nativeSidecar) return true;
  if (c.section === 'ephemeralContainers') return false;
  return (str(get(w.podSpec, 'restartPolicy')) ?? 'Always') !== 'Never';
}
