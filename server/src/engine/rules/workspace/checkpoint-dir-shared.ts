import { stateFilesOf } from '../../model/agent-paths';
import type { CollectorFact } from '../../model/facts';
import { at, isMap, str } from '../../parse/nodes';
import type { Workload } from '../../model/k8s';
import { defineRule } from '../../rule';
import { related } from './_common';

interface StateDir {
  fact: CollectorFact;
  dir: string;
  node: import('../../parse/nodes').Node;
  volume: string;
}

function stateDirs(fact: CollectorFact): StateDir[] {
  const out: StateDir[] = [];
  for (const s of stateFilesOf(fact.workload, fact.container)) {
    const st = s.storage;
    if (st.kind !== 'hostPath' || st.hostDir.includes('$(')) continue;
    if (out.some((o) => o.dir === st.hostDir)) continue;
    out.push({ fact, dir: st.hostDir, node: st.volume.hostPath?.pathNode ?? st.volume.node, volume: st.volume.name });
  }
  return out;
}

/** Two pod specs whose nodeSelectors ask one label for different values never share a node. */
function disjointNodes(a: Workload, b: Workload): boolean {
  const sa = at(a.podSpec, 'nodeSelector');
  const sb = at(b.podSpec, 'nodeSelector');
  if (!isMap(sa) || !isMap(sb)) return false;
  for (const p of sa.pairs) {
    const k = String(p.key.value);
    const other = str(at(sb, k));
    if (other !== undefined && str(p.value) !== undefined && other !== str(p.value)) return true;
  }
  return false;
}

export default defineRule({
  id: 'workspace/checkpoint-dir-shared',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['collectors'],
  docs: {
    summary: {
      en: 'Two collectors keep their checkpoint or data files in the same writable hostPath directory of a node.',
      zh: '两个采集器把 checkpoint 或数据文件放在节点上同一个可写的 hostPath 目录中。',
    },
    rationale: {
      en: 'The guide asks to persist the collector\'s checkpoint, `user_log_config` and `docker_file_cache_path` files on the node so that a restarted collector continues where it stopped (*Kubernetes 日志落盘及 SLS 日志采集实践*, "Logtail参数配置"). The files have fixed names (`logtail_check_point`, `docker_path_config.json`; LoongCollector\'s data directory holds `file_check_point`, …). Two collector workloads on one node that map their state to the same node directory — a copied DaemonSet, a second agent during a migration — overwrite each other\'s files: each then resumes at the other\'s offsets, losing or duplicating lines.',
      zh: '实践指南要求把采集器的 checkpoint、`user_log_config` 和 `docker_file_cache_path` 文件持久化到节点上，使重启后的采集器从中断处继续（《Kubernetes 日志落盘及 SLS 日志采集实践》"Logtail参数配置"）。这些文件名是固定的（`logtail_check_point`、`docker_path_config.json`；LoongCollector 的数据目录中有 `file_check_point` 等）。同一节点上的两个采集器工作负载若把状态映射到同一节点目录——复制出来的 DaemonSet、迁移期间的第二个采集器——就会互相覆盖对方的文件：之后各自从对方的偏移量继续，导致丢失或重复日志。',
    },
    remediation: {
      en: 'Give each collector workload its own node directory, named after it as the official templates do (`/var/lib/<namespace>-<daemonset>/checkpoint`). The finding is reported on each side, linked to the other.',
      zh: '为每个采集器工作负载使用各自的节点目录，并像官方模板那样以它命名（`/var/lib/<namespace>-<daemonset>/checkpoint`）。两边都会报告，并互相链接。',
    },
    notes: {
      en: 'State paths are the ones the agent really uses (env over defaults, precedence as in collector/checkpoint-not-persisted). Not reported when the two workloads\' `nodeSelector`s ask the same label for different values (they never share a node), nor for read-only mounts or paths with unresolved `$(VAR)`.',
      zh: '状态路径取采集器实际使用的路径（env 优先于默认值，优先级同 collector/checkpoint-not-persisted）。若两个工作负载的 `nodeSelector` 对同一标签要求不同的值（不会落在同一节点），或是只读挂载、路径含未解析的 `$(VAR)`，不报告。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置' }, 'slsStartup', 'ilogtailCheckpoint'],
    bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-a
spec:
  selector:
    matchLabels:
      app: logtail-a
  template:
    metadata:
      labels:
        app: logtail-a
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_CHECK_POINT_PATH
          value: /var/lib/logtail/logtail_check_point
        volumeMounts:
        - name: state
          mountPath: /var/lib/logtail
      volumes:
      - name: state
        hostPath:
          path: /var/lib/logtail-state
          type: DirectoryOrCreate
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-b
spec:
  selector:
    matchLabels:
      app: logtail-b
  template:
    metadata:
      labels:
        app: logtail-b
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_CHECK_POINT_PATH
          value: /var/lib/logtail/logtail_check_point
        volumeMounts:
        - name: state
          mountPath: /var/lib/logtail
      volumes:
      - name: state
        hostPath:
          path: /var/lib/logtail-state
          type: DirectoryOrCreate
`,
    good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-a
spec:
  selector:
    matchLabels:
      app: logtail-a
  template:
    metadata:
      labels:
        app: logtail-a
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_CHECK_POINT_PATH
          value: /var/lib/logtail/logtail_check_point
        volumeMounts:
        - name: state
          mountPath: /var/lib/logtail
      volumes:
      - name: state
        hostPath:
          path: /var/lib/default-logtail-a
          type: DirectoryOrCreate
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-b
spec:
  selector:
    matchLabels:
      app: logtail-b
  template:
    metadata:
      labels:
        app: logtail-b
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_CHECK_POINT_PATH
          value: /var/lib/logtail/logtail_check_point
        volumeMounts:
        - name: state
          mountPath: /var/lib/logtail
      volumes:
      - name: state
        hostPath:
          path: /var/lib/default-logtail-b
          type: DirectoryOrCreate
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['shared'],
  check(ctx) {
    const all = ctx.workspace.collectors();
    const mine = all.filter((c) => ctx.workloads.includes(c.workload));
    if (!mine.length || all.length < 2) return;
    const others = all.map(stateDirs).flat();
    const seen = new Set<string>();
    for (const fact of mine) {
      for (const d of stateDirs(fact)) {
        for (const o of others) {
          if (o.fact.workload === fact.workload || o.dir !== d.dir || disjointNodes(fact.workload, o.fact.workload)) continue;
          // the same object (kind, namespace, name) in two files is one workload in two variants
          // (alternative templates, overlays), never two that run side by side
          if (sameObject(fact.workload, o.fact.workload)) continue;
          const key = `${d.node.start}|${o.fact.workload.kind}/${o.fact.workload.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.report({
            node: d.node,
            messageId: 'shared',
            data: { other: `${o.fact.workload.kind} ${o.fact.workload.name}`, dir: d.dir },
            related: related(ctx, o.fact.workload, o.node, 'state directory of {kind} {name}', { kind: o.fact.workload.kind, name: o.fact.workload.name }),
          });
        }
      }
    }
  },
});

function sameObject(a: Workload, b: Workload): boolean {
  return a.kind === b.kind && a.name === b.name && (a.obj.namespace ?? 'default') === (b.obj.namespace ?? 'default');
}
