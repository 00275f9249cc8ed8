import { useState } from 'preact/hooks';
import type { MeasureResponse } from '../../api/types';
import { useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../../shared/ui/ClientSection';
import { questionnairesPath } from './Alerts';
import { QuestionnaireFiller } from './QuestionnaireFiller';
import { draftKey } from './questionnaire';
import { chartPath } from './ResponseCard';
import { useInstruments, useQuestionnaire } from '../../shared/measures/useInstruments';
import { missingNote, scaleLabel, scoreText, totalOf } from '../../shared/measures/wording';
import './measures.css';

/** "Fill in now (in session)": the client answers on the therapist's device; saved to their record. */
export function FillInSessionPage({ clientId, instrument }: { clientId: string; instrument: string }) {
  const { api } = useSession();
  const t = useT();
  const instruments = useInstruments();
  const { fhir, error } = useQuestionnaire(instrument);
  const [saved, setSaved] = useState<MeasureResponse | null>(null);

  const summary = instruments.byId.get(instrument);
  const name = summary?.short_name ?? instrument.toUpperCase();
  const back = { href: questionnairesPath(clientId), label: t('measures.backToQuestionnaires') };

  return (
    <ClientSection clientId={clientId} tab={null} title={t(saved ? 'measures.session.saved' : 'measures.session.title', { name })} back={back}>
      {(client, editable) => {
        if (!editable) return <p class="alert alert--info">{t('measures.session.careTeamOnly', { name: client.display_name })}</p>;
        if (error) return <ErrorMessage message={error} />;
        if (summary && !summary.enabled) {
          return (
            <EmptyState title={t('measures.session.notEnabled', { name })}>
              <p>{t('measures.session.notEnabledHint')}</p>
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
                <CrisisPanel crisis={saved.crisis} title={t('measures.session.crisisTitle')}>
                  <p class="crisis__text">{t('measures.session.crisisText', { name: client.display_name })}</p>
                </CrisisPanel>
              ) : null}
              <div class="card thanks">
                <span class="thanks__mark" aria-hidden="true">
                  ✓
                </span>
                <p>{t('measures.session.thanks', { name: client.display_name })}</p>
                {total ? (
                  <p>
                    <strong>
                      {t('measures.session.total', { label: scaleLabel(total.label), score: scoreText(total) })}
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
                    {t('measures.session.allResults')}
                  </Link>
                  {total ? (
                    <Link href={chartPath(clientId, instrument)} class="btn btn--secondary">
                      {t('measures.overTime', { name })}
                    </Link>
                  ) : null}
                </p>
              </div>
            </>
          );
        }
        if (!fhir) return <Loading label={t('measures.link.opening')} />;
        return (
          <div class="card">
            <QuestionnaireFiller
              questionnaire={fhir}
              shortName={name}
              storageKey={draftKey({ client: client.id, instrument })}
              idPrefix="session"
              submitLabel={t('measures.session.save')}
              busyLabel={t('measures.session.saving')}
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
