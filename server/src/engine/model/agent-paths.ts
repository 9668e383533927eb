/**
 * Where a collector container keeps its state, and what stores it.
 *
 * Sources: seed "Logtail参数配置" (the three files and their env vars); spec §1.2 (precedence),
 * §1.3 (parameter table: defaults, env names), §1.5 (directory layouts), §4.2 (mounts of the
 * official templates). Choices where the reference is silent are marked CHOICE.
 */
import { at, mapItems, str } from '../parse/nodes';
import { collectorFamily, collectorsOf, type CollectorFamily } from './collector';
import { coveringMount, pathCovers, volumeByName, type Container, type EnvVar, type Mount, type Volume, type Workload } from './k8s';

/** The agent state files the seed asks to persist ("checkpoint文件、user_log_config文件和docker_file_cache_path文件"). */
export type StateSetting = 'check_point_filename' | 'user_config_file_path' | 'docker_file_cache_path';
export const STATE_SETTINGS: readonly StateSetting[] = ['check_point_filename', 'user_config_file_path', 'docker_file_cache_path'];

export const LOGTAIL_INSTALL_DIR = '/usr/local/ilogtail';
export const LOONGCOLLECTOR_INSTALL_DIR = '/usr/local/loongcollector';

export interface AgentLayout {
  family: CollectorFamily;
  /** LoongCollector in Logtail-compatible mode (`LOGTAIL_MODE=true`): checkpoint keeps the Logtail default. */
  logtailMode: boolean;
  /** The directory relative paths are resolved against (the executable's directory). */
  installDir: string;
  /** LoongCollector data dir (`<install>/data`, or `LOONG_DATA_DIR`); undefined when not knowable. */
  dataDir?: string;
  /** The env var that set the data dir, if any. */
  dataDirEnv?: EnvVar;
}

export interface EffectivePath {
  setting: StateSetting;
  /** Absolute, normalised path; undefined when the value cannot be known here (`valueFrom`, unresolved `$(VAR)`, non-POSIX). */
  path?: string;
  source: 'env' | 'default';
  /** The env var whose value is the path (source `env`), or `LOONG_DATA_DIR` for a LoongCollector default below it. */
  env?: EnvVar;
}

/** The value Kubernetes gives an env var of the container: literal `value` with `$(VAR)` expanded; undefined when unknown. */
export function envLiteral(c: Container, e: EnvVar, depth = 0): string | undefined {
  if (e.hasValueFrom || e.value === undefined || depth > 8) return undefined;
  const idx = c.env.indexOf(e);
  let unknown = false;
  const out = e.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    // Kubernetes expands $(VAR) only from variables defined earlier in the list.
    const prev = c.env.slice(0, idx < 0 ? c.env.length : idx).filter((x) => x.name === name).pop();
    const v = prev ? envLiteral(c, prev, depth + 1) : undefined;
    if (v === undefined) unknown = true;
    return v ?? m;
  });
  return unknown ? undefined : out;
}

/** The last env var of `c` with this exact name (a later duplicate overrides an earlier one). */
export function lastEnv(c: Container, name: string): EnvVar | undefined {
  for (let i = c.env.length - 1; i >= 0; i--) if (c.env[i]!.name === name) return c.env[i];
  return undefined;
}

/**
 * The env var names of an agent setting that the agent reads from env by its own (lowercase) name
 * — the resource limits and the generic gflags (spec §1.2 #1, #4): that name, and for
 * LoongCollector also `LOONG_<NAME>`.
 */
export function settingEnvNames(name: string, family: CollectorFamily | undefined): string[] {
  return family === 'loongcollector' ? [name, `LOONG_${name.toUpperCase()}`] : [name];
}

const TRUE = /^(true|1|yes|y|t|on)$/i;

/**
 * LoongCollector's Logtail-compatible mode: env `LOGTAIL_MODE=true` (spec §1.3 "Other env vars"); CHOICE: also the
 * gflag forms `logtail_mode` / `LOONG_LOGTAIL_MODE` that spec §1.2 #4 applies to every gflag.
 */
export function isLogtailMode(c: Container): boolean {
  for (const n of ['LOGTAIL_MODE', 'logtail_mode', 'LOONG_LOGTAIL_MODE']) {
    const e = lastEnv(c, n);
    const v = e ? envLiteral(c, e) : undefined;
    if (v !== undefined && TRUE.test(v.trim())) return true;
  }
  return false;
}

