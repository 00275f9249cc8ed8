import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FhirQuestionnaire, InstrumentSummary, Items } from '../../api/types';
import type { TroveApi } from '../../api/trove';
import { SessionContext, type SessionValue } from '../session';
import { loadCatalogue, setLocale, type Locale } from '../i18n';
import { loadQuestionnaire, useInstruments, type InstrumentsState } from './useInstruments';

const TITLES: Record<Locale, string> = {
  en: 'Patient Health Questionnaire',
  pl: 'Kwestionariusz Zdrowia Pacjenta',
  de: 'Gesundheitsfragebogen für Patienten',
};

/**
 * An API double that answers in the language it is asked for and records what it was asked; like
 * the server, it answers in English when no language is given.
 */
function fakeApi() {
  const calls: string[] = [];
  const api = {
    async getQuestionnaire(instrument: string, lang: Locale = 'en'): Promise<FhirQuestionnaire> {
      calls.push(`questionnaire ${instrument} ${lang}`);
      return { resourceType: 'Questionnaire', id: instrument, language: lang, title: TITLES[lang] };
    },
    async listInstruments(lang: Locale = 'en'): Promise<Items<InstrumentSummary>> {
      calls.push(`instruments ${lang}`);
      return { items: [{ id: 'phq9', title: TITLES[lang], short_name: 'PHQ-9' } as InstrumentSummary] };
    },
  };
  return { api: api as unknown as TroveApi, calls };
}

// The texts a reader sees follow their language: after a switch, nothing is served from the
// old language's cache or list.
describe('questionnaires and instruments in the reader’s language', () => {
  beforeAll(async () => {
    await loadCatalogue('pl');
    await loadCatalogue('de');
  });
  afterAll(async () => {
    await setLocale('en');
  });

  it('caches a questionnaire per instrument and language', async () => {
    const { api, calls } = fakeApi();
    await setLocale('en');
    expect((await loadQuestionnaire(api, 'phq9')).title).toBe(TITLES.en);
    await setLocale('pl');
    expect((await loadQuestionnaire(api, 'phq9')).title).toBe(TITLES.pl);
    expect((await loadQuestionnaire(api, 'phq9', 'de')).title).toBe(TITLES.de);
    // Back in English: the English texts again, from the cache.
    await setLocale('en');
    expect((await loadQuestionnaire(api, 'phq9')).title).toBe(TITLES.en);
    expect(calls).toEqual(['questionnaire phq9 en', 'questionnaire phq9 pl', 'questionnaire phq9 de']);
  });

  it('asks for the instruments again when the language changes', async () => {
    const { api, calls } = fakeApi();
    await setLocale('en');
    let seen: InstrumentsState | null = null;
    function Probe() {
      seen = useInstruments();
      return null;
    }
    // The unit tests run without a DOM; a component that renders nothing needs none.
    const parent = { childNodes: [], firstChild: null, namespaceURI: 'http://www.w3.org/1999/xhtml', ownerDocument: {} } as unknown as Element;
    const session = { api } as SessionValue;
    const title = () => (seen as InstrumentsState | null)?.byId.get('phq9')?.title;
    try {
      await act(async () => {
        render(h(SessionContext.Provider, { value: session }, h(Probe, {})), parent);
      });
      await act(async () => {});
      expect(title()).toBe(TITLES.en);
      await act(async () => {
        await setLocale('de');
      });
      await act(async () => {});
      expect(title()).toBe(TITLES.de);
      expect(calls).toEqual(['instruments en', 'instruments de']);
    } finally {
      render(null, parent);
    }
  });
});
