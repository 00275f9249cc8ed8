import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { FhirQuestionnaire, MeasureResponse } from '../../api/types';
import { useSession } from '../../app/session';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../resources/ClientSection';
import { questionnairesPath } from './Alerts';
import { QuestionnaireFiller } from './QuestionnaireFiller';
import { draftKey } from './questionnaire';
import { chartPath } from './ResponseCard';
import { loadQuestionnaire, useInstruments } from './useInstruments';
import { missingNote, scoreText, totalOf } from './wording';
import './measures.css';

/** "Fill in now (in session)": the client answers on the therapist's device; saved to their record. */
export function FillInSessionPage({ clientId, instrument }: { clientId: string; instrument: string }) {
  const { api } = useSession();
  const instruments = useInstruments();
  const [fhir, setFhir] = useState<FhirQuestionnaire | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<MeasureResponse | null>(null);

  useEffect(() => {
    loadQuestionnaire(api, instrument)
      .then(setFhir)
      .catch((err) => setError(messageOf(err)));
  }, [instrument]);

  const summary = instruments.byId.get(instrument);
  const name = summary?.short_name ?? instrument.toUpperCase();
  const back = { href: questionnairesPath(clientId), label: 'Back to questionnaires' };

  return (
    <ClientSection clientId={clientId} tab={null} title={saved ? `${name} saved` : `${name} in session`} back={back}>
      {(client, editable) => {
        if (!editable) return <p class="alert alert--info">Only the care team can fill in a questionnaire for {client.display_name}.</p>;
        if (error) return <ErrorMessage message={error} />;
        if (summary && !summary.enabled) {
          return (
            <EmptyState title={`The ${name} is not enabled in this practice.`}>
              <p>A practice admin can enable it under Instruments after accepting its licence terms.</p>
            </EmptyState>
          );
        }
        if (saved) {
          const total = totalOf(saved);
          const note = missingNote(saved);
          return (
            <>
              {saved.crisis ? (
                // A critical answer given in session: the practice's numbers, to go through together
                // before the client leaves. The therapist is there, so no review promise.
                <CrisisPanel crisis={saved.crisis} title="Numbers to go through together">
                  <p class="crisis__text">
                    {client.display_name} gave a critical answer. Before the session ends, look at these numbers and the
                    safety plan together.
                  </p>
                </CrisisPanel>
              ) : null}
              <div class="card thanks">
                <span class="thanks__mark" aria-hidden="true">
                  ✓
                </span>
                <p>The answers are saved to {client.display_name}’s record. Thank you for filling it in.</p>
                {total ? (
                  <p>
                    <strong>
                      {total.label}: {scoreText(total)}
                    </strong>
                  </p>
                ) : null}
                {note ? <p>{note}</p> : null}
                {(saved.alerts ?? []).map((a) => (
                  <p key={a.id} class="alert alert--error">
                    {a.message}
                  </p>
                ))}
                <p class="form__actions thanks__actions">
                  <Link href={questionnairesPath(clientId, saved.id)} class="btn btn--primary">
                    See all results
                  </Link>
                  {total ? (
                    <Link href={chartPath(clientId, instrument)} class="btn btn--secondary">
                      {name} over time
                    </Link>
                  ) : null}
                </p>
              </div>
            </>
          );
        }
        if (!fhir) return <Loading label="Opening the questionnaire…" />;
        return (
          <div class="card">
            <QuestionnaireFiller
              questionnaire={fhir}
              shortName={name}
              storageKey={draftKey({ client: client.id, instrument })}
              idPrefix="session"
              submitLabel="Save answers"
              busyLabel="Saving…"
              onSubmit={async (answers) => {
                setSaved(await api.submitResponse(client.id, { instrument, answers }));
              }}
            />
          </div>
        );
      }}
    </ClientSection>
  );
}
