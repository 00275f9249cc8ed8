import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { useMe } from '../../shared/session';
import { navigate } from '../../shared/router';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { useLocale, useT } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { NewSessionForm } from './NewSessionForm';
import { SessionCard, sessionPath } from './SessionCard';
import type { Session } from '../../shared/sessions/types';
import { useDirectory, withName } from './useDirectory';
import { emptySessionForm, type SessionFormValues } from './validation';
import { addDays, dayLabel, dayMonth, fetchRange, groupByDay, localYmd, mondayOf, sessionWhen, weekDays, weekFromParam, weekLabel, weekdayShort, type Ymd } from '../../shared/sessions/week';
import './sessions.css';

export function schedulePath(week?: Ymd, extra?: Record<string, string>): string {
  const params = new URLSearchParams();
  if (week) params.set('week', week);
  for (const [k, v] of Object.entries(extra ?? {})) params.set(k, v);
  const qs = params.toString();
  return qs ? `/schedule?${qs}` : '/schedule';
}

/** `?new=client:ID`, `?new=case:ID` or `?new=1` opens the form, prefilled. */
function initialForm(param: string | null, date: Ymd): SessionFormValues {
  if (param?.startsWith('client:')) return emptySessionForm(date, param.slice('client:'.length));
  if (param?.startsWith('case:')) return emptySessionForm(date, '', param.slice('case:'.length));
  return emptySessionForm(date);
}

interface Created {
  session: Session;
  name: string;
}

/** /schedule — the week's sessions, Monday to Sunday, with planning and marking attendance. */
export function SchedulePage({ search }: { search: string }) {
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const dir = useDirectory();
  const params = new URLSearchParams(search);
  const today = localYmd(new Date());
  const monday = weekFromParam(params.get('week'), today);
  const days = weekDays(monday);
  const canPlan = me.user.role === 'therapist';
  const newParam = params.get('new');

  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [form, setForm] = useState<SessionFormValues | null>(() =>
    canPlan && newParam !== null ? initialForm(newParam, days.includes(today) ? today : monday) : null,
  );

  useEffect(() => {
    let live = true;
    setSessions(null);
    setError(null);
    sapi
      .listSessions({ ...fetchRange(monday), limit: 500 })
      .then((r) => live && setSessions(r.items))
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [monday, version]);

  const createdRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const byDay = useMemo(() => groupByDay(sessions ?? [], days), [sessions, monday]);
  const inWeek = [...byDay.values()].flat();

  const replace = (updated: Session, message: string) => {
    setSessions((list) => (list ?? []).map((s) => (s.id === updated.id ? updated : s)));
    setNotice(message);
  };

  const openForm = (date: Ymd) => {
    setCreated(null);
    setNotice(null);
    setForm(emptySessionForm(date));
  };

  const onCreated = (s: Session) => {
    setForm(null);
    setNotice(null);
    setCreated({ session: s, name: withName(s, dir) });
    const week = mondayOf(localYmd(new Date(s.starts_at)));
    // The address drops ?new= so a reload does not open the form again.
    if (week !== monday || newParam !== null) navigate(schedulePath(week), { replace: newParam !== null });
    else setVersion((v) => v + 1);
  };

  const title = t(me.user.role === 'supervisor' ? 'sessions.schedule.titleSupervisor' : 'sessions.schedule.title');
  const label = weekLabel(monday, locale);

  return (
    <Page
      title={title}
      documentTitle={t('sessions.schedule.documentTitle', { week: label })}
      actions={
        canPlan && !form ? (
          <Button onClick={() => openForm(days.includes(today) ? today : monday)}>{t('sessions.schedule.new')}</Button>
        ) : null
      }
      intro={me.user.role === 'supervisor' ? <p>{t('sessions.schedule.supervisorIntro')}</p> : null}
    >
      {form ? (
        <NewSessionForm
          key={`${form.client_id}|${form.case_id}|${form.date}`}
          dir={dir}
          known={inWeek}
          initial={form}
          onCreated={onCreated}
          onCancel={() => {
            setForm(null);
            if (newParam !== null) navigate(schedulePath(monday), { replace: true });
            requestAnimationFrame(() => document.querySelector<HTMLElement>('.page__actions .btn')?.focus());
          }}
        />
      ) : null}
      <div class="live" aria-live="polite" aria-atomic="true">
        {created ? (
          <p class="alert alert--success" tabIndex={-1} ref={createdRef}>
            {t('sessions.schedule.planned', { name: created.name, when: sessionWhen(created.session.starts_at, locale) })}{' '}
            <Link href={sessionPath(created.session.id)}>{t('sessions.schedule.openIt')}</Link>
          </p>
        ) : null}
      </div>
      <Notice message={notice} />

      <nav class="sweeknav" aria-label={t('sessions.schedule.weeks')}>
        <Link href={schedulePath(addDays(monday, -7))} class="btn btn--quiet btn--small">
          <span aria-hidden="true">←</span> {t('sessions.schedule.previousWeek')}
        </Link>
        <p class="sweeknav__label" aria-live="polite">
          {label}
        </p>
        <div class="sweeknav__right">
          {days.includes(today) ? null : (
            <Link href={schedulePath()} class="btn btn--quiet btn--small">
              {t('sessions.schedule.thisWeek')}
            </Link>
          )}
          <Link href={schedulePath(addDays(monday, 7))} class="btn btn--quiet btn--small">
            {t('sessions.schedule.nextWeek')} <span aria-hidden="true">→</span>
          </Link>
        </div>
      </nav>

      <ErrorMessage message={error} />
      {error ? (
        <Button variant="secondary" onClick={() => setVersion((v) => v + 1)}>
          {t('app.tryAgain')}
        </Button>
      ) : null}
      {sessions === null && !error ? <Loading label={t('sessions.schedule.loading')} /> : null}
      {sessions !== null ? (
        <>
          <p class="visually-hidden" aria-live="polite">
            {t('sessions.schedule.count', { n: inWeek.length })}
          </p>
          <ol class="sweek" aria-label={t('sessions.schedule.weekOf', { week: label })}>
            {days.map((day) => {
              const list = byDay.get(day) ?? [];
              const isToday = day === today;
              return (
                <li key={day} class={`sday${isToday ? ' sday--today' : ''}${list.length === 0 ? ' sday--empty' : ''}`} aria-current={isToday ? 'date' : undefined}>
                  <div class="sday__head">
                    <div class="sday__titles">
                      <h2 class="sday__title">
                        {/* The week grid shows "MON / Nov 30", the day list "Monday, November 30"; CSS shows one. */}
                        <span class="sday__short">
                          <span class="sday__weekday">{weekdayShort(day, locale)}</span> <span class="sday__date">{dayMonth(day, locale)}</span>
                        </span>
                        <span class="sday__long">{dayLabel(day, 'long', locale)}</span>
                        {isToday ? <span class="sday__today">{t('sessions.schedule.today')}</span> : null}
                      </h2>
                      {list.length ? null : <p class="sday__none">{t('sessions.schedule.none')}</p>}
                    </div>
                    {canPlan ? (
                      <button type="button" class="sday__add" onClick={() => openForm(day)}>
                        <span aria-hidden="true">+</span>
                        <span class="visually-hidden">{t('sessions.schedule.newOn', { day: dayLabel(day, 'long', locale) })}</span>
                      </button>
                    ) : null}
                  </div>
                  {list.length ? (
                    <ul class="sday__list">
                      {list.map((s) => (
                        <SessionCard key={s.id} session={s} dir={dir} editable={canPlan} onChanged={replace} />
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </Page>
  );
}
