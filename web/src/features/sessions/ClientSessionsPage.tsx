import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { ToggleChip } from '../../shared/ui/ToggleChip';
import { betweenSessionsPath } from '../../shared/journal/paths';
import { kindChip } from '../../shared/journal/wording';
import { useInstruments } from '../../shared/measures/useInstruments';
import { instrumentName } from '../../shared/measures/wording';
import { ClientSection, clientPath } from '../../shared/ui/ClientSection';
import { translate, useLocale, useT, type Locale } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { Icon } from './icons';
import { schedulePath } from './SchedulePage';
import { sessionPath } from './SessionCard';
import { countByKind, describeItem, filterTimeline, groupTimeline, happened, moreLabel, timelineKindLabel } from './timeline';
import { TIMELINE_KINDS, type Session, type TimelineItem, type TimelineKind } from '../../shared/sessions/types';
import { addDays, dayLabel, endsAt, localTime, localYmd, parseYmd, sessionWhen, upcoming } from '../../shared/sessions/week';
import { modalityLabel, noteSummary } from './wording';
import './sessions.css';

const PAGE = 40;

function yearMonthDay(day: string, locale: Locale): string {
  const p = parseYmd(day);
  if (!p) return translate(locale, 'sessions.timeline.dateUnknown');
  return new Date(p.y, p.m - 1, p.d).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** /clients/:id/sessions — upcoming sessions and the session timeline. */
export function ClientSessionsPage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection
      clientId={clientId}
      tab="sessions"
      title={t('sessions.client.title')}
      actions={(c, editable) =>
        editable ? (
          <Link href={schedulePath(undefined, { new: `client:${c.id}` })} class="btn btn--primary">
            {t('sessions.client.plan')}
          </Link>
        ) : null
      }
    >
      {(client) => <ClientSessions client={client} />}
    </ClientSection>
  );
}

