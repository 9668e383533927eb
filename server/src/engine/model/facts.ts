// What the engine derives from one document, once per document text: the facts the rules of
// this document read and the facts other documents and files may ask about (the workspace
// model indexes them per file; see workspace/index.ts).
import { toJS, type Node } from '../parse/nodes';
import { collectorFamily, collectorRole, collectorsOf, isCollector, type CollectorFamily, type CollectorRole } from './collector';
import { objectsOfDoc, pathCovers, workloadOf, type Container, type K8sObject, type Mount, type Volume, type Workload } from './k8s';
import { configsOfFile, type LogtailConfig } from './logtail';
import type { ParsedFile } from '../parse/types';
import { boundVolumeOf, claimOf, claimTemplatesOf, persistentVolumeOf, type ClaimInfo, type ClaimTemplate, type VolumeInfo } from './storage';

/** A collector container and the workload that runs it. */
export interface CollectorFact {
  workload: Workload;
  container: Container;
  family: CollectorFamily;
  role: CollectorRole;
}

/** A hostPath volume of a workload, with the mounts that use it. */
export interface HostPathFact {
  workload: Workload;
  volume: Volume;
  /** `hostPath.path` without trailing slashes (`/` stays `/`). */
  path: string;
  mounts: { container: Container; mount: Mount }[];
}

/** A PersistentVolumeClaim with the PV it names, if any. */
export interface ClaimFact extends ClaimInfo {
  volumeName?: string;
}

export interface Facts {
  objects: K8sObject[];
  /** Objects with a pod spec. */
  workloads: Workload[];
  /** Logtail configs: standalone files, CRDs, configs embedded in ConfigMaps. */
  configs: LogtailConfig[];
  collectors: CollectorFact[];
  claims: ClaimFact[];
  claimTemplates: ClaimTemplate[];
  persistentVolumes: VolumeInfo[];
  hostPaths: HostPathFact[];
  /**
   * The hostPath volumes that show a cleanup of the host directory on every node: a DaemonSet's
   * (not `/`), mounted writable and whole (no `subPath`/`subPathExpr`) by a container that is not a
   * collector and not ephemeral. A subset of `hostPaths`, a kind of its own so that a rule that
   * asks "is this directory cleaned up?" depends on these volumes only, not on every hostPath
   * volume (an edit of an ordinary Deployment changes none of them).
   */
  cleanups: HostPathFact[];
  /** Workloads whose containers carry no image: Kustomize / strategic-merge patches of another document. */
  patches: Workload[];
  /** HorizontalPodAutoscalers. */
  scalers: K8sObject[];
}

export const EMPTY_FACTS: Facts = Object.freeze({
  objects: [],
  workloads: [],
  configs: [],
  collectors: [],
  claims: [],
  claimTemplates: [],
  persistentVolumes: [],
  hostPaths: [],
  cleanups: [],
  patches: [],
  scalers: [],
}) as unknown as Facts;

export function normalizeHostPath(p: string): string {
  if (!p.includes('//') && !p.endsWith('/')) return p; // nothing to collapse or trim (most paths)
  const s = p.replace(/\/+/g, '/');
  return s.length > 1 ? s.replace(/(?<!\/)\/+$/, '') : s;
}