/** Normalise a POSIX path, resolving a relative one against `base`. Windows paths → undefined. */
export function resolvePath(p: string, base: string): string | undefined {
  const t = p.trim();
  if (!t || t.includes('\\') || /^[A-Za-z]:/.test(t)) return undefined;
  const full = t.startsWith('/') ? t : `${base.replace(/(?<!\/)\/+$/, '')}/${t}`;
  const parts: string[] = [];
  for (const seg of full.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export function dirname(p: string): string {
  const i = p.replace(/(?<!\/)\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function layoutOf(c: Container): AgentLayout | undefined {
  const family = collectorFamily(c);
  if (!family) return undefined;
  if (family !== 'loongcollector') return { family, logtailMode: false, installDir: LOGTAIL_INSTALL_DIR };
  const logtailMode = isLogtailMode(c);
  const dd = lastEnv(c, 'LOONG_DATA_DIR');
  if (dd) {
    const v = envLiteral(c, dd);
    const dataDir = v === undefined || !v.trim() ? undefined : resolvePath(v, LOONGCOLLECTOR_INSTALL_DIR);
    return { family, logtailMode, installDir: LOONGCOLLECTOR_INSTALL_DIR, dataDir, dataDirEnv: dd };
  }
  return { family, logtailMode, installDir: LOONGCOLLECTOR_INSTALL_DIR, dataDir: `${LOONGCOLLECTOR_INSTALL_DIR}/data` };
}

/**
 * Env var names of each setting, in increasing precedence (the last one present wins; spec §1.2):
 * checkpoint: `check_point_filename`, then the env-only `ALIYUN_LOGTAIL_CHECK_POINT_PATH` (#2, read last);
 * the others (#3, `LoadXxxParameter`): lowercase name, then `ALIYUN_LOGTAIL_*`, then (LoongCollector) `LOONG_<NAME>`.
 * Undefined: the family does not read the setting at all.
 */
export function envNamesOf(setting: StateSetting, layout: AgentLayout): string[] | undefined {
  const lc = layout.family === 'loongcollector';
  switch (setting) {
    case 'check_point_filename':
      // LoongCollector honours check_point_filename only in Logtail mode (spec §1.3, §1.5).
      if (lc && !layout.logtailMode) return undefined;
      return ['check_point_filename', 'ALIYUN_LOGTAIL_CHECK_POINT_PATH'];
    case 'user_config_file_path':
      // Only the Alibaba Cloud Logtail reads it: commented out in iLogtail 2.x and LoongCollector (spec §1.3);
      // CHOICE: community editions load local pipeline files, not the config-server file it names (spec §2.9).
      if (layout.family !== 'logtail') return undefined;
      return ['user_config_file_path', 'ALIYUN_LOGTAIL_USER_CONIFG_PATH'];
    case 'docker_file_cache_path':
      return lc ? ['docker_file_cache_path', 'ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH', 'LOONG_DOCKER_FILE_CACHE_PATH'] : ['docker_file_cache_path', 'ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH'];
  }
}

/** The default path of a setting for a layout (spec §1.3, §1.5); undefined when the family has no such file or it cannot be known. */
export function defaultPathOf(setting: StateSetting, layout: AgentLayout): string | undefined {
  switch (layout.family) {
    case 'logtail':
      return { check_point_filename: '/tmp/logtail_check_point', user_config_file_path: `${LOGTAIL_INSTALL_DIR}/user_log_config.json`, docker_file_cache_path: `${LOGTAIL_INSTALL_DIR}/docker_path_config.json` }[setting];
    case 'ilogtail':
      // community builds: `checkpoint/...` relative to the install dir (spec §1.3)
      if (setting === 'user_config_file_path') return undefined;
      return `${LOGTAIL_INSTALL_DIR}/checkpoint/${setting === 'check_point_filename' ? 'logtail_check_point' : 'docker_path_config.json'}`;
    case 'loongcollector':
      if (setting === 'user_config_file_path') return undefined;
      if (setting === 'check_point_filename' && layout.logtailMode) return '/tmp/logtail_check_point';
      // CHOICE: in Logtail mode docker_path_config.json keeps the LoongCollector default (<data_dir>); the reference gives no other.
      if (!layout.dataDir) return undefined;
      return `${layout.dataDir}/${setting === 'check_point_filename' ? 'file_check_point' : 'docker_path_config.json'}`;
  }
}

/** The path the agent will really use for each state file it has. */
export function effectiveStatePaths(c: Container, layout: AgentLayout | undefined = layoutOf(c)): EffectivePath[] {
  if (!layout) return [];
  const out: EffectivePath[] = [];
  for (const setting of STATE_SETTINGS) {
    const names = envNamesOf(setting, layout);
    let winner: EnvVar | undefined;
    for (const n of names ?? []) winner = lastEnv(c, n) ?? winner;
    if (winner) {
      const v = envLiteral(c, winner);
      out.push({ setting, source: 'env', env: winner, path: v === undefined || !v.trim() ? undefined : resolvePath(v, layout.installDir) });
      continue;
    }
    const def = defaultPathOf(setting, layout);
    if (def === undefined) continue; // no such file in this family, or a data dir we cannot know
    const fromDataDir = layout.family === 'loongcollector' && !!layout.dataDirEnv && !(setting === 'check_point_filename' && layout.logtailMode);
    out.push({ setting, source: 'default', path: def, env: fromDataDir ? layout.dataDirEnv : undefined });
  }
  return out;
}

/** What stores a path of a container. */
export type Storage =
  /** No mount covers the directory: the container's writable layer. */
  | { kind: 'layer' }
  | { kind: 'hostPath'; mount: Mount; volume: Volume; /** The file's directory on the node (with `subPath` / `subPathExpr` text inserted). */ hostDir: string }
  | { kind: 'pvc'; mount: Mount; volume?: Volume }
  | { kind: 'emptyDir'; mount: Mount; volume: Volume }
  /** A read-only mount, or a volume Kubernetes always mounts read-only (configMap, secret, projected, downwardAPI). */
  | { kind: 'readOnly'; mount: Mount; volume?: Volume }
  /** Generic ephemeral volumes and inline CSI volumes: deleted with the pod. */
  | { kind: 'ephemeral'; mount: Mount; volume: Volume }
  /** nfs and other network or unknown sources: assumed persistent. */
  | { kind: 'other'; mount: Mount; volume: Volume }
  /** The mount names no volume (another rule reports that). */
  | { kind: 'unknown'; mount: Mount };

function joinPath(...parts: string[]): string {
  return resolvePath(parts.filter(Boolean).join('/'), '/') ?? parts.join('/');
}

function isClaimTemplate(w: Workload, name: string): boolean {
  if (w.kind !== 'StatefulSet') return false;
  return mapItems(at(w.obj.node, 'spec', 'volumeClaimTemplates')).some((t) => str(at(t, 'metadata', 'name')) === name);
}

/** What stores the directory of `path` in container `c`: the longest covering mount (segment boundaries) and its volume. */
export function storageOfDir(w: Workload, c: Container, dir: string): Storage {
  const m = coveringMount(c, dir);
  if (!m) return { kind: 'layer' };
  const v = volumeByName(w, m.name);
  if (!v) {
    if (isClaimTemplate(w, m.name)) return m.readOnly ? { kind: 'readOnly', mount: m } : { kind: 'pvc', mount: m };
    return { kind: 'unknown', mount: m };
  }
  if (m.readOnly) return { kind: 'readOnly', mount: m, volume: v };
  switch (v.source) {
    case 'hostPath': {
      const mp = (m.mountPath ?? '/').replace(/(?<!\/)\/+$/, '');
      const rest = dir.slice(mp.length);
      return { kind: 'hostPath', mount: m, volume: v, hostDir: joinPath(v.hostPath?.path ?? '/', m.subPath ?? m.subPathExpr ?? '', rest) };
    }
    case 'persistentVolumeClaim':
      return { kind: 'pvc', mount: m, volume: v };
    case 'emptyDir':
      return { kind: 'emptyDir', mount: m, volume: v };
    case 'configMap':
    case 'secret':
    case 'projected':
    case 'downwardAPI':
      return { kind: 'readOnly', mount: m, volume: v };
    case 'ephemeral':
    case 'csi':
      return { kind: 'ephemeral', mount: m, volume: v };
    default:
      return { kind: 'other', mount: m, volume: v };
  }
}

/** A host directory that most distributions mount as tmpfs (`/run`, `/var/run`). */
export function isTmpfsHostDir(hostDir: string): boolean {
  return pathCovers('/var/run', hostDir) || pathCovers('/run', hostDir);
}

export interface StateFile extends EffectivePath {
  path: string;
  storage: Storage;
}

/** Every state file of a collector container whose path is known, with what stores it. */
export function stateFilesOf(w: Workload, c: Container): StateFile[] {
  const out: StateFile[] = [];
  for (const e of effectiveStatePaths(c)) {
    if (!e.path) continue;
    out.push({ ...e, path: e.path, storage: storageOfDir(w, c, dirname(e.path)) });
  }
  return out;
}

/** Collector containers that run alongside the pod (not run-to-completion init containers). */
export function runningCollectorsOf(w: Workload): Container[] {
  return collectorsOf(w).filter((c) => c.section !== 'initContainers' || c.nativeSidecar);
}
