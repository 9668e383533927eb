// logtail-lint CLI: the same engine as the language server, for CI and the terminal.
import { readFileSync, readSync, statSync, existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  lint,
  fixAll,
  DEFAULT_MAX_BYTES,
  languageOf,
  normalizeLocale,
  parseFile,
  ExpansionBudget,
  LineIndex,
  mergeSettings,
  ConfigResolver,
  catalogText,
  WorkspaceIndex,
  modelsOfParsed,
  isConfigFile,
  type FileModel,
  type Finding,
  type Language,
  type LoadedConfig,
  type Locale,
  type ParsedFile,
  type Settings,
} from './engine/index';
import { walkFiles, readRegularFile, MissingRootError } from './host/walk';
import { writeSarif } from './sarif';
import { fdSink, fileSink, writeGitlab, writeJson, writeText, type FileResult, type Sink } from './formats';
import { classifyBytes, headBytes, writeAtomic, WriteRefused } from './cli-files';

/** The CLI's own words (catalog sections `cli` and `$cli`, the help) in the language of the run. */
function say(locale: Locale, key: string, data?: Record<string, unknown>): string {
  const t = catalogText(locale, 'cli', key, data);
  if (t === undefined) throw new Error(`no CLI text ${key} in the catalogs`);
  return t;
}
const helpText = (locale: Locale) => catalogText(locale, '$cli', 'help')!;

/** Why a file system call failed, in words of the catalog (by the error's code; the system's own text is English). */
function reasonOf(locale: Locale, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (e instanceof WriteRefused) return say(locale, e.reason === 'not-utf8' ? 'write.notUtf8' : `write.${e.reason}`);
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const known = catalogText(locale, 'cli', `errno.${code}`);
    return known === undefined ? say(locale, 'errno.other', { code }) : say(locale, 'errno.withCode', { reason: known, code });
  }
  return String((e as Error)?.message ?? e);
}

const FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;

interface Args {
  format: (typeof FORMATS)[number];
  fix: boolean;
  unsafe: boolean;
  locale: Locale;
  rules: Settings['rules'];
  /** `--config <path>`. */
  config?: string;
  /** `--no-config`. */
  noConfig: boolean;
  paths: string[];
  /** `-` was given: lint standard input. */
  stdin: boolean;
  stdinFilename?: string;
  outputFile?: string;
}

