// The server's side of the wire, below the LSP library:
// - `FramedReader` reads `Content-Length` framed JSON-RPC from a stream and recovers from a
//   message whose header lies about its length (too long or too short) or from garbage between
//   messages, instead of waiting forever for bytes that never come. When the stream cannot be
//   recovered (a flood of bytes without a header) it gives up: the server exits with an error,
//   so that the client restarts it.
// - `LifecycleReader` enforces the LSP lifecycle and the shape of the parameters before any
//   handler runs: before `initialize` every request is answered with ServerNotInitialized and
//   every notification but `exit` is dropped; after `shutdown` every request is answered with
//   InvalidRequest; a request whose parameters do not have the shape the protocol gives is
//   answered with InvalidParams (a short sentence naming the field, never an internal error).
import {
  AbstractMessageReader,
  ErrorCodes,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type RequestMessage,
} from 'vscode-languageserver/node';

/** Bytes of input without a single valid header after which the stream is declared lost. */
export const MAX_GARBAGE_BYTES = 16 * 1024 * 1024;
/** Largest message accepted (a document of `logtailLint.maxFileSize` in JSON, with escapes). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A body still incomplete after this long without new bytes is checked for a lying header. */
export const STALL_MS = 300;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = Buffer.from('content-length:', 'ascii');

function indexOfHeader(buf: Buffer, from: number): number {
  // case-insensitive search for "Content-Length:"
  for (let i = buf.indexOf(0x3a /* : */, from + CONTENT_LENGTH.length - 1); i >= 0; i = buf.indexOf(0x3a, i + 1)) {
    const start = i - CONTENT_LENGTH.length + 1;
    if (start < from) continue;
    if (buf.subarray(start, i + 1).toString('latin1').toLowerCase() === 'content-length:') return start;
  }
  return -1;
}

function parseMessage(bytes: Buffer): Message | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Message) : undefined;
  } catch {
    return undefined;
  }
}

