import { envLiteral, lastEnv, layoutOf, settingEnvNames } from '../../model/agent-paths';
import { collectorRole, isCollector } from '../../model/collector';
import { containerFile, startupPathOf } from '../../model/container-files';
import { pathCovers, type Container, type EnvVar, type Workload } from '../../model/k8s';
import { get, isScalar, type Node } from '../../parse/nodes';
import { effectiveNamespace, logUseOf } from '../../model/storage';
import { defineRule, type RuleContext } from '../../rule';

export default defineRule({
  id: 'k8s/emptydir-logs-lost-on-delete',
  severity: 'hint',
  scope: 'workspace',
  inputs: ['collectors', 'objects', 'configs'],
  docs: {
    summary: {
      en: 'Logs on an emptyDir are lost with the pod when their collector stops reading before it has read them to the end.',
      zh: 'emptyDir 上的日志在其采集器读完之前停止读取时，随 Pod 一起丢失。',
    },
    rationale: {
      en: 'An emptyDir is created when the pod is scheduled and "当pod销毁时，EmptyDir中的数据也会被永久删除" (practice guide: EmptyDir模式; 优缺点对比, EmptyDir 特点3). Whether unread lines are lost depends on the collector. A node collector (Logtail / iLogtail / LoongCollector DaemonSet) keeps every file it collects open ("Logtail 会保持被采集的文件和轮转队列中待采集的文件处于打开状态，以保证采集数据完整性", Alibaba Cloud: Logtail limits, 文件打开行为); a deleted file stays readable through an open descriptor, so by default the agent reads the emptyDir\'s files to the end after the kubelet has removed them. The startup parameter `force_release_deleted_file_fd_timeout` changes that: at 0 or more the agent closes the file that many seconds after the container stops or the file is deleted, "no matter read to end or not" (LoongCollector source; Alibaba Cloud: "当采集发生延时时，延时超过配置的数据会丢失"). An ordinary sidecar collector is stopped together with the application, so what it has not read when the pod goes away is lost.',
      zh: 'emptyDir 在 Pod 调度到节点时创建，"当pod销毁时，EmptyDir中的数据也会被永久删除"（实践指南：EmptyDir模式；优缺点对比，EmptyDir 特点3）。未读的日志是否丢失取决于采集器。节点采集器（Logtail / iLogtail / LoongCollector DaemonSet）会保持所采集的文件处于打开状态（"Logtail 会保持被采集的文件和轮转队列中待采集的文件处于打开状态，以保证采集数据完整性"，阿里云：Logtail 限制说明，文件打开行为）；已删除的文件仍可通过打开的句柄读取，因此默认情况下 kubelet 删除 emptyDir 之后，Agent 仍会把其中的文件读到末尾。启动参数 `force_release_deleted_file_fd_timeout` 会改变这一点：取值为 0 或更大时，Agent 在容器停止或文件被删除该秒数后关闭文件，"no matter read to end or not"（LoongCollector 源码；阿里云："当采集发生延时时，延时超过配置的数据会丢失"）。普通 Sidecar 采集器与应用一起停止，Pod 消失时它尚未读取的部分即丢失。',
    },
    remediation: {
      en: 'For a DaemonSet collector: leave `force_release_deleted_file_fd_timeout` unset (-1), or give it a value larger than the collection delay you can have, so that the agent reads a deleted pod\'s files to the end. For a sidecar: run it as a native sidecar (an init container with `restartPolicy: Always`, Kubernetes 1.29+), which is stopped after the application and reads the last lines before the pod and its emptyDir go. Or write the logs to a PVC, which outlives the pod (practice guide: PVC模式).',
      zh: 'DaemonSet 采集器：不要设置 `force_release_deleted_file_fd_timeout`（-1），或设为大于可能出现的采集延迟的值，让 Agent 把已删除 Pod 的文件读完。Sidecar：以原生 Sidecar 方式运行（`restartPolicy: Always` 的 init 容器，Kubernetes 1.29+），它在应用之后停止，在 Pod 及其 emptyDir 消失前读完最后的日志。或者把日志写到 PVC，它比 Pod 存活更久（实践指南：PVC模式）。',
    },
    notes: {
      en: 'Reported on a log emptyDir (mounted by an application container at a log path, or shared with a collector container) when (a) a collector DaemonSet of the file or the workspace that can see the pod\'s files — it mounts the node directory of pod volumes (`/var/lib/kubelet/pods`, or a parent such as host `/` at `/logtail_host`), or it runs in the pod\'s namespace — sets `force_release_deleted_file_fd_timeout` to 0 or more: by the env var of that name (LoongCollector also `LOONG_FORCE_RELEASE_DELETED_FILE_FD_TIMEOUT`), which the agent applies after its startup file, or else by that key of the startup file the container reads (a ConfigMap key or workspace file); or (b) an ordinary (not native) sidecar collector of the same pod mounts it while collector/sidecar-not-native is off (otherwise that rule reports the same loss, with the fix). Not reported: a native sidecar collector; a DaemonSet collector that leaves the timeout at its default (-1) or sets it from a source the linter cannot read (`valueFrom`). Lines the agent never opened — a collector that was down or had fallen minutes behind when the pod was deleted — are lost with any storage that goes with the pod; that is the reliability limit the guide lists (SLS-Logtail数据采集可靠性), not a property of this manifest.',
      zh: '以下情况在日志 emptyDir（由应用容器挂载在日志路径上，或与采集器容器共享）上报告：(a) 本文件或工作区中能看到该 Pod 文件的采集器 DaemonSet——它挂载了节点上存放 Pod 卷的目录（`/var/lib/kubelet/pods`，或其上级目录，如以 `/logtail_host` 挂载的宿主机 `/`），或与 Pod 位于同一命名空间——把 `force_release_deleted_file_fd_timeout` 设为 0 或更大：通过同名环境变量（LoongCollector 还有 `LOONG_FORCE_RELEASE_DELETED_FILE_FD_TIMEOUT`，Agent 在启动参数文件之后应用它），否则通过容器读取的启动参数文件（ConfigMap 的键或工作区文件）中的该键；或 (b) 同一 Pod 中的普通（非原生）Sidecar 采集器挂载了它且 collector/sidecar-not-native 已关闭（否则由该规则报告同一风险并提供修复）。不报告：原生 Sidecar 采集器；超时保持默认值（-1）或由检查器无法读取的来源（`valueFrom`）设置的 DaemonSet 采集器。Agent 从未打开过的日志——Pod 删除时采集器未运行或已落后数分钟——在任何随 Pod 消失的存储上都会丢失；这是实践指南所列的可靠性限制（SLS-Logtail数据采集可靠性），不是本清单的属性。',
    },
    sources: [{ id: 'guide', section: 'EmptyDir模式; 优缺点对比; SLS-Logtail数据采集可靠性' }, 'slsLimits', 'slsStartup', 'lcForceRelease', 'lcEnvFlags', 'k8sEmptyDir', 'k8sSidecar'],
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
        - name: force_release_deleted_file_fd_timeout
          value: "0"
        volumeMounts:
        - name: root
          mountPath: /logtail_host
          readOnly: true
          mountPropagation: HostToContainer
      volumes:
      - name: root
        hostPath:
          path: /
---
apiVersion: v1
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
---
apiVersion: v1
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
  messages: ['sidecar', 'released'],
  check(ctx) {
    let daemonSets: CollectorDs[] | undefined;
    for (const w of ctx.workloads) {
      const isCollectorDs = w.kind === 'DaemonSet' && w.containers.some((c) => isCollector(c));
      for (const v of w.volumes) {
        if (v.source !== 'emptyDir') continue;
        const log = logUseOf(w, v);
        if (!log) continue;
        const path = log.use?.mount.mountPath ?? '';
        if (log.collector && collectorRole(w, log.collector) === 'sidecar') {
          // A native sidecar is this rule's own remedy (it is stopped after the app and reads the
          // last lines before the pod and its emptyDir go); an ordinary one is collector/sidecar-not-native's
          // finding, with the same remedy, unless that rule is off.
          if (log.collector.nativeSidecar || ctx.settings.rules?.['collector/sidecar-not-native'] !== 'off') continue;
          ctx.report({ node: v.sourcePair?.key ?? v.nameNode, messageId: 'sidecar', data: { volume: v.name, path, kind: w.kind, workload: w.name, collector: log.collector.name } });
          continue;
        }
        if (isCollectorDs) continue;
        // A node collector keeps a file it has opened open after the file is deleted and reads it
        // to the end (force_release_deleted_file_fd_timeout = -1, the default): the emptyDir going
        // away with the pod loses nothing it had found. Only a DaemonSet that sets a release
        // timeout drops the unread rest, and only one that can see this pod's files matters.
        daemonSets ??= collectorDaemonSets(ctx);
        const ns = effectiveNamespace(w.obj, ctx.uri, ctx.workspace);
        const ds = daemonSets.find((d) => d.release && (d.readsPodVolumes || (ns !== undefined && d.ns === ns)));
        if (!ds?.release) continue;
        ctx.report({
          node: v.sourcePair?.key ?? v.nameNode,
          messageId: 'released',
          data: { volume: v.name, path, kind: w.kind, workload: w.name, collector: ds.w.name, seconds: String(ds.release.seconds), setting: ds.release.name },
          related: [{ uri: ds.release.uri, node: ds.release.node, message: '{setting} of DaemonSet {daemonset}', data: { setting: ds.release.name, daemonset: ds.w.name } }],
        });
      }
    }
  },
});

/** Kubelet's directory of pod volumes (emptyDirs live in `<uid>/volumes/kubernetes.io~empty-dir/`). */
const POD_VOLUMES_DIR = '/var/lib/kubelet/pods';

const SETTING = 'force_release_deleted_file_fd_timeout';

interface Release {
  seconds: number;
  /** The env var or startup-file key that sets it. */
  name: string;
  node: Node;
  uri: string;
}

interface CollectorDs {
  w: Workload;
  ns?: string;
  readsPodVolumes: boolean;
  /** The collector's force_release_deleted_file_fd_timeout, when the workspace shows one of 0 or more. */
  release?: Release;
}

/** Collector DaemonSets of the file and the workspace: namespace, whether they can read pod volumes on the node, and their release timeout. */
function collectorDaemonSets(ctx: RuleContext): CollectorDs[] {
  const out: CollectorDs[] = [];
  const seen = new Set<Workload>();
  for (const { workload: w } of ctx.workspace.collectors()) {
    if (w.kind !== 'DaemonSet' || seen.has(w)) continue;
    seen.add(w);
    const readsPodVolumes = w.volumes.some((v) => v.source === 'hostPath' && !!v.hostPath?.path && pathCovers(v.hostPath.path, POD_VOLUMES_DIR));
    let release: Release | undefined;
    for (const c of w.containers) if (isCollector(c)) release ??= releaseTimeoutOf(ctx, w, c);
    out.push({ w, ns: ctx.workspace.namespaceOf(w.obj), readsPodVolumes, release });
  }
  return out;
}

const seconds = (raw: unknown): number | undefined => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : undefined;
  return n !== undefined && Number.isInteger(n) ? n : undefined;
};

