// Public API of the engine: a pure library (no vscode, no LSP imports).
export { lint, originOf, ruleById, workspaceInputs, SYNTAX_RULE, INTERNAL_RULE, SKIPPED_RULE, TRUNCATED_RULE, MAX_FINDINGS, type LintOptions, type LintResult, type FindingOrigin } from './lint';
export { allRules } from './rules/index';
export { applyEdits, editorFor, type Editor } from './edit/editor';
export { parseFile, languageOf, LineIndex, DEFAULT_MAX_BYTES, ExpansionBudget, ALIAS_LIMITS, MAX_DEPTH } from './parse/index';
export { commentLine } from './parse/comment-line';
export { parseQuantity } from './model/quantity';
export type { ParsedFile, Language } from './parse/types';
export { normalizeLocale, localize, hasLanguage, type Locale, type Localized } from './i18n';
export { CATALOGS, registerCatalog, catalogMessage, catalogText, term, type Catalog } from './catalog';
export { WorkspaceIndex, WorkspaceView, type Kustomization } from './workspace/index';
export { DocumentStore, modelsOfParsed, DEFAULT_STORE_BUDGET, type DocumentModel, type FileModel } from './model/document';
export { engineCaches, type CacheStats } from './model/cache';
export type { Facts, FactKind, CollectorFact, HostPathFact, ClaimFact } from './model/facts';
export type { Finding, RelatedLocation, Fix, Edit, Severity, SeveritySetting, Settings, RuleDocs } from './types';
export { SEVERITIES } from './types';
export type { Rule, RuleScope } from './rule';
export { configsOfFile, type LogtailConfig, type ConfigKind } from './model/logtail';
export {
  loadProjectConfig,
  ConfigResolver,
  mergeSettings,
  withoutDefaults,
  isConfigFile,
  knownRuleIds,
  CONFIG_FILE_NAMES,
  CONFIG_WATCH_GLOB,
  CONFIG_RULE,
  BUILTIN_DEFAULTS,
  type LoadedConfig,
  type ConfigHost,
  type ProjectConfig,
  type SettingsLayers,
} from './config/index';
export { fixAll, MAX_FIX_PASSES } from './fix-all';
export { fileKind, type FileKind } from './kind';
