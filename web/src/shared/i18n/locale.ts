// The languages Trove speaks and how a browser's preferences are matched against them. Pure, so the
// matching is tested without a browser.

export const LOCALES = ['en', 'pl', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's languages (`navigator.languages`, most preferred first) that Trove
 * speaks, by primary subtag: "pl-PL" → pl, "de-AT" → de, "en-GB" → en. English when none matches.
 */
export function matchLocale(languages: readonly string[] | null | undefined): Locale {
  for (const tag of languages ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** The name of each language in itself, as a language switch shows it (never translated). */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  pl: 'Polski',
  de: 'Deutsch',
};
