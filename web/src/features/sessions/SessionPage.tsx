import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { useMe } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import type { FieldErrors } from '../../shared/validation';
import { casePath } from '../../shared/resources/paths';
import { clientPath } from '../../shared/ui/ClientSection';
import { useLocale, useT } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { Icon } from './icons';
import { NoteEditor } from './NoteEditor';
import type { Member } from './NoteTools';
import { NoteView } from './NoteView';
import { schedulePath } from './SchedulePage';
import { AttendanceEditor, StatusActions, StatusTag } from './SessionCard';
import { MODALITIES, type Modality, type Note, type Session } from '../../shared/sessions/types';
import { memberIds, useDirectory, withName } from './useDirectory';
import { durationError, timeFieldsErrors } from './validation';
import { dayLabel, isoToLocal, localToIso, localYmd, mondayOf, timeRange } from '../../shared/sessions/week';
import { durationLabel, modalityLabel } from './wording';
import './sessions.css';

/** /sessions/:id — one appointment: who, when, how, its status, and its note. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const dir = useDirectory();
  const [session, setSession] = useState<Session | null>(null);
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setError(null);
    Promise.all([sapi.getSession(sessionId), sapi.listNotes(sessionId)])
      .then(([s, n]) => {
        setSession(s);
        setNotes(n.items);
      })
      .catch((err) => setError(messageOf(err)));
  }, [sessionId, version]);

  const back = (
    <Link href={session ? schedulePath(mondayOf(localYmd(new Date(session.starts_at)))) : schedulePath()} class="back-link">
      {t('sessions.page.back')}
    </Link>
  );

  if (error && !session) {
    return (
      <Page title={t('sessions.page.unavailable')} before={back} narrow>
        <ErrorMessage message={error} />
        <Button variant="secondary" onClick={() => setVersion((v) => v + 1)}>
          {t('app.tryAgain')}
        </Button>
      </Page>
    );
  }
  // Names first: the heading (and with it the focus) must not change once someone is typing.
  if (!session || !notes || !dir.ready) {
    return (
      <Page title={t('sessions.page.loadingTitle')} before={back}>
        <Loading label={t('sessions.page.loading')} />
      </Page>
    );
  }

  const name = withName(session, dir);
  const therapist = me.user.role === 'therapist';
  const owner: Owner | null = session.client_id ? { kind: 'client', id: session.client_id } : session.case_id ? { kind: 'case', id: session.case_id } : null;
  const day = localYmd(new Date(session.starts_at));

  const changed = (updated: Session, message: string) => {
    // A PATCH answer may leave out the notes; keep the ones known.
    setSession({ ...updated, notes: updated.notes ?? session.notes });
    setNotice(message);
  };

  return (
    <Page
      title={t('sessions.page.title', { name })}
      documentTitle={t('sessions.page.documentTitle', { name, day: dayLabel(day, 'long', locale) })}
      before={back}
      intro={me.user.role === 'supervisor' ? <p class="alert alert--info">{t('sessions.page.supervisorNote')}</p> : null}
    >
      <Notice message={notice} />
      <div class="spage">
        <section class="card shead" aria-labelledby="shead-title">
          <h2 id="shead-title" class="visually-hidden">
            {t('sessions.page.appointment')}
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('sessions.page.with')}</dt>
              <dd>
                {session.client_id ? (
                  <Link href={clientPath(session.client_id)}>{name}</Link>
                ) : session.case_id ? (
                  <Link href={casePath(session.case_id)}>{name}</Link>
                ) : (
                  name
                )}
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('sessions.page.when')}</dt>
              <dd>
                {dayLabel(day, 'long', locale)}, <time dateTime={session.starts_at}>{timeRange(session)}</time> ({durationLabel(session.duration_min)})
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('sessions.page.how')}</dt>
              <dd class="shead__modality">
                <Icon name={session.modality} />
                {modalityLabel(session.modality)}
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('sessions.page.status')}</dt>
              <dd>
                <StatusTag status={session.status} />
              </dd>
            </div>
          </dl>
          {therapist ? (
            <div class="shead__actions">
              <StatusActions session={session} context={t('sessions.page.thisSession')} onChanged={changed} large />
              <Reschedule session={session} onChanged={changed} />
            </div>
          ) : null}
          {session.client_id ? (
            <p class="shead__links">
              <Link href={clientPath(session.client_id, 'sessions')}>{t('sessions.page.timelineOf', { name })}</Link>
            </p>
          ) : null}
        </section>

        {session.case_id ? (
          <section class="card" aria-labelledby="attendance-title">
            <h2 id="attendance-title" class="card__title">
              {t('sessions.attendance.title')}
            </h2>
            <AttendanceEditor session={session} dir={dir} editable={therapist} onChanged={changed} form="session" />
          </section>
        ) : null}

        <Notes session={session} notes={notes} owner={owner} setNotes={setNotes} setNotice={setNotice} />
      </div>
    </Page>
  );
}

function Notes(props: {
  session: Session;
  notes: Note[];
  owner: Owner | null;
  setNotes: (update: (notes: Note[] | null) => Note[] | null) => void;
  setNotice: (m: string | null) => void;
}) {
  const me = useMe();
  const t = useT();
  const dir = useDirectory();
  const { session, notes } = props;
  const therapist = me.user.role === 'therapist';
  const myDraft = notes.find((n) => n.author_id === me.user.id && n.status === 'draft') ?? null;
  const mySigned = notes.some((n) => n.author_id === me.user.id && n.status === 'signed');
  const others = notes.filter((n) => n !== myDraft);
  // Only the members on a caseload this person can see can be given homework.
  const members: Member[] = useMemo(() => {
    if (session.client_id) return [{ id: session.client_id, name: withName(session, dir) }];
    return memberIds(session, dir)
      .filter((id) => dir.clients.has(id))
      .map((id) => ({ id, name: dir.clients.get(id)!.display_name }));
  }, [session.id, dir]);
  const [editorKey, setEditorKey] = useState(0);

  const put = (note: Note) =>
    props.setNotes((list) => {
      const rest = (list ?? []).filter((n) => n.id !== note.id);
      return [...rest, note].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    });

  const showEditor = therapist && props.owner !== null && (myDraft !== null || !mySigned);

  return (
    <>
      {showEditor ? (
        <NoteEditor
          // Not keyed by the note's id: creating the draft must not remount the editor while someone types.
          key={`editor-${editorKey}`}
          session={session}
          note={myDraft}
          owner={props.owner!}
          members={members}
          onSaved={(note) => {
            // Only a newly created draft changes which notes exist; the texts stay in the editor.
            if (!notes.some((n) => n.id === note.id)) put(note);
          }}
          onSigned={(note) => {
            put(note);
            setEditorKey((k) => k + 1);
            props.setNotice(t('sessions.note.signedNotice'));
            requestAnimationFrame(() => document.querySelector<HTMLElement>('.snote--signed h2')?.focus());
          }}
        />
      ) : null}
      {others.map((n, i) => (
        <NoteView
          key={n.id}
          index={i}
          note={n}
          owner={props.owner}
          members={members}
          canWrite={therapist}
          onChanged={(note, message) => {
            put(note);
            if (message) props.setNotice(message);
          }}
        />
      ))}
      {!showEditor && notes.length === 0 ? (
        <section class="card">
          <h2 class="card__title">{t('sessions.note.title')}</h2>
          <p>{t('sessions.note.noneYet')}</p>
        </section>
      ) : null}
    </>
  );
}

/** Moving a session, or changing its length or how it takes place. */
function Reschedule({ session, onChanged }: { session: Session; onChanged: (s: Session, message: string) => void }) {
  const t = useT();
  const sapi = useSessionsApi();
  const local = isoToLocal(session.starts_at);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(local.date);
  const [time, setTime] = useState(local.time);
  const [duration, setDuration] = useState(String(session.duration_min));
  const [modality, setModality] = useState<Modality>(session.modality);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = 'reschedule';
  const area = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) document.getElementById(`${form}-date`)?.focus();
    else if (wasOpen.current) area.current?.querySelector('button')?.focus();
    wasOpen.current = open;
  }, [open]);

  const reset = () => {
    const l = isoToLocal(session.starts_at);
    setDate(l.date);
    setTime(l.time);
    setDuration(String(session.duration_min));
    setModality(session.modality);
    setErrors({});
    setError(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = { ...timeFieldsErrors(date, time) };
    const d = durationError(duration);
    if (d) found.duration_min = d;
    const startsAt = Object.keys(found).length ? null : localToIso(date.trim(), time.trim());
    if (!Object.keys(found).length && !startsAt) found.time = t('sessions.check.clocksChange');
    if (Object.keys(found).length) {
      setErrors(found);
      focusFirstError(form, found, ['date', 'time', 'duration_min']);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const updated = await sapi.updateSession(session.id, { starts_at: startsAt!, duration_min: Number(duration.trim()), modality });
      setOpen(false);
      onChanged(updated, t('sessions.page.changed'));
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        const f = err.field === 'starts_at' ? 'time' : err.field;
        setErrors({ [f]: err.message });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div class="shead__more" ref={area}>
        <Button
          variant="quiet"
          ariaExpanded={false}
          onClick={() => {
            reset();
            setOpen(true);
          }}
        >
          {t('sessions.page.reschedule')}
        </Button>
      </div>
    );
  }
  return (
    <form class="spanel form" onSubmit={submit} noValidate aria-label={t('sessions.page.reschedule')}>
      <ErrorMessage message={error} />
      <div class="snew__when">
        <TextField form={form} name="date" type="date" label={t('sessions.form.date')} required value={date} onValue={setDate} error={errors.date} />
        <TextField form={form} name="time" type="time" label={t('sessions.form.time')} required value={time} onValue={setTime} error={errors.time} />
        <TextField form={form} name="duration_min" label={t('sessions.form.duration')} inputMode="numeric" required value={duration} onValue={setDuration} error={errors.duration_min} />
      </div>
      <ChoiceGroup<Modality>
        form={form}
        name="modality"
        label={t('sessions.form.how')}
        type="radio"
        options={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
        selected={[modality]}
        onChange={(v) => setModality(v[0] ?? modality)}
      />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('sessions.saving')}>
          {t('sessions.page.save')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('sessions.cancel')}
        </Button>
      </div>
    </form>
  );
}
