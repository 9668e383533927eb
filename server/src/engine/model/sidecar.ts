/**
 * Facts for the collector deployment rules: which containers are apps and which are sidecar
 * collectors, which volumes hold the apps' log files, env expansion, the shape of
 * `ALIYUN_LOGTAIL_CONFIG`. (The text move of "Run as native sidecar" is a fix: fix/native-sidecar.ts;
 * adding several env items: edit/inserts.ts.)
 */
import { getPair } from '../parse/nodes';
import { collectorRole, collectorsOf, isCollector, parseImage } from './collector';
import { pathCovers, volumeByName, type Container, type EnvVar, type Mount, type Volume, type Workload } from './k8s';

// ---------------------------------------------------------------------------------------
// Containers

/**
 * The collector containers of `w` that are sidecars: running next to an app container, in
 * `containers` or as native sidecars (an ordinary init container runs before the app, not beside it).
 */
export function sidecarCollectors(w: Workload): Container[] {
  return collectorsOf(w).filter((c) => (c.section === 'containers' || c.nativeSidecar) && collectorRole(w, c) === 'sidecar');
}

/** The app containers of a pod: running, non-collector containers (ordinary init containers and ephemeral containers excluded). */
export function appContainers(w: Workload): Container[] {
  return w.containers.filter((c) => (c.section === 'containers' || c.nativeSidecar) && !isCollector(c));
}

/** Where to put a finding about a whole container: its name, else its image, else its first character. */
export function containerAnchor(c: Container): { start: number; end: number } {
  if (c.nameNode && c.nameNode.end > c.nameNode.start) return c.nameNode;
  if (c.imageNode && c.imageNode.end > c.imageNode.start) return c.imageNode;
  return { start: c.node.start, end: c.node.start };
}

export function hasEnvFrom(c: Container): boolean {
  return !!getPair(c.node, 'envFrom');
}

// ---------------------------------------------------------------------------------------
// Log paths and log volumes

/** What counts as a log path is decided in one place for every rule (model/storage.ts). */
export { isLogPath } from './storage';
import { isLogPath } from './storage';

/** Volume sources an app can write log files into (not configMap, secret, projected, downwardAPI). */
export function isDataVolume(v: Volume): boolean {
  return v.source !== 'configMap' && v.source !== 'secret' && v.source !== 'projected' && v.source !== 'downwardAPI';
}

export interface AppLogMount {
  app: Container;
  mount: Mount;
  volume: Volume;
}

/** The writable mounts of the app containers at log paths, on volumes that can hold files. */
export function appLogMounts(w: Workload): AppLogMount[] {
  const out: AppLogMount[] = [];
  for (const app of appContainers(w)) {
    for (const mount of app.mounts) {
      if (mount.readOnly || !isLogPath(mount.mountPath)) continue;
      const volume = volumeByName(w, mount.name);
      if (!volume || !isDataVolume(volume)) continue;
      out.push({ app, mount, volume });
    }
  }
  return out;
}

function normPath(p: string): string {
  if (!p.includes('//') && !p.endsWith('/')) return p; // nothing to collapse or trim (most paths)
  const s = p.replace(/\/+/g, '/');
  return s.length > 1 ? s.replace(/(?<!\/)\/+$/, '') : s;
}

/**
 * Can `collector` see the files of `volume`: it mounts the same volume, another volume of the
 * same PVC, or a hostPath that contains the volume's hostPath (e.g. host `/` at `/logtail_host`)?
 */
export function collectorSeesVolume(w: Workload, collector: Container, volume: Volume): boolean {
  for (const m of collector.mounts) {
    if (m.name === volume.name) return true;
    const v = volumeByName(w, m.name);
    if (!v) continue;
    if (volume.claimName && v.claimName === volume.claimName) return true;
    if (volume.hostPath?.path && v.hostPath?.path && !m.subPath && !m.subPathExpr && pathCovers(normPath(v.hostPath.path), normPath(volume.hostPath.path))) return true;
  }
  return false;
}

