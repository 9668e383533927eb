/**
 * Helpers for the collector deployment rules: which containers are apps and which are
 * sidecar collectors, which volumes hold the apps' log files, the shape of
 * `ALIYUN_LOGTAIL_CONFIG`, and the text move of "Run as native sidecar".
 */
import type { Editor, Value } from '../edit/editor';
import { getPair, isMap, isScalar, isSeq, toJS, type MapNode, type Node, type Pair, type SeqNode } from '../parse/nodes';
import type { Edit } from '../types';
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
  const s = p.replace(/\/+/g, '/');
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
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
  const re = /(\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;
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

/**
 * Edits that append `items` to the list at `map[key]` (creating it if missing) as one
 * change; undefined when the list cannot take them (a scalar, say).
 */
export function addItemsToList(edit: Editor, map: MapNode, key: string, items: Value[]): Edit[] | undefined {
  if (items.length === 0) return [];
  const pair = getPair(map, key);
  if (!pair) return [edit.insertIntoMap(map, { [key]: items })];
  const v = pair.value;
  if (!(isSeq(v) || (isScalar(v) && v.value === null) || (isMap(v) && v.pairs.length === 0))) return undefined;
  const edits = items.map((item) => edit.addToList(map, key, item));
  const first = edits[0]!;
  if (edits.every((e) => e.start === first.start && e.end === first.end)) {
    return [{ start: first.start, end: first.end, newText: edits.map((e) => e.newText).join('') }];
  }
  return undefined;
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

export const CONFIG_PATH_SHAPE = '/etc/ilogtail/conf/<region>[-internet|-acceleration]/ilogtail_config.json';

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

// ---------------------------------------------------------------------------------------
// Moving a container to initContainers (YAML text move, keeping comments and layout)

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
function lastContentBefore(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return i;
}
/** End of the line holding the last character of `node` (after a trailing comment). */
function afterNode(text: string, node: { start: number; end: number }): number {
  return lineEnd(text, Math.max(node.start, lastContentBefore(text, node.end)));
}
/** Column of the `-` of a block sequence item, if its line holds only indentation before it. */
function dashColumn(text: string, item: Node): number | undefined {
  let dash = item.start - 1;
  while (dash > 0 && text[dash] !== '-' && /[ \t]/.test(text[dash]!)) dash--;
  if (text[dash] !== '-') return undefined;
  const ls = lineStart(text, dash);
  if (!/^ *$/.test(text.slice(ls, dash))) return undefined;
  return dash - ls;
}
function keyLineIsClean(text: string, pair: Pair): boolean {
  return /^ *$/.test(text.slice(lineStart(text, pair.key.start), pair.key.start));
}
function shiftLines(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split(/(\r?\n)/)
    .map((part, i) => {
      if (i % 2 === 1 || part.length === 0) return part;
      if (delta > 0) return ' '.repeat(delta) + part;
      const lead = /^ */.exec(part)![0].length;
      return part.slice(Math.min(lead, -delta));
    })
    .join('');
}

/**
 * Edits that move container `c` (an item of `containers`) to the end of `initContainers`
 * with `restartPolicy: Always`. YAML: the container's own text moves, re-indented to its new
 * place, so every field and comment inside it is kept. JSON, or YAML in flow style: the
 * container is rebuilt from its value. Undefined when it cannot be done cleanly (or when
 * `containers` would become empty).
 */
export function moveToNativeSidecarEdits(text: string, isYaml: boolean, edit: Editor, podSpec: MapNode, c: Container): Edit[] | undefined {
  const cPair = getPair(podSpec, 'containers');
  if (!cPair || !isSeq(cPair.value)) return undefined;
  const seq: SeqNode = cPair.value;
  const idx = seq.items.indexOf(c.node);
  if (idx < 0 || seq.items.length < 2) return undefined;
  const iPair = getPair(podSpec, 'initContainers');
  const iVal = iPair?.value;
  const iEmpty = !iPair || (isScalar(iVal) && iVal.value === null) || (isSeq(iVal) && iVal.items.length === 0);
  if (iPair && !iEmpty && !isSeq(iVal)) return undefined;

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const canMoveText = isYaml && !podSpec.flow && !seq.flow && keyLineIsClean(text, cPair) && (!iPair || keyLineIsClean(text, iPair)) && !(isSeq(iVal) && iVal.flow && iVal.items.length > 0);
  const fromDash = canMoveText ? dashColumn(text, c.node) : undefined;

  if (fromDash === undefined) {
    // Rebuild from the value (JSON, flow styles). YAML comments inside the container are lost.
    const value = toJS(c.node);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const item = { ...(value as Record<string, Value>), restartPolicy: 'Always' } as Value;
    const remove = edit.removeItem(seq, idx);
    const add = iPair && isSeq(iVal) && iVal.items.length > 0 ? edit.appendToSeq(iVal, item) : edit.addToList(podSpec, 'initContainers', item);
    if (add.start < remove.end && remove.start < add.end) return undefined;
    return [remove, add];
  }

  // 1. the container's text (with the comment lines just above it, at its dash column),
  //    with restartPolicy: Always set inside it
  const removed = edit.removeItem(seq, idx);
  const itemEnd = afterNode(text, c.node);
  if (removed.start > c.node.start || itemEnd > removed.end) return undefined;
  let from = removed.start;
  for (;;) {
    if (from === 0) break;
    const prevEnd = text[from - 1] === '\n' && text[from - 2] === '\r' ? from - 2 : from - 1;
    const prevStart = lineStart(text, prevEnd);
    const line = text.slice(prevStart, prevEnd);
    const m = /^( *)#/.exec(line);
    if (!m || m[1]!.length !== fromDash || (idx > 0 && prevStart <= afterNode(text, seq.items[idx - 1]!))) break;
    from = prevStart;
  }
  const remove: Edit = { start: from, end: removed.end, newText: '' };
  const rp = edit.setScalar(c.node, 'restartPolicy', 'Always');
  if (rp.start < removed.start || rp.end > itemEnd) return undefined;
  const block = text.slice(from, rp.start) + rp.newText + text.slice(rp.end, itemEnd);

  // 2. where it goes
  const cKeyCol = cPair.key.start - lineStart(text, cPair.key.start);
  const seqOffset = fromDash - cKeyCol; // how this document indents sequence items under their key
  if (iPair && isSeq(iVal) && iVal.items.length > 0) {
    const toDash = dashColumn(text, iVal.items[0]!);
    if (toDash === undefined) return undefined;
    const at = afterNode(text, iVal.items[iVal.items.length - 1]!);
    if (at >= remove.start && at < remove.end) return undefined;
    return [remove, { start: at, end: at, newText: eol + shiftLines(block, toDash - fromDash) }];
  }
  if (iPair) {
    // `initContainers:` / `initContainers: []` / `initContainers: null`
    const iKeyCol = iPair.key.start - lineStart(text, iPair.key.start);
    const moved = eol + shiftLines(block, iKeyCol + seqOffset - fromDash);
    const v = iPair.value;
    if (isScalar(v) && v.value === null && v.end <= v.start) {
      const at = lineEnd(text, iPair.key.end);
      return [remove, { start: at, end: at, newText: moved }];
    }
    const colon = text.indexOf(':', iPair.key.end);
    if (colon < 0 || colon >= v.start) return undefined;
    return [remove, { start: colon + 1, end: v.end, newText: moved }];
  }
  // no initContainers: add the key just before `containers:`, items indented like `containers`
  const ls = lineStart(text, cPair.key.start);
  const keyText = ' '.repeat(cKeyCol) + 'initContainers:' + eol + block + eol;
  return [{ start: ls, end: ls, newText: keyText }, remove];
}
