/**
 * Paths in Logtail collection configs, and what the agent pod can see.
 *
 * Shared by the path rules of `logtail/` (host-path-without-prefix, prefix-with-docker-file,
 * pod-uid-in-path, kubelet-path-shape, recursive-*, …) and `startup/`.
 *
 * Sources: seed "配置HostPath模式采集" / "配置PVC模式采集" (`/logtail_host` + node path; the kubelet
 * path of a PV); spec §2.3 (legacy `inputDetail`), §2.5 (`advanced.blacklist`), §3.3 (`input_file`),
 * §4.2 (host root → `/logtail_host`), §4.3 (kubelet volume layout).
 */
import { at, get, getPair, isMap, isScalar, isSeq, str, type MapNode, type Node, type Pair, type ScalarNode } from '../parse/nodes';
import { collectorsOf, isCollector } from './collector';
import { pathCovers, volumeByName, type Workload, type Volume } from './k8s';
import type { Edit } from '../types';
import { containerMode, type LogtailConfig } from './logtail';
import { isNodeManagedLogPath, isSystemHostPath } from './storage';
import type { TextLike } from '../parse/text';

/** Where the Logtail DaemonSet mounts the node's root directory (spec §4.2, flag `default_container_host_path`). */
export const HOST_PREFIX = '/logtail_host';
/** The kubelet root directory (spec §4.3). */
export const KUBELET_ROOT = '/var/lib/kubelet';

/** One file input of a config: a legacy `inputDetail`, or an `input_file` item of a pipeline's `inputs`. */
export interface FileInput {
  config: LogtailConfig;
  form: 'legacy' | 'pipeline';
  /** The `inputDetail` map, or the `inputs[i]` map. */
  node: MapNode;
  /** The container-path switch: `dockerFile` (legacy) or `EnableContainerDiscovery` (pipeline). */
  switchKey: 'dockerFile' | 'EnableContainerDiscovery';
  switchPair?: Pair;
  /** The switch is on: paths are paths inside the application containers. */
  containerMode: boolean;
}

/** The file inputs of a config. Startup files and legacy `inputType: plugin` configs have none. */
export function fileInputs(config: LogtailConfig): FileInput[] {
  const body = config.body;
  if (!body) return [];
  if (config.bodyKind === 'legacy') {
    const d = get(body, 'inputDetail');
    if (!isMap(d) || str(get(body, 'inputType')) === 'plugin') return [];
    return [{ config, form: 'legacy', node: d, switchKey: 'dockerFile', switchPair: getPair(d, 'dockerFile'), containerMode: containerMode(d, 'legacy') }];
  }
  if (config.bodyKind === 'pipeline') {
    const inputs = get(body, 'inputs');
    if (!isSeq(inputs)) return [];
    return inputs.items
      .filter((i): i is MapNode => isMap(i) && str(get(i, 'Type')) === 'input_file')
      .map((i) => ({ config, form: 'pipeline' as const, node: i, switchKey: 'EnableContainerDiscovery' as const, switchPair: getPair(i, 'EnableContainerDiscovery'), containerMode: containerMode(i, 'pipeline') }));
  }
  return [];
}

export type PathField = 'logPath' | 'FilePaths' | 'ExcludeFilePaths' | 'ExcludeDirs' | 'dir_blacklist' | 'filepath_blacklist';

/** A path string of a file input. */
export interface ConfigPath {
  input: FileInput;
  field: PathField;
  /** `collect`: what is collected; `exclude`: an absolute path that is skipped. */
  role: 'collect' | 'exclude';
  /** The string value (the range of a finding about the path). */
  node: ScalarNode;
  value: string;
}

/**
 * Path fields per form: legacy `inputDetail.logPath` (a directory; `filePattern` is a file-name
 * glob, not a path) and `advanced.blacklist.dir_blacklist` / `filepath_blacklist` (absolute paths,
 * spec §2.5); pipeline `input_file` `FilePaths[]`, `ExcludeFilePaths[]`, `ExcludeDirs[]` (absolute;
 * `ExcludeFiles` holds names only) (spec §3.3).
 */