/**
 * The agent's gflag force_release_deleted_file_fd_timeout when it is 0 or more: the env var of that
 * name (LoongCollector also `LOONG_FORCE_RELEASE_DELETED_FILE_FD_TIMEOUT`), which the agent reads
 * after its startup file, else the key of the startup file the container reads.
 */
function releaseTimeoutOf(ctx: RuleContext, w: Workload, c: Container): Release | undefined {
  const layout = layoutOf(c);
  const names = settingEnvNames(SETTING, layout?.family);
  let env: EnvVar | undefined;
  for (const n of names) {
    const e = lastEnv(c, n);
    if (e && (!env || c.env.indexOf(e) > c.env.indexOf(env))) env = e;
  }
  const uri = ctx.workspace.uriOf(w) ?? ctx.uri;
  if (env) {
    const n = seconds(envLiteral(c, env));
    return n !== undefined && n >= 0 ? { seconds: n, name: env.name, node: env.valueNode ?? env.node, uri } : undefined;
  }
  const startup = startupPathOf(c, layout);
  if (!startup) return undefined;
  const ws = ctx.workspace;
  const target = containerFile({ objects: () => ws.objects(), configs: () => ws.configs(), uriOf: (x) => ws.uriOf(x), uris: () => [ctx.uri, ...ws.index.uris()] }, w, c, startup);
  const config = target?.config;
  if (!config || config.bodyKind !== 'startup' || !config.body) return undefined;
  const node = get(config.body, SETTING);
  const n = isScalar(node) ? seconds(node.value) : undefined;
  return n !== undefined && n >= 0 && node ? { seconds: n, name: SETTING, node, uri: ws.uriOf(config) ?? ctx.uri } : undefined;
}
