// The workspace model: one index of per-file facts (model/facts.ts) for every file the server or
// the CLI sees — Kubernetes objects, Logtail configs, startup files, collectors alike — and the
// one answer to "what can this file see" (WorkspaceView). An update replaces one file's facts.
import { modelsOfParsed, type FileModel } from '../model/document';
import { hostPathHolds, type ClaimFact, type CollectorFact, type Facts, type HostPathFact } from '../model/facts';
import type { K8sObject, Workload } from '../model/k8s';
import type { LogtailConfig } from '../model/logtail';
import { effectiveNamespace, type ClaimTemplate, type Kustomization, type VolumeInfo } from '../model/storage';
import { get, isMap, str } from '../parse/nodes';
import type { ParsedFile } from '../parse/types';
import type { LineIndex } from '../parse/lines';

export type { Kustomization };

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

function dirOf(uri: string): string {
  return uri.replace(/\/[^/]*$/, '');
}

/** The kustomization a file is, if it is one (by its name, as `kustomize build` finds it). */
export function kustomizationOf(uri: string, parsed: ParsedFile): Kustomization | undefined {
  if (!KUSTOMIZATION_FILE.test(uri)) return undefined;
  const root = parsed.docs[0]?.root;
  return { dir: dirOf(uri), namespace: isMap(root) ? str(get(root, 'namespace')) || undefined : undefined };
}

type ListKind = 'objects' | 'workloads' | 'configs' | 'collectors' | 'claims' | 'claimTemplates' | 'persistentVolumes' | 'hostPaths' | 'cleanups' | 'patches' | 'scalers';

/** A file's entry: its facts and the fingerprints of what other files may read of them. */
export interface FileEntry {
  uri: string;
  facts: Facts;
  /** Per kind of fact: equal for two versions whose facts of that kind are the same. */
  fingerprints: Readonly<Record<string, string>>;
}

