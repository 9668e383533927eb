// Shared by collector/checkpoint-not-persisted, checkpoint-on-emptydir and checkpoint-on-tmpfs.
// Not a rule (a leading `_` keeps it out of the generated rule index).
import type { Locale } from '../../i18n';
import { term } from '../../catalog';
import { combineEdits } from '../../edit/inserts';
import type { Container, Workload } from '../../model/k8s';
import { compareVersions, imageFamily, imageVersion } from '../../model/collector';
import { layoutOf, runningCollectorsOf, stateFilesOf, type StateFile } from '../../model/agent-paths';
import type { Node } from '../../parse/nodes';

/** `checkpoint file /tmp/logtail_check_point (default path)` / `(from env X)`, from the catalog of `locale`. */
export function describeFile(f: StateFile, locale: Locale, extra?: string): string {
  const source =
    f.source === 'env' ? term(locale, 'collector/state.source.env', { env: f.env?.name ?? '' }) : f.env ? term(locale, 'collector/state.source.envDir', { env: f.env.name }) : term(locale, 'collector/state.source.default');
  const label = term(locale, `collector/state.${f.setting}`);
  return extra ? term(locale, 'collector/state.fileWith', { label, path: f.path, source, extra }) : term(locale, 'collector/state.file', { label, path: f.path, source });
}

export function joinList(items: string[], locale: Locale): string {
  return items.join(term(locale, 'list.separator'));
}

/** The node a finding about `f` goes on when the path itself is the point: its env value, else the container's image. */
export function pathAnchor(c: Container, f: StateFile): Node | { start: number; end: number } {
  if (f.env) return f.env.valueNode ?? f.env.nameNode;
  return c.imageNode ?? c.nameNode ?? c.node;
}

export interface CollectorState {
  w: Workload;
  c: Container;
  files: StateFile[];
}

/** Every running collector container of the file, with its state files whose paths are known. */
export function collectorStates(workloads: readonly Workload[]): CollectorState[] {
  const out: CollectorState[] = [];
  for (const w of workloads) {
    for (const c of runningCollectorsOf(w)) {
      const files = stateFilesOf(w, c);
      if (files.length) out.push({ w, c, files });
    }
  }
  return out;
}

/** Group items by a key, keeping first-seen order. */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** A fix's edits, ordered and merged by the one edit builder (edit/inserts.ts). */
export const orderedEdits = combineEdits;

/** Env settings and the Logtail version that introduced them (practice guide, Logtail参数配置: 支持版本). */
export const ENV_GATES: readonly { names: readonly string[]; since: number[] }[] = [
  { names: ['check_point_filename', 'ALIYUN_LOGTAIL_CHECK_POINT_PATH'], since: [0, 16, 36] },
  { names: ['docker_file_cache_path', 'ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH'], since: [0, 16, 54] },
  { names: ['user_config_file_path', 'ALIYUN_LOGTAIL_USER_CONIFG_PATH'], since: [0, 16, 56] },
];

/** Does the image of `c` read env `name`? False only for a Logtail image whose tag is older than the setting (collector/setting-needs-newer-agent). */
export function agentReadsEnv(c: Container, name: string): boolean {
  if (imageFamily(c.image) !== 'logtail') return true;
  const v = imageVersion(c.image);
  const gate = ENV_GATES.find((g) => g.names.includes(name));
  return !v || !gate || compareVersions(v.version, gate.since) >= 0;
}

/** Does the collector keep a state file where a restart of the container loses it (collector/checkpoint-not-persisted's test)? */
export function losesStateOnRestart(w: Workload, c: Container): boolean {
  if (!layoutOf(c)) return false;
  return stateFilesOf(w, c).some((f) => f.storage.kind === 'layer' || f.storage.kind === 'readOnly' || f.storage.kind === 'ephemeral');
}
