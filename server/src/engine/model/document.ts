// The document model: for each `---` document of a YAML file (and for each JSON file) the parsed
// tree with file offsets and everything the engine derives from it (objects, workloads with their
// pod specs, Logtail configs, and the facts of model/facts.ts), built once per document text.
//
// A `DocumentStore` belongs to one file and is owned by its caller (the language server keeps one
// per open document; the CLI one per file). Each `update` splits the new text and reuses the
// models of the previous version whose text is unchanged — an edit in one document of a
// 500-document file rebuilds that document's model only. A reused model that moved (an earlier
// document grew or shrank) has its offsets moved in place: no copy of any tree. The store keeps
// nothing but the current version: its memory is bounded by the file it models, and its keys are
// short hashes, never slices of the file text.
import { shiftInPlace, type Node } from '../parse/nodes';
import { LineIndex } from '../parse/lines';
import { parseJsonDoc } from '../parse/json';
import { looksBinary, parseFile } from '../parse/index';
import { hasTemplateActions } from '../parse/template';
import type { Language, ParsedDoc, ParsedFile } from '../parse/types';
import { boundsArrays, markersIn, markersNear, parseYamlChunk } from '../parse/yaml';
import { flat, type TextLike } from '../parse/text';
import { ExpansionBudget, expansionFits, type ExpansionScope } from '../parse/budget';
import { EMPTY_FACTS, FACT_KINDS, factsOf, fingerprintsOf, hash64, type FactKind, type Facts } from './facts';
import { objectsOfDoc, workloadOf, type K8sObject, type Workload } from './k8s';
import { configsOfDoc, type ConfigEditors, type LogtailConfig } from './logtail';

export interface DocumentModel {
  /** Hash of the document's text (with its length): the cache key. */
  readonly key: string;
  readonly length: number;
  /** The parsed document; its offsets (and those of everything below) follow the document when it moves. */
  readonly doc: ParsedDoc;
  readonly objects: K8sObject[];
  readonly workloads: Workload[];
  readonly configs: LogtailConfig[];
  /** Facts other documents and files may read (model/facts.ts). */
  readonly facts: Facts;
  /** Per kind of fact, a fingerprint of this document's facts of that kind (no offsets; computed on first use). */
  readonly fingerprints: Readonly<Record<FactKind, string>>;
  /** Trees parsed from embedded configs (ConfigMap data): moved with the document. */
  readonly embedded: ParsedDoc[];
  /** Results the lint layer keeps with the document (document-scope findings), keyed by rule. */
  readonly memo: Map<unknown, unknown>;
  /** Objects with a `logtail-lint.io/ignore` annotation. */
  readonly ignoring: K8sObject[];
  /** The lint layer's result for the whole document (lint.ts). */
  result?: unknown;
  /** Estimated bytes the model keeps alive (its trees, their strings, its text): what the store's budget counts. */
  readonly bytes: number;
}

/** One version of a file, as models. */
export interface FileModel {
  readonly uri: string;
  readonly language: Language;
  readonly parsed: ParsedFile;
  readonly docs: readonly DocumentModel[];
  /** The facts of every document, concatenated (built on first use). */
  facts(): Facts;
  /** Fingerprint of one kind of fact over every document of the file. */
  fingerprint(kind: FactKind): string;
  /** Every kind's fingerprint (what the workspace index stores). */
  fingerprints(): Record<FactKind, string>;
  /** False for a one-off model (nothing will be re-used): the linter keeps no cache with it. */
  readonly cacheable: boolean;
  /** Gathered while the store built the file model (absent for other models: look at every document). */
  readonly summary?: FileSummary;
}

/** What the linter needs of every document, gathered by the store in its one pass over them. */
export interface FileSummary {
  /** Some document contains template syntax. */
  templated: boolean;
  /** The documents without template syntax that have syntax errors, in order. */
  withErrors: ParsedDoc[];
  /** Objects with a `logtail-lint.io/ignore` annotation. */
  ignoring: K8sObject[];
  /** Some document's text holds `logtail-lint-disable` (a suppression comment) / a CRLF line end: the text's, found per document when it was built. */
  disables: boolean;
  crlf: boolean;
}

