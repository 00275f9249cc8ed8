import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { useMe } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { CopyLinkRow } from '../../shared/ui/CopyLink';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { formatDate, formatList } from '../../shared/format';
import { Link } from '../../shared/ui/Link';
import { isPersonal, useJournalApi } from '../../shared/journal/api';
import { portalExercisePath } from './Exercises';
import { journalPath, useJournalBasics } from './JournalPage';
import { describeSchedule } from '../../shared/journal/schedule';
import { useCached } from '../../shared/useCached';
import { useOutbox } from './useOutbox';
import { allDoneText, encouragement, formatDay, minutes } from '../../shared/journal/wording';
import './journal.css';
import { useT } from '../../shared/i18n';

/** On the portal home: what is planned for today, each a tap away from writing about it. */
export function TodayCard({ clientId }: { clientId: string }) {
  const me = useMe();
  const t = useT();
  const basics = useJournalBasics(clientId);
  const outbox = useOutbox(clientId, () => basics.assignments.reload());
  const items = basics.assignments.value;
  const exercises = new Map((basics.exercises.value ?? []).map((x) => [x.id, x]));
  const due = (items ?? []).filter((a) => a.status === 'active' && a.due_today && !a.done_today);
  const done = (items ?? []).filter((a) => a.status === 'active' && a.done_today);

  return (
    <section class="card portal__card jtoday" aria-labelledby="portal-today">
      <h2 id="portal-today" class="card__title">
        {t('journal.today.title')}
      </h2>
      <ErrorMessage message={items ? null : basics.assignments.error} />
      {!items && !basics.assignments.error ? <Loading label={t('journal.today.loading')} /> : null}
      {items ? (
        due.length ? (
          <ul class="jtoday__list">
            {due.map((a) => {
              const x = exercises.get(a.exercise_id);
              const cheer = encouragement(a.adherence);
              return (
                <li key={a.id} class="jtoday__item">
                  <div class="jtoday__text">
                    <span class="jtoday__name">{a.exercise_title}</span>
                    <span class="jtoday__meta">
                      {describeSchedule(a.schedule)}
                      {x ? ` · ${minutes(x.duration_minutes)}` : ''}
                    </span>
                    {a.note ? <span class="jtoday__note">“{a.note}”</span> : null}
                    {cheer ? <span class="jtoday__cheer">{cheer}</span> : null}
                  </div>
                  <div class="jtoday__actions">
                    <Link href={journalPath(a.id)} class="btn btn--primary">
                      {t('journal.today.write')}<span class="visually-hidden">: {a.exercise_title}</span>
                    </Link>
                    <Link href={portalExercisePath(a.exercise_id)} class="btn btn--quiet btn--small">
                      {t('journal.today.how')}<span class="visually-hidden">: {a.exercise_title}</span>
                    </Link>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="jtoday__done">{allDoneText(items)}</p>
        )
      ) : null}
      {done.length && due.length ? (
        <p class="jtoday__finished">{t('journal.today.doneToday', { titles: formatList(done.map((a) => a.exercise_title)) })}</p>
      ) : null}
      {outbox.pending.length ? (
        <p class="jtoday__waiting">
          <span class="jtag jtag--waiting">{t('journal.waiting')}</span> {t('journal.today.waitingText', { n: outbox.pending.length })}
        </p>
      ) : null}
      <div class="jtoday__links">
        <Link href={journalPath()} class="btn btn--secondary">
          {t('journal.today.openJournal')}
        </Link>
        <Link href="/portal/exercises" class="btn btn--quiet">
          {t('journal.today.exercises', { personal: isPersonal(me) ? 'yes' : 'no' })}
        </Link>
      </div>
    </section>
  );
}

/** Small, quiet markers of what went well, with a way to turn them off. */
export function MilestonesCard({ clientId }: { clientId: string }) {
  const japi = useJournalApi();
  const t = useT();
  const m = useCached(`journal:milestones:${clientId}`, () => japi.milestones(clientId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await japi.setMilestones(clientId, enabled);
      m.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  if (!m.value) {
    return m.error ? (
      <section class="card portal__card" aria-labelledby="portal-milestones">
        <h2 id="portal-milestones" class="card__title">
          {t('journal.milestones.title')}
        </h2>
        <ErrorMessage message={m.error} />
      </section>
    ) : null;
  }
  const items = all ? m.value.items : m.value.items.slice(0, 4);
  return (
    <section class="card portal__card jmilestones" aria-labelledby="portal-milestones">
      <h2 id="portal-milestones" class="card__title">
        {t('journal.milestones.title')}
      </h2>
      <ErrorMessage message={error} />
      {m.value.enabled ? (
        m.value.items.length ? (
          <>
            <ul class="jmilestones__list">
              {items.map((x) => (
                <li key={x.id}>
                  <span class="jmilestones__title">{x.title}</span>
                  <span class="jmilestones__date">{formatDay(x.achieved_on)}</span>
                  <span class="jmilestones__msg">{x.message}</span>
                </li>
              ))}
            </ul>
            {m.value.items.length > 4 ? (
              <Button small variant="quiet" onClick={() => setAll(!all)} ariaExpanded={all}>
                {all ? t('journal.milestones.fewer') : t('journal.milestones.all', { n: m.value.items.length })}
              </Button>
            ) : null}
          </>
        ) : (
          <p>{t('journal.milestones.empty')}</p>
        )
      ) : (
        <p>{t('journal.milestones.off')}</p>
      )}
      <label class="choice choice--single jmilestones__toggle" for="milestones-enabled">
        <input
          id="milestones-enabled"
          type="checkbox"
          checked={m.value.enabled}
          disabled={busy}
          onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{t('journal.milestones.show')}</span>
      </label>
    </section>
  );
}

/** The .ics link as webcal://, which phones open straight in their calendar app. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, 'webcal://');
}

/** "Add to my phone's calendar": a secret .ics link with the exercise days, and a way to stop it. */
export function CalendarCard({ clientId, voice, headingLevel = 2 }: { clientId: string; voice: 'client' | 'therapist'; headingLevel?: 2 | 3 }) {
  const japi = useJournalApi();
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'revoke' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // When a link made earlier is still live (its secret is never shown again): null = unknown.
  const [activeSince, setActiveSince] = useState<string | null | undefined>(undefined);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    japi.calendarFeedStatus(clientId).then(
      (s) => setActiveSince(s.active ? s.created_at : null),
      () => setActiveSince(undefined),
    );
  }, [clientId]);

  const create = async () => {
    setBusy('create');
    setError(null);
    setNotice(null);
    setCopied(false);
    try {
      const r = await japi.createCalendarFeed(clientId);
      setUrl(r.url);
      setActiveSince(new Date().toISOString());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };
  const revoke = async () => {
    setBusy('revoke');
    setError(null);
    try {
      await japi.revokeCalendarFeed(clientId);
      setUrl(null);
      setActiveSince(null);
      setNotice(t('journal.calendar.stopped'));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };
  const afterCopy = (ok: boolean) => {
    if (ok) setCopied(true);
    else setNotice(t('journal.calendar.selectCopy'));
  };

  const client = voice === 'client';
  return (
    <section class={client ? 'card portal__card jcalendar' : 'card jcalendar'} aria-labelledby={`calendar-title-${clientId}`}>
      <H id={`calendar-title-${clientId}`} class="card__title">
        {t('journal.calendar.title', { voice })}
      </H>
      <p>
        {t('journal.calendar.intro', { voice })}
      </p>
      <ErrorMessage message={error} />
      <Notice message={notice} />
      {url ? (
        <div class="jcalendar__link">
          <label class="field__label" for={`calendar-url-${clientId}`}>
            {t('journal.calendar.linkLabel', { voice })}
          </label>
          <p class="field__hint">{t('journal.calendar.keepPrivate')}</p>
          <CopyLinkRow
            id={`calendar-url-${clientId}`}
            url={url}
            rowClass="jcalendar__row"
            typed={false}
            selectOnFocus
            small
            copyLabel={copied ? t('journal.calendar.copied') : t('journal.calendar.copy')}
            onCopied={afterCopy}
          />
          <div class="jactions">
            <a class="btn btn--primary" href={webcalUrl(url)}>
              {t('journal.calendar.open', { voice })}
            </a>
          </div>
        </div>
      ) : (
        <Button busy={busy === 'create'} busyLabel={t('journal.calendar.making')} onClick={() => void create()}>
          {t('journal.calendar.make', { voice })}
        </Button>
      )}
      {activeSince === null && !url ? null : (
        <div class="jcalendar__stop">
          {url ? null : (
            <p class="field__hint">
              {activeSince ? t('journal.calendar.activeSince', { date: formatDate(activeSince) }) : t('journal.calendar.madeBefore')}
            </p>
          )}
          <Button small variant="quiet" busy={busy === 'revoke'} busyLabel={t('journal.calendar.stopping')} onClick={() => void revoke()}>
            {t('journal.calendar.stop')}
          </Button>
        </div>
      )}
    </section>
  );
}
