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
import { walkFiles, readRegularFile } from './host/walk';
import { writeSarif } from './sarif';
import { fdSink, fileSink, writeGitlab, writeJson, writeText, type FileResult, type Sink } from './formats';
import { classifyBytes, headBytes, writeAtomic, WriteRefused } from './cli-files';

const USAGE = `Usage: logtail-lint [options] <files, directories or ->

Lints Kubernetes YAML and Logtail / iLogtail / LoongCollector configs for
log-storage and log-collection mistakes. Directories are walked for *.yaml,
*.yml and *.json (hidden directories, node_modules, vendor, dist and out are skipped;
symlinks are followed only inside the directory, and only regular files are read). "-" reads one stream of
YAML documents (or one JSON document) from standard input, e.g.
  helm template my-release ./chart | logtail-lint -

Options:
  --format text|json|sarif|gitlab  output format (default text; json follows ESLint's
                       formatter shape; sarif is SARIF 2.1.0 for code scanning; gitlab is
                       the Code Climate subset GitLab's code-quality report reads)
  -o, --output-file <path>  write the report to this file instead of standard output
  --stdin-filename <name>  the name of the standard input in the report; its extension
                       picks YAML or JSON and its directory the configuration file
                       (implies "-" when no path is given)
  --fix                apply safe fixes in place (each file replaced atomically; a file
                       changed since it was read is not written)
  --unsafe-fixes       with --fix, also apply suggestion fixes (they change behaviour,
                       e.g. where logs land on the node)
  --locale en|zh-CN    message language (default: from LANG / LC_ALL)
  --rule <id>=<level>  override a rule: off|hint|information|warning|error (repeatable;
                       wins over the configuration file)
  --config <path>      use this configuration file for every file, instead of the
                       nearest .logtail-lint.yaml / .yml / .json of each file
  --no-config          ignore configuration files
  -h, --help           show this help
  -v, --version        show the version

Configuration: each file uses the nearest .logtail-lint.yaml (or .yml, .json) found
walking up from its directory: rule levels, emptyDirSizeLimit, maxFileSize and
ignorePaths (files not linted). See docs/configuration.md.

Exit code: 0 no error-level finding, 1 at least one, 2 usage or I/O error, an
invalid configuration file, or a file named on the command line that cannot be linted
(binary, UTF-16, larger than maxFileSize).`;

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

function parseArguments(argv: string[]): Args | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // util.parseArgs' messages name the option; drop its advice about positionals after "--"
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be text, json, sarif or gitlab, not "${format}"`);
  const rules: NonNullable<Settings['rules']> = {};
  for (const r of v.rule ?? []) {
    const m = /^([a-z0-9]+\/[a-z0-9-]+)=(off|hint|information|warning|error)$/.exec(r);
    if (!m) throw new UsageError('--rule takes <id>=off|hint|information|warning|error');
    rules[m[1]!] = m[2] as 'off';
  }
  const positionals = parsed.positionals;
  const a: Args = {
    format: format as Args['format'],
    fix: !!v.fix,
    unsafe: !!v['unsafe-fixes'],
    locale: normalizeLocale(v.locale ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG)),
    rules,
    config: v.config,
    noConfig: !!v['no-config'],
    paths: [...new Set(positionals.filter((p) => p !== '-'))],
    stdin: positionals.includes('-') || (v['stdin-filename'] !== undefined && positionals.length === 0),
    stdinFilename: v['stdin-filename'],
    outputFile: v['output-file'],
  };
  if (a.unsafe && !a.fix) throw new UsageError('--unsafe-fixes only makes sense with --fix');
  if (a.config !== undefined && a.noConfig) throw new UsageError('--config and --no-config exclude each other');
  if (a.stdinFilename !== undefined && !a.stdin) throw new UsageError('--stdin-filename names standard input: add "-" to the paths');
  if (a.stdin && a.fix) throw new UsageError('--fix cannot write to standard input: lint the files themselves');
  if (a.stdinFilename === '') throw new UsageError('--stdin-filename needs a name');
  if (!a.paths.length && !a.stdin) throw new UsageError('no files or directories given (use - for standard input)');
  return a;
}

/** What the user is told about a file named on the command line that cannot be linted. */
const UNREADABLE = {
  binary: 'it looks binary (NUL bytes); not linted',
  'utf-16': 'it is UTF-16; not linted (save it as UTF-8)',
  'too-large': 'it is larger than maxFileSize; not linted',
} as const;

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
  let args: Args | 'help' | 'version';
  try {
    args = parseArguments(argv);
  } catch (e) {
    process.stderr.write(`logtail-lint: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const err = (s: string) => process.stderr.write(`logtail-lint: ${s}\n`);
  // One walk (server/src/host/walk.ts, shared with the language server): each file is read once,
  // with its configuration's size cap and ignorePaths applied while walking.
  const resolver = args.noConfig ? undefined : new ConfigResolver(fsHost, args.locale);
  let explicitConfig: LoadedConfig | undefined;
  if (args.config !== undefined) {
    if (!fsHost.exists(args.config)) {
      err(`no such configuration file: ${args.config}`);
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
      err(`standard input: ${UNREADABLE[kind]}`);
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
        err(`cannot read ${e.path}: ${e.message}`);
        ioError = true;
        continue;
      }
      const language = languageOf(e.path) ?? 'yaml';
      const parsed = e.kind === 'file' ? parseFile(e.text, language, maxOf(e.path), budget) : skippedFile(language, 'too-large');
      if (parsed.skipped && explicit.has(e.path)) {
        let kind: keyof typeof UNREADABLE = parsed.skipped;
        try {
          if (kind === 'binary') kind = classifyBytes(headBytes(e.path)) === 'utf-16' ? 'utf-16' : 'binary';
        } catch {
          // gone since: say what the walk saw
        }
        err(`${e.path}: ${UNREADABLE[kind]}`);
        ioError = true;
        continue;
      }
      units.push({ file: e.path, uri: pathToFileURL(resolve(e.path)).toString(), language, settings: settingsOf(e.path), text: parsed.text, parsed, onDisk: true });
    }
  } catch (e) {
    err((e as Error).message);
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
          if (e instanceof WriteRefused && e.reason === 'not-utf8') err(`${u.file}: ${e.message}`);
          else {
            err(`cannot write ${u.file}: ${(e as Error).message}`);
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
    err(`cannot write ${args.outputFile}: ${(e as Error).message}`);
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

const fsHost = {
  exists: (p: string) => existsSync(p) && statSync(p).isFile(),
  readFile: (p: string) => readFileSync(p, 'utf8'),
};

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
    if (c.readError) process.stderr.write(`logtail-lint: cannot read configuration file ${name}: ${c.readError}\n`);
    else process.stderr.write(`logtail-lint: invalid configuration file ${name}:\n${configReport(c, c.findings)}`);
  }
  if (broken.length) return 2;
  const linted = new Set(files.map((f) => resolve(f)));
  for (const c of used) {
    if (c.findings.length && !linted.has(c.path)) process.stderr.write(`logtail-lint: configuration file ${relative(process.cwd(), c.path) || c.path}:\n${configReport(c, c.findings)}`);
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
