import { useMemo, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client, Resource, Strength } from '../../api/types';
import { useSession } from '../../app/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../resources/ClientSection';
import { useJournalApi } from './api';
import { AssignForm } from './AssignForm';
import { EntryCard } from './EntryCard';
import { exercisePath } from './Exercises';
import { MoodChart } from './MoodChart';
import { CalendarCard } from './PortalCards';
import { describeSchedule } from './schedule';
import { lowestThisWeek, moodReading, summariseMood } from './moodchart';
import type { AdherenceReport, Assignment, AssignmentStatus } from './types';
import { useCached } from './useCached';
import { adherenceSummary, formatDay, journalStats, statusLabel, streakSummary } from './wording';
import './journal.css';
import { useLocale } from '../../shared/i18n';

export function betweenSessionsPath(clientId: string): string {
  return `/clients/${encodeURIComponent(clientId)}/journal`;
}

/** /clients/:id/journal — exercises, adherence, mood and the entries the client shared. */
export function BetweenSessionsPage({ clientId }: { clientId: string }) {
  return (
    <ClientSection clientId={clientId} tab={null} title="Between sessions">
      {(client, editable) => <BetweenSessions client={client} editable={editable} />}
    </ClientSection>
  );
}

function BetweenSessions({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const japi = useJournalApi();
  const report = useCached(`journal:adherence:${client.id}`, () => japi.adherence(client.id));
  const locale = useLocale();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  const entries = useCached(`journal:shared:${client.id}`, () => japi.listEntries(client.id, { limit: 500 }));
  const strengths = useCached('journal:strengths', () => api.listStrengths().then((r) => r.items));
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
            Exercises
          </h2>
          {editable && !assigning ? (
            <Button small variant="secondary" onClick={() => setAssigning(true)}>
              Assign an exercise
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
                  setNotice(`“${x?.title ?? 'The exercise'}” is assigned: ${describeSchedule(a.schedule).toLowerCase()}.`);
                  report.reload();
                }}
              />
              <p class="field__hint">
                <Link href="/exercises">Browse the exercise library</Link>
              </p>
            </div>
          ) : (
            <>
              <ErrorMessage message={exercises.error} />
              {exercises.error ? null : <Loading label="Loading exercises…" />}
            </>
          )
        ) : null}
        <ErrorMessage message={report.value ? null : report.error} />
        {!report.value && !report.error ? <Loading label="Loading…" /> : null}
        {report.value && items.length === 0 ? <p>No exercises assigned yet.</p> : null}
        {current.length ? (
          <ul class="jassignments">
            {current.map((a) => (
              <AssignmentRow key={a.id} a={a} editable={editable} onChanged={(m) => (setNotice(m), report.reload())} />
            ))}
          </ul>
        ) : null}
        {ended.length ? (
          <details class="jdetails">
            <summary>Ended ({ended.length})</summary>
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
          Mood
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
          Shared journal entries
        </h2>
        <p class="field__hint">Only the entries {client.display_name} chose to share. Private entries stay private.</p>
        {privateDates.length ? (
          <p class="jprivate-dates">
            <strong>Private entries on:</strong> {privateDates.map((d) => formatDay(d)).join(', ')}
          </p>
        ) : null}
        <ErrorMessage message={entries.value ? null : entries.error} />
        {!entries.value && !entries.error ? <Loading label="Loading entries…" /> : null}
        {entries.value && entries.value.items.length === 0 ? <p>No shared entries yet.</p> : null}
        {entries.value && entries.value.items.length ? (
          <ol class="jlist jtimeline" aria-label="Shared entries, newest first">
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
  const mood = report.mood_summary ?? summariseMood(report.mood, report.today);
  if (!mood.latest) return null;
  const day = (d: string) => formatDay(d);
  return (
    <dl class="jadherence jmood-facts">
      <div>
        <dt>Latest mood</dt>
        <dd>{moodReading(mood.latest, day)}</dd>
      </div>
      <div>
        <dt>Lowest this week</dt>
        <dd>
          {mood.lowest_7_days
            ? `${moodReading(mood.lowest_7_days, day)}, of ${mood.entries_7_days} ${mood.entries_7_days === 1 ? 'rating' : 'ratings'} in the last 7 days`
            : 'No mood rating in the last 7 days'}
        </dd>
      </div>
    </dl>
  );
}

function AssignmentRow({ a, editable, onChanged }: { a: Assignment; editable: boolean; onChanged: (message: string) => void }) {
  const japi = useJournalApi();
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
        {describeSchedule(a.schedule)} · since {formatDay(a.starts_on)}
        {a.ended_on ? ` · ended ${formatDay(a.ended_on)}` : ''}
      </p>
      {a.note ? <p class="jassignment__note">“{a.note}”</p> : null}
      <dl class="jadherence">
        <div>
          <dt>Done</dt>
          <dd>
            {adherenceSummary(a.adherence)}
            {a.status === 'active' && a.due_today ? (a.done_today ? ' · done today' : ' · due today') : ''}
          </dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>{streakSummary(a.adherence)}</dd>
        </div>
      </dl>
      <ErrorMessage message={error} />
      {editable && a.status !== 'ended' ? (
        confirmEnd ? (
          <div class="jpanel" role="group" aria-label={`End ${a.exercise_title}`}>
            <p>End “{a.exercise_title}”? It cannot be resumed; you can assign it again later.</p>
            <div class="jactions">
              <Button small variant="danger" busy={busy === 'ended'} busyLabel="Ending…" onClick={() => void change('ended', `“${a.exercise_title}” has ended.`)}>
                End exercise
              </Button>
              <Button small variant="quiet" onClick={() => setConfirmEnd(false)}>
                Keep it
              </Button>
            </div>
          </div>
        ) : (
          <div class="jactions">
            {a.status === 'active' ? (
              <Button small variant="secondary" busy={busy === 'paused'} busyLabel="Pausing…" onClick={() => void change('paused', `“${a.exercise_title}” is paused.`)}>
                Pause<span class="visually-hidden"> {a.exercise_title}</span>
              </Button>
            ) : (
              <Button small variant="secondary" busy={busy === 'active'} busyLabel="Resuming…" onClick={() => void change('active', `“${a.exercise_title}” is active again.`)}>
                Resume<span class="visually-hidden"> {a.exercise_title}</span>
              </Button>
            )}
            <Button small variant="quiet" onClick={() => setConfirmEnd(true)}>
              End<span class="visually-hidden"> {a.exercise_title}</span>
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
  const report = useCached(`journal:adherence:${client.id}`, () => japi.adherence(client.id));
  const active = (report.value?.items ?? []).filter((a) => a.status === 'active');
  const mood = report.value ? (report.value.mood_summary ?? summariseMood(report.value.mood, report.value.today)) : null;
  return (
    <section class="card" aria-labelledby="bs-summary">
      <h2 id="bs-summary" class="card__title">
        Between sessions
      </h2>
      <ErrorMessage message={report.value ? null : report.error} />
      {report.value ? (
        <dl class="facts">
          <div class="facts__row">
            <dt>Exercises</dt>
            <dd>{active.length ? active.map((a) => `${a.exercise_title} (${a.adherence.done}/${a.adherence.due})`).join(', ') : 'None active'}</dd>
          </div>
          <div class="facts__row">
            <dt>Journal</dt>
            <dd>
              {report.value.journal.entries} {report.value.journal.entries === 1 ? 'entry' : 'entries'}
            </dd>
          </div>
          {mood?.latest ? (
            <div class="facts__row">
              <dt>Mood</dt>
              <dd>
                latest {moodReading(mood.latest, (d) => formatDay(d))} · {lowestThisWeek(mood, (d) => formatDay(d))}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : report.error ? null : (
        <Loading label="Loading…" />
      )}
      <p class="jsummary__link">
        <Link href={betweenSessionsPath(client.id)} class="btn btn--secondary btn--small">
          Exercises, mood and journal
        </Link>
      </p>
    </section>
  );
}