/** A usage error: the message in the run's language. */
class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  'stdin-filename': { type: 'string' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  locale: { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The language of the run: --locale, else LC_ALL, LC_MESSAGES, LANG (the first one set), else English. */
export function cliLocale(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  return normalizeLocale(option || env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/**
 * The option a strict parse refused, found again in a lenient parse's tokens (by what is wrong
 * with it, never by Node's English message): unknown, a string option without its value (or with
 * one that looks like another option), a boolean option given a value.
 */
function refusedOption(tokens: readonly { kind: string; name?: string; rawName?: string; value?: string; inlineValue?: boolean }[], code: string | undefined, locale: Locale): UsageError | undefined {
  const known = OPTIONS as Record<string, { type: string }>;
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const o = known[t.name];
    const option = t.rawName ?? `--${t.name}`;
    if (!o) {
      if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(say(locale, 'usage.unknownOption', { option }));
      continue;
    }
    if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') continue;
    if (o.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) return new UsageError(say(locale, 'usage.missingValue', { option }));
    if (o.type === 'boolean' && t.value !== undefined) return new UsageError(say(locale, 'usage.noValue', { option }));
  }
  return undefined;
}

function parseArguments(argv: string[]): { locale: Locale; args?: Args | 'help' | 'version'; error?: UsageError } {
  // a lenient parse first: the language of the run, even for a usage error
  const lenient = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const locale = cliLocale(typeof lenient.values.locale === 'string' ? lenient.values.locale : undefined);
  try {
    return { locale, args: parseStrict(argv, locale) };
  } catch (e) {
    if (e instanceof UsageError) return { locale, error: e };
    const code = (e as NodeJS.ErrnoException).code;
    // util.parseArgs refused it: say which option and why, in the run's language
    return { locale, error: refusedOption(lenient.tokens ?? [], code, locale) ?? new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '')) };
  }
}

function parseStrict(argv: string[], locale: Locale): Args | 'help' | 'version' {
  const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const usage = (key: string, data?: Record<string, unknown>) => new UsageError(say(locale, key, data));
  const format = v.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw usage('usage.format', { value: format });
  const rules: NonNullable<Settings['rules']> = {};
  for (const r of v.rule ?? []) {
    const m = /^([a-z0-9]+\/[a-z0-9-]+)=(off|hint|information|warning|error)$/.exec(r);
    if (!m) throw usage('usage.rule', { value: r });
    rules[m[1]!] = m[2] as 'off';
  }
  const positionals = parsed.positionals;
  const a: Args = {
    format: format as Args['format'],
    fix: !!v.fix,
    unsafe: !!v['unsafe-fixes'],
    locale,
    rules,
    config: v.config,
    noConfig: !!v['no-config'],
    paths: [...new Set(positionals.filter((p) => p !== '-'))],
    stdin: positionals.includes('-') || (v['stdin-filename'] !== undefined && positionals.length === 0),
    stdinFilename: v['stdin-filename'],
    outputFile: v['output-file'],
  };
  if (a.unsafe && !a.fix) throw usage('usage.unsafeWithoutFix');
  if (a.config !== undefined && a.noConfig) throw usage('usage.configAndNoConfig');
  if (a.stdinFilename !== undefined && !a.stdin) throw usage('usage.stdinFilenameWithoutDash');
  if (a.stdin && a.fix) throw usage('usage.fixStdin');
  if (a.stdinFilename === '') throw usage('usage.stdinFilenameEmpty');
  if (!a.paths.length && !a.stdin) throw usage('usage.noPaths');
  return a;
}

/** Why a file named on the command line (or standard input) is not linted: catalog keys `cli.file.<kind>`. */
type Unreadable = 'binary' | 'utf-16' | 'too-large';

/** Standard input, all of it up to `maxBytes` + 1 bytes. */
function readStdin(maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

/** The parse of a file that is not linted (reported as internal/not-linted). */
const skippedFile = (language: Language, skipped: 'binary' | 'too-large'): ParsedFile => ({ text: '', language, docs: [], lines: new LineIndex(''), skipped });

interface Unit {
  /** Path as given or found; for standard input its name. */
  file: string;
  uri: string;
  language: Language;
  settings: Settings;
  text: string;
  parsed: ParsedFile;
  /** A file on disk (not standard input): `--fix` may write it. */
  onDisk: boolean;
}

function main(argv: string[]): number {
  const { locale, args, error } = parseArguments(argv);
  if (error || !args) {
    process.stderr.write(`logtail-lint: ${error?.message}\n\n${helpText(locale)}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(helpText(locale) + '\n');
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const err = (s: string) => process.stderr.write(`logtail-lint: ${s}\n`);
  const t = (key: string, data?: Record<string, unknown>) => say(locale, key, data);
  // One walk (server/src/host/walk.ts, shared with the language server): each file is read once,
  // with its configuration's size cap and ignorePaths applied while walking.
  const resolver = args.noConfig ? undefined : new ConfigResolver(fsHostIn(args.locale), args.locale);
  let explicitConfig: LoadedConfig | undefined;
  if (args.config !== undefined) {
    if (!fsHostIn(args.locale).exists(args.config)) {
      err(t('config.missing', { file: args.config }));
      return 2;
    }
    explicitConfig = resolver!.load(resolve(args.config));
  }
  const noConfig = args.noConfig;
  const configOf = (file: string): LoadedConfig | undefined => (noConfig ? undefined : explicitConfig ?? resolver!.forFile(resolve(file)));
  const rules = args.rules;
  const settingsOf = (file: string): Settings => mergeSettings({ project: configOf(file)?.configFor(resolve(file)), cli: { rules } });
  const maxOf = (file: string) => settingsOf(file).maxFileSize ?? DEFAULT_MAX_BYTES;
  // files named on the command line: one that cannot be linted is an error, not a finding
  const explicit = new Set(args.paths.filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  }));

  const units: Unit[] = [];
  // alias-expansion limits for the whole run: every parsed tree stays in the workspace index
  const budget = new ExpansionBudget();
  let ioError = false;
  const stdinPath = args.stdin ? resolve(args.stdinFilename ?? '<stdin>') : undefined;
  if (stdinPath) {
    const settings = settingsOf(stdinPath);
    const maxBytes = settings.maxFileSize ?? DEFAULT_MAX_BYTES;
    const name = args.stdinFilename ?? '<stdin>';
    const bytes = readStdin(maxBytes);
    const kind = bytes.length > maxBytes ? 'too-large' : classifyBytes(bytes);
    if (kind !== 'text') {
      err(t('file.problem', { file: t('file.stdin'), reason: t(`file.${kind}`) }));
      ioError = true;
    } else {
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      // a name picks the language; without one, JSON (kubectl get -o json) starts with { or [
      const language: Language = args.stdinFilename !== undefined ? (languageOf(args.stdinFilename) ?? 'yaml') : /^\s*[{[]/.test(text.slice(0, 4096)) ? 'json' : 'yaml';
      units.push({ file: name, uri: pathToFileURL(stdinPath).toString(), language, settings, text, parsed: parseFile(text, language, maxBytes, budget), onDisk: false });
    }
  }
  try {
    for (const e of walkFiles(args.paths, { maxChars: maxOf, ignored: (f, dir) => !dir && !!configOf(f)?.ignores(resolve(f)) })) {
      if (e.kind === 'error') {
        err(t('file.cannotRead', { file: e.path, reason: e.code === 'notRegular' ? t('file.notRegular') : e.code ? reasonOf(locale, e) : e.message }));
        ioError = true;
        continue;
      }
      const language = languageOf(e.path) ?? 'yaml';
      const parsed = e.kind === 'file' ? parseFile(e.text, language, maxOf(e.path), budget) : skippedFile(language, 'too-large');
      if (parsed.skipped && explicit.has(e.path)) {
        let kind: Unreadable = parsed.skipped;
        try {
          if (kind === 'binary') kind = classifyBytes(headBytes(e.path)) === 'utf-16' ? 'utf-16' : 'binary';
        } catch {
          // gone since: say what the walk saw
        }
        err(t('file.problem', { file: e.path, reason: t(`file.${kind}`) }));
        ioError = true;
        continue;
      }
      units.push({ file: e.path, uri: pathToFileURL(resolve(e.path)).toString(), language, settings: settingsOf(e.path), text: parsed.text, parsed, onDisk: true });
    }
  } catch (e) {
    err(e instanceof MissingRootError ? t('file.missing', { file: e.root }) : reasonOf(locale, e));
    return 2;
  }
  // Configuration files: the ones used are checked before anything is reported.
  const configs = configsFor(units.map((u) => (u.onDisk ? u.file : stdinPath!)), configOf, args);
  if (typeof configs === 'number') return configs;

  // filled once and read: no fingerprints (nothing is re-linted in one run); each file is modelled
  // once (documents, objects, configs, facts) for the index and the lint alike
  const workspace = new WorkspaceIndex({ fingerprints: false });
  const modelOf = (u: Unit, parsed: ParsedFile) => modelsOfParsed(parsed, u.uri, isConfigFile(u.uri));
  const models = new Map<Unit, FileModel>();
  for (const u of units) {
    const m = modelOf(u, u.parsed);
    models.set(u, m);
    workspace.updateModel(m);
  }
  const results: FileResult[] = [];
  for (const u of units) {
    let { text, parsed } = u;
    let model = models.get(u)!;
    if (args.fix && u.onDisk && !parsed.skipped) {
      const fixed = fixAll(text, { uri: u.uri, language: u.language, settings: u.settings, locale: args.locale, workspace }, args.unsafe);
      if (fixed !== text) {
        try {
          writeAtomic(u.file, text, fixed);
          text = fixed;
          parsed = parseFile(text, u.language, maxOf(u.file), budget);
        } catch (e) {
          if (e instanceof WriteRefused && e.reason === 'not-utf8') err(t('file.problem', { file: u.file, reason: reasonOf(locale, e) }));
          else {
            err(t('file.cannotWrite', { file: u.file, reason: reasonOf(locale, e) }));
            ioError = true;
            // report the file as it is on disk now: unchanged, edited by someone else, or gone
            const now = reread(u.file, u.language, maxOf(u.file), budget);
            if (!now) {
              workspace.remove(u.uri);
              continue;
            }
            ({ text, parsed } = now);
          }
        }
        model = modelOf(u, parsed);
        workspace.updateModel(model);
      }
    }
    results.push({ file: u.file, text, findings: lint(text, { uri: u.uri, language: u.language, settings: u.settings, locale: args.locale, workspace, model }).findings });
  }

  let sink: Sink;
  try {
    sink = args.outputFile !== undefined ? fileSink(args.outputFile) : fdSink(1);
  } catch (e) {
    err(t('file.cannotWrite', { file: args.outputFile, reason: reasonOf(locale, e) }));
    return 2;
  }
  const linesOf = (uri: string) => workspace.linesOf(uri);
  if (args.format === 'sarif') writeSarif(results, VERSION, args.locale, sink, process.cwd(), linesOf);
  else if (args.format === 'gitlab') writeGitlab(results, sink);
  else if (args.format === 'json') writeJson(results, sink, process.cwd(), linesOf);
  else writeText(results, args.locale, sink, process.cwd(), linesOf);
  sink.end();
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** A file as it is on disk now, parsed; undefined when it is gone or unreadable. */
function reread(file: string, language: Language, maxChars: number, budget?: ExpansionBudget): { text: string; parsed: ParsedFile } | undefined {
  try {
    const r = readRegularFile(file, maxChars);
    if ('text' in r) return { text: r.text, parsed: parseFile(r.text, language, maxChars, budget) };
    return 'tooLarge' in r ? { text: '', parsed: skippedFile(language, 'too-large') } : undefined;
  } catch {
    return undefined;
  }
}

/** The configuration files' host: a file that cannot be read throws the reason in the run's language. */
const fsHostIn = (locale: Locale) => ({
  exists: (p: string) => existsSync(p) && statSync(p).isFile(),
  readFile: (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new Error(reasonOf(locale, e));
    }
  },
});

/** `path:line:col  severity  message  ruleId` lines of a configuration file's findings. */
function configReport(c: LoadedConfig, findings: readonly Finding[]): string {
  const name = relative(process.cwd(), c.path) || c.path;
  const lines = c.parsed?.lines;
  return findings
    .map((f) => {
      const p = lines?.positionAt(f.start) ?? { line: 0, character: 0 };
      return `  ${name}:${p.line + 1}:${p.character + 1}  ${f.severity}  ${f.message}  ${f.ruleId}\n`;
    })
    .join('');
}

/**
 * The configuration of each file (none with --no-config; the --config file for all), or the
 * exit code 2 after reporting a configuration that cannot be used (once per file, on stderr).
 * Warnings of a configuration file that is not itself linted go to stderr too.
 */
function configsFor(files: readonly string[], configOf: (file: string) => LoadedConfig | undefined, args: Args): Map<string, LoadedConfig | undefined> | number {
  const out = new Map<string, LoadedConfig | undefined>();
  if (args.noConfig) return out;
  for (const f of files) out.set(f, configOf(f));
  const used = [...new Set([...out.values()].filter((c): c is LoadedConfig => !!c))];
  const broken = used.filter((c) => c.broken);
  for (const c of broken) {
    const name = relative(process.cwd(), c.path) || c.path;
    if (c.readError) process.stderr.write(`logtail-lint: ${say(args.locale, 'config.cannotRead', { file: name, reason: c.readError })}\n`);
    else process.stderr.write(`logtail-lint: ${say(args.locale, 'config.invalid', { file: name })}\n${configReport(c, c.findings)}`);
  }
  if (broken.length) return 2;
  const linted = new Set(files.map((f) => resolve(f)));
  for (const c of used) {
    if (c.findings.length && !linted.has(c.path)) process.stderr.write(`logtail-lint: ${say(args.locale, 'config.notes', { file: relative(process.cwd(), c.path) || c.path })}\n${configReport(c, c.findings)}`);
  }
  return out;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

// `logtail-lint … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = main(process.argv.slice(2));
