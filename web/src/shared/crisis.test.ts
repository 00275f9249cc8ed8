import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, loadCatalogue, translate } from './i18n';
import {
  contactWays,
  fallbackCrisis,
  honestyLines,
  normaliseCrisis,
  paragraphs,
  reviewPromiseSentence,
  safeUrl,
  shortUrl,
  telHref,
} from './crisis';

const NOT_REAL_TIME = translate('en', 'crisis.notRealTime');
const NOT_AN_EMERGENCY_SERVICE = translate('en', 'crisis.notEmergencyService');

beforeAll(async () => {
  await Promise.all(LOCALES.map((l) => loadCatalogue(l)));
});

describe('crisis links', () => {
  it('dials only digits and a leading +', () => {
    expect(telHref('0800 111 0 111')).toBe('tel:08001110111');
    expect(telHref(' +49 (30) 123-45/6 ')).toBe('tel:+4930123456');
    expect(telHref('116 123', 'sms')).toBe('sms:116123');
  });

  it('opens only http(s) addresses', () => {
    expect(safeUrl('https://www.telefonseelsorge.de/')).toBe('https://www.telefonseelsorge.de/');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
    expect(shortUrl('https://www.telefonseelsorge.de/')).toBe('telefonseelsorge.de');
  });

  it('names the ways to reach a contact', () => {
    expect(contactWays({ label: 'TelefonSeelsorge', phone: '0800 111 0 111', sms: '0800 222', url: 'https://online.telefonseelsorge.de' })).toBe(
      'Call 0800 111 0 111, text 0800 222, online.telefonseelsorge.de',
    );
    expect(contactWays({ label: 'Telefon Zaufania', phone: '116 123' }, 'pl')).toBe('Zadzwoń: 116 123');
  });
});

describe('normaliseCrisis', () => {
  it('keeps contacts that can be reached and drops empty fields', () => {
    expect(
      normaliseCrisis({
        text: ' Calm words. ',
        contacts: [
          { label: 'Emergency services', phone: '112', sms: '', hours: '24 hours' },
          { label: 'No way to reach', hours: 'never' },
          { label: '', phone: '1' },
          { label: 'Web only', url: 'ftp://x' },
          { label: 'Chat', url: 'https://chat.example' },
          'junk',
        ],
      }),
    ).toEqual({
      text: 'Calm words.',
      contacts: [
        { label: 'Emergency services', phone: '112', hours: '24 hours' },
        { label: 'Chat', url: 'https://chat.example' },
      ],
    });
  });

  it('is null for anything without a usable contact', () => {
    expect(normaliseCrisis(null)).toBeNull();
    expect(normaliseCrisis({ text: 'x', contacts: [] })).toBeNull();
    expect(normaliseCrisis('nope')).toBeNull();
    expect(normaliseCrisis(fallbackCrisis())).toEqual(fallbackCrisis());
  });
});

describe('what a person in distress reads', () => {
  it('promises honestly when the practice looks', () => {
    expect(reviewPromiseSentence('within one working day')).toBe('The practice will look at your answers within one working day.');
    expect(reviewPromiseSentence('within one working day.', 'entry')).toBe('The practice will look at this entry within one working day.');
    expect(reviewPromiseSentence('')).toBeNull();
    expect(reviewPromiseSentence(null)).toBeNull();
    expect(reviewPromiseSentence('w ciągu jednego dnia roboczego', 'answers', 'pl')).toBe(
      'Ktoś z gabinetu przejrzy Twoje odpowiedzi w ciągu jednego dnia roboczego.',
    );
    expect(reviewPromiseSentence('innerhalb eines Werktags', 'entry', 'de')).toBe(
      'Die Praxis sieht sich diesen Eintrag innerhalb eines Werktags an.',
    );
  });

  it('recognises a practice text that already says it in Polish or German', () => {
    expect(honestyLines('Trove nie jest służbą ratunkową.', null, 'answers', 'pl')).toEqual([]);
    expect(honestyLines('Trove ist kein Notdienst.', null, 'answers', 'de')).toEqual([]);
  });

  it('says once that Trove is not an emergency service', () => {
    const own = 'Call us. Trove is not an emergency service: nobody watches it around the clock.';
    expect(honestyLines('Call us.', 'within one working day')).toEqual([
      'The practice will look at your answers within one working day.',
      NOT_REAL_TIME,
    ]);
    expect(honestyLines(own, 'within one working day')).toEqual([
      'The practice will look at your answers within one working day.',
      'If you need someone sooner, please use one of the numbers above.',
    ]);
    expect(honestyLines('Call us.', null)).toEqual([NOT_AN_EMERGENCY_SERVICE]);
    expect(honestyLines(own, null)).toEqual([]);
  });

  it('never raises its voice and never only points to the next session', () => {
    for (const locale of LOCALES) {
      const all = [
        translate(locale, 'crisis.notRealTime'),
        translate(locale, 'crisis.notEmergencyService'),
        translate(locale, 'crisis.sooner'),
        translate(locale, 'crisis.title'),
        fallbackCrisis(locale).text,
        ...honestyLines('x', 'within one working day', 'entry', locale),
        ...honestyLines('x', null, 'answers', locale),
      ];
      for (const s of all) {
        expect(s).not.toMatch(/!/);
        expect(s).not.toMatch(/next session|następnej sesji|nächsten Sitzung/i);
      }
    }
    expect(NOT_REAL_TIME).toMatch(/not an emergency service/);
    expect(NOT_REAL_TIME).toMatch(/real time/);
  });

  it('splits the practice’s text into paragraphs', () => {
    expect(paragraphs('One.\n\nTwo.\nThree.\n')).toEqual(['One.', 'Two.', 'Three.']);
    expect(paragraphs('')).toEqual([]);
  });
});
