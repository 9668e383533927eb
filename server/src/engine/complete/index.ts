// Completion and hover from the bundled schemas (pure: used by the LSP server and the tests).
export { complete, type CompletionEntry, type CompletionKind, type CompletionOptions } from './completion';
export { hover, type HoverResult, type HoverOptions } from './hover';
export { snippetToPlain } from './format';
export { COLLECTOR_ENV, envDoc, envMarkdown, type EnvVarDoc } from './env';
export { YAML_SNIPPETS, JSON_SNIPPETS, snippetRange, type SnippetDef } from './snippets';
export { resolvePath, rootSchema, describe, propertiesOf, flatten, matches, resolveRef, type PathSeg, type SchemaRef, type SchemaInfo } from './schema-nav';
export { cursorContext, type CursorContext } from './context';
