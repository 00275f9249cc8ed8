import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { FhirQuestionnaire, InstrumentSummary } from '../../api/types';
import type { TroveApi } from '../../api/trove';
import { useSession } from '../../app/session';

export interface InstrumentsState {
  list: InstrumentSummary[] | null;
  byId: Map<string, InstrumentSummary>;
  error: string | null;
}

/** The practice's instruments (GET /api/v1/instruments), loaded once per page. */
export function useInstruments(): InstrumentsState {
  const { api } = useSession();
  const [list, setList] = useState<InstrumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .listInstruments()
      .then((r) => setList(r.items))
      .catch((err) => setError(messageOf(err)));
  }, []);
  return { list, byId: new Map((list ?? []).map((i) => [i.id, i])), error };
}

// Questionnaire texts change only with a new Trove release, so one fetch per page load is enough.
const questionnaires = new Map<string, Promise<FhirQuestionnaire>>();

export function loadQuestionnaire(api: TroveApi, instrument: string): Promise<FhirQuestionnaire> {
  let p = questionnaires.get(instrument);
  if (!p) {
    p = api.getQuestionnaire(instrument);
    questionnaires.set(instrument, p);
    p.catch(() => questionnaires.delete(instrument));
  }
  return p;
}
