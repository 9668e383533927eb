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
import { shiftInPlace } from '../parse/nodes';
import { LineIndex } from '../parse/lines';
import { parseJsonDoc } from '../parse/json';
import { looksBinary, parseFile } from '../parse/index';
import { hasTemplateActions } from '../parse/template';
import type { Language, ParsedDoc, ParsedFile } from '../parse/types';
import { parseYamlChunk, splitYamlDocuments } from '../parse/yaml';
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
}

export interface UpdateOptions {
  /** Files longer than this are not parsed (`parsed.skipped = 'too-large'`). */
  maxChars?: number;
  /** A project configuration file: parsed, but no Kubernetes object or config is derived. */
  projectConfig?: boolean;
  /** False when the store is used once (the CLI): the linter then caches nothing with the models. */
  keep?: boolean;
}

const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** The per-file cache of document models (see the top of this file). */
export class DocumentStore {
  /** Models built so far by this store (a test counts them). */
  builds = 0;
  private prev?: { text: string; language: Language; uri: string; projectConfig: boolean; docs: DocumentModel[] };
  /** The file's current text for the configs' editors (one object per store, updated in place). */
  private readonly editors: { text: string; language: Language } = { text: '', language: 'yaml' };

  update(text: string, language: Language, uri: string, options: UpdateOptions = {}): FileModel {
    const lines = new LineIndex(text);
    const max = options.maxChars ?? DEFAULT_MAX_CHARS;
    const projectConfig = !!options.projectConfig;
    if (looksBinary(text) || text.length > max) {
      this.prev = undefined;
      return fileModel(uri, language, { text, language, docs: [], lines, skipped: looksBinary(text) ? 'binary' : 'too-large' }, [], false);
    }
    this.editors.text = text;
    this.editors.language = language;
    if (language === 'yaml' && hasTemplateActions(text)) {
      // a Go/Helm template is parsed with its actions masked (parse/template.ts), the masked ranges
      // carried by each document: modelled whole, without re-use (templates are small files)
      this.prev = undefined;
      const parsed = parseFile(text, language, max);
      const m = modelsOfParsed(parsed, uri, projectConfig, this.editors as ConfigEditors);
      this.builds += m.docs.length;
      return m;
    }
    const prev = this.prev && this.prev.language === language && this.prev.uri === uri && this.prev.projectConfig === projectConfig ? this.prev : undefined;
    const reusable = new Map<string, { model: DocumentModel; start: number }[]>();
    if (prev) {
      for (const m of prev.docs) {
        const list = reusable.get(m.key);
        const entry = { model: m, start: m.doc.start };
        if (list) list.push(entry);
        else reusable.set(m.key, [entry]);
      }
    }
    const bounds = language === 'yaml' ? splitYamlDocuments(text) : [{ start: 0, end: text.length }];
    const docs: DocumentModel[] = [];
    // alias expansion is limited per document and per file (parse/budget.ts)
    const budget = new ExpansionBudget();
    let expanded = 0;
    for (let i = 0; i < bounds.length; i++) {
      const { start, end } = bounds[i]!;
      const chunk = text.slice(start, end);
      const key = hash64(chunk);
      const { allowance, scope } = budget.allowance(expanded);
      // reuse only a model whose text is verifiably the same (the previous text at its old place),
      // parsed within the expansion allowance this place has
      const candidates = reusable.get(key);
      const hit = candidates?.findIndex((c) => c.model.length === chunk.length && prev!.text.startsWith(chunk, c.start) && expansionFits(c.model.doc.expansion, allowance, scope)) ?? -1;
      const model = hit >= 0 ? candidates!.splice(hit, 1)[0]!.model : undefined;
      if (model) moveModel(model, start - model.doc.start, i);
      const m = model ?? this.build(chunk, key, start, i, language, uri, projectConfig, allowance, scope);
      expanded += m.doc.expansion?.expanded ?? 0;
      docs.push(m);
    }
    this.prev = options.keep === false ? undefined : { text, language, uri, projectConfig, docs };
    return fileModel(uri, language, { text, language, docs: docs.map((d) => d.doc), lines }, docs, options.keep !== false);
  }

