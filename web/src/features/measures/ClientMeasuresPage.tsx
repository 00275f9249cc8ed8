import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client, MeasureAssignment, MeasureResponse } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { useLocale, useT } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { SelectField } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../../shared/ui/ClientSection';
import { ClientAlertBanner } from './Alerts';
import { AssignForm, LinkBox } from './AssignPanel';
import { ResponseCard, chartPath } from './ResponseCard';
import { useInstruments } from '../../shared/measures/useInstruments';
import { dueText, instrumentName, isDue, scheduleInline, scheduleLabel, sessionsUntilDueText } from '../../shared/measures/wording';
import './measures.css';

export function fillPath(clientId: string, instrument: string): string {
  return `/clients/${encodeURIComponent(clientId)}/questionnaires/fill/${encodeURIComponent(instrument)}`;
}

export function ClientMeasuresPage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection clientId={clientId} tab="questionnaires" title={t('resources.tab.questionnaires')}>
      {(client, editable) => <Measures client={client} editable={editable} />}
    </ClientSection>
  );
}

function newestFirst(list: MeasureResponse[]): MeasureResponse[] {
  return [...list].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

function Measures({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const t = useT();
  // Band, scale and alert words come in the reader's language: asked again when it changes.
  const locale = useLocale();
  const instruments = useInstruments();
  const [responses, setResponses] = useState<MeasureResponse[] | null>(null);
  const [assignments, setAssignments] = useState<MeasureAssignment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'assign' | 'fill'>('none');
  const [created, setCreated] = useState<MeasureAssignment | null>(null);
  const [fillWith, setFillWith] = useState('');
  const [alertVersion, setAlertVersion] = useState(0);

  useEffect(() => {
    api
      .listResponses(client.id)
      .then((r) => setResponses(newestFirst(r.items)))
      .catch((err) => setError(messageOf(err)));
    api
      .listAssignments(client.id)
      .then((r) => setAssignments(r.items))
      .catch((err) => setError(messageOf(err)));
  }, [client.id, locale]);

  // A link from the caseload's alert panel points at one response: bring it into view.
  useEffect(() => {
    if (!responses || !location.hash.startsWith('#response-')) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [responses]);

  const enabled = (instruments.list ?? []).filter((i) => i.enabled);
  const charted = [...new Set((responses ?? []).map((r) => r.instrument))].filter((id) => !instruments.byId.get(id)?.ranked);
  const now = Date.now();

  return (
    <div class="measures">
      <ClientAlertBanner clientId={client.id} version={alertVersion} linkToSection={false} />
      <Notice message={notice} />
      <ErrorMessage message={error ?? instruments.error} />

      {editable ? (
        <section class="card measures__actions" aria-labelledby="measures-actions-title">
          <h2 id="measures-actions-title" class="card__title">
            {t('measures.client.askTitle')}
          </h2>
          {panel === 'none' ? (
            <div class="form__actions">
              <Button
                onClick={() => {
                  setCreated(null);
                  setNotice(null);
                  setPanel('assign');
                }}
              >
                {t('measures.client.assign')}
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setFillWith(enabled[0]?.id ?? '');
                  setPanel('fill');
                }}
              >
                {t('measures.client.fillNow')}
              </Button>
            </div>
          ) : null}
          {panel === 'assign' && instruments.list ? (
            <AssignForm
              clientId={client.id}
              instruments={instruments.list}
              clientHasPortal={client.has_portal_account}
              onCancel={() => setPanel('none')}
              onAssigned={(a) => {
                setPanel('none');
                setCreated(a);
                setAssignments((list) => [a, ...(list ?? [])]);
                setNotice(
                  t('measures.client.assigned', {
                    name: instrumentName(a.instrument, instruments.byId),
                    schedule: scheduleInline(a.every_weeks, a.every_sessions ?? null),
                    next: a.link ? 'link' : client.has_portal_account ? 'portal' : 'none',
                  }),
                );
              }}
            />
          ) : null}
          {panel === 'fill' ? (
            <form
              class="form measures__fill"
              onSubmit={(e) => {
                e.preventDefault();
                if (fillWith) navigate(fillPath(client.id, fillWith));
              }}
            >
              <p class="field__hint">{t('measures.client.fillHint', { name: client.display_name })}</p>
              <SelectField
                form="fill-now"
                name="instrument"
                label={t('measures.client.questionnaire')}
                value={fillWith}
                onValue={setFillWith}
                options={enabled.map((i) => ({ value: i.id, label: `${i.short_name} – ${i.construct}` }))}
              />
              <div class="form__actions">
                <Button type="submit" disabled={!fillWith}>
                  {t('measures.client.open')}
                </Button>
                <Button variant="quiet" onClick={() => setPanel('none')}>
                  {t('measures.client.cancel')}
                </Button>
              </div>
            </form>
          ) : null}
          {created?.link ? <LinkBox link={created.link} instrument={instrumentName(created.instrument, instruments.byId)} /> : null}
        </section>
      ) : null}

      {assignments && assignments.some((a) => a.active) ? (
        <section class="card measures__assignments" aria-labelledby="assignments-title">
          <h2 id="assignments-title" class="card__title">
            {t('measures.client.assignedTitle')}
          </h2>
          <ul class="massignments">
            {assignments
              .filter((a) => a.active)
              .map((a) => (
                <li key={a.id} class="massignments__item">
                  <span class="massignments__name">{instrumentName(a.instrument, instruments.byId)}</span>
                  <span>{scheduleLabel(a.every_weeks, a.every_sessions ?? null)}</span>
                  <span class={isDue(a, now) ? 'massignments__due' : ''}>
                    {sessionsUntilDueText(a) ?? dueText(a.next_due_at, now, formatDate)}
                  </span>
                  {a.note ? <span class="massignments__note">{a.note}</span> : null}
                </li>
              ))}
          </ul>
        </section>
      ) : null}

      {charted.length > 0 ? (
        <nav class="measures__charts" aria-label={t('measures.client.charts')}>
          <span class="measures__charts-label">{t('measures.client.overTime')}</span>
          <ul>
            {charted.map((id) => (
              <li key={id}>
                <Link href={chartPath(client.id, id)} class="btn btn--secondary btn--small">
                  {t('measures.client.chart', { name: instrumentName(id, instruments.byId) })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <section aria-labelledby="responses-title" class="measures__responses">
        <h2 id="responses-title">{t('measures.client.results')}</h2>
        {responses === null && !error ? (
          <Loading label={t('measures.client.loading')} />
        ) : responses && responses.length === 0 ? (
          <EmptyState title={t('measures.summary.none')}>
            <p>{t(editable ? 'measures.client.emptyEditor' : 'measures.client.emptyReader')}</p>
          </EmptyState>
        ) : (
          <ol class="mresp-list">
            {(responses ?? []).map((r) => (
              <li key={r.id}>
                <ResponseCard
                  response={r}
                  instrument={instruments.byId.get(r.instrument)}
                  clientId={client.id}
                  editable={editable}
                  onChanged={(updated, message) => {
                    setResponses((list) => (list ?? []).map((x) => (x.id === updated.id ? updated : x)));
                    setNotice(message);
                    setAlertVersion((v) => v + 1);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
