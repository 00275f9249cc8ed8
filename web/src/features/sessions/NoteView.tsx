import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { useMe } from '../../shared/session';
import { formatDateTime } from '../../shared/format';
import { Button } from '../../shared/ui/Button';
import { CardHead } from '../../shared/ui/CardHead';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { TextAreaField } from '../../shared/ui/Field';
import { useLocale, useT } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { useLinkTitles, type Member } from './NoteTools';
import { RiskRead } from './RiskGroup';
import { riskOf } from './risk';
import { filledFields, templateLabel } from './templates';
import type { Note } from '../../shared/sessions/types';
import { addendumError, MAX_ADDENDUM } from './validation';
import { canCosign, personKind, personLabel } from './wording';

function capitalise(s: string, locale: string): string {
  return s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
}

/**
 * A note to read: a signed one (locked, with who signed and co-signed it, its addenda and a way to
 * add one), or a colleague's draft. Nothing here can change the note's text.
 */
export function NoteView(props: {
  note: Note;
  owner: Owner | null;
  members: readonly Member[];
  canWrite: boolean;
  onChanged: (note: Note, message: string | null) => void;
  index: number;
}) {
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const { note } = props;
  const fields = filledFields(note);
  const links = useLinkTitles(props.owner, props.members, note.resource_ids ?? [], note.assignment_ids ?? []);
  const [cosigning, setCosigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signed = note.status === 'signed';
  const titleId = `note-view-${props.index}`;
  const author = personLabel(note.author_id, me, note.author_name);

  const cosign = async () => {
    setCosigning(true);
    setError(null);
    try {
      await sapi.signNote(note.id);
      props.onChanged(await sapi.getNote(note.id), t('sessions.view.cosigned'));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setCosigning(false);
    }
  };

  return (
    <article class={`card snote snote--${note.status}`} aria-labelledby={titleId}>
      <CardHead
        headClass="snote__head"
        id={titleId}
        titleTabIndex={-1}
        title={
          <>
            {t(signed ? 'sessions.view.signedNote' : 'sessions.view.draftNote')}
            <span class="snote__by"> · {templateLabel(note.template)}</span>
          </>
        }
      >
        <span class={`snotetag snotetag--${signed ? 'signed' : 'draft'}`}>{t(signed ? 'sessions.view.signedTag' : 'sessions.view.draftTag')}</span>
      </CardHead>
      <dl class="snote__sign">
        <div>
          <dt>{t('sessions.view.writtenBy')}</dt>
          <dd>{capitalise(author, locale)}</dd>
        </div>
        {signed ? (
          <div>
            <dt>{t('sessions.view.signed')}</dt>
            <dd>
              {capitalise(personLabel(note.signed_by ?? note.author_id, me, note.signed_by_name ?? note.author_name), locale)}, {formatDateTime(note.signed_at, { locale })}
            </dd>
          </div>
        ) : null}
        {signed ? (
          <div>
            <dt>{t('sessions.view.cosignedBy')}</dt>
            <dd>
              {note.cosigned_at
                ? `${capitalise(personLabel(note.cosigned_by, me, note.cosigned_by_name), locale)}, ${formatDateTime(note.cosigned_at, { locale })}`
                : t('sessions.view.notYet')}
            </dd>
          </div>
        ) : null}
      </dl>
      {signed ? (
        <p class="snote__locked">
          <strong>{t('sessions.view.locked')}</strong> {t('sessions.view.lockedExplain')}
        </p>
      ) : (
        <p class="field__hint">{t('sessions.view.draftBy', { who: personKind(note.author_id, me, note.author_name), author })}</p>
      )}

      {fields.length ? (
        <dl class="snote__read">
          {fields.map((f) => (
            <div key={f.name} class="snote__readrow">
              <dt>{f.label}</dt>
              <dd>{f.text}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t('sessions.view.empty')}</p>
      )}
      {note.scales?.length ? (
        <div class="snote__extra">
          <h3 class="snote__subtitle">{t('sessions.view.scaling')}</h3>
          <ul class="snote__scales">
            {note.scales.map((s, i) => (
              <li key={i}>
                {s.label}: <strong>{s.value}</strong> {t('sessions.view.ofTen')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <RiskRead risk={riskOf(note.fields?.risk)} signed={signed} />
      <LinkedChips title={t('sessions.view.resourcesLinked')} items={links.resources} />
      <LinkedChips title={t('sessions.view.homeworkLinked')} items={links.assignments} />

      {signed ? <Addenda note={note} canWrite={props.canWrite} onChanged={props.onChanged} index={props.index} /> : null}

      <ErrorMessage message={error} />
      {canCosign(note, me) ? (
        <div class="snote__cosign">
          <p class="field__hint">{t('sessions.view.cosignHint')}</p>
          <Button variant="secondary" busy={cosigning} busyLabel={t('sessions.view.cosigning')} onClick={() => void cosign()}>
            {t('sessions.view.cosign')}
          </Button>
        </div>
      ) : null}
    </article>
  );
}

function Addenda(props: { note: Note; canWrite: boolean; onChanged: (note: Note, message: string | null) => void; index: number }) {
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const sapi = useSessionsApi();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const form = `addendum-${props.index}`;
  const addenda = [...(props.note.addenda ?? [])].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const problem = addendumError(text);
    setFieldError(problem ?? undefined);
    if (problem) {
      document.getElementById(`${form}-text`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await sapi.addAddendum(props.note.id, text.trim());
      const fresh = await sapi.getNote(props.note.id);
      setText('');
      setNotice(t('sessions.addenda.added'));
      props.onChanged(fresh, null);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'text') setFieldError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="saddenda">
      <h3 class="snote__subtitle">{t('sessions.addenda.title')}</h3>
      {addenda.length ? (
        <ol class="saddenda__list">
          {addenda.map((a) => (
            <li key={a.id} class="saddendum">
              <p class="saddendum__meta">
                {formatDateTime(a.created_at, { locale })} · {personLabel(a.author_id, me, a.author_name)}
              </p>
              <p class="saddendum__text">{a.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="field__hint">{t('sessions.addenda.none')}</p>
      )}
      {props.canWrite ? (
        <form class="form saddenda__form" onSubmit={submit} noValidate>
          <Notice message={notice} />
          <ErrorMessage message={error} />
          <TextAreaField
            form={form}
            name="text"
            label={t('sessions.addenda.label')}
            hint={t('sessions.addenda.hint')}
            required
            rows={3}
            maxLength={MAX_ADDENDUM + 200}
            value={text}
            onValue={(v) => {
              setText(v);
              if (fieldError) setFieldError(undefined);
            }}
            error={fieldError}
          />
          <Button type="submit" busy={busy} busyLabel={t('sessions.addenda.adding')}>
            {t('sessions.addenda.add')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

/** What a note links to (resources on the map, assigned exercises), as static chips. */
function LinkedChips({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div class="snote__extra">
      <h3 class="snote__subtitle">{title}</h3>
      <ul class="schips schips--static">
        {items.map((t, i) => (
          <li key={i} class="schip schip--static">
            {t}
          </li>
        ))}
      </ul>
    </div>
  );
}
