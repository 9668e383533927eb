// Shared by collector/checkpoint-not-persisted, checkpoint-on-emptydir and checkpoint-on-tmpfs.
// Not a rule (a leading `_` keeps it out of the generated rule index).
import type { Locale } from '../../i18n';
import { combineEdits } from '../../edit/inserts';
import type { Container, Workload } from '../../model/k8s';
import { runningCollectorsOf, stateFilesOf, type StateFile, type StateSetting } from '../../model/agent-paths';
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
