import { useMemo, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client, Resource, Strength } from '../../api/types';
import { useSession } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../../shared/ui/ClientSection';
import { useJournalApi } from '../../shared/journal/api';
import { AssignForm } from '../../shared/journal/AssignForm';
import { EntryCard } from './EntryCard';
import { exercisePath } from './Exercises';
import { MoodChart } from './MoodChart';
import { CalendarCard } from './PortalCards';
import { describeSchedule } from '../../shared/journal/schedule';
import { lowestThisWeek, moodReading, summariseMood } from './moodchart';
import type { AdherenceReport, Assignment, AssignmentStatus } from '../../shared/journal/types';
import { useCached } from '../../shared/useCached';
import { currentLocale } from '../../shared/i18n';
import { adherenceSummary, formatDay, journalStats, statusLabel, streakSummary } from '../../shared/journal/wording';
import { betweenSessionsPath } from '../../shared/journal/paths';
import './journal.css';
import { useLocale, useT } from '../../shared/i18n';
import { formatList } from '../../shared/format';

/** /clients/:id/journal — exercises, adherence, mood and the entries the client shared. */
export function BetweenSessionsPage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection clientId={clientId} tab={null} title={t('journal.between.title')}>
      {(client, editable) => <BetweenSessions client={client} editable={editable} />}
    </ClientSection>
  );
}