  private build(chunk: string, key: string, start: number, index: number, language: Language, uri: string, projectConfig: boolean, allowance: number, scope: ExpansionScope): DocumentModel {
    this.builds++;
    let doc: ParsedDoc;
    if (language === 'yaml') {
      const c = parseYamlChunk(chunk, start, allowance, scope);
      doc = { index, start, end: start + chunk.length, root: c.root, errors: c.errors, templated: c.templated, expansion: c.expansion };
    } else doc = parseJsonDoc(chunk, language === 'json')[0]!;
    const objects = projectConfig || (doc.errors.length && !doc.root) ? [] : objectsOfDoc(doc);
    const workloads = objects.map(workloadOf).filter((w): w is Workload => !!w);
    const configs = projectConfig ? [] : configsOfDoc(doc, uri, objects, this.editors as ConfigEditors);
    const facts = objects.length || configs.length ? factsOf(objects, configs, workloads) : EMPTY_FACTS;
    const embedded = configs.filter((c) => c.embedded).map((c) => c.doc);
    return docModel(key, chunk.length, doc, objects, workloads, configs, facts, embedded);
  }
}

function docModel(key: string, length: number, doc: ParsedDoc, objects: K8sObject[], workloads: Workload[], configs: LogtailConfig[], facts: Facts, embedded: ParsedDoc[]): DocumentModel {
  let fps: Record<FactKind, string> | undefined;
  return {
    key,
    length,
    doc,
    objects,
    workloads,
    configs,
    facts,
    embedded,
    memo: new Map(),
    get fingerprints() {
      return (fps ??= fingerprintsOf(facts));
    },
  };
}

/** Move a reused model to its new place: every offset of its trees, in place. */
function moveModel(m: DocumentModel, delta: number, index: number): void {
  const d = m.doc as { index: number; start: number; end: number };
  d.index = index;
  if (delta === 0) return;
  d.start += delta;
  d.end += delta;
  for (const e of m.doc.errors) {
    e.start += delta;
    e.end += delta;
  }
  shiftInPlace(m.doc.root, delta);
  for (const e of m.embedded) {
    (e as { start: number }).start += delta;
    (e as { end: number }).end += delta;
    for (const x of e.errors) {
      x.start += delta;
      x.end += delta;
    }
    shiftInPlace(e.root, delta);
  }
}

function fileModel(uri: string, language: Language, parsed: ParsedFile, docs: DocumentModel[], cacheable: boolean): FileModel {
  let facts: Facts | undefined;
  const fps = new Map<FactKind, string>();
  const fingerprint = (kind: FactKind): string => {
    let fp = fps.get(kind);
    if (fp === undefined) {
      const parts: string[] = [];
      for (const d of docs) if (d.fingerprints[kind]) parts.push(d.fingerprints[kind]);
      fp = parts.length === 0 ? '' : parts.length === 1 ? parts[0]! : hash64(parts.join('|'));
      fps.set(kind, fp);
    }
    return fp;
  };
  return {
    uri,
    language,
    parsed,
    docs,
    cacheable,
    facts() {
      if (!facts) {
        const f: Facts = { objects: [], workloads: [], configs: [], collectors: [], claims: [], claimTemplates: [], persistentVolumes: [], hostPaths: [], patches: [], scalers: [] };
        for (const d of docs) for (const k of Object.keys(f) as (keyof Facts)[]) if (d.facts[k].length) (f[k] as unknown[]).push(...(d.facts[k] as unknown[]));
        facts = f;
      }
      return facts;
    },
    fingerprint,
    fingerprints() {
      const out = {} as Record<FactKind, string>;
      for (const k of FACT_KINDS) out[k] = fingerprint(k);
      return out;
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