/**
 * Facts of every indexed file. The CLI fills it with every file it lints; the language server
 * with the open documents and the walked workspace folders. `generation` moves only when some
 * file's facts changed (not on an edit of a comment, or one that only moves offsets).
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly kustomizations = new Map<string, Kustomization>();
  /** Line index of each file indexed from its parsed text (positions of related locations and navigation targets). */
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** Per kind, the XOR of every file's (uri, fingerprint) hash: updated per file, so a fingerprint over all files but one is O(1). */
  private readonly totals = new Map<string, [number, number]>();
  private owners?: { gen: number; map: Map<object, string> };
  private version = 0;
  /** Per kind, the facts of every file (kept until a file changes): shared by every reader whose file adds none of that kind. */
  private full?: { gen: number; lists: Map<ListKind, unknown[]> };
  /** The lists without one file's facts, for the last file asked about (a file that holds facts of that kind). */
  private memo?: { gen: number; except: string | undefined; lists: Map<ListKind, unknown[]> };
  /** Values derived from the shared lists (`WorkspaceView.derive`), kept until a file changes. */
  private derivedMemo?: { gen: number; values: Map<unknown, Derived> };

  /**
   * @param options.fingerprints false: the index is filled once and read (the CLI) — no
   * fingerprint is computed, nothing can tell what changed.
   */
  constructor(private readonly options: { fingerprints?: boolean } = {}) {}

  /** Record (or replace) the facts of one file. Returns the kinds of facts that changed. */
  set(uri: string, facts: Facts, fingerprints: Record<string, string>, kustomization?: Kustomization): string[] {
    const before = this.files.get(uri);
    if (kustomization) {
      this.kustomizations.set(uri, kustomization);
      fingerprints = { ...fingerprints, kustomizations: `${kustomization.dir}|${kustomization.namespace ?? ''}` };
    } else this.kustomizations.delete(uri);
    this.files.set(uri, { uri, facts, fingerprints });
    const changed = before ? Object.keys({ ...before.fingerprints, ...fingerprints }).filter((k) => before.fingerprints[k] !== fingerprints[k]) : Object.keys(fingerprints);
    for (const k of changed) {
      this.toggle(k, uri, before?.fingerprints[k]);
      this.toggle(k, uri, fingerprints[k]);
    }
    if (!before || changed.length) this.version++;
    this.memo = undefined;
    this.full = undefined;
    this.derivedMemo = undefined;
    return changed;
  }
  /** Record (or replace) the facts of a parsed file. Returns the kinds of facts that changed. */
  update(uri: string, parsed: ParsedFile): string[] {
    return this.updateModel(modelsOfParsed(parsed, uri));
  }
  /** Record (or replace) the facts of a file's models (the document models are shared, not copied). */
  updateModel(model: FileModel): string[] {
    this.lineIndexes.set(model.uri, model.parsed.lines);
    return this.set(model.uri, model.facts(), this.options.fingerprints === false ? {} : model.fingerprints(), kustomizationOf(model.uri, model.parsed));
  }
  remove(uri: string): void {
    this.memo = undefined;
    this.full = undefined;
    this.derivedMemo = undefined;
    this.lineIndexes.delete(uri);
    this.kustomizations.delete(uri);
    const before = this.files.get(uri);
    if (before) for (const [k, fp] of Object.entries(before.fingerprints)) this.toggle(k, uri, fp);
    if (this.files.delete(uri)) this.version++;
  }
  /** The line index of an indexed file's text (undefined for files recorded by `set` only). */
  linesOf(uri: string): LineIndex | undefined {
    return this.lineIndexes.get(uri);
  }
  private toggle(kind: string, uri: string, fp: string | undefined): void {
    if (!fp) return;
    const [a, b] = lanes(uri + '\u0000' + fp);
    const t = this.totals.get(kind) ?? [0, 0];
    this.totals.set(kind, [t[0] ^ a, t[1] ^ b]);
  }
  get generation(): number {
    return this.version;
  }
  get size(): number {
    return this.files.size;
  }
  uris(): string[] {
    return [...this.files.keys()];
  }
  entry(uri: string): FileEntry | undefined {
    return this.files.get(uri);
  }

  /**
   * One kind of fact of every indexed file except `exceptUri`, in index order (kept until a file
   * changes). When `exceptUri` holds no fact of that kind, this is the one list of every file, the
   * same array for every such caller (so what is derived from it can be shared: `derive`).
   */
  list<K extends ListKind>(kind: K, exceptUri?: string): Facts[K] {
    if (exceptUri === undefined || !this.files.get(exceptUri)?.facts[kind].length) {
      if (!this.full || this.full.gen !== this.version) this.full = { gen: this.version, lists: new Map() };
      let all = this.full.lists.get(kind);
      if (!all) {
        all = [];
        for (const e of this.files.values()) for (const x of e.facts[kind]) all.push(x);
        this.full.lists.set(kind, all);
      }
      return all as Facts[K];
    }
    if (!this.memo || this.memo.gen !== this.version || this.memo.except !== exceptUri) this.memo = { gen: this.version, except: exceptUri, lists: new Map() };
    let out = this.memo.lists.get(kind) as Facts[K] | undefined;
    if (!out) {
      const acc: unknown[] = [];
      for (const [uri, e] of this.files) if (uri !== exceptUri) for (const x of e.facts[kind]) acc.push(x);
      out = acc as Facts[K];
      this.memo.lists.set(kind, acc);
    }
    return out;
  }

  /** A value derived from the shared lists (see `WorkspaceView.derive`), if computed since the last change. */
  sharedDerived(key: unknown): Derived | undefined {
    return this.derivedMemo?.gen === this.version ? this.derivedMemo.values.get(key) : undefined;
  }
  setSharedDerived(key: unknown, value: Derived): void {
    if (!this.derivedMemo || this.derivedMemo.gen !== this.version) this.derivedMemo = { gen: this.version, values: new Map() };
    this.derivedMemo.values.set(key, value);
  }

  /** The fingerprint of one kind of fact over every file except `exceptUri` (O(1)). */
  fingerprint(kind: string, exceptUri?: string): string {
    const t = this.totals.get(kind) ?? [0, 0];
    let [a, b] = t;
    const own = exceptUri === undefined ? undefined : this.files.get(exceptUri)?.fingerprints[kind];
    if (own) {
      const [x, y] = lanes(exceptUri + '\u0000' + own);
      a ^= x;
      b ^= y;
    }
    return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
  }

  /** Objects of every indexed file except `exceptUri`. */
  objects(exceptUri?: string): K8sObject[] {
    return this.list('objects', exceptUri);
  }
  objectsOf(uri: string): K8sObject[] {
    return this.files.get(uri)?.facts.objects ?? [];
  }
  /** Every indexed file except `exceptUri`, with its objects. */
  entries(exceptUri?: string): [string, K8sObject[]][] {
    return [...this.files].filter(([uri]) => uri !== exceptUri).map(([uri, e]): [string, K8sObject[]] => [uri, e.facts.objects]);
  }
  /** Calls `fn` with each fact of one kind of every file except `exceptUri`, and the file's URI. */
  each<K extends ListKind>(kind: K, exceptUri: string | undefined, fn: (uri: string, item: Facts[K][number]) => void): void {
    for (const [uri, e] of this.files) if (uri !== exceptUri) for (const x of e.facts[kind]) fn(uri, x as Facts[K][number]);
  }
  /** The file an indexed object, workload or config comes from. */
  uriOf(item: object): string | undefined {
    if (!this.owners || this.owners.gen !== this.version) {
      const map = new Map<object, string>();
      for (const [uri, e] of this.files) {
        for (const o of e.facts.objects) map.set(o, uri);
        for (const w of e.facts.workloads) map.set(w, uri);
        for (const c of e.facts.configs) map.set(c, uri);
      }
      this.owners = { gen: this.version, map };
    }
    return this.owners.map.get(item);
  }
  /** The kustomization of the file's directory, or else of the nearest ancestor directory that has one. */
  kustomizationFor(uri: string): Kustomization | undefined {
    if (!this.kustomizations.size) return undefined;
    let best: Kustomization | undefined;
    for (const k of this.kustomizations.values()) {
      if (uri.startsWith(k.dir + '/') && (!best || k.dir.length > best.dir.length)) best = k;
    }
    return best;
  }
}

