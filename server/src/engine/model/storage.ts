import { isCollector } from './collector';
import { isSystemHostPath } from './hostpath';
import type { Container, K8sObject, Mount, Volume, Workload } from './k8s';
import { at, get, isSeq, mapItems, seqItems, str } from '../parse/nodes';

/*
 * Storage facts shared by the k8s/ storage rules: which volumes hold logs, which
 * PersistentVolumeClaims are visible from a file, and namespace matching.
 */

/**
 * Words that start or end with "log" but do not name a log directory: English words, and the
 * journals of databases (ZooKeeper `datalog`, Cassandra `commitlog`, Elasticsearch `translog`,
 * MongoDB `oplog`, Oracle/InnoDB `redolog`, PostgreSQL `pg_xlog`/`pg_clog`, MySQL `binlog`),
 * binary files the database itself manages, not text logs to collect.
 */
const NOT_LOG_WORDS = new Set([
  'catalog', 'catalogs', 'blog', 'blogs', 'dialog', 'dialogs', 'analog', 'analogs', 'prolog', 'epilog', 'backlog', 'backlogs',
  'changelog', 'changelogs', 'binlog', 'binlogs', 'technolog',
  'datalog', 'datalogs', 'commitlog', 'commitlogs', 'translog', 'oplog', 'redolog', 'redologs', 'xlog', 'clog',
]);

/**
 * The words of one path segment: split on every non-letter (`-`, `_`, `.`, digits) and on
 * camelCase boundaries (`appLogs` → `app`, `logs`), lower-cased.
 */
function wordsOf(segment: string): string[] {
  return segment
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * Is `word` a log word? `log`, `logs`, `logging`, `logger(s)`, `logfile(s)`, `logdir(s)`,
 * `logdata`, and compounds ending in `log`/`logs` (`applogs`, `accesslog`, `syslog`), but not
 * English words that merely contain the letters (`catalog`, `blog`, `dialog`, `logo`,
 * `login`, `logic`) nor tools named after logs (`logtail`, `logstash`, `logrotate`, `logback`),
 * whose directories hold programs or configuration.
 */
export function isLogWord(word: string): boolean {
  const w = word.toLowerCase();
  if (NOT_LOG_WORDS.has(w)) return false;
  if (/^log(s|ging|gers?|files?|dirs?|data)?$/.test(w)) return true;
  return /^[a-z]+logs?$/.test(w);
}

/**
 * Does a mount path or host path look like a log directory? True when one of its path
 * segments contains a log word on a word boundary (see `isLogWord`): `/var/log/nginx`,
 * `/logs`, `/app/logdir`, `/home/admin/nginx-logs`, `/opt/app/appLogs`. Not `/catalog`,
 * `/static/logo`, `/var/run/logtail`, nor letters that span segments (`/l/og`).
 */
export function isLogPath(path: string | undefined): boolean {
  if (!path) return false;
  return path.split(/[\\/]+/).some((seg) => wordsOf(seg).some(isLogWord));
}

/**
 * Host directories whose files the node itself manages (kubelet and container runtime
 * rotate container logs; logrotate/journald own `/var/log`), mounted by log agents to read
 * them. Their retention is not the pod's business.
 */
const NODE_MANAGED_LOG_DIRS = ['/var/log/pods', '/var/log/containers', '/var/log/journal', '/run/log/journal', '/var/lib/docker/containers'];

export function isNodeManagedLogPath(path: string | undefined): boolean {
  if (!path) return false;
  const p = path.length > 1 ? path.replace(/(?<!\/)\/+$/, '') : path;
  if (p === '/var/log') return true;
  return NODE_MANAGED_LOG_DIRS.some((d) => p === d || p.startsWith(d + '/'));
}

/** One container's mount of a volume. */
export interface VolumeUse {
  container: Container;
  mount: Mount;
}

/** Every mount of volume `name` in the pod spec, in container order. */
export function usesOf(w: Workload, name: string): VolumeUse[] {
  const out: VolumeUse[] = [];
  for (const c of w.containers) for (const m of c.mounts) if (m.name === name) out.push({ container: c, mount: m });
  return out;
}

/** Names used by `volumeDevices` (raw block devices) of any container. */
export function deviceNames(w: Workload): Set<string> {
  const out = new Set<string>();
  for (const c of w.containers) for (const d of mapItems(get(c.node, 'volumeDevices'))) {
    const n = str(get(d, 'name'));
    if (n) out.add(n);
  }
  return out;
}

export type LogReason = 'mount-path' | 'host-path' | 'collector';

export interface LogUse {
  /** Why the volume counts as a log volume. */
  reason: LogReason;
  /** The application (non-collector) mount that writes the logs, when there is one. */
  use?: VolumeUse;
  /** The collector container that shares the volume (reason `collector`, and whenever one mounts it). */
  collector?: Container;
}

/**
 * Is volume `v` used for logs, and how? In order:
 * - `mount-path`: an application (non-collector) container mounts it at a log path;
 * - `host-path`: a hostPath volume whose host path is a log path;
 * - `collector`: an emptyDir mounted both by a collector container (RULES.md: image
 *   `logtail`/`ilogtail`/`loongcollector` or `ALIYUN_LOGTAIL_*`/`LOONG_*` env) and by an
 *   application container — the sidecar's shared log directory.
 * Ephemeral (debug) containers are ignored. A volume mounted only by collectors is the
 * agent's own state, not application logs.
 */
export function logUseOf(w: Workload, v: Volume): LogUse | undefined {
  const uses = usesOf(w, v.name).filter((u) => u.container.section !== 'ephemeralContainers');
  const app = uses.filter((u) => !isCollector(u.container));
  const collector = uses.find((u) => isCollector(u.container))?.container;
  const atLogPath = app.find((u) => isLogPath(u.mount.mountPath));
  if (atLogPath) return { reason: 'mount-path', use: atLogPath, collector };
  if (v.source === 'hostPath' && isLogPath(v.hostPath?.path)) return { reason: 'host-path', use: app[0], collector };
  if (v.source === 'emptyDir' && collector && app.length) return { reason: 'collector', use: app[0], collector };
  return undefined;
}

export function isLogVolume(w: Workload, v: Volume): boolean {
  return !!logUseOf(w, v);
}

/** hostPath types that are not a directory or a regular file. */
export function isSpecialHostPath(v: Volume): boolean {
  return ['Socket', 'CharDevice', 'BlockDevice'].includes(v.hostPath?.type ?? '');
}

export { isSystemHostPath };

/* ---------- storage objects ---------- */

/**
 * Namespaces match when they are equal or when either is absent: a manifest without
 * `metadata.namespace` lands in whatever namespace it is applied to (`kubectl -n`, Kustomize,
 * Helm), so it may be the other object's namespace.
 */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return !a || !b || a === b;
}

