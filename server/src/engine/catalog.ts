// The message catalogs: one file per language (messages/<locale>.json). A finding's message is the
// catalog's template for its rule and message id, filled with the finding's data; the rule's own
// longer text (its `messages`) becomes the explanation shown in the hover and on the rule page.
// A third language is one more file here and one line in CATALOGS.
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';
import { format, type Locale } from './i18n';

export type Catalog = Record<string, Record<string, string>>;

export const CATALOGS: Record<Locale, Catalog> = { en: en as Catalog, 'zh-CN': zhCN as Catalog };

/** Rules whose messages are shared by every schema rule (catalog section `schema`). */
const SCHEMA_RULES = new Set(['logtail/schema', 'startup/schema', 'k8s/schema']);

function section(ruleId: string): string {
  return SCHEMA_RULES.has(ruleId) ? 'schema' : ruleId;
}

/** The template of a message in a language, falling back to English; undefined when the catalog has none. */
export function template(locale: Locale, ruleId: string, messageId: string): string | undefined {
  const s = section(ruleId);
  return CATALOGS[locale]?.[s]?.[messageId] ?? CATALOGS.en[s]?.[messageId];
}

/** The short message of a finding, or undefined when no catalog has it. */
export function catalogMessage(locale: Locale, ruleId: string, messageId: string, data?: Record<string, unknown>): string | undefined {
  const t = template(locale, ruleId, messageId);
  return t === undefined ? undefined : format(t, data);
}

/** The section and message ids the catalogs must hold for a rule (tests). */
export function catalogSection(ruleId: string): string {
  return section(ruleId);
}