function lanes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}

export const EMPTY_WORKSPACE = new WorkspaceIndex();

/** A value computed from a view's lists, with the kinds it read and the lists it read them from. */
interface Derived {
  value: unknown;
  kinds: ListKind[];
  lists: unknown[];
  /** It read something that depends on the reading file (namespaces, kustomizations, owners): never shared. */
  specific: boolean;
}

/**
 * What one file can see: its own facts first, then those of every other indexed file. The rules
 * read other documents and files only through this (RuleContext.workspace).
 */
export class WorkspaceView {
  private readonly cache = new Map<ListKind, unknown[]>();
  private resolved?: { claims: ClaimFact[]; templates: ClaimTemplate[] };
  /**
   * @param allowed the kinds of facts the reader declared (`Rule.inputs`); reading another kind
   * throws. Undefined: everything may be read.
   */
  constructor(
    readonly uri: string,
    private readonly own: Facts,
    readonly index: WorkspaceIndex,
    private readonly allowed?: ReadonlySet<string>,
    private readonly reader = 'this rule',
  ) {}

  /**
   * The kinds of facts read through this view since the caller set it (the linter sets a fresh set
   * before each rule run: a run that read nothing of the workspace depends on its document only).
   */
  reads?: Set<string>;
  /** What the `derive` being computed reads. */
  private tracker?: { kinds: Map<ListKind, unknown>; specific: boolean };