export class FramedReader extends AbstractMessageReader implements MessageReader {
  private buf = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Body length of the message being read, once its header was parsed. */
  private bodyLength = -1;
  private garbage = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  private callback: DataCallback | undefined;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly log: (message: string) => void,
    private readonly fatal: (message: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onEnd = () => this.fireClose();
    const onError = (e: Error) => this.fireError(e);
    this.readable.on('data', onData);
    this.readable.on('end', onEnd);
    this.readable.on('close', onEnd);
    this.readable.on('error', onError);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('end', onEnd);
        this.readable.off('close', onEnd);
        this.readable.off('error', onError);
        clearTimeout(this.stallTimer);
      },
    };
  }

  private onData(chunk: Buffer): void {
    clearTimeout(this.stallTimer);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // join the chunks only when a whole body may be there (a 5 MB didOpen arrives in 64 KB pieces)
    if (this.bodyLength < 0 || this.buf.length + this.pendingBytes >= this.bodyLength) this.flush();
    this.pump();
  }

  private flush(): void {
    if (!this.pending.length) return;
    this.buf = Buffer.concat([this.buf, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
  }

  private deliver(m: Message): void {
    this.garbage = 0;
    this.callback?.(m);
  }

  private drop(bytes: number, why: string): void {
    if (bytes <= 0) return;
    this.garbage += bytes;
    this.log(`logtail-lint: dropped ${bytes} bytes of malformed input (${why}); reading on from the next message header.`);
    if (this.garbage > MAX_GARBAGE_BYTES) this.fatal(`logtail-lint: more than ${MAX_GARBAGE_BYTES} bytes of input without a valid message; the stream is lost, exiting so that the client restarts the server.`);
  }

  private pump(): void {
    for (;;) {
      if (this.bodyLength === -2) {
        if (!this.resync()) return;
        continue;
      }
      if (this.bodyLength < 0) {
        const end = this.buf.indexOf(HEADER_END);
        if (end < 0) {
          // no header yet: keep what may be the start of one, drop the rest
          if (this.buf.length > 8192) {
            const at = indexOfHeader(this.buf, 1);
            const cut = at > 0 ? at : this.buf.length - 64;
            this.drop(cut, 'no message header');
            this.buf = this.buf.subarray(cut);
          }
          return;
        }
        const length = this.headerLength(this.buf.subarray(0, end).toString('latin1'));
        if (length === undefined) {
          const next = indexOfHeader(this.buf, 1);
          const cut = next > 0 ? next : end + HEADER_END.length;
          this.drop(cut, 'invalid header');
          this.buf = this.buf.subarray(cut);
          continue;
        }
        this.buf = this.buf.subarray(end + HEADER_END.length);
        this.bodyLength = length;
      }
      if (this.buf.length + this.pendingBytes < this.bodyLength) {
        // the body is incomplete: keep the chunks apart until it is all there (onData joins them
        // once; joining on every chunk copied a 5 MB didOpen ~80 times), onStall joins them too
        this.stallTimer = setTimeout(() => this.onStall(), STALL_MS);
        return;
      }
      this.flush();
      const body = this.buf.subarray(0, this.bodyLength);
      const message = parseMessage(body);
      if (message) {
        this.buf = this.buf.subarray(this.bodyLength);
        this.bodyLength = -1;
        this.deliver(message);
        continue;
      }
      // The header lied. Too long: the body ends where the next header begins (inside the body).
      // Too short: the body goes on up to the next header (after it).
      this.bodyLength = -1;
      const next = indexOfHeader(this.buf, 1);
      const candidate = parseMessage(this.buf.subarray(0, next > 0 ? next : this.buf.length));
      if (candidate && next > 0) {
        this.log('logtail-lint: a message had a wrong Content-Length; recovered.');
        this.buf = this.buf.subarray(next);
        this.deliver(candidate);
        continue;
      }
      if (next > 0) {
        this.drop(next, 'body is not JSON');
        this.buf = this.buf.subarray(next);
        continue;
      }
      if (candidate) {
        this.log('logtail-lint: a message had a wrong Content-Length; recovered.');
        this.buf = Buffer.alloc(0);
        this.deliver(candidate);
        return;
      }
      // wait for the rest (a too-short header whose remaining bytes are still on their way)
      this.bodyLength = -2; // resynchronising: the next header decides
    }
  }

  /** After a broken body: wait for the next header; what lies before it is a message if it parses. */
  private resync(): boolean {
    const next = indexOfHeader(this.buf, 1);
    if (next < 0) {
      this.stallTimer = setTimeout(() => this.onStall(), STALL_MS);
      return false;
    }
    const candidate = parseMessage(this.buf.subarray(0, next));
    this.buf = this.buf.subarray(next);
    this.bodyLength = -1;
    if (candidate) this.deliver(candidate);
    else this.drop(next, 'body is not JSON');
    return true;
  }

  /** No bytes for a while and the body is incomplete: the header may say more than was sent. */
  private onStall(): void {
    this.flush();
    if (this.bodyLength === -2) {
      const candidate = parseMessage(this.buf);
      if (candidate) {
        this.buf = Buffer.alloc(0);
        this.bodyLength = -1;
        this.deliver(candidate);
      }
      return;
    }
    if (this.bodyLength < 0 || !this.buf.length) return;
    // A JSON object cannot be a proper prefix of a longer JSON text: if what arrived parses, it
    // is the whole message and the header said too much.
    const next = indexOfHeader(this.buf, 1);
    const candidate = parseMessage(next > 0 ? this.buf.subarray(0, next) : this.buf);
    if (!candidate) return;
    this.log('logtail-lint: a message had a wrong Content-Length; recovered.');
    this.buf = next > 0 ? this.buf.subarray(next) : Buffer.alloc(0);
    this.bodyLength = -1;
    this.deliver(candidate);
    this.pump();
  }

  private headerLength(header: string): number | undefined {
    let length: number | undefined;
    for (const line of header.split('\r\n')) {
      const i = line.indexOf(':');
      if (i < 0) return undefined;
      const name = line.slice(0, i).trim().toLowerCase();
      const value = line.slice(i + 1).trim();
      if (name === 'content-length') {
        if (!/^[0-9]{1,10}$/.test(value)) return undefined;
        length = Number(value);
      }
    }
    if (length === undefined || length > MAX_MESSAGE_BYTES) return undefined;
    return length;
  }
}

// ---------------------------------------------------------------------------------------------
// Lifecycle and parameter shapes
// ---------------------------------------------------------------------------------------------

type Check = (params: unknown) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isUint = (v: unknown) => isInt(v) && v >= 0 && v <= 0x7fffffff;

function position(v: unknown, name: string): string | undefined {
  if (!isObj(v) || !isUint(v.line) || !isUint(v.character)) return `${name} must be a position {line, character} of non-negative integers.`;
  return undefined;
}
function range(v: unknown, name: string): string | undefined {
  if (!isObj(v)) return `${name} must be a range {start, end}.`;
  return position(v.start, `${name}.start`) ?? position(v.end, `${name}.end`);
}
function docId(p: Record<string, unknown>): string | undefined {
  if (!isObj(p.textDocument) || typeof p.textDocument.uri !== 'string') return 'textDocument.uri must be a string.';
  return undefined;
}
const withDoc: Check = (p) => (isObj(p) ? docId(p) : 'params must be an object.');
const withDocAndPosition: Check = (p) => (isObj(p) ? docId(p) ?? position(p.position, 'position') : 'params must be an object.');

/** Shapes of the parameters of the methods this server handles (LSP 3.17). */
export const PARAM_CHECKS: Record<string, Check> = {
  initialize: (p) => {
    if (!isObj(p)) return 'params must be an object.';
    if (!isObj(p.capabilities)) return 'capabilities must be an object.';
    if (p.processId !== undefined && p.processId !== null && !isInt(p.processId)) return 'processId must be an integer or null.';
    if (p.workspaceFolders !== undefined && p.workspaceFolders !== null && (!Array.isArray(p.workspaceFolders) || !p.workspaceFolders.every((f) => isObj(f) && typeof f.uri === 'string')))
      return 'workspaceFolders must be an array of {uri, name}.';
    if (p.rootUri !== undefined && p.rootUri !== null && typeof p.rootUri !== 'string') return 'rootUri must be a string or null.';
    if (p.locale !== undefined && typeof p.locale !== 'string') return 'locale must be a string.';
    if (p.initializationOptions !== undefined && p.initializationOptions !== null && !isObj(p.initializationOptions)) return 'initializationOptions must be an object.';
    return undefined;
  },
  'textDocument/didOpen': (p) => {
    if (!isObj(p) || !isObj(p.textDocument)) return 'textDocument must be an object.';
    const d = p.textDocument;
    if (typeof d.uri !== 'string' || typeof d.languageId !== 'string' || !isInt(d.version) || typeof d.text !== 'string') return 'textDocument must have uri, languageId, version (integer) and text.';
    return undefined;
  },
  'textDocument/didChange': (p) => {
    if (!isObj(p) || !isObj(p.textDocument) || typeof p.textDocument.uri !== 'string' || !isInt(p.textDocument.version)) return 'textDocument must have uri and version (integer).';
    if (!Array.isArray(p.contentChanges)) return 'contentChanges must be an array.';
    for (const c of p.contentChanges) {
      if (!isObj(c) || typeof c.text !== 'string') return 'each content change must have a text.';
      if (c.range !== undefined && range(c.range, 'range')) return range(c.range, 'contentChanges[].range');
    }
    return undefined;
  },
  'textDocument/didClose': withDoc,
  'textDocument/didSave': withDoc,
  'textDocument/diagnostic': (p) => withDoc(p) ?? (isObj(p) && p.previousResultId !== undefined && p.previousResultId !== null && typeof p.previousResultId !== 'string' ? 'previousResultId must be a string.' : undefined),
  'textDocument/codeAction': (p) => {
    if (!isObj(p)) return 'params must be an object.';
    const e = docId(p) ?? range(p.range, 'range');
    if (e) return e;
    if (!isObj(p.context) || !Array.isArray(p.context.diagnostics)) return 'context.diagnostics must be an array.';
    if (p.context.only !== undefined && p.context.only !== null && (!Array.isArray(p.context.only) || !p.context.only.every((k) => typeof k === 'string'))) return 'context.only must be an array of strings.';
    return undefined;
  },
  'textDocument/completion': withDocAndPosition,
  'textDocument/hover': withDocAndPosition,
  'textDocument/definition': withDocAndPosition,
  'textDocument/references': withDocAndPosition,
  'textDocument/documentSymbol': withDoc,
  'textDocument/codeLens': withDoc,
  'workspace/symbol': (p) => (isObj(p) && typeof p.query === 'string' ? undefined : 'query must be a string.'),
  'workspace/executeCommand': (p) => (isObj(p) && typeof p.command === 'string' && (p.arguments === undefined || Array.isArray(p.arguments)) ? undefined : 'command must be a string and arguments an array.'),
  'workspace/didChangeConfiguration': (p) => (isObj(p) ? undefined : 'params must be an object.'),
  'workspace/didChangeWatchedFiles': (p) => (isObj(p) && Array.isArray(p.changes) && p.changes.every((c) => isObj(c) && typeof c.uri === 'string' && isInt(c.type)) ? undefined : 'changes must be an array of {uri, type}.'),
  '$/cancelRequest': (p) => (isObj(p) && (isInt(p.id) || typeof p.id === 'string') ? undefined : 'id must be an integer or a string.'),
  '$/setTrace': (p) => (isObj(p) && typeof p.value === 'string' ? undefined : 'value must be a string.'),
  'logtailLint/fileKind': (p) => (isObj(p) && typeof p.uri === 'string' ? undefined : 'uri must be a string.'),
  // clients send `null` as `[null]` (vscode-jsonrpc): the handler checks the value itself
  'logtailLint/redHatKubernetes': (p) => (p === undefined || p === null || typeof p === 'object' ? undefined : 'params must be an object or null.'),
  'logtailLint/syntaxErrors': (p) => (p === undefined || p === null || typeof p === 'object' ? undefined : 'params must be an object.'),
};

type State = 'new' | 'running' | 'shutdown';

/**
 * Filters the messages of another reader: the lifecycle of LSP 3.17 ("Server lifecycle") and the
 * parameter shapes of `PARAM_CHECKS`. Errors are answered through `writer`; dropped
 * notifications are logged through `log`.
 */
export class LifecycleReader extends AbstractMessageReader implements MessageReader {
  private state: State = 'new';

  get shutdownReceived(): boolean {
    return this.state === 'shutdown';
  }

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
    private readonly log: (message: string) => void,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((i) => this.firePartialMessage(i));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((m) => this.filter(m, callback));
  }

  private reply(id: RequestMessage['id'], code: number, message: string): void {
    void this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as Message).catch(() => undefined);
  }

  private filter(m: Message, forward: DataCallback): void {
    const raw = m as unknown as Record<string, unknown>;
    const method = typeof raw.method === 'string' ? raw.method : undefined;
    const hasId = typeof raw.id === 'number' || typeof raw.id === 'string';
    if (!method) {
      // a response to one of our requests (or junk without a method)
      if (hasId || raw.id === null) forward(m);
      return;
    }
    const id = hasId ? (raw.id as number | string) : undefined;
    if (method === 'exit') return forward(m);
    if (this.state === 'new' && method !== 'initialize') {
      if (id !== undefined) this.reply(id, ErrorCodes.ServerNotInitialized, `The server is not initialized: ${method} before initialize.`);
      return;
    }
    if (this.state === 'shutdown') {
      if (id !== undefined) this.reply(id, ErrorCodes.InvalidRequest, `The server is shut down: ${method} after shutdown.`);
      return;
    }
    if (method === 'initialize' && this.state === 'running') {
      if (id !== undefined) this.reply(id, ErrorCodes.InvalidRequest, 'The server is already initialized.');
      return;
    }
    const problem = PARAM_CHECKS[method]?.(raw.params);
    if (problem) {
      if (id !== undefined) this.reply(id, ErrorCodes.InvalidParams, `Invalid params for ${method}: ${problem}`);
      else this.log(`logtail-lint: ignored ${method} with invalid params: ${problem}`);
      return;
    }
    if (method === 'initialize' && id !== undefined) this.state = 'running';
    if (method === 'shutdown' && id !== undefined) this.state = 'shutdown';
    forward(m);
  }
}
