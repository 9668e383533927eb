/**
 * Where a collection path lands on the node, and which pod volumes it reaches.
 *
 * Shared by the `workspace/` rules and the navigation (go to definition, references, CodeLens).
 *
 * How the agent reads a path (alibaba/loongcollector core/file_server/FileDiscoveryOptions.cpp,
 * commit 05cbda6; the same logic in iLogtail 1.x `Config`): the directory part is split at its
 * first `*` / `?`; every later level is matched one directory level at a time with fnmatch, so a
 * `*` segment stands for exactly one directory level. A pipeline path whose directory ends in
 * `/**` drops that segment and searches `MaxDirSearchDepth` levels below (default 0); a legacy
 * `logPath` is searched `maxDepth` levels below (absent: every depth, as logtail/no-preserve).
 *
 * How the kubelet lays out volumes (kubernetes pkg/volume/util `GetPath`, pkg/kubelet
 * `getPodVolumeDir`: `<root>/pods/<uid>/volumes/<escaped plugin name>/<volume spec name>`;
 * pkg/volume/csi/csi_mounter.go adds `/mount`): a hostPath volume has no kubelet directory (its
 * path is the node directory itself); a PV-backed volume's directory is named after the PV
 * (`volume.Spec.Name()` is the PV's name), an inline volume's after the pod's volume name.
 */
import { at, get, num, str } from '../parse/nodes';
import { BoundedCache, stringCost } from './cache';
import { isCollector } from './collector';
import type { HostPathFact } from './facts';
import { pathCovers, type Container, type Mount, type Volume, type Workload } from './k8s';
import { HOST_PREFIX, analyzeRecursive, configPaths, trimSlash, type ConfigPath } from './logtail-paths';
import type { LogtailConfig } from './logtail';
import { isNodeManagedLogPath, isSystemHostPath, type VolumeInfo } from './storage';

export const UNLIMITED = Number.POSITIVE_INFINITY;

/** A collected path as a pattern over node directories. */
export interface CollectGlob {
  path: ConfigPath;
  /** The host-root prefix the path starts with (`/logtail_host`). */
  prefix: string;
  /** The directory the search starts in, as node-path segments (glob segments allowed), after the prefix. */
  dir: string[];
  /** How many directory levels below `dir` files are searched for. */
  depth: number;
  /** The file-name pattern (pipeline: the last segment; legacy: `filePattern`). */
  file?: string;
  /** A pipeline path with `/**` before the file name. */
  recursive: boolean;
}

export function segments(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

export function isGlobSegment(s: string): boolean {
  return /[*?[]/.test(s);
}

/** One token of a segment pattern: `*`, or a test of one character (literal, `?`, `[...]`). */
type SegToken = '*' | ((ch: string) => boolean);
/** Compiled segment patterns, bounded by memory (a pattern of n characters: n tokens). */
const segCache = new BoundedCache<string, SegToken[]>('segment patterns', 2 << 20, (k, v) => stringCost(k) + 48 * v.length);

function segTokens(pattern: string): SegToken[] {
  const out: SegToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (out[out.length - 1] !== '*') out.push('*');
    } else if (ch === '?') out.push((c) => c !== '/');
    else if (ch === '[' && pattern.indexOf(']', i + 2) >= 0) {
      const close = pattern.indexOf(']', i + 2);
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      let cls: RegExp;
      try {
        cls = new RegExp('^[' + body.replace(/\\/g, '\\\\') + ']$'); // one character against one class: constant time
      } catch {
        cls = /^\u0000$/;
      }
      out.push((c) => cls.test(c));
      i = close;
    } else out.push((c) => c === ch);
  }
  return out;
}

/**
 * fnmatch of one path segment: `*`, `?`, `[...]`. A wildcard matcher with one backtracking
 * point (the last `*`): at most pattern × name steps. (A pattern compiled to a regex
 * backtracked polynomially: `*a` twelve times against a long name.)
 */