function BetweenSessions({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const japi = useJournalApi();
  const t = useT();
  const report = useCached(`journal:adherence:${client.id}`, () => japi.adherence(client.id));
  const locale = useLocale();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  const entries = useCached(`journal:shared:${client.id}`, () => japi.listEntries(client.id, { limit: 500 }));
  const strengths = useCached(`journal:strengths:${currentLocale()}`, () => api.listStrengths().then((r) => r.items));
  const resources = useCached(`journal:resources:${client.id}`, () => api.listResources({ kind: 'client', id: client.id }).then((r) => r.items));
  const [assigning, setAssigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const strengthMap = useMemo(() => new Map<string, Strength>((strengths.value ?? []).map((s) => [s.code, s])), [strengths.value]);
  const resourceMap = useMemo(() => new Map<string, Resource>((resources.value ?? []).map((r) => [r.id, r])), [resources.value]);

  const items = report.value?.items ?? [];
  const current = items.filter((a) => a.status !== 'ended');
  const ended = items.filter((a) => a.status === 'ended');
  const privateDates = entries.value?.private_entry_dates ?? [];

  return (
    <div class="jbetween">
      <Notice message={notice} />
      <section class="card" aria-labelledby="bs-exercises">
        <div class="jcardhead">
          <h2 id="bs-exercises" class="card__title">
            {t('journal.between.exercises')}
          </h2>
          {editable && !assigning ? (
            <Button small variant="secondary" onClick={() => setAssigning(true)}>
              {t('journal.between.assign')}
            </Button>
          ) : null}
        </div>
        {assigning ? (
          exercises.value ? (
            <div class="jpanel">
              <AssignForm
                form="assign"
                clientId={client.id}
                exercises={exercises.value}
                voice="therapist"
                onCancel={() => setAssigning(false)}
                onDone={(a, x) => {
                  setAssigning(false);
                  setNotice(t('journal.between.assigned', { title: x?.title ?? t('journal.between.theExercise'), schedule: describeSchedule(a.schedule) }));
                  report.reload();
                }}
              />
              <p class="field__hint">
                <Link href="/exercises">{t('journal.between.browse')}</Link>
              </p>
            </div>
          ) : (
            <>
              <ErrorMessage message={exercises.error} />
              {exercises.error ? null : <Loading label={t('journal.ex.loading')} />}
            </>
          )
        ) : null}
        <ErrorMessage message={report.value ? null : report.error} />
        {!report.value && !report.error ? <Loading label={t('app.loading')} /> : null}
        {report.value && items.length === 0 ? <p>{t('journal.between.noneAssigned')}</p> : null}
        {current.length ? (
          <ul class="jassignments">
            {current.map((a) => (
              <AssignmentRow key={a.id} a={a} editable={editable} onChanged={(m) => (setNotice(m), report.reload())} />
            ))}
          </ul>
        ) : null}
        {ended.length ? (
          <details class="jdetails">
            <summary>{t('journal.between.ended', { n: ended.length })}</summary>
            <ul class="jassignments">
              {ended.map((a) => (
                <AssignmentRow key={a.id} a={a} editable={false} onChanged={() => undefined} />
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section class="card" aria-labelledby="bs-mood">
        <h2 id="bs-mood" class="card__title">
          {t('journal.between.mood')}
        </h2>
        {report.value ? (
          <>
            <p class="jstats">{journalStats(report.value.journal)}</p>
            <MoodFacts report={report.value} />
            <MoodChart points={report.value.mood} />
          </>
        ) : null}
      </section>

      <section class="card" aria-labelledby="bs-entries">
        <h2 id="bs-entries" class="card__title">
          {t('journal.between.shared')}
        </h2>
        <p class="field__hint">{t('journal.between.sharedHint', { name: client.display_name })}</p>
        {privateDates.length ? (
          <p class="jprivate-dates">
            <strong>{t('journal.between.privateOn')}</strong> {formatList(privateDates.map((d) => formatDay(d)), locale)}
          </p>
        ) : null}
        <ErrorMessage message={entries.value ? null : entries.error} />
        {!entries.value && !entries.error ? <Loading label={t('journal.between.loadingEntries')} /> : null}
        {entries.value && entries.value.items.length === 0 ? <p>{t('journal.between.noShared')}</p> : null}
        {entries.value && entries.value.items.length ? (
          <ol class="jlist jtimeline" aria-label={t('journal.between.sharedList')}>
            {entries.value.items.map((e) => (
              <li key={e.id}>
                <EntryCard entry={e} strengths={strengthMap} resources={resourceMap} voice="therapist" />
              </li>
            ))}
          </ol>
        ) : null}
      </section>

      {editable ? <CalendarCard clientId={client.id} voice="therapist" /> : null}
    </div>
  );
}

/** Latest and lowest beside the chart, each with its scale, so a low day stands out (issue 13). */
function MoodFacts({ report }: { report: AdherenceReport }) {
  const t = useT();
  const mood = report.mood_summary ?? summariseMood(report.mood, report.today);
  if (!mood.latest) return null;
  const day = (d: string) => formatDay(d);
  return (
    <dl class="jadherence jmood-facts">
      <div>
        <dt>{t('journal.between.latestMood')}</dt>
        <dd>{moodReading(mood.latest, day)}</dd>
      </div>
      <div>
        <dt>{t('journal.between.lowestWeek')}</dt>
        <dd>
          {mood.lowest_7_days
            ? t('journal.between.lowestOf', { reading: moodReading(mood.lowest_7_days, day), n: mood.entries_7_days })
            : t('journal.between.noMoodWeek')}
        </dd>
      </div>
    </dl>
  );
}

function AssignmentRow({ a, editable, onChanged }: { a: Assignment; editable: boolean; onChanged: (message: string) => void }) {
  const japi = useJournalApi();
  const t = useT();
  const [busy, setBusy] = useState<AssignmentStatus | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (status: AssignmentStatus, message: string) => {
    setBusy(status);
    setError(null);
    try {
      await japi.updateAssignment(a.id, { status });
      onChanged(message);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
      setConfirmEnd(false);
    }
  };
  return (
    <li class={`jassignment jassignment--${a.status}`}>
      <div class="jassignment__head">
        <h3 class="jassignment__title">
          <Link href={exercisePath(a.exercise_id)}>{a.exercise_title}</Link>
        </h3>
        <span class={`status status--${a.status === 'ended' ? 'closed' : a.status}`}>{statusLabel(a.status)}</span>
      </div>
      <p class="jassignment__meta">
        {a.ended_on
          ? t('journal.between.sinceEnded', { schedule: describeSchedule(a.schedule), date: formatDay(a.starts_on), ended: formatDay(a.ended_on) })
          : t('journal.between.since', { schedule: describeSchedule(a.schedule), date: formatDay(a.starts_on) })}
      </p>
      {a.note ? <p class="jassignment__note">“{a.note}”</p> : null}
      <dl class="jadherence">
        <div>
          <dt>{t('journal.between.done')}</dt>
          <dd>
            {a.status === 'active' && a.due_today
              ? t(a.done_today ? 'journal.between.doneToday' : 'journal.between.dueToday', { summary: adherenceSummary(a.adherence) })
              : adherenceSummary(a.adherence)}
          </dd>
        </div>
        <div>
          <dt>{t('journal.between.streak')}</dt>
          <dd>{streakSummary(a.adherence)}</dd>
        </div>
      </dl>
      <ErrorMessage message={error} />
      {editable && a.status !== 'ended' ? (
        confirmEnd ? (
          <div class="jpanel" role="group" aria-label={t('journal.between.endLabel', { title: a.exercise_title })}>
            <p>{t('journal.between.endQuestion', { title: a.exercise_title })}</p>
            <div class="jactions">
              <Button small variant="danger" busy={busy === 'ended'} busyLabel={t('journal.between.ending')} onClick={() => void change('ended', t('journal.between.hasEnded', { title: a.exercise_title }))}>
                {t('journal.between.endExercise')}
              </Button>
              <Button small variant="quiet" onClick={() => setConfirmEnd(false)}>
                {t('journal.between.keep')}
              </Button>
            </div>
          </div>
        ) : (
          <div class="jactions">
            {a.status === 'active' ? (
              <Button small variant="secondary" busy={busy === 'paused'} busyLabel={t('journal.between.pausing')} onClick={() => void change('paused', t('journal.between.isPaused', { title: a.exercise_title }))}>
                {t('journal.between.pause')}<span class="visually-hidden"> {a.exercise_title}</span>
              </Button>
            ) : (
              <Button small variant="secondary" busy={busy === 'active'} busyLabel={t('journal.between.resuming')} onClick={() => void change('active', t('journal.between.isActive', { title: a.exercise_title }))}>
                {t('journal.between.resume')}<span class="visually-hidden"> {a.exercise_title}</span>
              </Button>
            )}
            <Button small variant="quiet" onClick={() => setConfirmEnd(true)}>
              {t('journal.between.end')}<span class="visually-hidden"> {a.exercise_title}</span>
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}

/** On the client's overview: how the time between sessions is going, and the way in. */
export function BetweenSessionsSummary({ client }: { client: Client }) {
  const japi = useJournalApi();
  const t = useT();
  const report = useCached(`journal:adherence:${client.id}`, () => japi.adherence(client.id));
  const active = (report.value?.items ?? []).filter((a) => a.status === 'active');
  const mood = report.value ? (report.value.mood_summary ?? summariseMood(report.value.mood, report.value.today)) : null;
  return (
    <section class="card" aria-labelledby="bs-summary">
      <h2 id="bs-summary" class="card__title">
        {t('journal.between.title')}
      </h2>
      <ErrorMessage message={report.value ? null : report.error} />
      {report.value ? (
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('journal.between.exercises')}</dt>
            <dd>{active.length ? active.map((a) => `${a.exercise_title} (${a.adherence.done}/${a.adherence.due})`).join(', ') : t('journal.between.noneActive')}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('journal.between.journal')}</dt>
            <dd>{t('journal.stats.entries', { count: report.value.journal.entries })}</dd>
          </div>
          {mood?.latest ? (
            <div class="facts__row">
              <dt>{t('journal.between.mood')}</dt>
              <dd>
                {t('journal.between.moodLine', {
                  reading: moodReading(mood.latest, (d) => formatDay(d)),
                  lowest: lowestThisWeek(mood, (d) => formatDay(d)),
                })}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : report.error ? null : (
        <Loading label={t('app.loading')} />
      )}
      <p class="jsummary__link">
        <Link href={betweenSessionsPath(client.id)} class="btn btn--secondary btn--small">
          {t('journal.between.open')}
        </Link>
      </p>
    </section>
  );
}
