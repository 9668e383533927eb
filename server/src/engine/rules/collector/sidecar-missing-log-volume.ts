import { addItems, combineEdits } from '../../edit/inserts';
import type { Value } from '../../fix/editor';
import { getPair, toJS } from '../../parse/nodes';
import { appLogMounts, collectorSeesVolume, containerAnchor, envRefs, sidecarCollectors, type AppLogMount } from '../../model/sidecar';
import { coveringMount, volumeByName, type Container, type Workload } from '../../model/k8s';
import type { LogtailConfig } from '../../model/logtail';
import { configPaths } from '../../model/logtail-paths';
import { at, get, seqItems, str } from '../../parse/nodes';
import { term } from '../../catalog';
import { defineRule, title, type FixSpec } from '../../rule';
import type { Edit } from '../../types';

export default defineRule({
  id: 'collector/sidecar-missing-log-volume',
  severity: 'error',
  scope: 'file',
  inputs: ['workloads'],
  docs: {
    summary: {
      en: 'A sidecar collector mounts none of the volumes the app containers write their logs to.',
      zh: 'Sidecar 采集容器没有挂载业务容器写日志的任何一个卷。',
    },
    rationale: {
      en: 'Sidecar collection depends on a log directory shared by the collector and the app: the app writes its files into a volume, and the collector watches the same volume (practice guide: 通过Sidecar采集容器文本日志, "依赖于Logtail容器和业务容器共享的日志目录"). Containers do not see each other\'s file systems, so a collector that does not mount the app\'s log volume finds no files and collects nothing, silently. LoongCollector\'s own sidecar example makes exactly this mistake.',
      zh: 'Sidecar 方式采集依赖于 Logtail 容器和业务容器共享的日志目录：业务容器把日志写入一个卷，采集容器监控同一个卷（实践指南：通过Sidecar采集容器文本日志，"依赖于Logtail容器和业务容器共享的日志目录"）。容器之间看不到彼此的文件系统，没有挂载业务日志卷的采集容器找不到任何文件，也就什么都采集不到，且不会报错。LoongCollector 自带的 Sidecar 示例就犯了这个错误。',
    },
    remediation: {
      en: 'Quick fix "Mount <volume> in <collector>" (one per log volume of the apps) adds the volume to the collector with the same `mountPath` as the app and `readOnly: true`, so the collection config can use the path the app writes to. A `subPath` of the app mount is copied; a `subPathExpr` is copied together with the env vars it uses. The fix is `safe` when the apps have a single log volume, a `suggestion` when you must choose. A log volume is a writable mount of an app container whose `mountPath` has `log` in a path segment (`/var/log/nginx`, `/logs`, `/app/log`; not `catalog`, `blog`, `login`), on a volume that can hold files (emptyDir, hostPath, PVC, NFS, CSI… — not configMap, secret, projected, downwardAPI). A collector counts as seeing the volume when it mounts it, mounts another volume of the same PVC, or mounts a hostPath that contains the volume\'s hostPath (e.g. host `/`). Apps that only log to stdout have no log volume and are not reported.',
      zh: '快速修复"在 <采集容器> 中挂载 <卷>"（业务容器的每个日志卷各一个）为采集容器添加该卷，`mountPath` 与业务容器相同并设置 `readOnly: true`，这样采集配置可以直接使用业务写日志的路径。业务挂载的 `subPath` 会一并复制；`subPathExpr` 会连同其引用的环境变量一起复制。业务只有一个日志卷时该修复为 `safe`，需要选择时为 `suggestion`。日志卷指业务容器可写挂载且 `mountPath` 某一段路径含 `log` 的卷（`/var/log/nginx`、`/logs`、`/app/log`；不含 `catalog`、`blog`、`login`），且卷类型能存放文件（emptyDir、hostPath、PVC、NFS、CSI 等，不含 configMap、secret、projected、downwardAPI）。采集容器挂载了该卷、挂载了同一 PVC 的另一个卷，或挂载了包含该 hostPath 的 hostPath（如宿主机 `/`），都视为能看到该卷。只输出到标准输出的业务没有日志卷，不报告。',
    },
    sources: [{ id: 'guide', section: '通过Sidecar采集容器文本日志' }, 'slsSidecar'],
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
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-claim
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
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
  volumes:
  - name: log-v
    persistentVolumeClaim:
      claimName: nginx-claim
`,
    notes: {
      en: 'Checked for every sidecar collector (Alibaba Cloud Logtail, iLogtail and LoongCollector alike): a collector container in a pod that also runs a non-collector container, including native sidecars in `initContainers`. DaemonSet collectors read logs through host mounts and are not checked here. Independently of what the app mounts (even when the app\'s own mount is broken, e.g. it names an undefined volume), the paths the collector\'s own configs read are compared with its mounts: the pipeline `FilePaths` and the legacy `logPath` of the configs in a ConfigMap the collector mounts, and of the `AliyunLogConfig`s whose `spec.machineGroups` name its `ALIYUN_LOGTAIL_USER_DEFINED_ID` (configs of the same file); a path under no mount of the collector is reported on the path (inputs with `dockerFile` / `EnableContainerDiscovery` read container paths and are skipped).',
      zh: '检查所有 Sidecar 采集容器（阿里云 Logtail、iLogtail、LoongCollector 均适用）：与非采集容器运行在同一 Pod 中的采集容器，包括 `initContainers` 中的原生 Sidecar。DaemonSet 采集器通过宿主机挂载读取日志，不在此检查。与业务容器挂载了什么无关（即使业务容器自身的挂载有误，例如引用了未定义的卷），采集器自身配置读取的路径都会与其挂载比较：采集器挂载的 ConfigMap 中配置的流水线 `FilePaths` 与旧版 `logPath`，以及 `spec.machineGroups` 包含其 `ALIYUN_LOGTAIL_USER_DEFINED_ID` 的 `AliyunLogConfig`（同一文件中的配置）；不在采集器任何挂载之下的路径报告在该路径上（开启 `dockerFile` / `EnableContainerDiscovery` 的输入读取容器内路径，跳过）。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['pathNotMounted', 'missing'],
  check(ctx) {
    // what the collector's own configs read must be mounted into it, whatever the app mounts:
    // checked in the config's document, for the sidecars of this file that read it
    if (ctx.configs.length) {
      for (const w of ctx.workspace.workloads()) {
        for (const collector of sidecarCollectors(w)) {
          for (const cp of configPaths(configsReadBy(ctx.configs, w, collector))) {
            if (cp.role !== 'collect' || cp.input.containerMode) continue;
            const dir = staticDir(cp.value);
            if (!dir || dir === '/' || coveringMount(collector, dir)) continue;
            ctx.report({ node: cp.node, messageId: 'pathNotMounted', data: { collector: collector.name, path: cp.value } });
          }
        }
      }
    }
    for (const w of ctx.workloads) {
      const logMounts = appLogMounts(w);
      if (logMounts.length === 0) continue;
      for (const collector of sidecarCollectors(w)) {
        // one candidate per volume: the first app mount of it
        const byVolume = new Map<string, AppLogMount>();
        for (const lm of logMounts) if (lm.app !== collector && !byVolume.has(lm.volume.name)) byVolume.set(lm.volume.name, lm);
        if (byVolume.size === 0) continue;
        if ([...byVolume.values()].some((lm) => collectorSeesVolume(w, collector, lm.volume))) continue;

        const volumes = logMounts
          .filter((lm) => byVolume.has(lm.volume.name))
          .map((lm) => term(ctx.locale, 'collector/sidecar-missing-log-volume.volume', { volume: lm.volume.name, mountPath: lm.mount.mountPath ?? '', container: lm.app.name }))
          .join(term(ctx.locale, 'list.comma'));

        const fixes: FixSpec[] = [];
        const usedPaths = new Set(collector.mounts.map((m) => (m.mountPath ?? '').replace(/(?<!\/)\/+$/, '')));
        for (const lm of byVolume.values()) {
          const mountPath = lm.mount.mountPath!;
          if (usedPaths.has(mountPath.replace(/(?<!\/)\/+$/, ''))) continue; // the path is taken: the user must choose another
          const item: Record<string, Value> = { name: lm.volume.name, mountPath };
          if (lm.mount.subPath) item.subPath = lm.mount.subPath;
          if (lm.mount.subPathExpr) item.subPathExpr = lm.mount.subPathExpr;
          item.readOnly = true;
          const mountEdit = ctx.edit.addToList(collector.node, 'volumeMounts', item);
          let envEdits: Edit[] = [];
          if (lm.mount.subPathExpr) {
            // subPathExpr expands the container's own env: copy the variables it uses from the app
            const have = new Set(collector.env.map((e) => e.name));
            const copy: Value[] = [];
            for (const ref of envRefs(lm.mount.subPathExpr)) {
              if (have.has(ref.name)) continue;
              const src = lm.app.env.find((e) => e.name === ref.name);
              if (!src) continue;
              have.add(ref.name);
              copy.push(toJS(src.node) as Value);
            }
            if (copy.length) {
              const e = addItems(ctx.edit, collector.node, 'env', copy);
              if (!e) continue;
              envEdits = e;
            }
          }
          // at one offset, an append to an existing list must come before a new key
          const edits = getPair(collector.node, 'volumeMounts') || !getPair(collector.node, 'env') ? [mountEdit, ...envEdits] : [...envEdits, mountEdit];
          fixes.push({
            title: title('Mount "{volumeName}" in "{collectorName}"', { volumeName: lm.volume.name, collectorName: collector.name }),
            kind: byVolume.size === 1 ? 'safe' : 'suggestion',
            edits: combineEdits(edits),
          });
        }
        ctx.report({
          node: containerAnchor(collector),
          messageId: 'missing',
          data: { collector: collector.name, kind: w.kind, workload: w.name, volumes },
          fixes,
        });
      }
    }
  },
});

/**
 * The Logtail configs of this file that `collector` reads: pipeline/legacy configs in a ConfigMap
 * it mounts, and `AliyunLogConfig`s whose `spec.machineGroups` name its
 * `ALIYUN_LOGTAIL_USER_DEFINED_ID`.
 */
function configsReadBy(configs: readonly LogtailConfig[], w: Workload, collector: Container): LogtailConfig[] {
  const configMaps = new Set<string>();
  for (const m of collector.mounts) {
    const v = volumeByName(w, m.name);
    const name = v?.source === 'configMap' ? str(get(v.sourceNode, 'name')) : undefined;
    if (name) configMaps.add(name);
  }
  const groups = new Set(collector.env.filter((e) => e.name === 'ALIYUN_LOGTAIL_USER_DEFINED_ID' && e.value).flatMap((e) => e.value!.split(',').map((g) => g.trim())));
  return configs.filter((c) => {
    const o = c.object;
    if (!o || (o.namespace && w.obj.namespace && o.namespace !== w.obj.namespace)) return false;
    if (o.kind === 'ConfigMap') return configMaps.has(o.name);
    if (o.kind === 'AliyunLogConfig') return seqItems(at(o.node, 'spec', 'machineGroups')).some((g) => groups.has(str(g) ?? ''));
    return false;
  });
}

/** The directory part of a collected path before any wildcard: `/var/log/app/**\/*.log` → `/var/log/app`. */
function staticDir(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const segs = path.split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (/[*?[]/.test(s)) break;
    out.push(s);
  }
  // a pipeline FilePaths entry ends with the file name; a legacy logPath is a directory
  const wild = out.length < segs.length;
  const dir = (wild ? out : /\.[A-Za-z0-9]+$/.test(segs[segs.length - 1] ?? '') ? out.slice(0, -1) : out).join('/');
  return dir || '/';
}