export interface UpdateOptions {
  /** Files longer than this are not parsed (`parsed.skipped = 'too-large'`). */
  maxChars?: number;
  /** A project configuration file: parsed, but no Kubernetes object or config is derived. */
  projectConfig?: boolean;
  /** False when the store is used once (the CLI): the linter then caches nothing with the models. */
  keep?: boolean;
}

/**
 * Estimated bytes the models of one store may keep for the next version (default 256 MiB). The
 * estimate counts tree nodes, not source characters: a 412-byte document of nested aliases expands
 * to a tree of 100,000 nodes. Past the budget the largest models are not kept (they are built
 * again if the next version still has them).
 */
export const DEFAULT_STORE_BUDGET = 256 * 1024 * 1024;

/** Estimated bytes of a parsed tree: per node and pair, and the characters of its strings. */
export function treeBytes(root: Node | undefined): number {
  if (!root) return 0;
  let bytes = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'map') {
      bytes += 72 + 16 * n.pairs.length;
      for (const p of n.pairs) {
        bytes += 64 + 72 + (typeof p.key.value === 'string' ? 2 * p.key.value.length : 0);
        stack.push(p.value);
      }
    } else if (n.type === 'seq') {
      bytes += 72 + 8 * n.items.length;
      for (const x of n.items) stack.push(x);
    } else bytes += 72 + (typeof n.value === 'string' ? 2 * n.value.length : 0);
  }
  return bytes;
}

