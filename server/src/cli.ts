// logtail-lint CLI: the same engine as the language server, for CI and the terminal.
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  lint,
  fixAll,
  DEFAULT_MAX_BYTES,
  languageOf,
  normalizeLocale,
  parseFile,
  LineIndex,
  localize,
  mergeSettings,
  ConfigResolver,
  WorkspaceIndex,
  type Finding,
  type LoadedConfig,
  type Locale,
  type ParsedFile,
  type Settings,
} from './engine/index';
import { toSarif } from './sarif';
import { walkFiles } from './host/walk';

const USAGE = `Usage: logtail-lint [options] <files or directories>

Lints Kubernetes YAML and Logtail / iLogtail / LoongCollector configs for
log-storage and log-collection mistakes. Directories are walked for *.yaml,
*.yml and *.json (hidden directories, node_modules, vendor, dist and out are skipped;
symlinks are followed only inside the directory, and only regular files are read).

Options:
  --format text|json|sarif  output format (default text; json follows ESLint's formatter
                       shape; sarif is SARIF 2.1.0 for code-scanning dashboards)
  --fix                apply safe fixes in place
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

Exit code: 0 no error-level finding, 1 at least one, 2 usage or I/O error or an
invalid configuration file.`;

interface Args {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafe: boolean;
  locale: Locale;
  rules: Settings['rules'];
  /** `--config <path>`. */
  config?: string;
  /** `--no-config`. */
  noConfig: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const a: Args = { format: 'text', fix: false, unsafe: false, locale: normalizeLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG), rules: {}, noConfig: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
        a.format = v;
        break;
      }
      case '--fix':
        a.fix = true;
        break;
      case '--unsafe-fixes':
        a.unsafe = true;
        break;
      case '--locale':
        a.locale = normalizeLocale(value());
        break;
      case '--rule': {
        const m = /^([a-z0-9]+\/[a-z0-9-]+)=(off|hint|information|warning|error)$/.exec(value());
        if (!m) throw new UsageError('--rule takes <id>=off|hint|information|warning|error');
        a.rules![m[1]!] = m[2] as 'off';
        break;
      }
      case '--config':
        a.config = value();
        break;
      case '--no-config':
        a.noConfig = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.unsafe && !a.fix) throw new UsageError('--unsafe-fixes only makes sense with --fix');
  if (a.config !== undefined && a.noConfig) throw new UsageError('--config and --no-config exclude each other');
  if (!a.paths.length) throw new UsageError('no files or directories given');
  return a;
}

function main(argv: string[]): number {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
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
  // One walk (server/src/host/walk.ts, shared with the language server): each file is read once,
  // with its configuration's size cap and ignorePaths applied while walking.
  const resolver = args.noConfig ? undefined : new ConfigResolver(fsHost, args.locale);
  let explicit: LoadedConfig | undefined;
  if (args.config !== undefined) {
    if (!fsHost.exists(args.config)) {
      process.stderr.write(`logtail-lint: no such configuration file: ${args.config}\n`);
      return 2;
    }
    explicit = resolver!.load(resolve(args.config));
  }
  const configOf = (file: string): LoadedConfig | undefined => (args.noConfig ? undefined : explicit ?? resolver!.forFile(resolve(file)));
  const settingsOf = (file: string): Settings => mergeSettings({ project: configOf(file)?.configFor(resolve(file)), cli: { rules: args.rules } });
  const texts = new Map<string, { text: string; parsed: ParsedFile }>();
  let ioError = false;
  try {
    for (const e of walkFiles(args.paths, { maxChars: (f) => settingsOf(f).maxFileSize ?? DEFAULT_MAX_BYTES, ignored: (f, dir) => !dir && !!configOf(f)?.ignores(resolve(f)) })) {
      if (e.kind === 'error') {
        process.stderr.write(`logtail-lint: cannot read ${e.path}: ${e.message}\n`);
        ioError = true;
        continue;
      }
      const language = languageOf(e.path) ?? 'yaml';
      const parsed = e.kind === 'file' ? parseFile(e.text, language, settingsOf(e.path).maxFileSize ?? DEFAULT_MAX_BYTES) : { text: '', language, docs: [], lines: new LineIndex(''), skipped: 'too-large' as const };
      texts.set(e.path, { text: parsed.text, parsed });
    }
  } catch (e) {
    process.stderr.write(`logtail-lint: ${(e as Error).message}\n`);
    return 2;
  }
  const files = [...texts.keys()];
  // Configuration files: the ones used are checked before anything is reported.
  const configs = configsFor(files, configOf, args);
  if (typeof configs === 'number') return configs;

  const workspace = new WorkspaceIndex();
  for (const [f, { parsed }] of texts) workspace.update('file://' + resolve(f), parsed);
  const results: { file: string; text: string; findings: Finding[] }[] = [];
  for (const [file, { text: original, parsed: originalParsed }] of texts) {
    const uri = 'file://' + resolve(file);
    const language = languageOf(file) ?? 'yaml';
    const settings = settingsOf(file);
    let text = original;
    let parsed = originalParsed;
    if (args.fix) {
      text = fixAll(text, { uri, language, settings, locale: args.locale, workspace }, args.unsafe);
      if (text !== original) {
        try {
          writeFileSync(file, text);
        } catch (e) {
          process.stderr.write(`logtail-lint: cannot write ${file}: ${(e as Error).message}\n`);
          ioError = true;
        }
        parsed = parseFile(text, language, settings.maxFileSize ?? DEFAULT_MAX_BYTES);
        workspace.update(uri, parsed);
      }
    }
    results.push({ file, text, findings: lint(text, { uri, language, settings, locale: args.locale, workspace, parsed }).findings });
  }

  if (args.format === 'sarif') {
    process.stdout.write(JSON.stringify(toSarif(results, VERSION, args.locale), null, 2) + '\n');
  } else if (args.format === 'json') {
    const out = results.map(({ file, text, findings }) => {
      const idx = new LineIndex(text);
      return {
        filePath: resolve(file),
        messages: findings.map((f) => {
          const s = idx.positionAt(f.start);
          const e = idx.positionAt(f.end);
          return {
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            line: s.line + 1,
            column: s.character + 1,
            endLine: e.line + 1,
            endColumn: e.character + 1,
            fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind })),
          };
        }),
      };
    });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const { file, text, findings } of results) {
      if (!findings.length) continue;
      const idx = new LineIndex(text);
      const name = relative(process.cwd(), file) || file;
      for (const f of findings) {
        const p = idx.positionAt(f.start);
        counts[f.severity]++;
        process.stdout.write(`${name}:${p.line + 1}:${p.character + 1}  ${f.severity}  ${f.message}  ${f.ruleId}\n`);
      }
    }
    const total = counts.error + counts.warning + counts.information + counts.hint;
    process.stdout.write(
      total
        ? '\n' +
            localize(
              { en: '{total} problem(s): {error} error(s), {warning} warning(s), {information} information, {hint} hint(s) in {files} file(s)', zh: '共 {total} 个问题：{error} 个错误、{warning} 个警告、{information} 个提示信息、{hint} 个建议，涉及 {files} 个文件' },
              args.locale,
              { total, ...counts, files: results.length },
            ) +
            '\n'
        : localize({ en: 'No problems in {files} file(s).', zh: '{files} 个文件中没有发现问题。' }, args.locale, { files: results.length }) + '\n',
    );
  }
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
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
