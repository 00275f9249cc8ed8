import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { useMe } from '../../app/session';
import { formatDateTime } from '../../shared/format';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { TextAreaField } from '../../shared/ui/Field';
import { useSessionsApi } from './api';
import { useLinkTitles, type Member } from './NoteTools';
import { RiskRead } from './RiskGroup';
import { riskOf } from './risk';
import { filledFields, templateLabel } from './templates';
import type { Note } from './types';
import { addendumError, MAX_ADDENDUM } from './validation';
import { canCosign, personLabel } from './wording';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
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
      props.onChanged(await sapi.getNote(note.id), 'You co-signed the note.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setCosigning(false);
    }
  };

  return (
    <article class={`card snote snote--${note.status}`} aria-labelledby={titleId}>
      <div class="snote__head">
        <h2 id={titleId} class="card__title" tabIndex={-1}>
          {signed ? 'Signed note' : 'Draft note'}
          <span class="snote__by"> · {templateLabel(note.template)}</span>
        </h2>
        <span class={`snotetag snotetag--${signed ? 'signed' : 'draft'}`}>{signed ? 'Signed' : 'Draft'}</span>
      </div>
      <dl class="snote__sign">
        <div>
          <dt>Written by</dt>
          <dd>{capitalise(author)}</dd>
        </div>
        {signed ? (
          <div>
            <dt>Signed</dt>
            <dd>
              {capitalise(personLabel(note.signed_by ?? note.author_id, me, note.signed_by_name ?? note.author_name))}, {formatDateTime(note.signed_at)}
            </dd>
          </div>
        ) : null}
        {signed ? (
          <div>
            <dt>Co-signed</dt>
            <dd>{note.cosigned_at ? `${capitalise(personLabel(note.cosigned_by, me, note.cosigned_by_name))}, ${formatDateTime(note.cosigned_at)}` : 'Not yet'}</dd>
          </div>
        ) : null}
      </dl>
      {signed ? (
        <p class="snote__locked">
          <strong>Locked.</strong> Corrections and additions are added below as dated addenda.
        </p>
      ) : (
        <p class="field__hint">This draft is still being written by {author}; it becomes part of the record once it is signed.</p>
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
        <p>Nothing has been written in this note.</p>
      )}
      {note.scales?.length ? (
        <div class="snote__extra">
          <h3 class="snote__subtitle">Scaling</h3>
          <ul class="snote__scales">
            {note.scales.map((s, i) => (
              <li key={i}>
                {s.label}: <strong>{s.value}</strong> of 10
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <RiskRead risk={riskOf(note.fields?.risk)} signed={signed} />
      <LinkedChips title="Resources linked" items={links.resources} />
      <LinkedChips title="Homework linked" items={links.assignments} />

      {signed ? <Addenda note={note} canWrite={props.canWrite} onChanged={props.onChanged} index={props.index} /> : null}

      <ErrorMessage message={error} />
      {canCosign(note, me) ? (
        <div class="snote__cosign">
          <p class="field__hint">Co-signing records that you have read and reviewed this note. It does not change the note.</p>
          <Button variant="secondary" busy={cosigning} busyLabel="Co-signing…" onClick={() => void cosign()}>
            Co-sign
          </Button>
        </div>
      ) : null}
    </article>
  );
}

function Addenda(props: { note: Note; canWrite: boolean; onChanged: (note: Note, message: string | null) => void; index: number }) {
  const me = useMe();
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
      setNotice('The addendum is added.');
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
      <h3 class="snote__subtitle">Addenda</h3>
      {addenda.length ? (
        <ol class="saddenda__list">
          {addenda.map((a) => (
            <li key={a.id} class="saddendum">
              <p class="saddendum__meta">
                {formatDateTime(a.created_at)} · {personLabel(a.author_id, me, a.author_name)}
              </p>
              <p class="saddendum__text">{a.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="field__hint">No addenda.</p>
      )}
      {props.canWrite ? (
        <form class="form saddenda__form" onSubmit={submit} noValidate>
          <Notice message={notice} />
          <ErrorMessage message={error} />
          <TextAreaField
            form={form}
            name="text"
            label="Add an addendum"
            hint="A correction or something learned later. It is dated and kept with the note; the note itself stays as it was signed."
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
          <Button type="submit" busy={busy} busyLabel="Adding…">
            Add addendum
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
