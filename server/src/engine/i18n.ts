export type Locale = 'en' | 'zh-CN';

/** A text in every language the product speaks. */
export interface Localized {
  en: string;
  zh: string;
}

/** `zh`, `zh-cn`, `zh-Hans`, `zh_CN.UTF-8` → zh-CN; anything else → en. */
export function normalizeLocale(raw: string | undefined | null): Locale {
  if (!raw) return 'en';
  return /^zh([-_](cn|hans|sg)|$|[._])/i.test(raw) ? 'zh-CN' : 'en';
}

export function format(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

export function localize(text: Localized | string, locale: Locale, data?: Record<string, unknown>): string {
  const t = typeof text === 'string' ? text : locale === 'zh-CN' ? text.zh : text.en;
  return format(t, data);
}
