import { at, get, getPair, isMap, isScalar, mapItems, num, str, type MapNode, type Node, type Pair, type ScalarNode, type SeqNode } from '../parse/nodes';
import { isCheckableDoc, type ParsedDoc } from '../parse/types';

/** A Kubernetes object (a document, or an item of a `List`). */
export interface K8sObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  node: MapNode;
  doc: ParsedDoc;
  annotations: Record<string, string>;
  /** Rule ids named by `logtail-lint.io/ignore` on the object or its pod template (`*` = all). */
  ignore: Set<string>;
}

export const IGNORE_ANNOTATION = 'logtail-lint.io/ignore';

export type PodSpecPath = readonly string[];

/** Where each kind keeps its pod spec and pod template. */
export const POD_SPEC_PATHS: Record<string, { template: PodSpecPath | null; spec: PodSpecPath }> = {
  Pod: { template: null, spec: ['spec'] },
  PodTemplate: { template: ['template'], spec: ['template', 'spec'] },
  Deployment: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  ReplicaSet: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  ReplicationController: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  StatefulSet: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  DaemonSet: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  Job: { template: ['spec', 'template'], spec: ['spec', 'template', 'spec'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
};

export interface EnvVar {
  name: string;
  node: MapNode;
  nameNode: ScalarNode;
  /** Literal `value`, if any. */
  value?: string;
  valueNode?: Node;
  /** `valueFrom.fieldRef.fieldPath`, if any. */
  fieldPath?: string;
  hasValueFrom: boolean;
}

export interface Mount {
  name: string;
  node: MapNode;
  nameNode: ScalarNode;
  mountPath?: string;
  mountPathNode?: Node;
  subPath?: string;
  subPathPair?: Pair;
  subPathExpr?: string;
  subPathExprPair?: Pair;
  readOnly: boolean;
}

export type ContainerSection = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  name: string;
  node: MapNode;
  nameNode?: ScalarNode;
  section: ContainerSection;
  image?: string;
  imageNode?: Node;
  env: EnvVar[];
  envNode?: SeqNode | Node;
  mounts: Mount[];
  mountsNode?: Node;
  /** `restartPolicy: Always` on an init container (a native sidecar). */
  nativeSidecar: boolean;
}

export type VolumeSource = 'hostPath' | 'emptyDir' | 'persistentVolumeClaim' | 'configMap' | 'secret' | 'projected' | 'downwardAPI' | 'nfs' | 'csi' | 'ephemeral' | 'other';

export interface Volume {
  name: string;
  node: MapNode;
  nameNode: ScalarNode;
  source: VolumeSource;
  /** The map under the source key (e.g. the `hostPath:` map); absent for a volume without a source (an emptyDir by default). */
  sourceNode?: Node;
  sourcePair?: Pair;
  hostPath?: { path?: string; pathNode?: Node; type?: string; typeNode?: Node };
  emptyDir?: { medium?: string; sizeLimit?: string; sizeLimitNode?: Node };
  claimName?: string;
  claimNameNode?: Node;
}

export type MultiPod =
  | { several: false; reason: 'single' | 'daemonset' | 'pod' }
  | { several: true; reason: 'replicas' | 'replicas-unset' | 'rolling-update' | 'parallelism' | 'cronjob' };

export interface Workload {
  obj: K8sObject;
  kind: string;
  name: string;
  /** The pod spec map. */
  podSpec: MapNode;
  /** The pod template map (with `metadata` and `spec`), if the kind has one. */
  template?: MapNode;
  containers: Container[];
  volumes: Volume[];
  volumesNode?: Node;
  replicas?: number;
  multiPod: MultiPod;
}

const VOLUME_SOURCES = new Set<VolumeSource>(['hostPath', 'emptyDir', 'persistentVolumeClaim', 'configMap', 'secret', 'projected', 'downwardAPI', 'nfs', 'csi', 'ephemeral']);

function annotationsOf(meta: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const a = get(meta, 'annotations');
  if (isMap(a)) for (const p of a.pairs) if (typeof p.key.value === 'string') out[p.key.value] = str(p.value) ?? '';
  return out;
}

/** Every Kubernetes object in a parsed document (unwrapping `List` and `*List` kinds). */
export function objectsOfDoc(doc: ParsedDoc): K8sObject[] {
  const out: K8sObject[] = [];
  const visit = (node: Node | undefined, depth: number) => {
    if (!isMap(node) || depth > 5) return;
    const kind = str(get(node, 'kind'));
    const apiVersion = str(get(node, 'apiVersion'));
    if (!kind) return;
    const items = get(node, 'items');
    if ((kind === 'List' || kind.endsWith('List')) && items) {
      for (const it of mapItems(items)) visit(it, depth + 1);
      return;
    }
    if (!apiVersion) return;
    const meta = get(node, 'metadata');
    const annotations = annotationsOf(meta);
    const paths = POD_SPEC_PATHS[kind];
    const templateAnn = paths?.template ? annotationsOf(at(node, ...paths.template, 'metadata')) : {};
    const ignore = new Set<string>();
    for (const a of [annotations, templateAnn]) {
      for (const id of (a[IGNORE_ANNOTATION] ?? '').split(/[\s,]+/)) if (id) ignore.add(id === 'all' ? '*' : id);
    }
    out.push({ kind, apiVersion, name: str(get(meta, 'name')) ?? '', namespace: str(get(meta, 'namespace')), node, doc, annotations, ignore });
  };
  if (isCheckableDoc(doc)) visit(doc.root, 0);
  return out;
}

function envOf(c: MapNode): EnvVar[] {
  const out: EnvVar[] = [];
  for (const e of mapItems(get(c, 'env'))) {
    const nameNode = get(e, 'name');
    if (!isScalar(nameNode) || nameNode.value === null) continue;
    const valueFrom = get(e, 'valueFrom');
    out.push({
      name: String(nameNode.value),
      node: e,
      nameNode,
      value: str(get(e, 'value')),
      valueNode: get(e, 'value'),
      fieldPath: str(at(valueFrom, 'fieldRef', 'fieldPath')),
      hasValueFrom: !!valueFrom,
    });
  }
  return out;
}

function mountsOf(c: MapNode): Mount[] {
  const out: Mount[] = [];
  for (const m of mapItems(get(c, 'volumeMounts'))) {
    const nameNode = get(m, 'name');
    if (!isScalar(nameNode) || nameNode.value === null) continue;
    const ro = get(m, 'readOnly');
    out.push({
      name: String(nameNode.value),
      node: m,
      nameNode,
      mountPath: str(get(m, 'mountPath')),
      mountPathNode: get(m, 'mountPath'),
      subPath: str(get(m, 'subPath')),
      subPathPair: getPair(m, 'subPath'),
      subPathExpr: str(get(m, 'subPathExpr')),
      subPathExprPair: getPair(m, 'subPathExpr'),
      readOnly: isScalar(ro) && (ro.value === true || ro.value === 'true'),
    });
  }
  return out;
}

export function containersOf(podSpec: MapNode): Container[] {
  const out: Container[] = [];
  for (const section of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const c of mapItems(get(podSpec, section))) {
      const nameNode = get(c, 'name');
      out.push({
        name: str(nameNode) ?? '',
        node: c,
        nameNode: isScalar(nameNode) ? nameNode : undefined,
        section,
        image: str(get(c, 'image')),
        imageNode: get(c, 'image'),
        env: envOf(c),
        envNode: get(c, 'env'),
        mounts: mountsOf(c),
        mountsNode: get(c, 'volumeMounts'),
        nativeSidecar: section === 'initContainers' && str(get(c, 'restartPolicy')) === 'Always',
      });
    }
  }
  return out;
}

