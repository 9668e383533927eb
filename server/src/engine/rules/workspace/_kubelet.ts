// Kubelet volume directories named in config paths, and what the workspace says about them (shared by the PVC-mode rules).
import { configPaths, type ConfigPath } from '../../model/logtail-paths';
import type { LogtailConfig } from '../../model/logtail';
import { kubeletVolumeRef, pluginDirOf, type KubeletVolumeRef } from '../../model/node-paths';
import type { VolumeInfo } from '../../model/storage';

export interface KubeletPathRef {
  path: ConfigPath;
  ref: KubeletVolumeRef;
}

/** Paths of the configs (any role; node paths, with or without prefix) that name a kubelet volume directory literally. */
export function kubeletRefs(configs: readonly LogtailConfig[]): KubeletPathRef[] {
  const out: KubeletPathRef[] = [];
  for (const p of configPaths(configs)) {
    if (p.input.containerMode) continue;
    const ref = kubeletVolumeRef(p.value);
    if (ref && !/[*?[]/.test(ref.name)) out.push({ path: p, ref });
  }
  return out;
}

/** The path with its plugin and name levels set for `pv` (adds `/mount` for CSI, drops it otherwise). */
export function pathForPv(r: KubeletPathRef, pv: VolumeInfo | undefined, name: string): string {
  const value = r.path.value;
  const dir = pv ? pluginDirOf(pv) : undefined;
  const plugin = dir?.plugin ?? r.ref.plugin;
  const mountLevel = dir ? dir.mountLevel : r.ref.plugin === 'kubernetes.io~csi';
  const restStart = r.ref.nameStart + r.ref.name.length;
  let rest = value.slice(restStart); // `/mount/…`, `/…` or ''
  const hadMount = r.ref.next === 'mount';
  if (hadMount && !mountLevel) rest = rest.slice('/mount'.length);
  else if (!hadMount && mountLevel && r.ref.plugin !== 'kubernetes.io~csi') rest = '/mount' + rest;
  return value.slice(0, r.ref.pluginStart) + `${plugin}/${name}` + rest;
}
