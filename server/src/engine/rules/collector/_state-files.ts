// Shared by collector/checkpoint-not-persisted, checkpoint-on-emptydir and checkpoint-on-tmpfs.
// Not a rule (a leading `_` keeps it out of the generated rule index).
import type { Locale } from '../../i18n';
import { combineEdits } from '../../edit/inserts';
import type { Container, Workload } from '../../model/k8s';
import { compareVersions, imageFamily, imageVersion } from '../../model/collector';
import { layoutOf, runningCollectorsOf, stateFilesOf, type StateFile, type StateSetting } from '../../model/agent-paths';
import type { Node } from '../../parse/nodes';

const LABEL: Record<StateSetting, { en: string; zh: string }> = {
  check_point_filename: { en: 'checkpoint file', zh: 'checkpoint 文件' },
  user_config_file_path: { en: 'user_log_config file', zh: 'user_log_config 文件' },
  docker_file_cache_path: { en: 'docker_path_config file', zh: 'docker_path_config 文件' },
};

/** `checkpoint file /tmp/logtail_check_point (default path)` / `(from env X)`, localized. */
export function describeFile(f: StateFile, locale: Locale, extra?: string): string {
  const zh = locale === 'zh-CN';
  let src: string;
  if (f.source === 'env') src = zh ? `来自环境变量 ${f.env?.name}` : `from env ${f.env?.name}`;
  else if (f.env) src = zh ? `默认文件名，位于环境变量 ${f.env.name} 指定的目录` : `default name in the directory of env ${f.env.name}`;
  else src = zh ? '默认路径' : 'default path';
  const label = zh ? LABEL[f.setting].zh : LABEL[f.setting].en;
  const tail = extra ? (zh ? `，${extra}` : `, ${extra}`) : '';
  return zh ? `${label} ${f.path}（${src}${tail}）` : `${label} ${f.path} (${src}${tail})`;
}

export function joinList(items: string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '；' : '; ');
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