const FIELDS: Record<'legacy' | 'pipeline', { field: PathField; role: 'collect' | 'exclude'; path: string[] }[]> = {
  legacy: [
    { field: 'logPath', role: 'collect', path: ['logPath'] },
    { field: 'dir_blacklist', role: 'exclude', path: ['advanced', 'blacklist', 'dir_blacklist'] },
    { field: 'filepath_blacklist', role: 'exclude', path: ['advanced', 'blacklist', 'filepath_blacklist'] },
  ],
  pipeline: [
    { field: 'FilePaths', role: 'collect', path: ['FilePaths'] },
    { field: 'ExcludeFilePaths', role: 'exclude', path: ['ExcludeFilePaths'] },
    { field: 'ExcludeDirs', role: 'exclude', path: ['ExcludeDirs'] },
  ],
};

function strings(n: Node | undefined): ScalarNode[] {
  if (isScalar(n)) return typeof n.value === 'string' ? [n] : [];
  if (isSeq(n)) return n.items.filter((i): i is ScalarNode => isScalar(i) && typeof i.value === 'string');
  return [];
}

export function pathsOfInput(input: FileInput): ConfigPath[] {
  const out: ConfigPath[] = [];
  for (const f of FIELDS[input.form]) {
    for (const node of strings(at(input.node, ...f.path))) {
      out.push({ input, field: f.field, role: f.role, node, value: node.value as string });
    }
  }
  return out;
}

/** Every path of every file input of the configs. */
export function configPaths(configs: readonly LogtailConfig[]): ConfigPath[] {
  return configs.flatMap((c) => fileInputs(c).flatMap(pathsOfInput));
}

/**
 * An edit that replaces a path string, keeping the quotes it was written with in YAML
 * (`"…"` / `'…'`); plain YAML and JSON go through the config's editor. `text` is the whole
 * file (embedded configs carry offsets of the outer file).
 */