export function volumesOf(podSpec: MapNode): Volume[] {
  const out: Volume[] = [];
  for (const v of mapItems(get(podSpec, 'volumes'))) {
    const nameNode = get(v, 'name');
    if (!isScalar(nameNode) || nameNode.value === null) continue;
    const sourcePair = v.pairs.find((p) => p.key.value !== 'name');
    const key = String(sourcePair?.key.value ?? '');
    // a volume with no source at all is an emptyDir: the API server defaults it
    // (k8s.io/kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Volume)
    const source: VolumeSource = !sourcePair ? 'emptyDir' : VOLUME_SOURCES.has(key as VolumeSource) ? (key as VolumeSource) : 'other';
    const vol: Volume = { name: String(nameNode.value), node: v, nameNode, source, sourceNode: sourcePair?.value, sourcePair };
    const s = sourcePair?.value;
    if (source === 'hostPath') vol.hostPath = { path: str(get(s, 'path')), pathNode: get(s, 'path'), type: str(get(s, 'type')), typeNode: get(s, 'type') };
    if (source === 'emptyDir' && !sourcePair) vol.emptyDir = {};
    else if (source === 'emptyDir') vol.emptyDir = { medium: str(get(s, 'medium')), sizeLimit: str(get(s, 'sizeLimit')), sizeLimitNode: get(s, 'sizeLimit') };
    if (source === 'persistentVolumeClaim') {
      vol.claimName = str(get(s, 'claimName'));
      vol.claimNameNode = get(s, 'claimName');
    }
    out.push(vol);
  }
  return out;
}

