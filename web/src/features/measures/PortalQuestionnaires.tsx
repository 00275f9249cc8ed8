import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Crisis, MeasureAssignment } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { langIfOther, useT } from '../../shared/i18n';
import { normaliseCrisis } from '../../shared/crisis';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { crisisForNow, rememberCrisis } from '../../shared/safety/useSafety';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { QuestionnaireFiller } from './QuestionnaireFiller';
import { draftKey } from './questionnaire';
import { useInstruments, useQuestionnaire } from '../../shared/measures/useInstruments';
import { dueText, instrumentName, isDue } from '../../shared/measures/wording';
import './measures.css';

export function portalQuestionnairePath(instrument: string): string {
  return `/portal/questionnaires/${encodeURIComponent(instrument)}`;
}

/** On the portal: the questionnaires that are due now, each with "Fill in". Nothing when none is due. */
export function PortalQuestionnaires({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const t = useT();
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
          {t('measures.portal.title')}
        </h2>
        <ErrorMessage message={error} />
      </section>
    );
  }
  if (!due || due.length === 0) return null;
  return (
    <section class="card portal__card pq" aria-labelledby="portal-questionnaires">
      <h2 id="portal-questionnaires" class="card__title">
        {t('measures.portal.title')}
      </h2>
      <p>{t('measures.portal.intro', { count: due.length })}</p>
      <ul class="pq__list">
        {due.map((a) => {
          const ins = instruments.byId.get(a.instrument);
          return (
            <li key={a.id} class="pq__item">
              <div class="pq__text">
                <span class="pq__name">{ins?.title ?? instrumentName(a.instrument, instruments.byId)}</span>
                <span class="pq__meta">
                  {ins ? `${t('measures.portal.questions', { count: ins.item_count })} · ` : ''}
                  {dueText(a.next_due_at, Date.now(), formatDate).toLowerCase()}
                </span>
                {a.note ? <span class="pq__note">{a.note}</span> : null}
              </div>
              <Link href={portalQuestionnairePath(a.instrument)} class="btn btn--primary">
                {t('measures.portal.fillIn')}
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
  const t = useT();
  const me = useMe();
  const clientId = me.user.client_id;
  const instruments = useInstruments();
  const { fhir, error } = useQuestionnaire(instrument);
  const [done, setDone] = useState<{ crisis: Crisis | null; reviewPromise: string | null } | null>(null);

  const name = instruments.byId.get(instrument)?.short_name ?? instrument.toUpperCase();
  const back = (
    <Link href="/portal" class="back-link">
      {t('measures.portal.back')}
    </Link>
  );

  if (!clientId) {
    return (
      <Page title={t('measures.link.title')} before={back} narrow>
        <p class="alert alert--info">{t('measures.portal.notLinked')}</p>
      </Page>
    );
  }
  if (done) {
    return (
      <div class="portal">
        <Page title={t('measures.thanks.title')} before={back} narrow>
          {done.crisis ? <CrisisPanel crisis={done.crisis} reviewPromise={done.reviewPromise} subject="answers" /> : null}
          <div class="card thanks">
            <span class="thanks__mark" aria-hidden="true">
              ✓
            </span>
            <p>{t('measures.portal.saved')}</p>
            <p>{t(done.crisis ? 'measures.portal.talkAlso' : 'measures.portal.talk')}</p>
            <Link href="/portal" class="btn btn--primary">
              {t('measures.portal.back')}
            </Link>
          </div>
        </Page>
      </div>
    );
  }
  return (
    <div class="portal">
      <Page title={fhir?.title ?? t('measures.link.title')} documentTitle={name} before={back} narrow>
        <ErrorMessage message={error} />
        {!fhir && !error ? <Loading label={t('measures.link.opening')} /> : null}
        {fhir ? (
          <div class="card" lang={langIfOther(fhir.language)}>
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
