import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './messages/en';
import { LOCALES, loadCatalogue, translate, type Locale, type Messages } from './index';

const catalogues = {} as Record<Locale, Messages>;

beforeAll(async () => {
  for (const locale of LOCALES) catalogues[locale] = await loadCatalogue(locale);
});

/** The argument names a message uses ({count}, {name}, …), from its parsed ICU syntax tree. */
function argumentsOf(ast: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(ast)) {
    for (const node of ast) argumentsOf(node, into);
  } else if (ast && typeof ast === 'object') {
    const node = ast as { type?: number; value?: unknown; options?: Record<string, { value: unknown }> };
    // Every element type but literal (0) and pound (7) names an argument in `value`.
    if (typeof node.value === 'string' && node.type !== 0 && node.type !== 7) into.add(node.value);
    if (node.options) for (const option of Object.values(node.options)) argumentsOf(option.value, into);
  }
  return into;
}

describe('the catalogues', () => {
  it('have exactly the same keys in English, Polish and German', () => {
    const keys = Object.keys(en).sort();
    for (const locale of LOCALES) {
      const own = Object.keys(catalogues[locale]).sort();
      expect(own.filter((k) => !keys.includes(k)), `${locale} has keys English lacks`).toEqual([]);
      expect(keys.filter((k) => !own.includes(k)), `${locale} lacks keys`).toEqual([]);
    }
  });

  it('have no empty message', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(catalogues[locale])) {
        expect(value.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('parse as ICU MessageFormat and use the same arguments in every language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const expected = argumentsOf(new IntlMessageFormat(en[key], 'en').getAst());
      for (const locale of LOCALES) {
        let format: IntlMessageFormat | undefined;
        expect(() => (format = new IntlMessageFormat(catalogues[locale][key], locale)), `${locale} ${key}`).not.toThrow();
        expect([...argumentsOf(format!.getAst())].sort(), `${locale} ${key}`).toEqual([...expected].sort());
      }
    }
  });

  it('never shouts at a client in distress: no exclamation mark in crisis, safety or journal texts', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(catalogues[locale])) {
        if (/^(crisis|safety|journal|portal)\./.test(key)) expect(value, `${locale} ${key}`).not.toMatch(/!/);
      }
    }
  });

  it('address Germans with "Sie", never "du"', () => {
    for (const [key, value] of Object.entries(catalogues.de)) {
      expect(value, key).not.toMatch(/\b(du|dich|dir|dein|deine|deinen|deinem|deiner)\b/i);
    }
  });

  it('avoid gendered past-tense forms addressed to the reader in Polish', () => {
    for (const [key, value] of Object.entries(catalogues.pl)) {
      expect(value, key).not.toMatch(/\b\w+(łeś|łaś|łeś\/aś|łeś\(aś\))\b/);
    }
  });
});

describe('plurals follow each language', () => {
  const entries = (locale: Locale, count: number) => translate(locale, 'journal.entries.count', { count });

  it('Polish has one, few and many', () => {
    expect([1, 2, 5, 12, 22, 25].map((n) => entries('pl', n))).toEqual([
      '1 wpis',
      '2 wpisy',
      '5 wpisów',
      '12 wpisów',
      '22 wpisy',
      '25 wpisów',
    ]);
    expect(entries('pl', 0)).toBe('0 wpisów');
    expect(entries('pl', 104)).toBe('104 wpisy');
  });

  it('German and English have one and other', () => {
    expect([0, 1, 2, 5].map((n) => entries('de', n))).toEqual(['0 Einträge', '1 Eintrag', '2 Einträge', '5 Einträge']);
    expect([0, 1, 2, 22].map((n) => entries('en', n))).toEqual(['0 entries', '1 entry', '2 entries', '22 entries']);
  });

  it('formats the number inside a plural in the language’s own way', () => {
    expect(entries('de', 1200)).toBe('1.200 Einträge');
    expect(entries('en', 1200)).toBe('1,200 entries');
  });
});
