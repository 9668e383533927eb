// The project configuration file (`.logtail-lint.yaml|yml|json`): validation against
// schemas/logtail-lint-config.schema.json with every problem placed on the exact key or value,
// the check of rule ids against the known rules, and the extraction of the valid settings.
// `configSchemaRule` is what `lint()` runs on a configuration file instead of the rules.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/logtail-lint-config.schema.json';
import type { Editor } from '../edit/editor';
import { closest, editDistance } from '../model/k8s';
import { isSizeQuantity } from '../model/quantity';
import { isMap, isScalar, isSeq, toJS, type MapNode, type Node, type Pair } from '../parse/nodes';
import type { ParsedFile } from '../parse/types';
import { defineRule, title, type FixSpec, type Rule } from '../rule';
import { allRules } from '../rules/index';
import { locate, parsePointer, valueAnchor } from '../schemas/errors';
import type { Severity, SeveritySetting } from '../types';
import { CONFIG_RULE } from './names';

/** The settings a project configuration file gives (only its valid entries). */
export interface ProjectConfig {
  /** Rule id → level. */
  rules: Record<string, SeveritySetting>;
  emptyDirSizeLimit?: string;
  maxFileSize?: number;
  /** Globs relative to the configuration file's directory. */
  ignorePaths: string[];
  /** Rule levels for the files matching `files` (relative globs), applied in order after `rules` (ESLint's model). */
  overrides?: { files: string[]; rules: Record<string, SeveritySetting> }[];
}

export const CONFIG_SCHEMA = schema as Record<string, unknown>;
export const LEVELS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];
export const CONFIG_KEYS = ['rules', 'emptyDirSizeLimit', 'maxFileSize', 'ignorePaths', 'overrides'] as const;
const MIN_FILE_SIZE = 1024;

/**
 * Ids a configuration may set besides the rules: the engine's own findings (these literals are
 * `SYNTAX_RULE`, `INTERNAL_RULE` and `SKIPPED_RULE` of lint.ts, which imports this module; a
 * test keeps them equal) and this check.
 */
export const BUILTIN_IDS = ['syntax/yaml', 'syntax/json', 'internal/rule-error', 'internal/not-linted', CONFIG_RULE, 'internal/template-not-checked', 'internal/too-many-findings'] as const;

/** Every rule id a configuration may name. */
export function knownRuleIds(): string[] {
  return [...allRules.map((r) => r.id), ...BUILTIN_IDS];
}

let validator: ValidateFunction | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) validator = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The node of the configuration: the root of the first YAML document that has one (JSON: the root). */
export function configRoot(file: ParsedFile): Node | undefined {
  return file.docs.find((d) => d.root)?.root;
}

function levelsOf(map: MapNode): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const r of map.pairs) {
    const level = isScalar(r.value) ? r.value.value : undefined;
    if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) out[String(r.key.value)] = level as SeveritySetting;
  }
  return out;
}

