// The message catalogs: one file per language (messages/<locale>.json). A finding's message is the
// catalog's template for its rule and message id, filled with the finding's data; the rule's own
// longer text (its `messages`) becomes the explanation shown in the hover and on the rule page.
// A third language is one more file here and one line in CATALOGS (the catalogs are bundled: no
// file is read at run time), or a catalog registered at run time with `registerCatalog`.
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';
import type { Locale } from './i18n';

export type Catalog = Record<string, Record<string, string>>;

export const CATALOGS: Record<Locale, Catalog> = { en: en as Catalog, 'zh-CN': zhCN as Catalog };

/**
 * Adds (or replaces) the catalog of a language. Missing entries fall back to English, so a
 * partial catalog works; `normalizeLocale` finds it by its name from then on.
 */
export function registerCatalog(locale: Locale, catalog: Catalog): void {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) throw new Error(`not a locale tag: ${locale}`);
  CATALOGS[locale] = catalog;
}

/** `{name}` placeholders of a template filled from `data` (unknown ones stay as they are). */
export function format(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

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

/** Whether the catalogs have a term (English has every term there is). */
export function hasTerm(key: string): boolean {
  return CATALOGS.en.terms?.[key] !== undefined;
}

/** Words of a message decided where the finding is made, put in a language when the message is. */
export type Phrase = (locale: Locale) => string;

/** A fix title (catalog section `fixes`, keyed by its English template), filled with `data`. */
export function fixTitle(locale: Locale, key: string, data?: Record<string, unknown>): string {
  return format(CATALOGS[locale]?.fixes?.[key] ?? CATALOGS.en.fixes?.[key] ?? key, data);
}

/** The label of a related location (catalog section `related`, keyed by its English template), filled with `data`. */
export function relatedLabel(locale: Locale, key: string, data?: Record<string, unknown>): string {
  return format(CATALOGS[locale]?.related?.[key] ?? CATALOGS.en.related?.[key] ?? key, data);
}

/** A text of a catalog section (Markdown sections start with `$`), English when the language has none; undefined when no catalog has it. */
export function catalogText(locale: Locale, section: string, key: string, data?: Record<string, unknown>): string | undefined {
  const t = CATALOGS[locale]?.[section]?.[key] ?? CATALOGS.en[section]?.[key];
  return t === undefined ? undefined : format(t, data);
}

/** The catalog section of the long explanations. */
export const DETAILS = '$details';

/** The section and message ids the catalogs must hold for a rule (tests). */
export function catalogSection(ruleId: string): string {
  return section(ruleId);
}
