import { afterEach, describe, expect, it } from 'vitest';
import { currentLocale, langIfOther, matchLocale, setLocale, t, translate } from './index';

describe('matchLocale', () => {
  it('takes the first browser language Trove speaks, by its primary subtag', () => {
    expect(matchLocale(['pl-PL', 'en-US'])).toBe('pl');
    expect(matchLocale(['fr-FR', 'de-AT', 'pl'])).toBe('de');
    expect(matchLocale(['en-GB'])).toBe('en');
    expect(matchLocale(['DE_ch'])).toBe('de');
  });
  it('falls back to English', () => {
    expect(matchLocale(['fr', 'es'])).toBe('en');
    expect(matchLocale([])).toBe('en');
    expect(matchLocale(undefined)).toBe('en');
  });
});

describe('the current locale', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('switches only once its catalogue is loaded, and the last call wins', async () => {
    const first = setLocale('de');
    const second = setLocale('pl');
    await Promise.all([first, second]);
    expect(currentLocale()).toBe('pl');
    expect(t('header.logOut')).toBe('Wyloguj');
  });

  it('falls back to English for a catalogue that is not loaded rather than showing a key', () => {
    expect(translate('en', 'header.logOut')).toBe('Log out');
  });

  it('marks a block in another language than the page', () => {
    expect(langIfOther('en', 'pl')).toBe('en');
    expect(langIfOther('pl', 'pl')).toBeUndefined();
    expect(langIfOther('pl-PL', 'pl')).toBeUndefined();
    expect(langIfOther(undefined, 'pl')).toBeUndefined();
  });
});
