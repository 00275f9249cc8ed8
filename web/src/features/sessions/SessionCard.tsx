import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { useT, type MessageKey } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { Icon } from './icons';
import type { Attendance, AttendanceStatus, Session, SessionStatus } from '../../shared/sessions/types';
import { memberIds, withName, type Directory } from './useDirectory';
import { localTime, timeRange } from '../../shared/sessions/week';
import { STATUS_ACTIONS, attendanceLabel, modalityLabel, noteSummary, sessionStatusLabel } from './wording';

export function sessionPath(id: string): string {
  return `/sessions/${encodeURIComponent(id)}`;
}

export function StatusTag({ status }: { status: string }) {
  return <span class={`stag stag--${status}`}>{sessionStatusLabel(status)}</span>;
}

/** True while the media query matches (the week shows as seven columns from 64rem). */
export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const update = () => setMatches(mq.matches);
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, [query]);
  return matches;
}

export const WEEK_GRID = '(min-width: 64rem)';

/**
 * Attended / cancelled / no-show, and back to scheduled. `context` names the session for screen
 * readers, since several cards show the same three buttons (it is in the same text run as the
 * visible word, so the accessible name reads "Attended – Mia K. at 09:00").
 */
export function StatusActions(props: {
  session: Session;
  context: string;
  onChanged: (updated: Session, message: string) => void;
  large?: boolean;
  stacked?: boolean;
}) {
  const t = useT();
  const sapi = useSessionsApi();
  const [busy, setBusy] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const row = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  // The pressed button is replaced by the next status's buttons: keep the keyboard focus in the row.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    row.current?.querySelector('button')?.focus();
  }, [props.session.status]);
  const set = async (status: SessionStatus, done: MessageKey) => {
    setBusy(status);
    setError(null);
    try {
      const updated = await sapi.updateSession(props.session.id, { status });
      refocus.current = true;
      props.onChanged(updated, t(done, { context: props.context }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };
  const s = props.session.status;
  return (
    <div class={`sactions${props.large ? ' sactions--large' : ''}${props.stacked ? ' sactions--stacked' : ''}`} ref={row}>
      <ErrorMessage message={error} />
      {s === 'scheduled' ? (
        <div class="sactions__row" role="group" aria-label={t('sessions.card.markGroup', { context: props.context })}>
          {STATUS_ACTIONS.map((a) => (
            <Button
              key={a.status}
              small={!props.large}
              variant={a.status === 'attended' ? 'secondary' : 'quiet'}
              busy={busy === a.status}
              busyLabel={t('sessions.saving')}
              disabled={busy !== null}
              onClick={() => void set(a.status, a.done)}
            >
              <span>
                {t(a.label)}
                <span class="visually-hidden"> – {props.context}</span>
              </span>
            </Button>
          ))}
        </div>
      ) : (
        <div class="sactions__row">
          <Button small={!props.large} variant="quiet" busy={busy === 'scheduled'} busyLabel={t('sessions.saving')} onClick={() => void set('scheduled', 'sessions.done.scheduled')}>
            <span>
              {t('sessions.card.undo', { status: sessionStatusLabel(s) })}
              <span class="visually-hidden"> – {props.context}</span>
            </span>
          </Button>
        </div>
      )}
    </div>
  );
}

/** Who came to a couple, family or group session: one switch per member, saved as it is flipped. */
export function AttendanceEditor(props: {
  session: Session;
  dir: Directory;
  editable: boolean;
  onChanged: (updated: Session, message: string) => void;
  form: string;
}) {
  const t = useT();
  const sapi = useSessionsApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The switch moves at once; it goes back (with a message) only if the server refuses.
  const [optimistic, setOptimistic] = useState<Record<string, AttendanceStatus>>({});
  const ids = memberIds(props.session, props.dir);
  const statusOf = (id: string): AttendanceStatus => optimistic[id] ?? props.session.attendance.find((a) => a.client_id === id)?.status ?? 'unknown';
  const nameOf = (id: string) => props.dir.clients.get(id)?.display_name ?? t('sessions.attendance.otherCaseload');
  const present = ids.filter((id) => statusOf(id) === 'attended').length;

  const toggle = async (id: string, came: boolean) => {
    setBusy(id);
    setError(null);
    setOptimistic((o) => ({ ...o, [id]: came ? 'attended' : 'absent' }));
    // Touching one member records everyone explicitly: the others keep what they had, unknown becomes absent.
    const attendance: Attendance[] = ids.map((m) => ({
      client_id: m,
      status: m === id ? (came ? 'attended' : 'absent') : statusOf(m) === 'attended' ? 'attended' : 'absent',
    }));
    try {
      const updated = await sapi.updateSession(props.session.id, { attendance });
      props.onChanged(updated, t('sessions.attendance.saved', { name: nameOf(id), came: came ? 'yes' : 'no' }));
    } catch (err) {
      setError(t('sessions.attendance.notSaved', { error: messageOf(err) }));
    } finally {
      setOptimistic(({ [id]: _, ...rest }) => rest);
      setBusy(null);
    }
  };

  if (ids.length === 0) return null;
  return (
    <fieldset class="sattendance">
      <legend class="sattendance__legend">
        {t('sessions.attendance.who')} <span class="sattendance__count">{t('sessions.attendance.count', { present, total: ids.length })}</span>
      </legend>
      <ErrorMessage message={error} />
      <ul class="sattendance__list">
        {ids.map((id) => {
          const st = statusOf(id);
          const inputId = `${props.form}-att-${id}`;
          return (
            <li key={id}>
              {props.editable ? (
                <label class="sswitch" for={inputId}>
                  <input
                    id={inputId}
                    type="checkbox"
                    role="switch"
                    checked={st === 'attended'}
                    disabled={busy !== null}
                    aria-describedby={`${inputId}-state`}
                    onChange={(e) => void toggle(id, (e.currentTarget as HTMLInputElement).checked)}
                  />
                  <span class="sswitch__track" aria-hidden="true" />
                  <span class="sswitch__name">{nameOf(id)}</span>
                  <span class="sswitch__state" id={`${inputId}-state`}>
                    {busy === id ? t('sessions.saving') : attendanceLabel(st)}
                  </span>
                </label>
              ) : (
                <p class="sattendance__row">
                  <span>{nameOf(id)}</span> <span class="sswitch__state">{attendanceLabel(st)}</span>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/**
 * One session in the week: time, who, how, status, and the status buttons. In the seven-column
 * week the buttons wait behind "Mark as…", so that a full day stays readable; in the day list on a
 * phone they are shown at once.
 */
export function SessionCard(props: { session: Session; dir: Directory; editable: boolean; onChanged: (updated: Session, message: string) => void }) {
  const t = useT();
  const { session: s, dir } = props;
  const name = withName(s, dir);
  const notes = noteSummary(s.notes);
  const context = t('sessions.card.context', { name, time: localTime(s.starts_at) });
  const grid = useMedia(WEEK_GRID);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = `mark-${s.id}`;
  const close = () => {
    setOpen(false);
    // The panel and the button in it go away; the keyboard goes back to "Mark as…".
    requestAnimationFrame(() => toggle.current?.focus());
  };
  const changed = (updated: Session, message: string) => {
    if (open) close();
    props.onChanged(updated, message);
  };
  return (
    <li class={`scard scard--${s.status}${s.case_id ? ' scard--case' : ''}`}>
      <p class="scard__time">
        <time dateTime={s.starts_at}>{timeRange(s)}</time>
      </p>
      <Link href={sessionPath(s.id)} class="scard__name">
        {name}
      </Link>
      <p class="scard__meta">
        <span class="scard__modality">
          <Icon name={s.modality} />
          {modalityLabel(s.modality)}
        </span>
        <StatusTag status={s.status} />
        {s.status === 'attended' ? <span class={`snotetag snotetag--${notes.tone}`}>{notes.label}</span> : null}
      </p>
      {props.editable && !grid ? <StatusActions session={s} context={context} onChanged={changed} /> : null}
      {props.editable && grid ? (
        <div
          class="scard__mark"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && open) {
              e.preventDefault();
              close();
            }
          }}
        >
          <button ref={toggle} type="button" class="scard__marktoggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            <span>
              {t(s.status === 'scheduled' ? 'sessions.card.markAs' : 'sessions.card.changeStatus')}
              <span class="visually-hidden"> – {context}</span>
            </span>
          </button>
          {open ? (
            <div id={panelId}>
              <StatusActions session={s} context={context} onChanged={changed} stacked />
            </div>
          ) : null}
        </div>
      ) : null}
      {s.case_id && s.status === 'attended' ? <CardAttendance session={s} dir={dir} editable={props.editable} onChanged={changed} /> : null}
    </li>
  );
}

/** Attendance on a card: open while nobody is recorded yet, then as the person leaves it. */
function CardAttendance(props: { session: Session; dir: Directory; editable: boolean; onChanged: (updated: Session, message: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(() => props.session.attendance.every((a) => a.status === 'unknown'));
  return (
    <details class="scard__attendance" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('sessions.attendance.title')}</summary>
      <AttendanceEditor session={props.session} dir={props.dir} editable={props.editable} onChanged={props.onChanged} form={`card-${props.session.id}`} />
    </details>
  );
}