export function segmentMatches(pattern: string, name: string): boolean {
  if (!isGlobSegment(pattern)) return pattern === name;
  if (name.includes('/') && !pattern.includes('/')) return false; // `*` and `?` never match a slash
  let p = segCache.get(pattern);
  if (!p) {
    p = segTokens(pattern);
    segCache.set(pattern, p);
  }
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < name.length) {
    const t = p[pi];
    if (t !== undefined && t !== '*' && t(name[si]!)) {
      pi++;
      si++;
    } else if (t === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Two segments that may name the same directory (either may be a pattern, or a `$(VAR)` of a subPathExpr). */
function segmentsMeet(a: string, b: string): boolean {
  if (isVarSegment(a) || isVarSegment(b)) return true;
  if (isGlobSegment(a) && isGlobSegment(b)) return true;
  if (isGlobSegment(a)) return segmentMatches(a, b);
  if (isGlobSegment(b)) return segmentMatches(b, a);
  return a === b;
}

export function isVarSegment(s: string): boolean {
  return s.includes('$(');
}

/** The node-path pattern of a collected path, when it is a node path seen through a host-root prefix. */
export function collectGlob(p: ConfigPath, prefixes: readonly string[] = [HOST_PREFIX]): CollectGlob | undefined {
  if (p.role !== 'collect' || p.input.containerMode || !p.value.startsWith('/')) return undefined;
  const prefix = prefixes.find((x) => pathCovers(x, p.value));
  if (!prefix) return undefined;
  const rest = segments(p.value.slice(trimSlash(prefix).length));
  if (p.input.form === 'legacy') {
    const md = num(get(p.input.node, 'maxDepth'));
    const depth = md === undefined ? UNLIMITED : md < 0 ? UNLIMITED : md;
    return { path: p, prefix, dir: rest, depth, file: str(get(p.input.node, 'filePattern')), recursive: false };
  }
  const file = rest.pop();
  const rec = analyzeRecursive(p.value);
  if (rec.recursive && rest[rest.length - 1] === '**') {
    rest.pop();
    const d = num(get(p.input.node, 'MaxDirSearchDepth'));
    return { path: p, prefix, dir: rest, depth: d === undefined || d < 0 ? 0 : d, file, recursive: true };
  }
  return { path: p, prefix, dir: rest, depth: 0, file, recursive: false };
}

/** Every node-path pattern of the configs' collected paths. */
export function collectGlobs(configs: readonly LogtailConfig[], prefixes: readonly string[] = [HOST_PREFIX]): CollectGlob[] {
  return configPaths(configs)
    .map((p) => collectGlob(p, prefixes))
    .filter((g): g is CollectGlob => !!g);
}

/**
 * Can the pattern find files at or below node directory `target` (segments, `$(VAR)` and glob
 * segments allowed)? Either the search starts inside `target`, or `target` lies within the
 * search depth below a directory the pattern matches.
 */
export function reaches(g: Pick<CollectGlob, 'dir' | 'depth'>, target: readonly string[]): boolean {
  const n = Math.min(g.dir.length, target.length);
  for (let i = 0; i < n; i++) if (!segmentsMeet(g.dir[i]!, target[i]!)) return false;
  if (g.dir.length >= target.length) return true;
  return target.length - g.dir.length <= g.depth;
}

// ---------------------------------------------------------------------------------------------
// Where pods write in a hostPath volume.

/** A writable mount of a hostPath volume by an application container, and where its files land on the node. */
export interface HostWrite {
  fact: HostPathFact;
  container: Container;
  mount: Mount;
  /** Node directory segments the container's mountPath lands on (`subPath` text and `$(VAR)` segments included). */
  dir: string[];
  /** The mount uses `subPathExpr` with a variable: one directory per pod (or per whatever the variables name). */
  perPod: boolean;
  /** How many segments the `subPathExpr` adds. */
  exprLevels: number;
}

/** Volumes where application workloads write (see logtail-paths `appHostPaths`): not `/`, not system or node-managed paths, not collectors'. */
export function isAppHostPath(h: HostPathFact): boolean {
  const path = h.path;
  if (!path.startsWith('/') || path.includes('$(') || path === '/') return false;
  if (isSystemHostPath(path) || isNodeManagedLogPath(path)) return false;
  if (h.workload.kind === 'DaemonSet' && h.workload.containers.some(isCollector)) return false;
  return true;
}

export function hostWrites(h: HostPathFact): HostWrite[] {
  const out: HostWrite[] = [];
  for (const { container, mount } of h.mounts) {
    if (mount.readOnly || isCollector(container)) continue;
    const base = segments(h.path);
    if (mount.subPathExpr !== undefined && mount.subPathExpr.trim()) {
      const extra = segments(mount.subPathExpr);
      out.push({ fact: h, container, mount, dir: [...base, ...extra], perPod: extra.some(isVarSegment), exprLevels: extra.length });
    } else if (mount.subPath !== undefined && mount.subPath.trim()) {
      out.push({ fact: h, container, mount, dir: [...base, ...segments(mount.subPath)], perPod: false, exprLevels: 0 });
    } else out.push({ fact: h, container, mount, dir: base, perPod: false, exprLevels: 0 });
  }
  return out;
}

/** Does the pattern collect files an application writes into this hostPath volume? */
export function collectsHostPath(g: CollectGlob, h: HostPathFact): boolean {
  const writes = hostWrites(h);
  if (!writes.length) return reaches(g, segments(h.path));
  return writes.some((w) => reaches(g, w.dir));
}

// ---------------------------------------------------------------------------------------------
// Kubelet volume directories.

export const KUBELET_PODS = ['var', 'lib', 'kubelet', 'pods'];

/** The kubelet plugin directory (`kubernetes.io~csi`) a PersistentVolume's pods use, and whether files sit below `/mount`. */
export function pluginDirOf(pv: VolumeInfo): { plugin: string; mountLevel: boolean } | undefined {
  const spec = at(pv.obj.node, 'spec');
  const has = (k: string) => get(spec, k) !== undefined;
  if (has('csi')) return { plugin: 'kubernetes.io~csi', mountLevel: true };
  if (has('nfs')) return { plugin: 'kubernetes.io~nfs', mountLevel: false };
  if (has('local')) return { plugin: 'kubernetes.io~local-volume', mountLevel: false };
  if (has('iscsi')) return { plugin: 'kubernetes.io~iscsi', mountLevel: false };
  if (has('fc')) return { plugin: 'kubernetes.io~fc', mountLevel: false };
  if (has('cephfs')) return { plugin: 'kubernetes.io~cephfs', mountLevel: false };
  if (has('rbd')) return { plugin: 'kubernetes.io~rbd', mountLevel: false };
  if (has('flexVolume')) {
    const driver = str(at(spec, 'flexVolume', 'driver'));
    return driver ? { plugin: driver.replace(/\//g, '~'), mountLevel: false } : undefined;
  }
  return undefined; // hostPath PVs have no kubelet directory; others: unknown here
}

/** A path through the kubelet's pod volume directories: `…/pods/<pod>/volumes/<plugin>/<name>[/mount]/…`. */
export interface KubeletVolumeRef {
  /** Offsets in the path string of the plugin and name segments. */
  plugin: string;
  pluginStart: number;
  name: string;
  nameStart: number;
  /** The segment after the name (`mount` for CSI). */
  next?: string;
  nextStart?: number;
}

/** The plugin and volume-name segments of a kubelet volume path (with or without a host prefix), if the path has them. */
export function kubeletVolumeRef(path: string): KubeletVolumeRef | undefined {
  const at0 = path.indexOf('/var/lib/kubelet/pods/');
  if (at0 < 0 || (at0 > 0 && path.slice(1, at0).includes('/'))) return undefined; // no prefix, or one prefix segment
  const m = /^\/var\/lib\/kubelet\/pods\/[^/]+\/volumes\/([^/]+)\/([^/]+)(?:\/([^/]+))?/.exec(path.slice(at0));
  if (!m) return undefined;
  const pluginStart = at0 + m[0].indexOf('/volumes/') + '/volumes/'.length;
  const nameStart = pluginStart + m[1]!.length + 1;
  const nextStart = m[3] !== undefined ? nameStart + m[2]!.length + 1 : undefined;
  return { plugin: m[1]!, pluginStart, name: m[2]!, nameStart, next: m[3], nextStart };
}

/** `value` with `[start, start+len)` replaced. */
export function spliceString(value: string, start: number, len: number, text: string): string {
  return value.slice(0, start) + text + value.slice(start + len);
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** The candidate with the smallest edit distance to `s` (ties: first). */
export function nearest<T>(s: string, items: readonly T[], key: (t: T) => string): { item: T; distance: number } | undefined {
  let best: { item: T; distance: number } | undefined;
  for (const item of items) {
    const d = distance(s, key(item));
    if (!best || d < best.distance) best = { item, distance: d };
  }
  return best;
}

function distance(a: string, b: string): number {
  if (a === b) return 0;
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Does any application container of `w` mount volume `v` at a path covering `containerPath`? The mount with the longest mountPath. */
export function mountCovering(w: Workload, v: Volume, containerPath: string): { container: Container; mount: Mount } | undefined {
  let best: { container: Container; mount: Mount } | undefined;
  for (const c of w.containers) {
    if (isCollector(c)) continue;
    for (const m of c.mounts) {
      if (m.name !== v.name || !m.mountPath || !pathCovers(m.mountPath, containerPath)) continue;
      if (!best || trimSlash(m.mountPath).length > trimSlash(best.mount.mountPath!).length) best = { container: c, mount: m };
    }
  }
  return best;
}

