import { at, get, isMap, isScalar, mapItems, seqItems, str, type Node } from '../parse/nodes';
import type { Volume, Workload } from './k8s';

/** hostPath types that are (or may be) a directory. Absent / "" means "no check", usually a directory. */
export function isDirectoryHostPath(v: Volume): boolean {
  const t = v.hostPath?.type ?? '';
  return t === '' || t === 'Directory' || t === 'DirectoryOrCreate';
}

/**
 * System paths that pods mount to read or to talk to, not to write logs into:
 * time zone files, kernel interfaces, devices, container-runtime sockets and state.
 */
const SYSTEM_PATHS = [
  '/etc/localtime',
  '/etc/timezone',
  '/usr/share/zoneinfo',
  '/etc/ssl',
  '/etc/pki',
  '/etc/ca-certificates',
  '/sys',
  '/proc',
  '/dev',
  '/lib/modules',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
  '/var/run/dockershim.sock',
  '/var/lib/kubelet/device-plugins',
  '/var/lib/kubelet/plugins_registry',
  '/var/lib/kubelet/pod-resources',
];

/**
 * The runtime directory itself: pods mount `/var/run` (or `/run`) whole to reach the container
 * runtime's socket in it (the Logtail/LoongCollector templates do, as do monitoring agents); it
 * holds sockets and PID files, not logs, and a per-pod `subPathExpr` would hide the socket.
 */
const RUNTIME_DIRS = ['/var/run', '/run'];

export function isSystemHostPath(path: string | undefined): boolean {
  if (!path) return false;
  const p = path.length > 1 ? path.replace(/(?<!\/)\/+$/, '') : path;
  if (/\.sock$/.test(p)) return true;
  if (RUNTIME_DIRS.includes(p)) return true;
  return SYSTEM_PATHS.some((s) => p === s || p.startsWith(s + '/'));
}

function labelsOf(meta: Node | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const labels = get(meta, 'labels');
  if (isMap(labels)) for (const p of labels.pairs) if (p.key.value !== null && isScalar(p.value)) out.set(String(p.key.value), String(p.value.value ?? ''));
  return out;
}

/** Does a Kubernetes label selector (`matchLabels` / `matchExpressions`) select a pod with these labels? */
function selects(selector: Node | undefined, labels: Map<string, string>): boolean {
  if (!isMap(selector)) return false; // no selector: the term selects no pod
  const ml = get(selector, 'matchLabels');
  if (isMap(ml)) for (const p of ml.pairs) if (labels.get(String(p.key.value)) !== str(p.value) || str(p.value) === undefined) return false;
  for (const e of mapItems(get(selector, 'matchExpressions'))) {
    const key = str(get(e, 'key'));
    const op = str(get(e, 'operator'));
    const values = seqItems(get(e, 'values')).map((v) => str(v));
    if (key === undefined) return false;
    const has = labels.has(key);
    const value = labels.get(key);
    if (op === 'In' && !(has && values.includes(value))) return false;
    if (op === 'NotIn' && has && values.includes(value)) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') return false;
  }
  return true;
}

/**
 * The scheduler places at most one pod of this workload on a node, so its pods never share a
 * node's hostPath: a container declares a `hostPort` (two pods cannot bind the same host port on
 * one node), or a required pod anti-affinity on `kubernetes.io/hostname` selects the workload's
 * own pods (the seed's other remedy: "同一应用的POD需要严格分散在不同节点"). Also true during a
 * rolling update: the new pod cannot land on a node where an old one still runs.
 */
export function atMostOnePodPerNode(w: Workload): boolean {
  for (const c of w.containers) {
    if (c.section !== 'containers') continue;
    for (const port of mapItems(get(c.node, 'ports'))) {
      const hp = get(port, 'hostPort');
      if (isScalar(hp) && Number(hp.value) > 0) return true;
    }
  }
  const labels = labelsOf(w.template ? get(w.template, 'metadata') : get(w.obj.node, 'metadata'));
  const terms = seqItems(at(w.podSpec, 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'));
  for (const t of terms) {
    if (str(get(t, 'topologyKey')) !== 'kubernetes.io/hostname') continue;
    const namespaces = seqItems(get(t, 'namespaces')).map((n) => str(n));
    if (namespaces.length && !(w.obj.namespace && namespaces.includes(w.obj.namespace))) continue;
    if (selects(get(t, 'labelSelector'), labels)) return true;
  }
  return false;
}

/**
 * Host directories that exist on every Kubernetes node before a pod's volumes are set up:
 * the kubelet creates its root directory and `pods/` in it (`setupDataDirs`), and
 * `/var/log/containers` — hence `/var/log` — when it starts (`initializeModules`); the
 * container runtime creates `/var/log/pods/<namespace>_<pod>_<uid>` for every pod; the rest
 * are directories of the Linux file system hierarchy that every distribution has.
 * Source: kubernetes/kubernetes pkg/kubelet/kubelet.go (`ContainerLogsDir`, `setupDataDirs`),
 * pkg/kubelet/kuberuntime/kuberuntime_sandbox.go (`MkdirAll(podSandboxConfig.LogDirectory)`).
 */
const ALWAYS_PRESENT_DIRS = [
  '/', '/tmp', '/var', '/var/lib', '/var/tmp', '/run', '/var/run', '/etc',
  '/var/log', '/var/log/containers', '/var/log/pods', '/var/lib/kubelet', '/var/lib/kubelet/pods',
];

/** Is `path` a directory that always exists on a node (see `ALWAYS_PRESENT_DIRS`)? */
export function isAlwaysPresentDir(path: string | undefined): boolean {
  if (!path) return false;
  const p = path.length > 1 ? path.replace(/(?<!\/)\/+$/, '') : path;
  return ALWAYS_PRESENT_DIRS.includes(p);
}
