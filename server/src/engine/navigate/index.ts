/**
 * Navigation over the workspace model: go to definition, find references, document and workspace
 * symbols, and the "collected by" lenses above pod volumes. Pure functions of a WorkspaceIndex that
 * holds the current text of the file asked about; answers are UTF-16 offsets in indexed files (the
 * language server turns them into LSP locations).
 */
import { EMPTY_FACTS, type HostPathFact } from '../model/facts';
import { containerFile, startupPathOf } from '../model/container-files';
import { envLiteral, layoutOf, resolvePath } from '../model/agent-paths';
import { isCollector } from '../model/collector';
import type { Container, K8sObject, Volume, Workload } from '../model/k8s';
import type { LogtailConfig } from '../model/logtail';
import { collectorMounts, configPaths, HOST_PREFIX, analyzeRecursive, type ConfigPath } from '../model/logtail-paths';
import { collectGlob, collectsHostPath, kubeletVolumeRef, pluginDirOf, reaches, segmentMatches, segments, UNLIMITED, type CollectGlob } from '../model/node-paths';
import { sameNamespace, type VolumeInfo } from '../model/storage';
import { at, get, str, type Node } from '../parse/nodes';
import type { Locale } from '../i18n';
import { term } from '../catalog';
import { WorkspaceView, type WorkspaceIndex } from '../workspace/index';

export interface NavTarget {
  uri: string;
  start: number;
  end: number;
}

type Span = { start: number; end: number };

function inside(n: Span | undefined, offset: number): n is Span {
  return !!n && offset >= n.start && offset <= n.end;
}

function viewOf(index: WorkspaceIndex, uri: string): WorkspaceView {
  return new WorkspaceView(uri, index.entry(uri)?.facts ?? EMPTY_FACTS, index);
}

function target(ws: WorkspaceView, item: K8sObject | Workload | LogtailConfig, node: Span | undefined): NavTarget | undefined {
  const uri = ws.uriOf(item);
  const n = node ?? ('obj' in item ? item.obj.node : 'node' in item ? item.node : item.root);
  return uri ? { uri, start: n.start, end: n.end } : undefined;
}

function nameNodeOf(obj: K8sObject): Node {
  return at(obj.node, 'metadata', 'name') ?? obj.node;
}