  private check(kind: ListKind): void {
    if (this.allowed && !this.allowed.has(kind)) throw new Error(`${this.reader} reads workspace ${kind} but does not declare it (Rule.scope / Rule.inputs)`);
    this.reads?.add(kind);
  }
  /** Something this file's position in the workspace decides was read (kustomizations, owners). */
  private specific(kind?: string): void {
    if (kind) this.reads?.add(kind);
    if (this.tracker) this.tracker.specific = true;
  }

  private readonly derived = new Map<unknown, Derived>();
  /**
   * A value computed from the workspace once: a rule runs once per document, so what it derives
   * from every file (the collectors' mounts, say) is computed once per lint, not per document; and
   * when this view's lists are the index's shared lists (this file adds nothing of the kinds read),
   * once per version of the workspace for every file (the CLI over 2,000 files computes it once).
   * `compute` must read the workspace through this view only.
   */
  derive<T>(key: unknown, compute: () => T): T {
    let d = this.derived.get(key);
    if (!d) {
      const shared = this.index.sharedDerived(key);
      if (shared && shared.kinds.every((k, i) => this.listOf(k) === shared.lists[i])) d = shared;
    }
    if (d) {
      // the reads of the computation count as this reader's (declaration check, read log)
      for (const k of d.kinds) {
        this.check(k);
        this.tracker?.kinds.set(k, this.listOf(k));
      }
      if (d.specific) this.specific();
      return d.value as T;
    }
    const outer = this.tracker;
    const t = (this.tracker = { kinds: new Map<ListKind, unknown>(), specific: false });
    let value: T;
    try {
      value = compute();
    } finally {
      this.tracker = outer;
    }
    if (outer) {
      for (const [k, l] of t.kinds) outer.kinds.set(k, l);
      if (t.specific) outer.specific = true;
    }
    d = { value, kinds: [...t.kinds.keys()], lists: [...t.kinds.values()], specific: t.specific };
    this.derived.set(key, d);
    // shared only when it provably read the shared lists (a computation that read nothing through
    // this view may have read this file's own lists some other way)
    if (!d.specific && d.kinds.length > 0 && d.kinds.every((k, i) => d!.lists[i] === this.index.list(k))) this.index.setSharedDerived(key, d);
    return value;
  }

  /** The kustomization that holds file `uri` (see `effectiveNamespace`). */
  kustomizationFor(uri: string): Kustomization | undefined {
    this.specific('kustomizations');
    return this.index.kustomizationFor(uri);
  }
  /** The file an object, workload or config comes from: this file, or an indexed one. */
  uriOf(item: K8sObject | Workload | LogtailConfig): string | undefined {
    this.specific();
    if (this.own.objects.includes(item as K8sObject) || this.own.workloads.includes(item as Workload) || this.own.configs.includes(item as LogtailConfig)) return this.uri;
    return this.index.uriOf(item);
  }
  /** The namespace an object is applied to (`metadata.namespace`, else its kustomization's, else `default`; undefined when unknown). */
  namespaceOf(obj: K8sObject): string | undefined {
    if (obj.namespace) return obj.namespace;
    return effectiveNamespace(obj, this.uriOf(obj) ?? this.uri, this);
  }
  private resolveNamespaces(): { claims: ClaimFact[]; templates: ClaimTemplate[] } {
    if (!this.resolved) {
      const claims: ClaimFact[] = [];
      const templates: ClaimTemplate[] = [];
      for (const c of this.own.claims) claims.push({ ...c, namespace: effectiveNamespace(c.obj, this.uri, this) });
      this.index.each('claims', this.uri, (uri, c) => claims.push({ ...c, namespace: effectiveNamespace(c.obj, uri, this) }));
      for (const t of this.own.claimTemplates) templates.push({ ...t, namespace: effectiveNamespace(t.obj, this.uri, this) });
      this.index.each('claimTemplates', this.uri, (uri, t) => templates.push({ ...t, namespace: effectiveNamespace(t.obj, uri, this) }));
      this.resolved = { claims, templates };
    }
    return this.resolved;
  }

