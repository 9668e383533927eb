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

/** The long explanation of a message (catalog section `$details`, key `<section>.<id>`), filled with `data`; English when the language has none. */
export function catalogDetails(locale: Locale, ruleId: string, messageId: string, data?: Record<string, unknown>): string | undefined {
  const key = `${section(ruleId)}.${messageId}`;
  const t = CATALOGS[locale]?.[DETAILS]?.[key] ?? CATALOGS.en[DETAILS]?.[key];
  return t === undefined ? undefined : format(t, data);
}

/**
 * A word or phrase a message is built from (catalog section `terms`): rule code asks for it by key
 * instead of branching on the locale.
 */
export function term(locale: Locale, key: string, data?: Record<string, unknown>): string {
  const t = CATALOGS[locale]?.terms?.[key] ?? CATALOGS.en.terms?.[key];
  if (t === undefined) throw new Error(`no term ${key} in the catalogs`);
  return format(t, data);
}

/** A fix title (catalog section `fixes`, keyed by its English template), filled with `data`. */
export function fixTitle(locale: Locale, key: string, data?: Record<string, unknown>): string {
  return format(CATALOGS[locale]?.fixes?.[key] ?? CATALOGS.en.fixes?.[key] ?? key, data);
}

/** The label of a related location (catalog section `related`, keyed by its English template), filled with `data`. */
export function relatedLabel(locale: Locale, key: string, data?: Record<string, unknown>): string {
  return format(CATALOGS[locale]?.related?.[key] ?? CATALOGS.en.related?.[key] ?? key, data);
}

/** The catalog section of the long explanations. */
export const DETAILS = '$details';

/** The section and message ids the catalogs must hold for a rule (tests). */
export function catalogSection(ruleId: string): string {
  return section(ruleId);
}