function dedupe(ts: (NavTarget | undefined)[]): NavTarget[] {
  const seen = new Set<string>();
  const out: NavTarget[] = [];
  for (const t of ts) {
    if (!t) continue;
    const k = `${t.uri}#${t.start}-${t.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

function hostPrefixes(ws: WorkspaceView): string[] {
  return [HOST_PREFIX, ...collectorMounts(ws.workloads()).hostRoot];
}

/** Every collected path of every config of the workspace, with its node pattern when it is one. */
function allPaths(ws: WorkspaceView): { p: ConfigPath; g?: CollectGlob }[] {
  const prefixes = hostPrefixes(ws);
  return configPaths(ws.configs()).map((p) => ({ p, g: collectGlob(p, prefixes) }));
}

/** The claim a PV is bound to, and the PVs bound to a claim. */
function pvsOfClaim(ws: WorkspaceView, claim: { name: string; namespace?: string; volumeName?: string }): VolumeInfo[] {
  return ws.persistentVolumes().filter((v) => v.name === claim.volumeName || (v.claimRef?.name === claim.name && sameNamespace(v.claimRef.namespace, claim.namespace)));
}

/** Is the path one that reads pod volume directories of this PV (or of any PV, for `*`)? */
function pathReadsPv(value: string, pvName: string, plugin: string | undefined): boolean {
  const ref = kubeletVolumeRef(value);
  if (!ref) return false;
  if (plugin && !segmentMatches(ref.plugin, plugin)) return false;
  return segmentMatches(ref.name, pvName);
}

/** Config paths that collect the files written into a hostPath volume (node paths, and container paths below its mountPath). */
function pathsCollectingHostPath(ws: WorkspaceView, h: HostPathFact): ConfigPath[] {
  const out: ConfigPath[] = [];
  for (const { p, g } of allPaths(ws)) {
    if (p.role !== 'collect') continue;
    if (g) {
      if (collectsHostPath(g, h)) out.push(p);
      continue;
    }
    if (!p.input.containerMode || !p.value.startsWith('/')) continue;
    const segs = segments(p.value);
    const rec = p.input.form === 'pipeline' && analyzeRecursive(p.value).recursive;
    const dir = p.input.form === 'legacy' ? segs : segs.slice(0, rec ? -2 : -1);
    const depth = p.input.form === 'legacy' ? UNLIMITED : rec ? UNLIMITED : 0;
    if (h.mounts.some(({ container, mount }) => !isCollector(container) && !mount.readOnly && mount.mountPath && reaches({ dir, depth }, segments(mount.mountPath)))) out.push(p);
  }
  return out;
}

/** Config paths that read the volume directories of a claim's PV(s). */
function pathsCollectingClaim(ws: WorkspaceView, claimName: string, namespace: string | undefined): ConfigPath[] {
  const claim = ws.claims().find((c) => c.name === claimName && sameNamespace(c.namespace, namespace));
  const pvs = claim ? pvsOfClaim(ws, claim) : [];
  const out: ConfigPath[] = [];
  for (const { p } of allPaths(ws)) {
    if (p.role !== 'collect' || p.input.containerMode) continue;
    const ref = kubeletVolumeRef(p.value);
    if (!ref) continue;
    if (pvs.length ? pvs.some((pv) => pathReadsPv(p.value, pv.name, pluginDirOf(pv)?.plugin)) : /[*?[]/.test(ref.name) && segmentMatches(ref.plugin, 'kubernetes.io~csi')) out.push(p);
  }
  return out;
}

function workloadOfVolume(ws: WorkspaceView, uri: string, offset: number): { w: Workload; v: Volume } | undefined {
  for (const w of ws.workloads()) {
    if (ws.uriOf(w) !== uri) continue;
    for (const v of w.volumes) if (inside(v.node, offset)) return { w, v };
  }
  return undefined;
}

function namespaceOf(ws: WorkspaceView, obj: K8sObject): string | undefined {
  return ws.namespaceOf(obj);
}

// ---------------------------------------------------------------------------------------------
// Go to definition

export function definition(index: WorkspaceIndex, uri: string, offset: number): NavTarget[] {
  const ws = viewOf(index, uri);
  const own = index.entry(uri)?.facts ?? EMPTY_FACTS;
  for (const w of own.workloads) {
    if (!inside(w.obj.node, offset)) continue;
    for (const c of w.containers) {
      for (const m of c.mounts) {
        if (inside(m.nameNode, offset)) return dedupe(w.volumes.filter((v) => v.name === m.name).map((v) => target(ws, w, v.nameNode)));
      }
      for (const e of c.env) {
        if (isCollector(c) && inside(e.valueNode, offset)) return envFileTargets(ws, w, c, e.name, e);
      }
    }
    for (const v of w.volumes) {
      if (inside(v.claimNameNode, offset) && v.claimName) {
        const ns = namespaceOf(ws, w.obj);
        return dedupe(ws.claims().filter((cl) => cl.name === v.claimName && sameNamespace(cl.namespace, ns)).map((cl) => target(ws, cl.obj, nameNodeOf(cl.obj))));
      }
    }
  }
  for (const cl of own.claims) {
    const vn = at(cl.obj.node, 'spec', 'volumeName');
    if (inside(vn, offset)) return dedupe(ws.persistentVolumes().filter((pv) => pv.name === str(vn)).map((pv) => target(ws, pv.obj, nameNodeOf(pv.obj))));
  }
  for (const pv of own.persistentVolumes) {
    const ref = at(pv.obj.node, 'spec', 'claimRef', 'name');
    if (inside(ref, offset)) return dedupe(ws.claims().filter((c) => c.name === pv.claimRef?.name && sameNamespace(c.namespace, pv.claimRef?.namespace)).map((c) => target(ws, c.obj, nameNodeOf(c.obj))));
  }
  const prefixes = hostPrefixes(ws);
  for (const p of configPaths(own.configs)) {
    if (!inside(p.node, offset)) continue;
    const ref = kubeletVolumeRef(p.value);
    if (ref) {
      const pvs = ws.persistentVolumes().filter((pv) => segmentMatches(ref.name, pv.name) && (!pluginDirOf(pv) || segmentMatches(ref.plugin, pluginDirOf(pv)!.plugin)));
      if (pvs.length) return dedupe(pvs.map((pv) => target(ws, pv.obj, nameNodeOf(pv.obj))));
      return dedupe(ws.claims().filter((c) => c.name === ref.name).map((c) => target(ws, c.obj, nameNodeOf(c.obj))));
    }
    const g = collectGlob(p, prefixes);
    if (g) return dedupe(ws.hostPaths().filter((h) => h.path !== '/' && (collectsHostPath(g, h) || reaches({ dir: g.dir, depth: UNLIMITED }, segments(h.path)))).map((h) => target(ws, h.workload, h.volume.hostPath?.pathNode ?? h.volume.nameNode)));
    return [];
  }
  return [];
}

/** A collector env value that names a file: the ConfigMap key or workspace file it is. */
function envFileTargets(ws: WorkspaceView, w: Workload, c: Container, name: string, e: Container['env'][number]): NavTarget[] {
  const layout = layoutOf(c);
  if (!layout) return [];
  const lookup = { objects: () => ws.objects(), configs: () => ws.configs(), uriOf: (x: K8sObject | Workload | LogtailConfig) => ws.uriOf(x), uris: () => [ws.uri, ...ws.index.uris()] };
  const v = envLiteral(c, e);
  const path = v ? resolvePath(v, layout.installDir) : undefined;
  if (!path) return [];
  const out: (NavTarget | undefined)[] = [];
  const t = containerFile(lookup, w, c, path);
  if (t?.object && t.node) out.push(target(ws, t.object, t.node));
  else if (t?.config) out.push(target(ws, t.config, { start: 0, end: 0 }));
  else if (t?.uri) out.push({ uri: t.uri, start: 0, end: 0 });
  // a setting of the startup file: also where the startup file sets it (the file wins, spec §1.2)
  const setting = /^(ALIYUN_LOGTAIL_USER_CONIFG_PATH|user_config_file_path)$/.test(name) ? 'user_config_file_path' : /^(ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH|LOONG_DOCKER_FILE_CACHE_PATH|docker_file_cache_path)$/.test(name) ? 'docker_file_cache_path' : undefined;
  if (setting) {
    const startup = startupPathOf(c, layout);
    const sf = startup ? containerFile(lookup, w, c, startup) : undefined;
    const key = sf?.config?.body ? get(sf.config.body, setting) : undefined;
    if (sf?.config && key) out.push(target(ws, sf.config, key));
    else if (sf?.object && sf.node && !out.length) out.push(target(ws, sf.object, sf.node));
    else if (sf?.uri && !out.length) out.push({ uri: sf.uri, start: 0, end: 0 });
  }
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------
// Find references

export function references(index: WorkspaceIndex, uri: string, offset: number): NavTarget[] {
  const ws = viewOf(index, uri);
  const own = index.entry(uri)?.facts ?? EMPTY_FACTS;
  const pathTargets = (ps: ConfigPath[]) => ps.map((p) => target(ws, p.input.config, p.node));
  // a volume of a workload (its name, source or path)
  const wv = workloadOfVolume(ws, uri, offset);
  if (wv) {
    const { w, v } = wv;
    const out: (NavTarget | undefined)[] = [];
    for (const c of w.containers) for (const m of c.mounts) if (m.name === v.name) out.push(target(ws, w, m.nameNode));
    if (v.source === 'hostPath') {
      const h = ws.hostPaths().find((x) => x.volume === v);
      if (h) {
        out.push(...pathTargets(pathsCollectingHostPath(ws, h)));
        for (const o of ws.hostPaths()) if (o !== h && o.path === h.path) out.push(target(ws, o.workload, o.volume.hostPath?.pathNode ?? o.volume.nameNode));
      }
    }
    if (v.source === 'persistentVolumeClaim' && v.claimName) out.push(...claimReferences(ws, v.claimName, namespaceOf(ws, w.obj)));
    return dedupe(out);
  }
  for (const w of own.workloads) for (const c of w.containers) for (const m of c.mounts) if (inside(m.nameNode, offset)) return references(index, uri, w.volumes.find((v) => v.name === m.name)?.nameNode.start ?? -1);
  for (const cl of own.claims) if (inside(cl.obj.node, offset)) return dedupe(claimReferences(ws, cl.name, namespaceOf(ws, cl.obj)));
  for (const pv of own.persistentVolumes) {
    if (!inside(pv.obj.node, offset)) continue;
    const out: (NavTarget | undefined)[] = [];
    for (const cl of ws.claims()) if (cl.volumeName === pv.name || (pv.claimRef?.name === cl.name && sameNamespace(pv.claimRef.namespace, cl.namespace))) out.push(target(ws, cl.obj, nameNodeOf(cl.obj)));
    const plugin = pluginDirOf(pv)?.plugin;
    for (const { p } of allPaths(ws)) if (p.role === 'collect' && pathReadsPv(p.value, pv.name, plugin) && !/[*?[]/.test(kubeletVolumeRef(p.value)!.name)) out.push(target(ws, p.input.config, p.node));
    return dedupe(out);
  }
  return [];
}

function claimReferences(ws: WorkspaceView, name: string, namespace: string | undefined): (NavTarget | undefined)[] {
  const out: (NavTarget | undefined)[] = [];
  for (const cl of ws.claims()) if (cl.name === name && sameNamespace(cl.namespace, namespace)) out.push(target(ws, cl.obj, nameNodeOf(cl.obj)));
  for (const w of ws.workloads()) {
    if (!sameNamespace(namespaceOf(ws, w.obj), namespace)) continue;
    for (const v of w.volumes) if (v.source === 'persistentVolumeClaim' && v.claimName === name) out.push(target(ws, w, v.claimNameNode ?? v.nameNode));
  }
  for (const pv of ws.persistentVolumes()) if (pv.claimRef?.name === name && sameNamespace(pv.claimRef.namespace, namespace)) out.push(target(ws, pv.obj, nameNodeOf(pv.obj)));
  for (const p of pathsCollectingClaim(ws, name, namespace)) out.push(target(ws, p.input.config, p.node));
  // paths that (wrongly) name the claim itself: workspace/csi-dir-uses-claim-name
  for (const { p } of allPaths(ws)) if (kubeletVolumeRef(p.value)?.name === name) out.push(target(ws, p.input.config, p.node));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Symbols

export type SymbolKindName = 'object' | 'container' | 'volume' | 'config';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: SymbolEntry[];
}

function configName(c: LogtailConfig, uri: string): string {
  const n = str(get(c.body, 'configName')) ?? c.object?.name;
  if (n) return c.embedded ? `${n}` : n;
  if (c.embedded) return c.embedded.key;
  return uri.replace(/^.*\//, '');
}

function configKindLabel(c: LogtailConfig): string {
  return c.bodyKind === 'startup' ? 'Startup parameters' : c.bodyKind === 'pipeline' ? 'Pipeline config' : 'Logtail config';
}

function sym(name: string, kind: SymbolKindName, node: Span, sel: Span | undefined, detail?: string, children: SymbolEntry[] = []): SymbolEntry {
  const s = sel && sel.start >= node.start && sel.end <= node.end ? sel : { start: node.start, end: node.start };
  return { name, kind, detail, start: node.start, end: node.end, selectionStart: s.start, selectionEnd: s.end, children };
}

/** One symbol per object (`Deployment web`) with its containers and volumes, and one per standalone Logtail config. */
export function documentSymbols(index: WorkspaceIndex, uri: string): SymbolEntry[] {
  const facts = index.entry(uri)?.facts ?? EMPTY_FACTS;
  const out: SymbolEntry[] = [];
  for (const o of facts.objects) {
    const w = facts.workloads.find((x) => x.obj === o);
    const children: SymbolEntry[] = [];
    if (w) {
      for (const c of w.containers) children.push(sym(c.name, 'container', c.node, c.nameNode, c.section === 'containers' ? c.image : `${c.section} ${c.image ?? ''}`.trim()));
      for (const v of w.volumes) children.push(sym(v.name, 'volume', v.node, v.nameNode, v.source === 'hostPath' ? `hostPath ${v.hostPath?.path ?? ''}` : v.source === 'persistentVolumeClaim' ? `claim ${v.claimName ?? ''}` : v.source));
    }
    for (const c of facts.configs) if (c.object === o && c.embedded) children.push(sym(c.embedded.key, 'config', c.embedded.valueNode, c.embedded.valueNode, configKindLabel(c)));
    out.push(sym(`${o.kind} ${o.name || '(unnamed)'}`, 'object', o.node, nameNodeOf(o), o.namespace, children));
  }
  for (const c of facts.configs) if (!c.object) out.push(sym(configName(c, uri), 'config', c.root, get(c.root, 'configName') ?? c.root, configKindLabel(c)));
  return out.sort((a, b) => a.start - b.start);
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKindName;
  /** `Deployment` / `default`: shown next to the name. */
  container?: string;
  uri: string;
  start: number;
  end: number;
}

/** Objects and configs whose name holds `query` (case-insensitive; characters in order, as editors filter). */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const matches = (name: string) => {
    const n = name.toLowerCase();
    if (!q || n.includes(q)) return true;
    let i = 0;
    for (const ch of n) if (ch === q[i]) i++;
    return i === q.length;
  };
  const out: WorkspaceSymbol[] = [];
  for (const uri of index.uris()) {
    const facts = index.entry(uri)!.facts;
    for (const o of facts.objects) {
      if (!o.name || !matches(o.name)) continue;
      const n = nameNodeOf(o);
      out.push({ name: o.name, kind: 'object', container: o.namespace ? `${o.kind} (${o.namespace})` : o.kind, uri, start: n.start, end: n.end });
      if (out.length >= limit) return out;
    }
    for (const c of facts.configs) {
      if (c.object && !c.embedded) continue; // the CRD object is listed above
      const name = configName(c, uri);
      if (!matches(name)) continue;
      out.push({ name, kind: 'config', container: configKindLabel(c), uri, start: c.root.start, end: c.root.end });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lenses

export interface Lens {
  /** Where the lens sits (the volume). */
  start: number;
  end: number;
  title: string;
  /** Where a click goes (the config), if anywhere. */
  target?: NavTarget;
}

/** Above each hostPath and PVC volume: the configs of the workspace that collect it, or that none does. */
export function codeLenses(index: WorkspaceIndex, uri: string, locale: Locale = 'en'): Lens[] {
  const ws = viewOf(index, uri);
  const own = index.entry(uri)?.facts ?? EMPTY_FACTS;
  const out: Lens[] = [];
  for (const w of own.workloads) {
    if (w.containers.some(isCollector) && w.kind === 'DaemonSet') continue; // the collector's own volumes
    for (const v of w.volumes) {
      let paths: ConfigPath[] | undefined;
      if (v.source === 'hostPath') {
        const h = own.hostPaths.find((x) => x.volume === v);
        if (!h || h.path === '/') continue;
        paths = pathsCollectingHostPath(ws, h);
      } else if (v.source === 'persistentVolumeClaim' && v.claimName) paths = pathsCollectingClaim(ws, v.claimName, namespaceOf(ws, w.obj));
      if (!paths) continue;
      const configs = [...new Set(paths.map((p) => p.input.config))];
      if (!configs.length) {
        out.push({ start: v.node.start, end: v.node.end, title: term(locale, 'lens.notCollected') });
        continue;
      }
      for (const c of configs) {
        const cu = ws.uriOf(c) ?? uri;
        const first = paths.find((p) => p.input.config === c)!;
        out.push({
          start: v.node.start,
          end: v.node.end,
          title: term(locale, 'lens.collectedBy', { config: configName(c, cu), file: cu.replace(/^.*\//, '') }),
          target: { uri: cu, start: first.node.start, end: first.node.end },
        });
      }
    }
  }
  return out;
}
