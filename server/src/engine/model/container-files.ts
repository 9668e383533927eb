/**
 * Files a container reads that the workspace may hold: a path inside a container resolved through
 * its mounts to a ConfigMap key, or else to an indexed file of the same name. Used by
 * workspace/env-overridden-by-file and by go to definition on collector env values.
 */
import { at, get, isMap, mapItems, str, type Node } from '../parse/nodes';
import { envLiteral, lastEnv, layoutOf, resolvePath, type AgentLayout } from './agent-paths';
import { coveringMount, volumeByName, type Container, type K8sObject, type Workload } from './k8s';
import type { LogtailConfig } from './logtail';
import { sameNamespace } from './storage';

/** Where a container file is defined in the workspace. */
export interface FileTarget {
  /** The ConfigMap data key, or undefined for a whole file. */
  object?: K8sObject;
  key?: string;
  /** The node to point at (the data key), when in a ConfigMap. */
  node?: Node;
  /** The Logtail config (or startup file) parsed from it, if any. */
  config?: LogtailConfig;
  /** A file of the workspace by name (no ConfigMap). */
  uri?: string;
}

export interface ContainerFileLookup {
  objects(): readonly K8sObject[];
  configs(): readonly LogtailConfig[];
  uriOf(item: K8sObject | Workload | LogtailConfig): string | undefined;
  /** Every indexed file. */
  uris(): readonly string[];
}

function basename(p: string): string {
  return p.replace(/(?<!\/)\/+$/, '').replace(/^.*\//, '');
}

/** The ConfigMap key or workspace file behind `path` in container `c` of `w`. */
export function containerFile(ws: ContainerFileLookup, w: Workload, c: Container, path: string): FileTarget | undefined {
  const m = coveringMount(c, path);
  const v = m && volumeByName(w, m.name);
  if (m && v && v.source === 'configMap') {
    const cmName = str(at(v.node, 'configMap', 'name'));
    if (!cmName) return undefined;
    const mp = (m.mountPath ?? '').replace(/(?<!\/)\/+$/, '');
    let key: string | undefined;
    if (m.subPath) key = path === mp ? m.subPath : undefined;
    else {
      const rel = path.slice(mp.length + 1);
      const items = mapItems(at(v.node, 'configMap', 'items'));
      key = items.length ? str(get(items.find((i) => str(get(i, 'path')) === rel), 'key')) : rel.includes('/') ? undefined : rel;
    }
    if (!key) return undefined;
    const obj = ws.objects().find((o) => o.kind === 'ConfigMap' && o.name === cmName && sameNamespace(o.namespace, w.obj.namespace));
    if (!obj) return undefined;
    const data = get(obj.node, 'data');
    const pair = isMap(data) ? data.pairs.find((p) => String(p.key.value) === key) : undefined;
    if (!pair) return undefined;
    const config = ws.configs().find((x) => x.object === obj && x.embedded?.key === key);
    return { object: obj, key, node: pair.key, config };
  }
  if (m && v) return undefined; // another volume: not a file of the repository
  const name = basename(path);
  if (!name) return undefined;
  const config = ws.configs().find((x) => !x.object && (ws.uriOf(x) ?? '').endsWith('/' + name));
  if (config) return { config, uri: ws.uriOf(config) };
  const uri = ws.uris().find((u) => u.endsWith('/' + name));
  return uri ? { uri } : undefined;
}

/** The startup parameter file a Logtail / iLogtail container reads (`ALIYUN_LOGTAIL_CONFIG`, LoongCollector in Logtail mode `LOONG_CONFIG` first), or its default. */
export function startupPathOf(c: Container, layout: AgentLayout | undefined = layoutOf(c)): string | undefined {
  if (!layout) return undefined;
  if (layout.family === 'loongcollector' && !layout.logtailMode) return undefined; // instance_config/local/*.json
  const names = layout.family === 'loongcollector' ? ['LOONG_CONFIG', 'ALIYUN_LOGTAIL_CONFIG'] : ['ALIYUN_LOGTAIL_CONFIG'];
  for (const n of names) {
    const e = lastEnv(c, n);
    if (!e) continue;
    const v = envLiteral(c, e);
    if (v === undefined || !v.trim()) return undefined;
    return resolvePath(v, layout.installDir);
  }
  return `${layout.installDir}/ilogtail_config.json`;
}
