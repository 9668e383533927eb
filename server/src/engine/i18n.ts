// Languages. A language is a catalog (messages/<locale>.json, registered in catalog.ts): every
// text the engine, the server and the CLI show comes from it (`catalogMessage`, `term`,
// `fixTitle`, `relatedLabel`). Code never picks a language itself. The one other kind of text is
// a rule's page (`docs` of the rule file: summary, rationale, remediation, notes), which the
// standard keeps next to the rule: `{ en, zh, … }` keyed by language subtag, read through
// `localize`, which falls back to English for a language the page does not have yet.
import { CATALOGS, format } from './catalog';

/** A catalog's name: `en`, `zh-CN`, or any language added as messages/<locale>.json. */
export type Locale = string;

/** A rule page's text in the languages it is written in (English always; key: the language subtag, `zh` for zh-CN). */
export interface Localized {
  en: string;
  zh: string;
  [language: string]: string;
}

/** Locale tags that mean a catalog of another name (Simplified Chinese under its other spellings). */
const ALIASES: Record<string, string> = { 'zh': 'zh-CN', 'zh-hans': 'zh-CN', 'zh-sg': 'zh-CN', 'zh-hans-cn': 'zh-CN', 'zh-hans-sg': 'zh-CN', 'zh-my': 'zh-CN' };

/**
 * The catalog for a locale as users and systems write it (`zh_CN.UTF-8`, `zh-Hans`, `fr-FR`): the
 * catalog of that exact name, else of its language alone (`fr`), else an alias, else English.
 */
export function normalizeLocale(raw: string | undefined | null): Locale {
  if (!raw) return 'en';
  const tag = raw.replace(/[.@].*$/, '').replace(/_/g, '-').toLowerCase();
  const names = Object.keys(CATALOGS);
  const exact = names.find((n) => n.toLowerCase() === tag);
  if (exact) return exact;
  const lang = tag.split('-')[0]!;
  const byLanguage = names.find((n) => n.toLowerCase() === lang);
  if (byLanguage) return byLanguage;
  const alias = ALIASES[tag] ?? (tag === lang ? ALIASES[lang] : undefined);
  return alias && alias in CATALOGS ? alias : 'en';
}

export { format };

/** The key of a locale in a rule page's `Localized` text: its language subtag (`zh-CN` → `zh`), or the whole tag if the page uses that. */
function pageKey(text: Localized, locale: Locale): string | undefined {
  if (text[locale] !== undefined) return locale;
  const lang = locale.split('-')[0]!;
  return text[lang] !== undefined ? lang : undefined;
}

/** Whether a rule page's text is written in `locale` (else `localize` gives English). */
export function hasLanguage(text: Localized, locale: Locale): boolean {
  return pageKey(text, locale) !== undefined;
}

/** A rule page's text in `locale`, English when the page is not written in it; filled with `data`. */
export function localize(text: Localized | string, locale: Locale, data?: Record<string, unknown>): string {
  if (typeof text === 'string') return format(text, data);
  const k = pageKey(text, locale);
  return format(k === undefined ? text.en : text[k]!, data);
}

/**
 * A schema's description in `locale`. The schema files carry the translations of their own texts
 * (`x-description-zh`, and `x-description-<locale>` for another language); English otherwise.
 */
export function schemaDescription(schema: Record<string, unknown>, locale: Locale): string | undefined {
  const lang = locale.split('-')[0]!;
  for (const k of [`x-description-${locale}`, `x-description-${lang}`, 'description']) {
    if (k !== 'x-description-en' && typeof schema[k] === 'string') return schema[k] as string;
  }
  return undefined;
}