function ClientSessions({ client }: { client: Client }) {
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timelineError, setTimelineError] = useState<string | null>(null);
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [shown, setShown] = useState(PAGE);
  const [version, setVersion] = useState(0);
  const instruments = useInstruments();

  useEffect(() => {
    sapi
      .listSessions({ client_id: client.id, from: localYmd(new Date()) })
      .then((r) => setSessions(upcoming(r.items, Date.now())))
      .catch((err) => setError(messageOf(err)));
    sapi
      .timeline(client.id)
      .then((r) => setItems(happened(r.items, Date.now())))
      .catch((err) => setTimelineError(messageOf(err)));
    // A score's band comes in the reader's language: asked again when it changes.
  }, [client.id, version, locale]);

  const counts = useMemo(() => countByKind(items ?? []), [items]);
  const filtered = useMemo(() => filterTimeline(items ?? [], kinds), [items, kinds]);
  const days = useMemo(() => groupTimeline(filtered.slice(0, shown)), [filtered, shown]);
  const names = { instrument: (id: string) => instrumentName(id, instruments.byId), entryKind: kindChip };

  const linkFor = (item: TimelineItem): { href: string; label: string } | null => {
    switch (item.kind) {
      case 'session': {
        const id = item.id ?? item.session_id;
        return id ? { href: sessionPath(id), label: t('sessions.timeline.openSession') } : null;
      }
      case 'rating':
        return { href: `${clientPath(client.id, 'resources')}/${encodeURIComponent(item.resource_id)}`, label: t('sessions.timeline.openResource') };
      case 'score':
        return { href: `${clientPath(client.id, 'questionnaires')}/${encodeURIComponent(item.instrument_id)}`, label: t('sessions.timeline.openChart') };
      case 'journal':
        return { href: betweenSessionsPath(client.id), label: t('sessions.timeline.openJournal') };
    }
  };

  return (
    <div class="sclient">
      <section class="card" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title" class="card__title">
          {t('sessions.client.upcoming')}
        </h2>
        <ErrorMessage message={error} />
        {sessions === null && !error ? <Loading label={t('sessions.client.loading')} /> : null}
        {sessions && sessions.length === 0 ? <p>{t('sessions.client.nonePlanned')}</p> : null}
        {sessions && sessions.length ? (
          <ul class="supcoming">
            {sessions.slice(0, 5).map((s) => (
              <li key={s.id}>
                <Link href={sessionPath(s.id)}>{sessionWhen(s.starts_at, locale)}</Link>
                <span class="supcoming__meta">
                  {' '}
                  · {t('sessions.minutes', { n: s.duration_min })} · {modalityLabel(s.modality)}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section class="card stimeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title" class="card__title">
          {t('sessions.timeline.title')}
        </h2>
        <p class="field__hint">{t('sessions.timeline.hint', { name: client.display_name })}</p>
        {items && items.length ? (
          <fieldset class="stimeline__filter">
            <legend class="field__label">{t('sessions.timeline.show')}</legend>
            <div class="schips">
              {TIMELINE_KINDS.map((k) => (
                <ToggleChip
                  key={k}
                  chipClass="schip"
                  id={`timeline-kind-${k}`}
                  checked={kinds.includes(k)}
                  onToggle={(on) => {
                    setKinds((ks) => (on ? [...ks, k] : ks.filter((x) => x !== k)));
                    setShown(PAGE);
                  }}
                >
                  {t('sessions.timeline.filterCount', { kind: timelineKindLabel(k, true), n: counts[k] })}
                </ToggleChip>
              ))}
            </div>
            <p class="field__hint">{kinds.length ? t('sessions.timeline.showing', { shown: filtered.length, total: items.length }) : t('sessions.timeline.showingAll')}</p>
          </fieldset>
        ) : null}
        <ErrorMessage message={timelineError} />
        {timelineError ? (
          <Button small variant="secondary" onClick={() => (setTimelineError(null), setVersion((v) => v + 1))}>
            {t('app.tryAgain')}
          </Button>
        ) : null}
        {items === null && !timelineError ? <Loading label={t('sessions.timeline.loading')} /> : null}
        {items && items.length === 0 ? (
          <EmptyState title={t('sessions.timeline.emptyTitle')}>
            <p>{t('sessions.timeline.emptyBody')}</p>
          </EmptyState>
        ) : null}
        {days.length ? (
          <ol class="stimeline__days" aria-label={t('sessions.timeline.list')}>
            {days.map((d) => (
              <li key={d.day} class="stimeline__day">
                <h3 class="stimeline__date">{d.day === 'unknown' ? t('sessions.timeline.dateUnknown') : yearMonthDay(d.day, locale)}</h3>
                <ul class="stimeline__items">
                  {d.runs.map((run) => {
                    // A long run (a session's ratings, a week of journal entries) shows two and folds the rest.
                    const folded = run.items.length > 3 ? run.items.slice(2) : [];
                    const first = folded.length ? run.items.slice(0, 2) : run.items;
                    return [
                      ...first.map((item, i) => <TimelineEntry key={`${run.kind}-${i}`} item={item} text={describeItem(item, names)} link={linkFor(item)} />),
                      folded.length ? (
                        <li key={`${run.kind}-more`} class="stimeline__more">
                          <details>
                            <summary>{moreLabel(run.kind, folded.length)}</summary>
                            <ul class="stimeline__items">
                              {folded.map((item, i) => (
                                <TimelineEntry key={i} item={item} text={describeItem(item, names)} link={linkFor(item)} />
                              ))}
                            </ul>
                          </details>
                        </li>
                      ) : null,
                    ];
                  })}
                </ul>
              </li>
            ))}
          </ol>
        ) : null}
        {filtered.length > shown ? (
          <div class="load-more">
            <Button variant="secondary" onClick={() => setShown((n) => n + PAGE)}>
              {t('sessions.timeline.showEarlier')}
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function TimelineEntry({ item, text, link }: { item: TimelineItem; text: { title: string; detail: string }; link: { href: string; label: string } | null }) {
  return (
    <li class={`sitem sitem--${item.kind}`}>
      <span class="sitem__icon">
        <Icon name={item.kind} />
      </span>
      <div class="sitem__body">
        <p class="sitem__kind">
          {timelineKindLabel(item.kind)}
          {item.at ? <span class="sitem__time"> · {localTime(item.at)}</span> : null}
        </p>
        <p class="sitem__title">{link ? <Link href={link.href}>{text.title}</Link> : text.title}</p>
        {text.detail ? <p class="sitem__detail">{text.detail}</p> : null}
      </div>
    </li>
  );
}

/** On the client's overview: the next session, the last one and its note, and the way to the timeline. */
export function SessionsSummary({ client, editable }: { client: Client; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The last year is enough for "last" and "next"; the list is earliest first and limited.
    sapi
      .listSessions({ client_id: client.id, from: addDays(localYmd(new Date()), -365), limit: 500 })
      .then((r) => setSessions(r.items))
      .catch((err) => setError(messageOf(err)));
  }, [client.id]);
  const now = Date.now();
  const next = sessions ? upcoming(sessions, now)[0] : undefined;
  const last = sessions
    ?.filter((s) => s.status === 'attended' || (s.status !== 'cancelled' && endsAt(s) <= now))
    .sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at))[0];
  return (
    <section class="card" aria-labelledby="ssummary-title">
      <h2 id="ssummary-title" class="card__title">
        {t('sessions.client.title')}
      </h2>
      <ErrorMessage message={error} />
      {sessions === null && !error ? <p class="field__hint">{t('app.loading')}</p> : null}
      {sessions ? (
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('sessions.summary.next')}</dt>
            <dd>{next ? <Link href={sessionPath(next.id)}>{sessionWhen(next.starts_at, locale)}</Link> : t('sessions.summary.nonePlanned')}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('sessions.summary.last')}</dt>
            <dd>
              {last ? (
                <>
                  <Link href={sessionPath(last.id)}>{dayLabel(localYmd(new Date(last.starts_at)), 'long', locale)}</Link> · {noteSummary(last.notes).label}
                </>
              ) : (
                t('sessions.summary.noneYet')
              )}
            </dd>
          </div>
        </dl>
      ) : null}
      <div class="form__actions">
        <Link href={clientPath(client.id, 'sessions')} class="btn btn--secondary">
          {t('sessions.timeline.title')}
        </Link>
        {editable ? (
          <Link href={schedulePath(undefined, { new: `client:${client.id}` })} class="btn btn--quiet">
            {t('sessions.client.plan')}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
