// Large documents are linted in a worker thread, so that the server keeps answering the other
// documents while a 5 MB file is parsed and checked (a cold lint of such a file takes seconds).
// The worker keeps its own copy of the workspace facts (it scans the workspace folders itself
// and receives the open documents' texts when their facts change), runs one job at a time,
// and drops a queued job when a newer one for the same document arrives or when the client
// cancels the request.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { TextEdit } from 'vscode-languageserver';
import { DEFAULT_MAX_BYTES, DocumentStore, isConfigFile, languageOf, parseFile, WorkspaceIndex, type FileModel, type Language } from '../engine/index';
import { complete, hover, type CompletionEntry } from '../engine/complete/index';
import type { CompletionOptions } from '../engine/complete/completion';
import type { HoverOptions, HoverResult } from '../engine/complete/hover';
import { diagnose, fixAllEdit, unpack, type DiagnoseInput, type Diagnosed, type PackState, type UnpackState } from './diagnose';
import { PiecedText, type TextLike } from '../engine/parse/text';
import type { OffsetEdit } from './text-document';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Documents of at least this many characters are linted in the worker (the workspace scan reads files up to this size too). */
export const LARGE_DOCUMENT_CHARS = 1024 * 1024;
/** Heap limit of the worker: a hostile large file may exhaust the worker, never the server. */
export const WORKER_HEAP_MB = 2048;

export type Job =
  /** `text` absent: the worker's own copy of the document at `input.rev` (kept in step by `edited`). */
  | { op: 'diagnose'; input: Omit<DiagnoseInput, 'parsed' | 'text'> & { text?: string } }
  | { op: 'fixAll'; input: Omit<DiagnoseInput, 'parsed' | 'reportSyntax' | 'version' | 'text'> & { text: string } }
  | { op: 'complete'; text: string; language: Language; offset: number; options: CompletionOptions }
  | { op: 'hover'; text: string; language: Language; offset: number; options: HoverOptions };

export type JobResult<J extends Job> = J extends { op: 'diagnose' } ? Diagnosed : J extends { op: 'fixAll' } ? TextEdit | undefined : J extends { op: 'complete' } ? CompletionEntry[] : HoverResult | undefined;

type ToWorker =
  | { type: 'job'; id: number; uri: string; job: Job }
  | { type: 'cancel'; id: number }
  | { type: 'index'; uri: string; text: string; language: Language }
  | { type: 'forget'; uri: string }
  | { type: 'edit'; uri: string; base: string; rev: string; edits: OffsetEdit[] };
type FromWorker = { type: 'done'; id: number; value: unknown } | { type: 'failed'; id: number; message: string } | { type: 'cancelled'; id: number } | { type: 'stale'; id: number };

/** A diagnose job without text found the worker's copy of the document at another revision: send the text. */
export class JobStale extends Error {
  constructor() {
    super('the worker has another version of the document');
  }
}

/** Why a job did not run: cancelled by the client, or superseded by a newer job for the same document. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

// ---------------------------------------------------------------------------------------------
// Main thread side
// ---------------------------------------------------------------------------------------------

export interface WorkerHost {
  /** Files read by the workspace scan (the worker reads them again for its own facts). */
  scanned(): readonly string[];
  /** Open documents whose facts the worker must see instead of the file on disk. */
  openDocuments(): { uri: string; text: string; language: Language }[];
  log(message: string): void;
}