const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** The length of the common beginning of two strings (compared in native chunks, not per character). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const step of [1 << 16, 1 << 12, 1 << 8, 1 << 4]) while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the common end of two strings, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  const n = Math.min(a.length, b.length, max);
  let i = 0;
  for (const step of [1 << 16, 1 << 12, 1 << 8, 1 << 4]) while (i + step <= n && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * The document markers of `text`, an edit of a text whose markers were `old`, that kept its first
 * `prefix` characters and everything from `changedEnd` on (the old text's end moved by `delta`).
 * A marker depends on the characters from the one before it to the one after `---` (`markerAt`):
 * those wholly before the edit or wholly after it are the old ones; only the edited range is read.
 */
export function editedMarks(old: readonly number[], text: TextLike, prefix: number, changedEnd: number, delta: number): number[] {
  const oldChangedEnd = changedEnd - delta;
  let head = 0;
  while (head < old.length && old[head]! + 4 <= prefix) head++;
  let tail = old.length;
  while (tail > head && old[tail - 1]! - 1 >= oldChangedEnd) tail--;
  const out = old.slice(0, head);
  for (const m of markersNear(text, Math.max(0, prefix - 3), changedEnd)) if (m + 4 > prefix && m - 1 < changedEnd) out.push(m);
  for (let k = tail; k < old.length; k++) out.push(old[k]! + delta);
  return out;
}

/** The per-file cache of document models (see the top of this file). */
export class DocumentStore {
  /** Models built so far by this store (a test counts them). */
  builds = 0;
  private version = 0;
  /** Estimated bytes of the models kept for the next version (`retained`). */
  private kept = { models: 0, bytes: 0 };

  constructor(private readonly budget = DEFAULT_STORE_BUDGET) {}

  /** What the store keeps for the next version: models and their estimated bytes (at most the budget). */
  retained(): { models: number; bytes: number; budget: number } {
    return { ...this.kept, budget: this.budget };
  }
  private prev?: { text: TextLike; language: Language; uri: string; projectConfig: boolean; docs: DocumentModel[]; lines: LineIndex; marks: number[]; starts: Float64Array; ends: Float64Array; file?: FileModel };
  /** The file's current text for the configs' editors (one object per store, updated in place; a pieced text is joined when an editor reads it). */
  private readonly editors: { src: TextLike; readonly text: string; language: Language } = {
    src: '',
    get text() {
      return flat(this.src);
    },
    language: 'yaml',
  };

  /**
   * The models of `text`, the file's new version. `text` may be a pieced text (parse/text.ts) made
   * by `edit` from the previous version's: the store then reads the edited range and slices of it
   * only, and never joins it (`parsed.text` does, when something reads it).
   */
  update(text: TextLike, language: Language, uri: string, options: UpdateOptions = {}): FileModel {
    const max = options.maxChars ?? DEFAULT_MAX_CHARS;
    const projectConfig = !!options.projectConfig;
    const prev = this.prev && this.prev.language === language && this.prev.uri === uri && this.prev.projectConfig === projectConfig ? this.prev : undefined;
    const binary = looksBinary(text);
    if (binary || text.length > max) {
      this.prev = undefined;
      const whole = flat(text);
      return fileModel(uri, language, { text: whole, language, docs: [], lines: new LineIndex(whole), skipped: binary ? 'binary' : 'too-large' }, [], false);
    }
    // the same text again (a re-validation, a version with the same content): the same models
    if (prev?.file && prev.text === text && options.keep !== false) return prev.file;
    this.editors.src = text;
    this.editors.language = language;
    if (language === 'yaml' && hasTemplateActions(text)) {
      // a Go/Helm template is parsed with its actions masked (parse/template.ts), the masked ranges
      // carried by each document: modelled whole, without re-use (templates are small files)
      this.prev = undefined;
      const parsed = parseFile(flat(text), language, max);
      const m = modelsOfParsed(parsed, uri, projectConfig, this.editors as ConfigEditors);
      this.builds += m.docs.length;
      return m;
    }
    // What the edit kept: the text before its first changed character and after its last one.
    // Documents wholly inside the kept beginning are the previous ones at the same place, those
    // wholly inside the kept end the previous ones moved by the change of length: no hashing, no
    // comparison of their text. Only documents overlapping the edit are looked up by content.
    // (a pieced text made by an edit of the previous version knows them: nothing is compared)
    let prefix = 0;
    let suffix = 0;
    if (prev) {
      const change = typeof text === 'string' ? undefined : text.change;
      if (change && typeof prev.text !== 'string' && change.base === prev.text.id) ({ prefix, suffix } = change);
      else {
        const a = flat(prev.text);
        const b = flat(text);
        prefix = commonPrefix(a, b);
        suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
      }
    }
    const delta = prev ? text.length - prev.text.length : 0;
    const changedEnd = text.length - suffix;
    const lines = prev ? LineIndex.edited(prev.lines, text, prefix, suffix) : new LineIndex(text);
    // document markers: the previous ones outside the edit (moved), looked for again around it only
    const marks = language !== 'yaml' ? [] : prev?.marks ? editedMarks(prev.marks, text, prefix, changedEnd, delta) : markersIn(flat(text));
    // the documents' places, as two arrays (no object per document; kept for the next update)
    const bounds = language === 'yaml' ? boundsArrays(text, marks) : { starts: Float64Array.of(0), ends: Float64Array.of(text.length) };
    const count = bounds.starts.length;
    const old = prev?.docs ?? [];
    const used = new Set<DocumentModel>(); // models taken by content (few)
    const stamp = ++this.version;
    const taken = (m: DocumentModel) => (m as { takenBy?: number }).takenBy === stamp || (used.size > 0 && used.has(m));
    // old positions of the documents, before any is moved
    const oldStarts = prev?.starts ?? new Float64Array(0);
    const oldEnds = prev?.ends ?? new Float64Array(0);
    let reusable: Map<string, { model: DocumentModel; start: number }[]> | undefined;
    const byContent = () => {
      if (!reusable) {
        reusable = new Map();
        // only documents that overlapped the edited range can be found again by content
        const oldChangedEnd = prev!.text.length - suffix;
        for (let k = 0; k < old.length; k++) {
          const m = old[k]!;
          if (taken(m) || oldEnds[k]! < prefix || oldStarts[k]! > oldChangedEnd) continue;
          const list = reusable.get(m.key);
          const entry = { model: m, start: m.doc.start };
          if (list) list.push(entry);
          else reusable.set(m.key, [entry]);
        }
      }
      return reusable;
    };
    const docs: DocumentModel[] = [];
    const parsedDocs: ParsedDoc[] = [];
    const summary: FileSummary = { templated: false, withErrors: [], ignoring: [], disables: false, crlf: false };
    const kinds: KindMasks = { masks: new Uint16Array(count), any: 0 };
    let bytes = 0;
    // alias expansion is limited per document and per file (parse/budget.ts)
    const budget = new ExpansionBudget();
    let expanded = 0;
    let j = 0;
    // the allowance depends on the expansion so far (most files expand nothing: computed once)
    let allowanceAt = -1;
    let allowance = 0;
    let scope: ExpansionScope = 'document';
    for (let i = 0; i < count; i++) {
      const start = bounds.starts[i]!;
      const end = bounds.ends[i]!;
      if (allowanceAt !== expanded) ({ allowance, scope } = budget.allowance((allowanceAt = expanded)));
      let m: DocumentModel | undefined;
      if (prev && (end <= prefix || start >= changedEnd)) {
        const shift = end <= prefix ? 0 : delta;
        while (j < old.length && oldStarts[j]! < start - shift) j++;
        const c = old[j];
        // the same text at the same place (moved by the edit's change of length), parsed within
        // the expansion allowance this place has
        if (c && !taken(c) && oldStarts[j] === start - shift && oldEnds[j] === end - shift && (!internals(c).expands || expansionFits(internals(c).expands, allowance, scope))) {
          (c as { takenBy?: number }).takenBy = stamp;
          // (a document before the edit keeps its place, and its number when the previous version kept
          // every model: its parsed document is not touched)
          if (shift !== 0 || j !== i || !prev.file) moveModel(c, shift, i);
          m = c;
        }
      }
      if (!m) {
        const chunk = text.slice(start, end);
        const key = hash64(chunk);
        if (prev) {
          // reuse only a model whose text is verifiably the same (the previous text at its old place)
          const candidates = byContent().get(key);
          const hit = candidates?.findIndex((c) => !taken(c.model) && c.model.length === chunk.length && prev.text.startsWith(chunk, c.start) && expansionFits(c.model.doc.expansion, allowance, scope)) ?? -1;
          if (hit >= 0) {
            m = candidates!.splice(hit, 1)[0]!.model;
            used.add(m);
            moveModel(m, start - m.doc.start, i);
          }
        }
        m ??= this.build(chunk, key, start, i, language, uri, projectConfig, allowance, scope);
      }
      const pd = m.doc;
      const mi = internals(m);
      if (mi.expands) expanded += mi.expands.expanded;
      docs.push(m);
      parsedDocs.push(pd);
      // what the linter would otherwise look for in every document, gathered in this one pass
      bytes += m.bytes;
      if (mi.templated) summary.templated = true;
      else if (mi.broken) summary.withErrors.push(pd);
      if (internals(m).ignores) summary.ignoring.push(...m.ignoring);
      // the documents cover the text and split it at line starts: a match never spans two of them
      if (internals(m).disables) summary.disables = true;
      if (internals(m).crlf) summary.crlf = true;
      kinds.any |= kinds.masks[i] = internals(m).kinds;
    }
    const pieced = typeof text === 'string' ? undefined : text;
    const parsed: ParsedFile = pieced
      ? {
          get text() {
            return flat(pieced);
          },
          source: pieced,
          language,
          docs: parsedDocs,
          lines,
        }
      : { text: text as string, language, docs: parsedDocs, lines };
    const file = fileModel(uri, language, parsed, docs, options.keep !== false, summary, kinds);
    if (options.keep === false) {
      this.prev = undefined;
      this.kept = { models: 0, bytes: 0 };
      return file;
    }
    // keep the models for the next version within the budget: the largest go first
    let keep = docs;
    if (bytes > this.budget) {
      const dropped = new Set<DocumentModel>();
      for (const d of [...docs].sort((a, b) => b.bytes - a.bytes)) {
        if (bytes <= this.budget) break;
        dropped.add(d);
        bytes -= d.bytes;
      }
      keep = docs.filter((d) => !dropped.has(d));
    }
    this.kept = { models: keep.length, bytes };
    // (the whole file model is kept for an unchanged text only when nothing was dropped: it holds every model)
    // the places of the kept models (read by the next update without touching every model)
    let starts = bounds.starts;
    let ends = bounds.ends;
    if (keep !== docs) {
      starts = new Float64Array(keep.length);
      ends = new Float64Array(keep.length);
      for (let k = 0; k < keep.length; k++) {
        starts[k] = keep[k]!.doc.start;
        ends[k] = keep[k]!.doc.end;
      }
    }
    this.prev = { text, language, uri, projectConfig, docs: keep, lines, marks, starts, ends, file: keep === docs ? file : undefined };
    return file;
  }

  private build(slice: string, key: string, start: number, index: number, language: Language, uri: string, projectConfig: boolean, allowance: number, scope: ExpansionScope): DocumentModel {
    this.builds++;
    // The model outlives this version of the file, and the strings the parser takes from its input
    // are slices of it: parse a copy of the document's text, so that the model keeps that copy
    // alive, not the whole file's text of the version it was built in (one copy of the file per
    // keystroke otherwise: measured +0.31 MB per edit of a 322 KB file).
    const chunk = ownCopy(slice);
    let doc: ParsedDoc;
    if (language === 'yaml') {
      const c = parseYamlChunk(chunk, start, allowance, scope);
      doc = new MovingDoc({ index, start, end: start + chunk.length, root: c.root, errors: c.errors, templated: c.templated, expansion: c.expansion });
    } else doc = new MovingDoc(parseJsonDoc(chunk, language === 'json')[0]!);
    const objects = projectConfig || (doc.errors.length && !doc.root) ? [] : objectsOfDoc(doc);
    const workloads = objects.map(workloadOf).filter((w): w is Workload => !!w);
    const configs = projectConfig ? [] : configsOfDoc(doc, uri, objects, this.editors as ConfigEditors);
    const facts = objects.length || configs.length ? factsOf(objects, configs, workloads) : EMPTY_FACTS;
    const embedded = configs.filter((c) => c.embedded).map((c) => c.doc);
    return docModel(key, chunk.length, doc, objects, workloads, configs, facts, embedded, 2 * chunk.length + treeBytes(doc.root) + embedded.reduce((n, e) => n + treeBytes(e.root), 0), chunk);
  }
}

/** A string with the same characters that shares no storage with its source (see `build`). */
function ownCopy(s: string): string {
  // a concatenation is flattened into new storage on first read; the slice refers to that
  return (' ' + s).slice(1);
}

/**
 * A parsed document of the store: `root` applies its model's pending move first (see `docModel`).
 * One class (the getter on the prototype) rather than an accessor defined on each object: every
 * keystroke reads the place of each of thousands of documents, and objects that each carry their
 * own accessor share no hidden class (each read was a slow lookup).
 */
class MovingDoc implements ParsedDoc {
  declare index: number;
  declare start: number;
  declare end: number;
  declare errors: ParsedDoc['errors'];
  declare templated: boolean;
  declare template?: ParsedDoc['template'];
  declare expansion?: ParsedDoc['expansion'];
  #tree: ParsedDoc['root'];
  #owner: { flush(): void } | undefined;
  constructor(d: ParsedDoc) {
    this.index = d.index;
    this.start = d.start;
    this.end = d.end;
    this.errors = d.errors;
    this.templated = d.templated;
    if (d.template) this.template = d.template;
    if (d.expansion) this.expansion = d.expansion;
    this.#tree = d.root;
  }
  follow(owner: { flush(): void }): void {
    this.#owner = owner;
  }
  get root(): ParsedDoc['root'] {
    this.#owner?.flush();
    return this.#tree;
  }
}

/** What the store and the file model use of a document model besides its interface. */
interface ModelInternals {
  /** The document's facts without applying a pending move (for checks that read no offset). */
  readonly rawFacts: Facts;
  /** Bit i set: the document has facts of kind `FACT_KINDS[i]` (`kindsOf`). */
  readonly kinds: number;
  /** Offsets of the trees are `delta` behind the document's place: moved when next read (`flush`). */
  defer(delta: number): void;
  flush(): void;
  lanes?: Uint32Array;
  takenBy?: number;
  /** Some object of the document has a `logtail-lint.io/ignore` annotation (read without applying a pending move). */
  readonly ignores: boolean;
  /** The document's text holds `logtail-lint-disable` / a CRLF (FileSummary). */
  readonly disables: boolean;
  readonly crlf: boolean;
  /**
   * What the store's pass needs of the parsed document, fixed for the model's life and kept here
   * so that the pass reads one object per document (the model), not three: its alias expansion
   * when it expanded or was cut short (else undefined: it fits any allowance), whether it has
   * syntax errors, whether it holds template syntax.
   */
  readonly expands: ParsedDoc['expansion'];
  readonly broken: boolean;
  readonly templated: boolean;
}
const internals = (m: DocumentModel) => m as DocumentModel & ModelInternals;

/**
 * A document model. When the document moves (an edit before it changed the length), its place
 * (`doc.start`, `doc.end`, syntax errors) moves at once, but the offsets inside its trees move only
 * when something reads them: the tree (`doc.root`), the objects, workloads, configs, facts — all go
 * through getters that apply the pending move first. A keystroke thus costs nothing for the
 * documents after it that nobody reads (the linter reuses their findings, kept relative).
 */
function docModel(key: string, length: number, doc: ParsedDoc, objects: K8sObject[], workloads: Workload[], configs: LogtailConfig[], facts: Facts, embedded: ParsedDoc[], bytes = 0, text?: string): DocumentModel {
  const m = new Model(key, length, doc, objects, workloads, configs, facts, embedded, bytes, text);
  // a stored document's tree moves when read (models of an already parsed file never move)
  if (doc instanceof MovingDoc) doc.follow(m);
  return m;
}

/**
 * The document model (see `docModel`). A class, its getters on the prototype: an object literal
 * with seven getters and closures cost ~15 µs to create per document (the runtime defines each
 * accessor), 30-60 ms of a 2,000-document first lint.
 */
class Model implements DocumentModel, ModelInternals {
  readonly memo = new Map<unknown, unknown>();
  result: unknown = undefined;
  readonly rawFacts: Facts;
  readonly kinds: number;
  readonly ignores: boolean;
  readonly disables: boolean;
  readonly crlf: boolean;
  readonly expands: ParsedDoc['expansion'];
  readonly broken: boolean;
  readonly templated: boolean;
  lanes: Uint32Array | undefined = undefined;
  takenBy = 0;
  private pending = 0;
  private fps: Record<FactKind, string> | undefined = undefined;
  private readonly ignoringList: K8sObject[];
  /** The tree, read before the document follows this model (its `root` getter flushes). */
  private readonly tree: ParsedDoc['root'];
  constructor(
    readonly key: string,
    readonly length: number,
    readonly doc: ParsedDoc,
    private readonly objectList: K8sObject[],
    private readonly workloadList: Workload[],
    private readonly configList: LogtailConfig[],
    private readonly factList: Facts,
    private readonly embeddedList: ParsedDoc[],
    readonly bytes: number,
    text: string | undefined,
  ) {
    this.tree = doc.root;
    this.rawFacts = factList;
    this.kinds = kindsOf(factList);
    this.ignoringList = objectList.filter((o) => o.ignore.size);
    this.ignores = this.ignoringList.length > 0;
    this.disables = !!text?.includes('logtail-lint-disable');
    this.crlf = !!text?.includes('\r\n');
    const e = doc.expansion;
    this.expands = e && (e.truncated || e.expanded > 0) ? e : undefined;
    this.broken = doc.errors.length > 0;
    this.templated = doc.templated;
  }
  get objects(): K8sObject[] {
    this.flush();
    return this.objectList;
  }
  get workloads(): Workload[] {
    this.flush();
    return this.workloadList;
  }
  get configs(): LogtailConfig[] {
    this.flush();
    return this.configList;
  }
  get facts(): Facts {
    this.flush();
    return this.factList;
  }
  get embedded(): ParsedDoc[] {
    this.flush();
    return this.embeddedList;
  }
  get ignoring(): K8sObject[] {
    if (this.ignoringList.length) this.flush();
    return this.ignoringList;
  }
  get fingerprints(): Record<FactKind, string> {
    return (this.fps ??= fingerprintsOf(this.factList)); // no offsets: no need to move the trees
  }
  defer(delta: number): void {
    this.pending += delta;
  }
  flush(): void {
    if (this.pending === 0) return;
    const delta = this.pending;
    this.pending = 0;
    shiftInPlace(this.tree, delta);
    for (const e of this.embeddedList) {
      (e as { start: number }).start += delta;
      (e as { end: number }).end += delta;
      for (const x of e.errors) {
        x.start += delta;
        x.end += delta;
      }
      shiftInPlace(e.root, delta);
    }
  }
}

/** The kinds of fact a document has, one bit per kind (`FACT_KINDS` order; at most 16 kinds: a Uint16Array holds them). */
type UpTo16 = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16;
/** Type check: a 17th kind of fact would not fit the Uint16Array masks (widen them to Uint32Array first). */
export const KIND_MASKS_FIT: (typeof FACT_KINDS)['length'] extends UpTo16 ? true : never = true;
function kindsOf(f: Facts): number {
  if (f === EMPTY_FACTS) return 0;
  let mask = 0;
  for (let k = 0; k < FACT_KINDS.length; k++) if ((f[FACT_KINDS[k]!] as unknown[]).length) mask |= 1 << k;
  return mask;
}

/**
 * Per document (in order) the kinds of fact it has (`kindsOf`), and their union: what the file
 * model reads instead of every document's facts — a kind no document has (most kinds, in most
 * files) is answered without visiting the documents, and a kind some have visits only those.
 */
export interface KindMasks {
  masks: Uint16Array;
  any: number;
}
function masksOf(docs: readonly DocumentModel[]): KindMasks {
  const masks = new Uint16Array(docs.length);
  let any = 0;
  for (let i = 0; i < docs.length; i++) any |= masks[i] = internals(docs[i]!).kinds;
  return { masks, any };
}

/** Per kind of fact, the document's fingerprint as two 32-bit numbers (0, 0 for none), computed once per model. */
const NO_FACTS = new Uint32Array(0);
function lanesOf(d: DocumentModel): Uint32Array {
  const m = d as DocumentModel & { lanes?: Uint32Array };
  let l = m.lanes;
  if (!l) {
    if (internals(d).rawFacts === EMPTY_FACTS) l = NO_FACTS;
    else {
      const lanes = new Uint32Array(2 * FACT_KINDS.length);
      const fps = d.fingerprints;
      FACT_KINDS.forEach((k, i) => {
        const fp = fps[k];
        if (!fp) return;
        const [x, y] = fp.split('.');
        lanes[2 * i] = parseInt(x!, 36) >>> 0 || 1; // never (0, 0): that means "none"
        lanes[2 * i + 1] = parseInt(y ?? '0', 36) >>> 0;
      });
      l = lanes;
    }
    m.lanes = l;
  }
  return l;
}

/** Move a reused model to its new place: every offset of its trees, in place. */
function moveModel(m: DocumentModel, delta: number, index: number): void {
  const d = m.doc as { index: number; start: number; end: number };
  d.index = index;
  if (delta === 0) return;
  d.start += delta;
  d.end += delta;
  if (internals(m).broken)
    for (const e of m.doc.errors) {
      e.start += delta;
      e.end += delta;
    }
  internals(m).defer(delta);
}

function fileModel(uri: string, language: Language, parsed: ParsedFile, docs: DocumentModel[], cacheable: boolean, summary?: FileSummary, known?: KindMasks): FileModel {
  let facts: Facts | undefined;
  let kinds = known;
  const masks = () => (kinds ??= masksOf(docs));
  let all: Record<FactKind, string> | undefined;
  /** Every kind's fingerprint in one pass: an ordered hash of the documents' fingerprints (each hashed once, as numbers). */
  const compute = (): Record<FactKind, string> => {
    const K = FACT_KINDS.length;
    const acc = new Uint32Array(2 * K);
    const count = new Uint32Array(K);
    const first: (DocumentModel | undefined)[] = new Array(K);
    for (let k = 0; k < K; k++) {
      acc[2 * k] = 0x811c9dc5;
      acc[2 * k + 1] = 0x01000193;
    }
    const { masks: per, any } = masks();
    for (let i = 0; i < docs.length && any; i++) {
      if (!per[i]) continue; // no fact of any kind (its lanes are all (0, 0))
      const d = docs[i]!;
      const l = lanesOf(d);
      if (l === NO_FACTS) continue;
      for (let k = 0; k < K; k++) {
        const x = l[2 * k]!;
        const y = l[2 * k + 1]!;
        if (x === 0 && y === 0) continue; // no fact of this kind
        if (count[k]++ === 0) first[k] = d;
        acc[2 * k] = Math.imul(acc[2 * k]! ^ x, 16777619);
        const b = acc[2 * k + 1]!;
        acc[2 * k + 1] = Math.imul(b ^ y, 0x5bd1e995) ^ (b >>> 15);
      }
    }
    const out = {} as Record<FactKind, string>;
    FACT_KINDS.forEach((kind, k) => {
      const n = count[k]!;
      out[kind] = n === 0 ? '' : n === 1 ? first[k]!.fingerprints[kind] : acc[2 * k]!.toString(36) + '.' + acc[2 * k + 1]!.toString(36) + '.' + n;
    });
    return out;
  };
  // a kind no document has is '' (as compute() gives it) without visiting the documents: most kinds
  // a keystroke's cached runs depend on are absent from most files
  const fingerprint = (kind: FactKind): string => (all ? all[kind] : masks().any & (1 << FACT_KINDS.indexOf(kind)) ? (all = compute())[kind] : '');
  return {
    uri,
    language,
    parsed,
    docs,
    cacheable,
    ...(summary ? { summary } : {}),
    facts() {
      // each kind is concatenated when first read: a keystroke reads few kinds of the whole file
      if (!facts) {
        const f = {} as Facts;
        FACT_KINDS.forEach((k, bit) => {
          let list: unknown[] | undefined;
          Object.defineProperty(f, k, {
            enumerable: true,
            get() {
              if (!list) {
                list = [];
                const { masks: per, any } = masks();
                // only the documents that have facts of this kind are visited (none, for most kinds)
                for (let i = 0; i < docs.length && any & (1 << bit); i++) {
                  if (!(per[i]! & (1 << bit))) continue;
                  const d = docs[i]!;
                  const xs = internals(d).rawFacts[k] as unknown[];
                  internals(d).flush(); // the facts are read: their offsets must be current
                  for (let j = 0; j < xs.length; j++) list.push(xs[j]);
                }
              }
              return list;
            },
          });
        });
        facts = f;
      }
      return facts;
    },
    fingerprint,
    fingerprints() {
      return { ...(all ??= compute()) };
    },
  };
}

/** Models for an already parsed file (no cache: every document is modelled once, here). */
export function modelsOfParsed(parsed: ParsedFile, uri: string, projectConfig = false, editors: ConfigEditors = { text: parsed.text, language: parsed.language }): FileModel {
  const docs = parsed.docs.map((doc): DocumentModel => {
    const objects = projectConfig || (doc.errors.length && !doc.root) ? [] : objectsOfDoc(doc);
    const workloads = objects.map(workloadOf).filter((w): w is Workload => !!w);
    const configs = projectConfig ? [] : configsOfDoc(doc, uri, objects, editors);
    const facts = objects.length || configs.length ? factsOf(objects, configs, workloads) : EMPTY_FACTS;
    return docModel('', doc.end - doc.start, doc, objects, workloads, configs, facts, configs.filter((c) => c.embedded).map((c) => c.doc));
  });
  return fileModel(uri, parsed.language, parsed, docs, false);
}