/** The valid settings of a parsed configuration file; invalid entries are left out. */
export function extractConfig(file: ParsedFile): ProjectConfig {
  const out: ProjectConfig = { rules: {}, ignorePaths: [] };
  const root = configRoot(file);
  if (!isMap(root)) return out;
  for (const p of root.pairs) {
    const key = p.key.value;
    const v = p.value;
    if (key === 'rules' && isMap(v)) {
      out.rules = levelsOf(v);
    } else if (key === 'overrides' && isSeq(v)) {
      for (const item of v.items) {
        if (!isMap(item)) continue;
        const files = item.pairs.find((x) => x.key.value === 'files')?.value;
        const globs = (isSeq(files) ? files.items : files ? [files] : []).flatMap((g) => (isScalar(g) && typeof g.value === 'string' && g.value.trim() && !g.value.startsWith('!') ? [g.value] : []));
        const rules = item.pairs.find((x) => x.key.value === 'rules')?.value;
        if (globs.length) (out.overrides ??= []).push({ files: globs, rules: isMap(rules) ? levelsOf(rules) : {} });
      }
    } else if (key === 'emptyDirSizeLimit' && isScalar(v) && isSizeQuantity(v.value)) {
      out.emptyDirSizeLimit = v.value;
    } else if (key === 'maxFileSize' && isScalar(v) && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= MIN_FILE_SIZE) {
      out.maxFileSize = v.value;
    } else if (key === 'ignorePaths' && isSeq(v)) {
      for (const item of v.items) if (isScalar(item) && typeof item.value === 'string' && item.value.trim() && !item.value.startsWith('!')) out.ignorePaths.push(item.value);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

export type ConfigMessageId =
  | 'notMap'
  | 'unknownKey'
  | 'unknownKeySuggest'
  | 'unknownRule'
  | 'unknownRuleSuggest'
  | 'level'
  | 'levelSuggest'
  | 'rulesType'
  | 'emptyDirSizeLimit'
  | 'maxFileSize'
  | 'ignorePathsType'
  | 'glob'
  | 'negation'
  | 'extraDocument'
  | 'overridesType'
  | 'overrideFiles'
  | 'invalid'
  | 'unreadable';

/** The message ids of config/schema (texts: the catalogs' `config/schema` section and `$details`). */
export const CONFIG_MESSAGE_IDS: readonly ConfigMessageId[] = ['notMap', 'unknownKey', 'unknownKeySuggest', 'unknownRule', 'unknownRuleSuggest', 'level', 'levelSuggest', 'rulesType', 'emptyDirSizeLimit', 'maxFileSize', 'ignorePathsType', 'glob', 'negation', 'overridesType', 'overrideFiles', 'extraDocument', 'invalid', 'unreadable'];

export interface ConfigProblem {
  messageId: ConfigMessageId;
  severity: Severity;
  start: number;
  end: number;
  data: Record<string, string>;
  fixes: FixSpec[];
}

/** Common misspellings of the levels (ESLint's 0/1/2 included). */
const LEVEL_ALIASES: Record<string, SeveritySetting> = {
  warn: 'warning',
  info: 'information',
  informational: 'information',
  err: 'error',
  none: 'off',
  disable: 'off',
  disabled: 'off',
  false: 'off',
  '0': 'off',
  '1': 'warning',
  '2': 'error',
};

function levelSuggestion(value: unknown): SeveritySetting | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(s)) return s as SeveritySetting;
  if (LEVEL_ALIASES[s]) return LEVEL_ALIASES[s];
  return closest(s, LEVELS, 2)[0] as SeveritySetting | undefined;
}

/** Suggestions for an unknown rule id: the ids within 2 edits (`closest`), else those with the same name in another domain. */
export function ruleSuggestions(id: string, known: readonly string[] = knownRuleIds()): string[] {
  const near = closest(id, known, 2);
  if (near.length) return near;
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  return known.filter((k) => k.slice(k.indexOf('/') + 1) === name);
}

function keySuggestions(key: string): string[] {
  return CONFIG_KEYS.map((c) => ({ c, d: editDistance(key.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)
    .map((x) => x.c);
}

function renameFixes(pair: Pair, suggestions: readonly string[], edit: Editor): FixSpec[] {
  return suggestions.map((s) => ({ title: title('Rename to {s}', { s }), kind: suggestions.length === 1 ? ('safe' as const) : ('suggestion' as const), edits: [edit.renameKey(pair, s)] }));
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : v === null || v === undefined ? 'null' : JSON.stringify(v));

/** Every problem of a parsed configuration file (syntax errors are reported by `lint()` itself). */
export function configProblems(file: ParsedFile, edit: Editor, known: readonly string[] = knownRuleIds()): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (p: Omit<ConfigProblem, 'data' | 'fixes'> & Partial<Pick<ConfigProblem, 'data' | 'fixes'>>) => out.push({ data: {}, fixes: [], ...p });
  const withRoot = file.docs.filter((d) => d.root);
  for (const d of withRoot.slice(1)) add({ messageId: 'extraDocument', severity: 'warning', start: d.root!.start, end: d.root!.start });
  const root = withRoot[0]?.root;
  if (!root || (isScalar(root) && root.value === null)) return out; // an empty file is an empty configuration
  if (withRoot[0]!.errors.length) return out; // syntax errors first: the tree may not be what was meant
  if (!isMap(root)) {
    add({ messageId: 'notMap', severity: 'error', start: root.start, end: root.start + file.text.slice(root.start, root.end).trimEnd().length });
    return out;
  }

  const seen = new Set<string>();
  for (const e of validate(toJS(root))) {
    const segs = parsePointer(e.instancePath);
    const loc = locate(root, segs);
    const node = loc.node ?? loc.last;
    const at = valueAnchor(node, loc.pair);
    const top = segs[0];
    let id: ConfigMessageId;
    const data: Record<string, string> = {};
    let fixes: FixSpec[] = [];
    let severity: Severity = 'error';
    let range = at;
    if (segs.length === 0 && e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const pair = (root as MapNode).pairs.find((p) => String(p.key.value) === name);
      if (!pair) continue;
      const suggestions = keySuggestions(name).filter((s) => !(root as MapNode).pairs.some((p) => p.key.value === s));
      id = suggestions.length ? 'unknownKeySuggest' : 'unknownKey';
      Object.assign(data, { key: name, suggestion: suggestions[0] ?? '' });
      fixes = renameFixes(pair, suggestions, edit);
      severity = 'warning';
      range = { start: pair.key.start, end: pair.key.end };
    } else if (segs.length === 0) {
      id = 'notMap';
    } else if (top === 'rules' && segs.length === 1) {
      id = 'rulesType';
    } else if (top === 'rules' || (top === 'overrides' && segs[2] === 'rules' && segs.length === 4)) {
      const ruleId = top === 'rules' ? segs[1]! : segs[3]!;
      const value = isScalar(node) ? node.value : toJS(node);
      const suggestion = levelSuggestion(value);
      id = suggestion ? 'levelSuggest' : 'level';
      Object.assign(data, { id: ruleId, value: show(value), suggestion: suggestion ?? '' });
      if (suggestion && isScalar(node) && node.end > node.start) fixes = [{ title: title('Change to {suggestion}', { suggestion }), kind: 'safe', edits: [edit.replaceScalar(node, suggestion)] }];
    } else if (top === 'emptyDirSizeLimit') {
      id = 'emptyDirSizeLimit';
      if (isScalar(node) && typeof node.value === 'number' && isSizeQuantity(String(node.value))) {
        fixes = [{ title: title('Convert to string'), kind: 'safe', edits: [edit.replaceScalar(node, String(node.value))] }];
      }
    } else if (top === 'maxFileSize') {
      id = 'maxFileSize';
    } else if (top === 'overrides' && (segs[2] === 'files' || (e.keyword === 'required' && segs.length === 2))) {
      id = 'overrideFiles';
      const first = isMap(node) ? node.pairs[0] : undefined;
      if (e.keyword === 'required' && first) range = { start: first.key.start, end: first.key.end };
    } else if (top === 'overrides') {
      id = 'overridesType';
    } else if (top === 'ignorePaths' && segs.length === 1) {
      id = 'ignorePathsType';
    } else if (top === 'ignorePaths') {
      id = e.keyword === 'pattern' && isScalar(node) && typeof node.value === 'string' && node.value.startsWith('!') ? 'negation' : 'glob';
    } else {
      id = 'invalid';
      Object.assign(data, { key: segs.join('.'), detail: e.keyword }); // the JSON Schema keyword: ajv's own message is English only
    }
    const k = `${range.start}:${id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    add({ messageId: id, severity, ...range, data, fixes });
  }

  // Rule ids the engine does not know: a warning on the key, with the closest id as a rename.
  const overrides = root.pairs.find((p) => p.key.value === 'overrides')?.value;
  const ruleMaps = [root.pairs.find((p) => p.key.value === 'rules')?.value];
  if (isSeq(overrides)) for (const o of overrides.items) if (isMap(o)) ruleMaps.push(o.pairs.find((p) => p.key.value === 'rules')?.value);
  for (const rules of ruleMaps) if (isMap(rules)) {
    const knownSet = new Set(known);
    const present = new Set(rules.pairs.map((p) => String(p.key.value)));
    for (const p of rules.pairs) {
      const ruleId = String(p.key.value);
      if (knownSet.has(ruleId)) continue;
      const suggestions = ruleSuggestions(ruleId, known).filter((s) => !present.has(s));
      add({
        messageId: suggestions.length ? 'unknownRuleSuggest' : 'unknownRule',
        severity: 'warning',
        start: p.key.start,
        end: p.key.end,
        data: { id: ruleId, suggestion: suggestions[0] ?? '' },
        fixes: renameFixes(p, suggestions, edit),
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** What `lint()` runs on a configuration file (instead of the rules): every problem of `configProblems`. */
export const configSchemaRule: Rule<ConfigMessageId> = defineRule<ConfigMessageId>({
  id: CONFIG_RULE,
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'The project configuration file (.logtail-lint.yaml) has an unknown setting, an unknown rule id or an invalid value.',
      zh: '项目配置文件（.logtail-lint.yaml）中有未知设置项、未知规则 ID 或无效值。',
    },
    rationale: {
      en: 'An entry that logtail-lint does not understand is silently without effect: a misspelt rule id does not turn the rule off, a misspelt level does not change its severity. The CLI refuses a configuration with errors (exit code 2).',
      zh: 'logtail-lint 无法识别的条目会静默失效：拼错的规则 ID 不会关闭规则，拼错的级别不会改变严重级别。命令行工具拒绝使用有错误的配置（退出码 2）。',
    },
    remediation: {
      en: 'Use the keys rules, emptyDirSizeLimit, maxFileSize, ignorePaths and overrides; rule ids as listed in docs/rules; levels off, hint, information, warning or error (docs/configuration.md).',
      zh: '只使用 rules、emptyDirSizeLimit、maxFileSize、ignorePaths、overrides 这些键；规则 ID 以 docs/rules 为准；级别为 off、hint、information、warning 或 error（见 docs/configuration.md）。',
    },
    sources: [],
    bad: 'rules:\n  k8s/hostpath-log-retenton: off\n  k8s/emptydir-no-size-limit: warn\n',
    good: 'rules:\n  k8s/hostpath-log-retention: off\n  k8s/emptydir-no-size-limit: warning\n',
  },
  messages: CONFIG_MESSAGE_IDS,
  check(ctx) {
    for (const p of configProblems(ctx.file, ctx.edit)) {
      ctx.report({ node: { start: p.start, end: p.end }, messageId: p.messageId, data: p.data, fixes: p.fixes, severity: p.severity });
    }
  },
});
