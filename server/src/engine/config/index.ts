// The project configuration file `.logtail-lint.yaml` (also `.yml`, `.json`): see docs/configuration.md.
export { CONFIG_FILE_NAMES, CONFIG_WATCH_GLOB, CONFIG_RULE, isConfigFile, baseName, parentDir, joinPath, relativePath } from './names';
export { compileGlob, ignoreMatcher, type GlobMatcher } from './glob';
export {
  configSchemaRule,
  configProblems,
  extractConfig,
  knownRuleIds,
  ruleSuggestions,
  BUILTIN_IDS,
  CONFIG_SCHEMA,
  CONFIG_MESSAGE_IDS,
  LEVELS,
  type ProjectConfig,
  type ConfigProblem,
  type ConfigMessageId,
} from './check';
export { loadProjectConfig, ConfigResolver, mergeSettings, withoutDefaults, BUILTIN_DEFAULTS, type LoadedConfig, type ConfigHost, type SettingsLayers } from './load';