export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** The newest job id per document and operation: a new one cancels the queued older one. */
  private readonly latest = new Map<string, number>();
  /**
   * The revision of each large document whose text the worker holds: a keystroke sends the worker
   * the edit (a few characters), not the document (5 MB to copy on both sides of the message).
   */
  private readonly synced = new Map<string, string>();
  /** The last diagnostics received for each large document: the worker sends the next ones as moves of these (`unpack`). */
  private readonly received = new Map<string, UnpackState>();

  constructor(
    private readonly host: WorkerHost,
    private readonly script: string,
  ) {}

  get started(): boolean {
    return !!this.worker;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { files: [...this.host.scanned()] }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: false });
    w.unref();
    w.on('message', (m: FromWorker) => {
      // every list the worker sent is unpacked, in order, even for a job nobody waits for: the next refers to it
      let value = m.type === 'done' ? m.value : undefined;
      let lostTrack = false;
      const packed = (value as Diagnosed | undefined)?.packed;
      if (packed) {
        const r = unpack(packed, this.received.get(packed.uri));
        if (r) {
          this.received.set(packed.uri, r.state);
          value = { ...(value as Diagnosed), diagnostics: r.diagnostics, packed: undefined };
        } else {
          // (cannot happen while both sides keep their lists; the server sends the text again, and the worker then sends every diagnostic)
          this.received.delete(packed.uri);
          this.synced.delete(packed.uri);
          lostTrack = true;
        }
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (lostTrack) p.reject(new JobStale());
      else if (m.type === 'done') p.resolve(value);
      else if (m.type === 'cancelled') p.reject(new JobCancelled());
      else if (m.type === 'stale') p.reject(new JobStale());
      else p.reject(new Error(m.message));
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.host.log(`logtail-lint: the lint worker stopped (${why}); it starts again with the next large document.`);
      for (const p of this.pending.values()) p.reject(new Error(`the lint worker stopped (${why})`));
      this.pending.clear();
      this.synced.clear();
      this.received.clear();
    };
    w.on('error', (e) => lost(e?.message ?? String(e)));
    w.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = w;
    for (const d of this.host.openDocuments()) if (d.text.length < LARGE_DOCUMENT_CHARS) w.postMessage({ type: 'index', ...d } satisfies ToWorker);
    return w;
  }

  /** The facts of a (small) document changed: tell the worker, if it runs. */
  index(uri: string, text: string, language: Language): void {
    this.worker?.postMessage({ type: 'index', uri, text, language } satisfies ToWorker);
  }
  /** A document was closed: its parse in the worker is no longer needed (its facts stay, as in the server's index). */
  forget(uri: string): void {
    this.synced.delete(uri);
    this.received.delete(uri);
    this.worker?.postMessage({ type: 'forget', uri } satisfies ToWorker);
  }
  /** Whether a diagnose job for `uri` at `rev` must carry the document's text (the worker does not hold that revision). */
  needsText(uri: string, rev: string): boolean {
    return !this.worker || this.synced.get(uri) !== rev;
  }
  /**
   * A document the worker may hold changed from `base` to `rev` by `edits` (undefined: not known
   * as edits): the worker applies them to its copy, or forgets it.
   */
  edited(uri: string, base: string, rev: string, edits: OffsetEdit[] | undefined): void {
    if (!this.worker || !edits || this.synced.get(uri) !== base) {
      this.synced.delete(uri);
      return;
    }
    this.worker.postMessage({ type: 'edit', uri, base, rev, edits } satisfies ToWorker);
    this.synced.set(uri, rev);
  }

  run<J extends Job>(uri: string, job: J, token?: { isCancellationRequested: boolean; onCancellationRequested(l: () => void): unknown }): Promise<JobResult<J>> {
    const w = this.ensure();
    const id = this.nextId++;
    const key = `${job.op}\u0000${uri}`;
    const older = this.latest.get(key);
    if (older !== undefined && this.pending.has(older)) w.postMessage({ type: 'cancel', id: older } satisfies ToWorker);
    this.latest.set(key, id);
    if (job.op === 'diagnose') {
      if (job.input.text !== undefined) this.synced.set(uri, job.input.rev);
      else if (this.synced.get(uri) !== job.input.rev) return Promise.reject(new JobStale());
    }
    return new Promise<JobResult<J>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ type: 'job', id, uri, job } satisfies ToWorker);
      token?.onCancellationRequested(() => {
        if (this.pending.has(id)) w.postMessage({ type: 'cancel', id } satisfies ToWorker);
      });
    }).finally(() => {
      if (this.latest.get(key) === id) this.latest.delete(key);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Worker side
// ---------------------------------------------------------------------------------------------

export function runWorker(): void {
  const port = parentPort!;
  const workspace = new WorkspaceIndex();
  const open = new Set<string>();
  const queue: Extract<ToWorker, { type: 'job' }>[] = [];
  /**
   * Each large document's store (engine/model/document.ts) and its last model: a keystroke
   * re-models only the `---` document it touched, and the other documents keep their findings
   * (re-parsing the whole 5 MB text on each keystroke took seconds).
   */
  const stores = new Map<string, { store: DocumentStore; text: TextLike; maxChars: number; model: FileModel }>();
  /**
   * The large documents' texts, kept in step with the server's by its edits (`edit` messages), in
   * pieces (engine/parse/text.ts): an edit rebuilds the 64 K piece it touches, and the store reads
   * the edited range and slices only. As one string, each keystroke made a new 5 MB string, copied
   * whole by its first read (about 18 ms, and the garbage).
   */
  const texts = new Map<string, { rev: string; text: PiecedText }>();
  /** Per large document, the diagnostics last sent (diagnose.ts `PackState`): the next list is sent as moves of those. */
  const packs = new Map<string, PackState>();
  let scheduled = false;
  /** Reading the workspace files the server sent (jobs wait for it). */
  let reading: Promise<void> | undefined;
  const read = (files: readonly string[]) => {
    if (!files.length) return;
    const done: Promise<void> = (reading ?? Promise.resolve()).then(() => readFiles(files)).finally(() => {
      if (reading === done) reading = undefined;
    });
    reading = done;
  };

  const post = (m: FromWorker) => port.postMessage(m);
  const modelOf = (uri: string, input: Pick<DiagnoseInput, 'settings' | 'language'> & { text: TextLike }): FileModel => {
    const maxChars = input.settings.maxFileSize ?? DEFAULT_MAX_BYTES;
    const hit = stores.get(uri);
    if (hit && hit.text === input.text && hit.maxChars === maxChars) return hit.model;
    const store = hit?.store ?? new DocumentStore();
    const model = store.update(input.text, input.language, uri, { maxChars, projectConfig: isConfigFile(uri) });
    stores.set(uri, { store, text: input.text, maxChars, model });
    return model;
  };

  const runOne = (m: Extract<ToWorker, { type: 'job' }>) => {
    const { job } = m;
    try {
      let value: unknown;
      if (job.op === 'diagnose') {
        const own = texts.get(m.uri);
        const text = own?.rev === job.input.rev ? own.text : job.input.text !== undefined ? PiecedText.of(job.input.text) : undefined;
        if (text === undefined) {
          post({ type: 'stale', id: m.id });
          return;
        }
        const input = { ...job.input, text };
        // a job with the text: the server lost track of this document (a new worker, a full change): every diagnostic goes whole
        let pack = packs.get(m.uri);
        if (!pack || job.input.text !== undefined) packs.set(m.uri, (pack = { id: 0, sent: new Map() }));
        value = diagnose({ ...input, model: modelOf(m.uri, input) }, workspace, undefined, pack);
      }
      else if (job.op === 'fixAll') value = fixAllEdit({ ...job.input, parsed: modelOf(m.uri, job.input).parsed }, workspace);
      else if (job.op === 'complete') value = complete(job.text, job.language, job.offset, job.options);
      else value = hover(job.text, job.language, job.offset, job.options);
      post({ type: 'done', id: m.id, value });
    } catch (err) {
      post({ type: 'failed', id: m.id, message: (err as Error)?.message ?? String(err) });
    }
  };

  const drain = () => {
    scheduled = false;
    // the workspace files sent to the worker are read first: a job run before them would miss
    // their facts (the server re-validates nothing when the worker has read them)
    if (reading) {
      scheduled = true;
      void reading.then(drain);
      return;
    }
    const m = queue.shift();
    if (!m) return;
    // a newer job of the same kind for the same document makes this one pointless
    if (queue.some((q) => q.uri === m.uri && q.job.op === m.job.op)) post({ type: 'cancelled', id: m.id });
    else runOne(m);
    if (queue.length) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain); // messages that arrived meanwhile are read first
  };

  port.on('message', (m: ToWorker) => {
    if (m.type === 'job') {
      if (m.job.op === 'diagnose' && m.job.input.text !== undefined) texts.set(m.uri, { rev: m.job.input.rev, text: PiecedText.of(m.job.input.text) });
      queue.push(m);
      schedule();
    } else if (m.type === 'cancel') {
      const i = queue.findIndex((q) => q.id === m.id);
      if (i >= 0) {
        queue.splice(i, 1);
        post({ type: 'cancelled', id: m.id });
      }
    } else if (m.type === 'index') {
      open.add(m.uri);
      try {
        workspace.update(m.uri, parseFile(m.text, m.language));
      } catch {
        /* never let indexing break the worker */
      }
    } else if (m.type === 'forget') {
      packs.delete(m.uri);
      stores.delete(m.uri);
      texts.delete(m.uri);
    } else if (m.type === 'edit') {
      const own = texts.get(m.uri);
      if (!own || own.rev !== m.base) texts.delete(m.uri);
      else {
        texts.set(m.uri, { rev: m.rev, text: own.text.edit(m.edits) });
      }
    }
  });

  // the files the server's workspace scan read (the open documents' texts, sent above, win)
  const readFiles = async (files: readonly string[]) => {
    for (const uri of files) {
      if (open.has(uri)) continue;
      const language = languageOf(uri);
      try {
        const path = fileURLToPath(uri);
        const st = await stat(path);
        if (!language || !st.isFile() || st.size > LARGE_DOCUMENT_CHARS * 4) continue;
        const text = await readFile(path, 'utf8');
        if (!open.has(uri) && text.length < LARGE_DOCUMENT_CHARS) workspace.update(uri, parseFile(text, language));
      } catch {
        /* gone or unreadable since the scan */
      }
    }
  };
  read((workerData as { files?: string[] } | undefined)?.files ?? []);
}