export function replacePath(text: TextLike, config: LogtailConfig, node: ScalarNode, value: string): Edit {
  const q = text.slice(node.start, node.start + 1);
  if (config.language === 'yaml' && (q === '"' || q === "'") && node.end - node.start >= 2 && text.slice(node.end - 1, node.end) === q) {
    return { start: node.start, end: node.end, newText: q === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'` };
  }
  return config.edit.replaceScalar(node, value);
}

/** Is `path` at or below `/logtail_host` (or another host-root mount point)? */
export function hasHostPrefix(path: string, prefixes: readonly string[] = [HOST_PREFIX]): boolean {
  return prefixes.some((p) => pathCovers(p, path));
}

/** `/logtail_host/mnt/` → `/mnt/`; `/logtail_host` → `/`. */
export function stripHostPrefix(path: string, prefix = HOST_PREFIX): string {
  if (!pathCovers(prefix, path)) return path;
  const rest = path.slice(prefix.replace(/(?<!\/)\/+$/, '').length);
  return rest === '' ? '/' : rest;
}

/** `/mnt/` → `/logtail_host/mnt/`. */
export function addHostPrefix(path: string, prefix = HOST_PREFIX): string {
  return prefix.replace(/(?<!\/)\/+$/, '') + (path.startsWith('/') ? path : '/' + path);
}

/** `/a/b/` → `/a/b`; `/` stays `/`. */
export function trimSlash(p: string): string {
  const t = p.replace(/(?<!\/)\/+$/, '');
  return t === '' && p.startsWith('/') ? '/' : t;
}

// ---------------------------------------------------------------------------------------------
// Kubelet pod-volume paths (spec §4.3): /var/lib/kubelet/pods/<pod-uid>/volumes/kubernetes.io~<plugin>/<name>[/mount for CSI]/…

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A path below `<prefix>/var/lib/kubelet/pods/`, split into segments. */
export interface KubeletPodPath {
  /** `''` or `/logtail_host`. */
  prefix: string;
  /** The segments after `pods/` (the first is the pod directory). */
  rest: string[];
}

export function parseKubeletPodPath(path: string): KubeletPodPath | undefined {
  const m = /^((?:\/logtail_host)?)\/var\/lib\/kubelet\/pods(?:\/(.*))?$/.exec(path);
  if (!m) return undefined;
  return { prefix: m[1]!, rest: m[2] === undefined ? [] : m[2].split('/') };
}

export function formatKubeletPodPath(p: KubeletPodPath): string {
  return `${p.prefix}/var/lib/kubelet/pods${p.rest.length ? '/' + p.rest.join('/') : ''}`;
}

// ---------------------------------------------------------------------------------------------
// What the agent sees: workloads of the file and the workspace.

export function isCollectorDaemonSet(w: Workload): boolean {
  return w.kind === 'DaemonSet' && collectorsOf(w).length > 0;
}

/** A hostPath volume of an application workload: the node directory its pods write to. */
export interface AppHostPath {
  w: Workload;
  volume: Volume;
  /** `hostPath.path` without trailing slashes. */
  path: string;
}

/**
 * hostPath volumes where application workloads write logs: not the host root `/` (what the agent
 * mounts at `/logtail_host`), not the volumes of collector DaemonSets (their own checkpoint,
 * runtime socket, …). Also not what node agents mount to read the node's own files — system paths
 * (`/proc`, `/sys`, runtime sockets, `/var/run`) and node-managed log directories (`/var/log`,
 * `/var/log/pods`, `/var/lib/docker/containers`, …), as other log shippers (Fluent Bit, Filebeat,
 * Vector…) do — nor a volume that no container of the workload mounts writable: nothing writes
 * logs into it, so a config path below it is no evidence of a node path.
 */
export function appHostPaths(workloads: readonly Workload[]): AppHostPath[] {
  const out: AppHostPath[] = [];
  for (const w of workloads) {
    if (isCollectorDaemonSet(w)) continue;
    for (const v of w.volumes) {
      const raw = v.hostPath?.path?.trim();
      if (!raw || !raw.startsWith('/') || raw.includes('$(')) continue;
      const path = trimSlash(raw);
      if (path === '/' || isSystemHostPath(path) || isNodeManagedLogPath(path)) continue;
      if (!w.containers.some((c) => c.mounts.some((m) => m.name === v.name && !m.readOnly))) continue;
      out.push({ w, volume: v, path });
    }
  }
  return out;
}

/**
 * The prefix a host-mode node path needs for the agent to see it (logtail/host-path-without-prefix's
 * fix: the collector's host-root mount point, `/logtail_host` by default), or undefined when it has
 * one or a collector mounts that directory where it is.
 */
export function hostPrefixToAdd(mounts: { hostRoot: readonly string[]; direct: readonly string[] }, path: string): string | undefined {
  if (hasHostPrefix(path, [HOST_PREFIX, ...mounts.hostRoot])) return undefined;
  if (mounts.direct.some((d) => pathCovers(d, path))) return undefined; // the agent sees it as it is
  return mounts.hostRoot.length && !mounts.hostRoot.includes(HOST_PREFIX) ? mounts.hostRoot[0]! : HOST_PREFIX;
}

/**
 * Where collector containers mount the node's root directory (usually `/logtail_host`), and every
 * other mount point of collector containers (paths the agent sees as they are).
 */
export function collectorMounts(workloads: readonly Workload[]): { hostRoot: string[]; direct: string[] } {
  const hostRoot: string[] = [];
  const direct: string[] = [];
  for (const w of workloads) {
    for (const c of w.containers) {
      if (!isCollector(c)) continue;
      for (const m of c.mounts) {
        if (!m.mountPath) continue;
        const v = volumeByName(w, m.name);
        const mp = trimSlash(m.mountPath);
        if (v?.source === 'hostPath' && trimSlash(v.hostPath?.path ?? '') === '/' && !m.subPath && !m.subPathExpr) hostRoot.push(mp);
        else if (mp !== '/') direct.push(mp);
      }
    }
  }
  return { hostRoot, direct };
}

// ---------------------------------------------------------------------------------------------
// `**` in paths (spec §3.3 input_file: "`*` and `**` (one `**`, only directly before file name)";
// `MaxDirSearchDepth` "only read when path contains `**`").

export interface RecursiveWildcard {
  /** How many `**` the path holds. */
  count: number;
  /** The directory segment directly before the file name is exactly `**`: subdirectories are searched (up to the depth setting). */
  recursive: boolean;
  /** Segments that hold a `**` anywhere else. */
  misplaced: { segment: string; fileName: boolean }[];
}

export function analyzeRecursive(path: string): RecursiveWildcard {
  const segs = path.split('/');
  const last = segs.length - 1;
  let count = 0;
  const misplaced: RecursiveWildcard['misplaced'] = [];
  segs.forEach((s, i) => {
    const n = (s.match(/\*\*/g) ?? []).length;
    if (!n) return;
    count += n;
    if (!(i === last - 1 && s === '**')) misplaced.push({ segment: s, fileName: i === last });
  });
  return { count, recursive: last >= 1 && segs[last - 1] === '**', misplaced };
}
