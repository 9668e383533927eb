// The CLI's report formats other than SARIF (sarif.ts): text (also read by the `$logtail-lint`
// problem matcher), json (ESLint's formatter shape) and gitlab (the Code Climate subset GitLab's
// code-quality report reads). Each writes finding by finding to a Sink, never one big string.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineIndex, term, type Finding, type Locale } from './engine/index';

export interface FileResult {
  /** The path as given or found (relative to the working directory or absolute); for standard input, its name. */
  file: string;
  text: string;
  findings: Finding[];
}

/** Where a report goes: buffered, flushed in blocks. */
export interface Sink {
  write(s: string): void;
  end(): void;
}

/** A Sink over a file descriptor (1 for standard output). */
export function fdSink(fd: number): Sink {
  let buf: string[] = [];
  let size = 0;
  // the reader went away (`logtail-lint … | head`): the rest of the report is dropped quietly
  let closed = false;
  const flush = () => {
    if (closed) buf = [];
    if (!size || closed) return;
    const data = Buffer.from(buf.join(''), 'utf8');
    buf = [];
    size = 0;
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(fd, data, off, data.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        // a non-blocking pipe that is full: wait for the reader
        if (code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  };
  return {
    write(s) {
      if (closed) return;
      buf.push(s);
      size += s.length;
      if (size >= 1 << 16) flush();
    },
    end: flush,
  };
}

/** A Sink writing to a new file (`--output-file`); missing directories are created, as ESLint does. */
export function fileSink(path: string): Sink {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const fd = openSync(path, 'w');
  const inner = fdSink(fd);
  return {
    write: inner.write,
    end() {
      inner.end();
      closeSync(fd);
    },
  };
}

/** The path shown in reports: relative to `cwd`, with `/` separators. */
export function reportPath(file: string, cwd = process.cwd()): string {
  return (relative(cwd, resolve(cwd, file)) || file).split(sep).join('/');
}

/** Line indexes of the indexed files, for the other side of cross-file findings. */
export type LinesOf = (uri: string) => Pick<LineIndex, 'positionAt'> | undefined;

/** The other side of a cross-file finding (`Finding.related`): absolute path, 1-based positions, label. */
export interface RelatedOut {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function relatedOf(f: Finding, linesOf: LinesOf | undefined): RelatedOut[] {
  if (!f.related?.length || !linesOf) return [];
  return f.related.flatMap((r) => {
    const lines = r.uri.startsWith('file:') ? linesOf(r.uri) : undefined;
    if (!lines) return [];
    const s = lines.positionAt(r.start);
    const e = lines.positionAt(r.end);
    return [{ filePath: fileURLToPath(r.uri), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: r.message }];
  });
}

// ---------------------------------------------------------------------------------------------

/** `path:line:col  severity  message  ruleId` per finding (then, indented, `path:line:col  label` of its other side), then a summary line. */
export function writeText(results: readonly FileResult[], locale: Locale, out: Sink, cwd = process.cwd(), linesOf?: LinesOf): void {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { file, text, findings } of results) {
    if (!findings.length) continue;
    const idx = new LineIndex(text);
    const name = reportPath(file, cwd);
    for (const f of findings) {
      const p = idx.positionAt(f.start);
      counts[f.severity]++;
      out.write(`${name}:${p.line + 1}:${p.character + 1}  ${f.severity}  ${oneLine(f.message)}  ${f.ruleId}\n`);
      for (const r of relatedOf(f, linesOf)) out.write(`    ${reportPath(r.filePath, cwd)}:${r.line}:${r.column}  ${oneLine(r.message)}\n`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  out.write(
    total
      ? '\n' +
          term(locale, 'cli.summary', { total, ...counts, files: results.length }) +
          '\n'
      : term(locale, 'cli.noProblems', { files: results.length }) + '\n',
  );
}

/** A message on one line (the text format and its problem matcher are line based). */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');

/** ESLint's JSON formatter shape: one entry per file with its messages. */
export function writeJson(results: readonly FileResult[], out: Sink, cwd = process.cwd(), linesOf?: LinesOf): void {
  out.write('[');
  results.forEach(({ file, text, findings }, i) => {
    const idx = new LineIndex(text);
    out.write(`${i ? ',' : ''}\n  {\n    "filePath": ${JSON.stringify(resolve(cwd, file))},\n    "messages": [`);
    findings.forEach((f, j) => {
      const s = idx.positionAt(f.start);
      const e = idx.positionAt(f.end);
      const m = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind })),
        ...(f.related?.length ? { related: relatedOf(f, linesOf) } : {}),
      };
      out.write(`${j ? ',' : ''}\n      ${JSON.stringify(m, null, 2).replace(/\n/g, '\n      ')}`);
    });
    out.write(`${findings.length ? '\n    ' : ''}]\n  }`);
  });
  out.write(`${results.length ? '\n' : ''}]\n`);
}

const GITLAB_SEVERITY = { error: 'major', warning: 'minor', information: 'info', hint: 'info' } as const;

/**
 * GitLab code quality (`artifacts:reports:codequality`): an array of Code Climate issues with
 * description, check_name, fingerprint, severity and location.path / location.lines.begin.
 * The fingerprint does not depend on the line, so an issue keeps it when lines above it move.
 */
export function writeGitlab(results: readonly FileResult[], out: Sink, cwd = process.cwd()): void {
  out.write('[');
  let first = true;
  for (const { file, text, findings } of results) {
    const idx = new LineIndex(text);
    const path = reportPath(file, cwd);
    const seen = new Map<string, number>();
    for (const f of findings) {
      const s = idx.positionAt(f.start);
      const e = idx.positionAt(f.end);
      const key = [path, f.ruleId, f.message, text.slice(f.start, Math.min(f.end, f.start + 200))].join('\0');
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const issue = {
        type: 'issue',
        check_name: f.ruleId,
        description: oneLine(f.message),
        categories: ['Bug Risk'],
        severity: GITLAB_SEVERITY[f.severity],
        fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
        location: { path, lines: { begin: s.line + 1, end: e.line + 1 } },
      };
      out.write(`${first ? '' : ','}\n  ${JSON.stringify(issue)}`);
      first = false;
    }
  }
  out.write(`${first ? '' : '\n'}]\n`);
}