  /** This file's facts of a kind first, then every other indexed file's (no declaration check). */
  private listOf<K extends ListKind>(kind: K): Facts[K] {
    let out = this.cache.get(kind) as Facts[K] | undefined;
    if (!out) {
      const others = this.index.list(kind, this.uri) as unknown[];
      const mine = this.own[kind] as unknown[];
      out = (mine.length === 0 ? others : others.length === 0 ? mine : [...mine, ...others]) as Facts[K];
      this.cache.set(kind, out as unknown[]);
    }
    return out;
  }
  private all<K extends ListKind>(kind: K): Facts[K] {
    this.check(kind);
    const out = this.listOf(kind);
    this.tracker?.kinds.set(kind, out);
    return out;
  }

  /** Every Kubernetes object (List items unwrapped). */
  objects(): readonly K8sObject[] {
    return this.all('objects');
  }
  /** Every object with a pod spec. */
  workloads(): readonly Workload[] {
    return this.all('workloads');
  }
  /** Every collector container (Logtail, iLogtail, LoongCollector) with its workload and role. */
  collectors(): readonly CollectorFact[] {
    return this.all('collectors');
  }
  /** Every Logtail config: standalone, CRD, embedded in a ConfigMap; startup parameter files too (`bodyKind: 'startup'`). */
  configs(): readonly LogtailConfig[] {
    return this.all('configs');
  }
  /** Startup parameter files (`ilogtail_config.json` and the like). */
  startupFiles(): readonly LogtailConfig[] {
    return this.configs().filter((c) => c.bodyKind === 'startup');
  }
  /** Every PersistentVolumeClaim, with the namespace it is applied to (`namespaceOf`). */
  claims(): readonly ClaimFact[] {
    this.check('claims');
    this.specific('kustomizations');
    return this.resolveNamespaces().claims;
  }
  /** Claims StatefulSets create from `volumeClaimTemplates`, with their namespace (`namespaceOf`). */
  claimTemplates(): readonly ClaimTemplate[] {
    this.check('claimTemplates');
    this.specific('kustomizations');
    return this.resolveNamespaces().templates;
  }
  /** Every PersistentVolume. */
  persistentVolumes(): readonly VolumeInfo[] {
    return this.all('persistentVolumes');
  }
  /** Every hostPath volume of every workload. */
  hostPaths(): readonly HostPathFact[] {
    return this.all('hostPaths');
  }
  /**
   * The hostPath volumes that show a cleanup of their directory on every node (`Facts.cleanups`: a
   * DaemonSet's, mounted writable and whole by a container that is not a collector). Reading them
   * depends on those volumes only: an edit of another workload changes nothing read here.
   */
  cleanups(): readonly HostPathFact[] {
    return this.all('cleanups');
  }
  /** The hostPath volumes that hold `hostPath` (at or below their directory), the deepest first. */
  volumesAt(hostPath: string): HostPathFact[] {
    return this.hostPaths()
      .filter((h) => hostPathHolds(h, hostPath))
      .sort((a, b) => b.path.length - a.path.length);
  }
  /** HorizontalPodAutoscalers. */
  scalers(): readonly K8sObject[] {
    return this.all('scalers');
  }
  /**
   * Kustomize / strategic-merge patches of `w`: other workload documents of the same kind and
   * name (namespaces compatible) whose containers carry no image.
   */
  patchesOf(w: Workload): Workload[] {
    return this.all('patches').filter((p) => p !== w && p.kind === w.kind && p.name === w.name && !(p.obj.namespace && w.obj.namespace && p.obj.namespace !== w.obj.namespace));
  }
}
