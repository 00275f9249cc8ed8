import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { FhirQuestionnaire, InstrumentSummary } from '../../api/types';
import type { TroveApi } from '../../api/trove';
import { useSession } from '../session';
import { currentLocale, useLocale, type Locale } from '../i18n';

export interface InstrumentsState {
  list: InstrumentSummary[] | null;
  byId: Map<string, InstrumentSummary>;
  error: string | null;
}

/**
 * The practice's instruments (GET /api/v1/instruments?lang=…), loaded once per page and again in
 * the new language when the reader switches it (their titles are translated where a validated
 * translation ships). Until the new list arrives the old one stays, so nothing flickers away.
 */
export function useInstruments(): InstrumentsState {
  const { api } = useSession();
  const locale = useLocale();
  const [list, setList] = useState<InstrumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A slow answer in the language the reader just left must not overwrite the new one.
    let current = true;
    setError(null);
    api
      .listInstruments(locale)
      .then((r) => {
        if (current) setList(r.items);
      })
      .catch((err) => {
        if (current) setError(messageOf(err));
      });
    return () => {
      current = false;
    };
  }, [locale]);
  return { list, byId: new Map((list ?? []).map((i) => [i.id, i])), error };
}

// Questionnaire texts change only with a new Trove release, so one fetch per instrument and
// language per page load is enough. The language is part of the key: after the reader switches,
// the texts come in the new language, never the old one's from the cache.
const questionnaires = new Map<string, Promise<FhirQuestionnaire>>();

export function loadQuestionnaire(api: TroveApi, instrument: string, locale: Locale = currentLocale()): Promise<FhirQuestionnaire> {
  const key = `${locale}\u0000${instrument}`;
  let p = questionnaires.get(key);
  if (!p) {
    p = api.getQuestionnaire(instrument, locale);
    questionnaires.set(key, p);
    p.catch(() => questionnaires.delete(key));
  }
  return p;
}

/**
 * One questionnaire's texts in the reader's language, fetched again in the new language when they
 * switch (the filler keeps the answers); a slow answer in the language just left is dropped.
 */
export function useQuestionnaire(instrument: string): { fhir: FhirQuestionnaire | null; error: string | null } {
  const { api } = useSession();
  const locale = useLocale();
  const [fhir, setFhir] = useState<FhirQuestionnaire | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    loadQuestionnaire(api, instrument, locale)
      .then((q) => current && setFhir(q))
      .catch((err) => current && setError(messageOf(err)));
    return () => {
      current = false;
    };
  }, [instrument, locale]);
  return { fhir, error };
}