/** A Kustomize kustomization file: its directory and the `namespace` it sets (if any). */
export interface Kustomization {
  dir: string;
  namespace?: string;
}

/** Where the kustomizations of a workspace are looked up (the workspace model: WorkspaceView). */
export interface KustomizationLookup {
  kustomizationFor(uri: string): Kustomization | undefined;
}

/**
 * The namespace an object of file `uri` is applied to: its own `metadata.namespace`; else the
 * `namespace` of the kustomization (kustomization.yaml) of its directory or nearest ancestor;
 * else `default` (what `kubectl apply` uses without `-n`). Undefined when a kustomization
 * without `namespace` holds the file: an overlay may set it, so it is not known.
 */
export function effectiveNamespace(obj: K8sObject, uri: string, workspace: KustomizationLookup): string | undefined {
  if (obj.namespace) return obj.namespace;
  const k = workspace.kustomizationFor(uri);
  if (k) return k.namespace;
  return 'default';
}

export interface ClaimInfo {
  name: string;
  /** The namespace it is applied to (see `effectiveNamespace`); undefined when unknown. */
  namespace?: string;
  /** `spec.accessModes` (empty when absent). */
  accessModes: string[];
  obj: K8sObject;
}

export function claimOf(obj: K8sObject): ClaimInfo {
  const modes = seqItems(at(obj.node, 'spec', 'accessModes')).map((n) => str(n)).filter((s): s is string => !!s);
  return { name: obj.name, namespace: obj.namespace, accessModes: modes, obj };
}

/** Only single-node modes: `ReadWriteOnce` and/or `ReadWriteOncePod`, nothing else. */
export function isSingleNodeClaim(c: ClaimInfo): boolean {
  return c.accessModes.length > 0 && c.accessModes.every((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod');
}

/** A PersistentVolumeClaim's `spec.volumeName` (the PV it is bound to), when set. */
export function boundVolumeOf(obj: K8sObject): string | undefined {
  return str(at(obj.node, 'spec', 'volumeName'));
}

/** The claims a StatefulSet creates from its `volumeClaimTemplates`: `<template>-<statefulset>-<ordinal>`. */
export interface ClaimTemplate {
  /** The namespace the claims are created in (see `effectiveNamespace`); undefined when unknown. */
  namespace?: string;
  /** Matches the names of the claims created from the template. */
  re: RegExp;
  template: string;
  obj: K8sObject;
}

export function claimTemplatesOf(o: K8sObject): ClaimTemplate[] {
  const out: ClaimTemplate[] = [];
  if (o.kind !== 'StatefulSet' || !o.name) return out;
  const tpls = at(o.node, 'spec', 'volumeClaimTemplates');
  if (!isSeq(tpls)) return out;
  for (const t of mapItems(tpls)) {
    const n = str(at(t, 'metadata', 'name'));
    if (n) out.push({ namespace: o.namespace, re: new RegExp(`^${escapeRe(n)}-${escapeRe(o.name)}-\\d+$`), template: n, obj: o });
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A PersistentVolume: its name and the claim it is reserved for (`spec.claimRef`). */
export interface VolumeInfo {
  name: string;
  claimRef?: { name?: string; namespace?: string };
  /** `spec.hostPath.path` / `spec.local.path`, for volumes that are node directories. */
  path?: string;
  obj: K8sObject;
}

export function persistentVolumeOf(obj: K8sObject): VolumeInfo {
  const ref = at(obj.node, 'spec', 'claimRef');
  return {
    name: obj.name,
    claimRef: ref ? { name: str(get(ref, 'name')), namespace: str(get(ref, 'namespace')) } : undefined,
    path: str(at(obj.node, 'spec', 'hostPath', 'path')) ?? str(at(obj.node, 'spec', 'local', 'path')),
    obj,
  };
}
