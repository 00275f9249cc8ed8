import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Crisis, FhirQuestionnaire, MeasureAssignment } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { normaliseCrisis } from '../../shared/crisis';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { crisisForNow, rememberCrisis } from '../safety/useSafety';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { QuestionnaireFiller } from './QuestionnaireFiller';
import { draftKey } from './questionnaire';
import { loadQuestionnaire, useInstruments } from './useInstruments';
import { dueText, instrumentName, isDue } from './wording';
import './measures.css';

export function portalQuestionnairePath(instrument: string): string {
  return `/portal/questionnaires/${encodeURIComponent(instrument)}`;
}

/** On the portal: the questionnaires that are due now, each with "Fill in". Nothing when none is due. */
export function PortalQuestionnaires({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const instruments = useInstruments();
  const [due, setDue] = useState<MeasureAssignment[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .listAssignments(clientId)
      .then((r) => {
        const now = Date.now();
        // One entry per questionnaire, even if it was assigned twice.
        const seen = new Set<string>();
        setDue(
          r.items
            .filter((a) => isDue(a, now))
            .sort((a, b) => Date.parse(a.next_due_at ?? '') - Date.parse(b.next_due_at ?? ''))
            .filter((a) => (seen.has(a.instrument) ? false : (seen.add(a.instrument), true))),
        );
      })
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);

  if (error) {
    return (
      <section class="card portal__card" aria-labelledby="portal-questionnaires">
        <h2 id="portal-questionnaires" class="card__title">
          My questionnaires
        </h2>
        <ErrorMessage message={error} />
      </section>
    );
  }
  if (!due || due.length === 0) return null;
  return (
    <section class="card portal__card pq" aria-labelledby="portal-questionnaires">
      <h2 id="portal-questionnaires" class="card__title">
        My questionnaires
      </h2>
      <p>
        Your therapist asked you to fill in {due.length === 1 ? 'a short questionnaire' : `${due.length} short questionnaires`}. It
        helps you both see how things are going.
      </p>
      <ul class="pq__list">
        {due.map((a) => {
          const ins = instruments.byId.get(a.instrument);
          return (
            <li key={a.id} class="pq__item">
              <div class="pq__text">
                <span class="pq__name">{ins?.title ?? instrumentName(a.instrument, instruments.byId)}</span>
                <span class="pq__meta">
                  {ins ? `${ins.item_count} questions · ` : ''}
                  {dueText(a.next_due_at, Date.now(), formatDate).toLowerCase()}
                </span>
                {a.note ? <span class="pq__note">{a.note}</span> : null}
              </div>
              <Link href={portalQuestionnairePath(a.instrument)} class="btn btn--primary">
                Fill in
                <span class="visually-hidden"> {instrumentName(a.instrument, instruments.byId)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** /portal/questionnaires/:instrument — the client fills in an assigned questionnaire. */
export function PortalFillPage({ instrument }: { instrument: string }) {
  const { api } = useSession();
  const me = useMe();
  const clientId = me.user.client_id;
  const instruments = useInstruments();
  const [fhir, setFhir] = useState<FhirQuestionnaire | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ crisis: Crisis | null; reviewPromise: string | null } | null>(null);

  useEffect(() => {
    loadQuestionnaire(api, instrument)
      .then(setFhir)
      .catch((err) => setError(messageOf(err)));
  }, [instrument]);

  const name = instruments.byId.get(instrument)?.short_name ?? instrument.toUpperCase();
  const back = (
    <Link href="/portal" class="back-link">
      Back to my space
    </Link>
  );

  if (!clientId) {
    return (
      <Page title="Questionnaire" before={back} narrow>
        <p class="alert alert--info">Your login is not linked to a client record yet. Please let your therapist know.</p>
      </Page>
    );
  }
  if (done) {
    return (
      <div class="portal">
        <Page title="Thank you" before={back} narrow>
          {done.crisis ? <CrisisPanel crisis={done.crisis} reviewPromise={done.reviewPromise} subject="answers" /> : null}
          <div class="card thanks">
            <span class="thanks__mark" aria-hidden="true">
              ✓
            </span>
            <p>Your answers are saved. Thank you for taking the time.</p>
            <p>
              {done.crisis
                ? 'You can also talk about them with your therapist at your next session.'
                : 'Your therapist will look at them and can talk about them with you at your next session.'}
            </p>
            <Link href="/portal" class="btn btn--primary">
              Back to my space
            </Link>
          </div>
        </Page>
      </div>
    );
  }
  return (
    <div class="portal">
      <Page title={fhir?.title ?? 'Questionnaire'} documentTitle={name} before={back} narrow>
        <ErrorMessage message={error} />
        {!fhir && !error ? <Loading label="Opening the questionnaire…" /> : null}
        {fhir ? (
          <div class="card">
            <QuestionnaireFiller
              questionnaire={fhir}
              shortName={name}
              storageKey={draftKey({ client: clientId, instrument })}
              idPrefix="portal"
              onSubmit={async (answers) => {
                const saved = await api.submitResponse(clientId, { instrument, answers });
                if (saved.crisis) rememberCrisis(me, saved.crisis, saved.review_promise);
                setDone({
                  crisis: saved.crisis ? (normaliseCrisis(saved.crisis) ?? crisisForNow(me).crisis) : null,
                  reviewPromise: saved.review_promise ?? null,
                });
              }}
            />
          </div>
        ) : null}
      </Page>
    </div>
  );
}