function multiPodOf(kind: string, node: MapNode): { replicas?: number; multiPod: MultiPod } {
  const replicas = num(at(node, 'spec', 'replicas'));
  switch (kind) {
    case 'Pod':
    case 'PodTemplate':
      return { multiPod: { several: false, reason: 'pod' } };
    case 'DaemonSet':
      return { multiPod: { several: false, reason: 'daemonset' } };
    case 'CronJob':
      return { multiPod: { several: true, reason: 'cronjob' } };
    case 'Job': {
      const p = num(at(node, 'spec', 'parallelism'));
      return p !== undefined && p > 1 ? { multiPod: { several: true, reason: 'parallelism' } } : { multiPod: { several: false, reason: 'single' } };
    }
    default: {
      if (replicas === undefined) return { multiPod: { several: true, reason: 'replicas-unset' } };
      if (replicas > 1) return { replicas, multiPod: { several: true, reason: 'replicas' } };
      if (kind === 'Deployment' && replicas === 1 && str(at(node, 'spec', 'strategy', 'type')) !== 'Recreate') {
        return { replicas, multiPod: { several: true, reason: 'rolling-update' } };
      }
      return { replicas, multiPod: { several: false, reason: 'single' } };
    }
  }
}

export function workloadOf(obj: K8sObject): Workload | undefined {
  const paths = POD_SPEC_PATHS[obj.kind];
  if (!paths) return undefined;
  const podSpec = at(obj.node, ...paths.spec);
  if (!isMap(podSpec)) return undefined;
  const template = paths.template ? at(obj.node, ...paths.template) : undefined;
  return {
    obj,
    kind: obj.kind,
    name: obj.name,
    podSpec,
    template: isMap(template) ? template : undefined,
    containers: containersOf(podSpec),
    volumes: volumesOf(podSpec),
    volumesNode: get(podSpec, 'volumes'),
    ...multiPodOf(obj.kind, obj.node),
  };
}

/** Is `prefix` a path prefix of `path` on segment boundaries (`/var/run` covers `/var/run/x`, not `/var/running`)? */
export function pathCovers(prefix: string, path: string): boolean {
  const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.replace(/(?<!\/)\/+$/, '') : prefix;
  if (p === '/') return path.startsWith('/');
  return path === p || path.startsWith(p + '/');
}

/** The mount of `container` whose mountPath is the longest segment-boundary prefix of `path`. */
export function coveringMount(container: Container, path: string): Mount | undefined {
  let best: Mount | undefined;
  for (const m of container.mounts) {
    if (!m.mountPath || !pathCovers(m.mountPath, path)) continue;
    if (!best || (m.mountPath.replace(/(?<!\/)\/+$/, '').length > (best.mountPath ?? '').replace(/(?<!\/)\/+$/, '').length)) best = m;
  }
  return best;
}

export function volumeByName(w: Workload, name: string): Volume | undefined {
  return w.volumes.find((v) => v.name === name);
}

/** Levenshtein distance, for "did you mean" fixes. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The candidates within `max` edits of `name`, closest first. */
export function closest(name: string, candidates: Iterable<string>, max = 2): string[] {
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(name, c) }))
    .filter((x) => x.d > 0 && x.d <= max)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .map((x) => x.c);
}