/** The facts of some objects and configs (one document's, or one file's). */
export function factsOf(objects: K8sObject[], configs: LogtailConfig[], workloads?: Workload[]): Facts {
  const ws = workloads ?? objects.map(workloadOf).filter((w): w is Workload => !!w);
  const f: Facts = { objects, workloads: ws, configs, collectors: [], claims: [], claimTemplates: [], persistentVolumes: [], hostPaths: [], cleanups: [], patches: [], scalers: [] };
  for (const o of objects) {
    if (o.kind === 'PersistentVolumeClaim' && o.name) f.claims.push({ ...claimOf(o), volumeName: boundVolumeOf(o) });
    else if (o.kind === 'PersistentVolume' && o.name) f.persistentVolumes.push(persistentVolumeOf(o));
    else if (o.kind === 'HorizontalPodAutoscaler') f.scalers.push(o);
    else if (o.kind === 'StatefulSet') f.claimTemplates.push(...claimTemplatesOf(o));
  }
  for (const w of ws) {
    if (!w.containers.some((c) => c.image)) f.patches.push(w);
    for (const c of collectorsOf(w)) f.collectors.push({ workload: w, container: c, family: collectorFamily(c)!, role: collectorRole(w, c) });
    for (const v of w.volumes) {
      if (v.source !== 'hostPath' || v.hostPath?.path === undefined) continue;
      const mounts: HostPathFact['mounts'] = [];
      for (const c of w.containers) for (const m of c.mounts) if (m.name === v.name) mounts.push({ container: c, mount: m });
      const h: HostPathFact = { workload: w, volume: v, path: normalizeHostPath(v.hostPath.path), mounts };
      f.hostPaths.push(h);
      if (isCleanupVolume(h)) f.cleanups.push(h);
    }
  }
  return f;
}

/** A DaemonSet's hostPath volume (not `/`) that a container, not a collector and not ephemeral, mounts writable and whole (`Facts.cleanups`). */
export function isCleanupVolume(h: HostPathFact): boolean {
  return (
    h.workload.kind === 'DaemonSet' &&
    h.path !== '/' &&
    h.mounts.some(({ container, mount }) => !mount.readOnly && !mount.subPath && !mount.subPathExpr && container.section !== 'ephemeralContainers' && !isCollector(container))
  );
}

/** Does the hostPath volume hold `path` (at or below its directory)? */
export function hostPathHolds(h: HostPathFact, path: string): boolean {
  return pathCovers(h.path, normalizeHostPath(path));
}

/** Kinds of facts a rule can read beyond its own document (`Rule.inputs`). */
export const FACT_KINDS = ['objects', 'workloads', 'configs', 'collectors', 'claims', 'claimTemplates', 'persistentVolumes', 'hostPaths', 'cleanups', 'patches', 'scalers'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** A 64-bit FNV-1a hash of a string, as a short string (two 32-bit lanes). */
export function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
}

/**
 * Per kind of fact, a fingerprint of the content a rule can read through it: two versions of a
 * document with the same fingerprint for a kind give every reader of that kind the same answers.
 * Offsets are left out (moving a document changes nothing), so is everything outside the objects
 * and configs (comments, blank lines). Kinds without facts get ''.
 */
export function fingerprintsOf(f: Facts): Record<FactKind, string> {
  const json = new Map<object, string>();
  const of = (o: { node: Node }) => {
    let s = json.get(o);
    if (s === undefined) {
      s = JSON.stringify(toJS(o.node)) ?? '';
      json.set(o, s);
    }
    return s;
  };
  const objs = (list: readonly { node: Node }[]) => (list.length ? hash64(list.map(of).join('\u0000')) : '');
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    objects: objs(f.objects),
    workloads: objs(f.workloads.map((w) => w.obj)),
    configs: f.configs.length ? hash64(f.configs.map((c) => `${c.kind}|${c.embedded?.key ?? ''}|${JSON.stringify(toJS(c.root))}`).join('\u0000')) : '',
    collectors: objs(uniq(f.collectors.map((c) => c.workload.obj))),
    claims: objs(f.claims.map((c) => c.obj)),
    claimTemplates: objs(uniq(f.claimTemplates.map((c) => c.obj))),
    persistentVolumes: objs(f.persistentVolumes.map((v) => v.obj)),
    hostPaths: objs(uniq(f.hostPaths.map((h) => h.workload.obj))),
    cleanups: objs(uniq(f.cleanups.map((h) => h.workload.obj))),
    patches: objs(f.patches.map((p) => p.obj)),
    scalers: objs(f.scalers),
  };
}

/** The facts of a parsed file (every document). */
export function factsOfFile(file: ParsedFile, uri: string): Facts {
  const objects: K8sObject[] = [];
  for (const d of file.docs) if (!d.errors.length || d.root) objects.push(...objectsOfDoc(d));
  return factsOf(objects, configsOfFile(file, uri, objects));
}