/** Is this hostPath the node's root directory? */
export function isHostRoot(path: string | undefined): boolean {
  if (path === undefined) return false;
  const p = path.trim();
  return p.length > 0 && /^\/+(\.\/*)?$/.test(p);
}

// ---------------------------------------------------------------------------------------
// Env

/** `$(NAME)` references of an env value, `$$(NAME)` being an escaped literal (Kubernetes semantics). */
export function envRefs(value: string): { name: string; index: number; length: number }[] {
  const out: { name: string; index: number; length: number }[] = [];
  const re = /((?<!\$)\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    if (m[1]!.length % 2 === 1) continue;
    out.push({ name: m[2]!, index: m.index + m[1]!.length, length: m[0].length - m[1]!.length });
  }
  return out;
}

/**
 * The value of env var `e` of `c` as the container sees it: `$(NAME)` references to earlier
 * env vars with literal values are expanded, `$$` unescaped. `resolved` is false when a
 * reference could not be resolved at lint time (valueFrom, envFrom, later or unknown vars).
 */
export function expandEnvValue(c: Container, e: EnvVar): { value: string; resolved: boolean } | undefined {
  if (e.value === undefined) return undefined;
  const idx = c.env.indexOf(e);
  const earlier = new Map<string, EnvVar>();
  for (const x of c.env.slice(0, idx < 0 ? c.env.length : idx)) earlier.set(x.name, x);
  let resolved = true;
  const value = e.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => {
    if (all === '$$') return '$';
    const ref = earlier.get(name!);
    if (ref && ref.value !== undefined && !ref.hasValueFrom && envRefs(ref.value).length === 0) return ref.value;
    resolved = false;
    return all;
  });
  return { value, resolved };
}

// ---------------------------------------------------------------------------------------
// ALIYUN_LOGTAIL_CONFIG

const NETWORK_SUFFIXES = ['internet', 'acceleration'];
const BAD_NETWORK_WORDS = ['internet', 'acceleration', 'intranet', 'vpc', 'internal', 'public', 'private', 'inner', 'share'];
const REGION_RE = /^[a-z]{2,3}(?:-[a-z0-9]+){1,4}$/;

/** A region id such as `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`, `cn-north-2-gov-1`. */
export function isRegionId(s: string): boolean {
  return REGION_RE.test(s) && !s.split('-').some((p) => BAD_NETWORK_WORDS.includes(p));
}

/** `<region>`, `<region>-internet` or `<region>-acceleration` [spec §1.1]. */
export function isRegionDir(dir: string): boolean {
  for (const sfx of NETWORK_SUFFIXES) if (dir.endsWith('-' + sfx)) return isRegionId(dir.slice(0, -sfx.length - 1));
  return isRegionId(dir);
}

export function isLogtailConfigPath(value: string): boolean {
  const m = /^\/etc\/ilogtail\/conf\/([^/]+)\/ilogtail_config\.json$/.exec(value);
  return !!m && isRegionDir(m[1]!);
}

/**
 * The corrected path when a region can be read from a malformed value:
 * `/etc/ilogtail/conf/cn-hangzhou` → `…/cn-hangzhou/ilogtail_config.json`,
 * `cn-hangzhou-internet` → `…/cn-hangzhou-internet/ilogtail_config.json`,
 * `/etc/ilogtail/conf/cn-hangzhou-intranet/ilogtail_config.json` → `…/cn-hangzhou/…`.
 * Undefined when no single region is found.
 */
export function suggestConfigPath(value: string): string | undefined {
  const found = new Set<string>();
  for (const raw of value.trim().toLowerCase().split('/')) {
    const seg = raw.trim();
    if (!seg || !/^[a-z]{2,3}-/.test(seg)) continue;
    let parts = seg.split('-');
    let suffix = '';
    // strip network words at the end: keep a documented suffix, drop the others
    while (parts.length > 2 && BAD_NETWORK_WORDS.includes(parts[parts.length - 1]!)) {
      const w = parts.pop()!;
      if (!suffix && NETWORK_SUFFIXES.includes(w)) suffix = '-' + w;
    }
    parts = parts.filter((p) => p.length > 0);
    const region = parts.join('-');
    if (isRegionId(region)) found.add(region + suffix);
  }
  if (found.size !== 1) return undefined;
  const out = `/etc/ilogtail/conf/${[...found][0]}/ilogtail_config.json`;
  return out !== value && isLogtailConfigPath(out) ? out : undefined;
}

/** The region of an Alibaba Cloud registry host (`registry[-vpc].cn-hangzhou.aliyuncs.com`, `…-registry.cn-hangzhou.cr.aliyuncs.com`). */
export function regionOfImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const host = parseImage(image).registry?.toLowerCase();
  if (!host || !host.endsWith('.aliyuncs.com')) return undefined;
  const labels = host.split('.');
  for (const l of labels.slice(1)) if (isRegionId(l)) return l;
  return undefined;
}
