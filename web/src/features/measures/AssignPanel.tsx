import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { InstrumentSummary, MeasureAssignment, QuestionnaireLinkInfo } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDateTime } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { CopyLinkField } from '../../shared/ui/CopyLink';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { CheckboxField, SelectField, TextAreaField, fieldId } from '../../shared/ui/Field';
import { scheduleLabel } from '../../shared/measures/wording';

const FORM = 'assign';
// Weeks as numbers; "s3" is every 3 attended sessions.
const EVERY = ['', '1', '2', '3', '4', '6', '8', '12', 's1', 's2', 's3', 's4', 's5', 's6'];

function everyLabel(v: string): string {
  if (v.startsWith('s')) return scheduleLabel(null, Number(v.slice(1)));
  return scheduleLabel(v === '' ? null : Number(v));
}
const MAX_NOTE = 2000;

/** A one-time link with a copy button and when it expires. */
const MARK = '\u0001';

/** The text before and after `{marker}` in a translated sentence, to put an element in between. */
function around(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + marker.length)];
}

export function LinkBox({ link, instrument }: { link: QuestionnaireLinkInfo; instrument: string }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [link.url]);
  const [expiresBefore, expiresAfter] = around(t('measures.assign.linkHint', { when: MARK }), MARK);
  return (
    <div class="mlink">
      <CopyLinkField
        id="questionnaire-link"
        label={t('measures.assign.linkFor', { name: instrument })}
        url={link.url}
        rowClass="mlink__row"
        inputRef={input}
        copyLabel={t('measures.assign.copy')}
        status={status}
        onCopied={(ok) => setStatus(t(ok ? 'measures.assign.copied' : 'measures.assign.selected'))}
      />
      <p>
        {expiresBefore}
        <strong>{formatDateTime(link.expires_at)}</strong>
        {expiresAfter}
      </p>
    </div>
  );
}

/** Assign a questionnaire: once or every N weeks, an optional note, optionally with a one-time link. */
export function AssignForm(props: {
  clientId: string;
  instruments: InstrumentSummary[];
  /** Clients with a portal login fill in there; others need a link, so it is ticked for them. */
  clientHasPortal: boolean;
  onCancel: () => void;
  onAssigned: (assignment: MeasureAssignment) => void;
}) {
  const { api } = useSession();
  const t = useT();
  const enabled = props.instruments.filter((i) => i.enabled);
  const [instrument, setInstrument] = useState(enabled[0]?.id ?? '');
  const [every, setEvery] = useState('');
  const [note, setNote] = useState('');
  const [link, setLink] = useState(!props.clientHasPortal);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(fieldId(FORM, 'instrument'))?.focus();
  }, []);

  if (enabled.length === 0) {
    return (
      <div class="massign">
        <p>{t('measures.assign.noneEnabled')}</p>
        <Button variant="quiet" onClick={props.onCancel}>
          {t('measures.assign.close')}
        </Button>
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    if (!instrument) found.instrument = t('measures.assign.chooseInstrument');
    if (note.length > MAX_NOTE) found.note = t('measures.assign.noteTooLong', { max: MAX_NOTE });
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(fieldId(FORM, Object.keys(found)[0]!))?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await api.createAssignment(props.clientId, {
        instrument,
        every_weeks: every === '' || every.startsWith('s') ? null : Number(every),
        ...(every.startsWith('s') ? { every_sessions: Number(every.slice(1)) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(link ? { link: true } : {}),
      });
      props.onAssigned(created);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        const f = err.field === 'every_weeks' || err.field === 'every_sessions' ? 'every' : err.field;
        setErrors({ [f]: err.message });
        document.getElementById(fieldId(FORM, f))?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="massign form" onSubmit={submit} noValidate aria-labelledby="assign-title">
      <h3 id="assign-title" class="massign__title">
        {t('measures.client.assign')}
      </h3>
      <ErrorMessage message={error} />
      <div class="form__grid">
        <SelectField
          form={FORM}
          name="instrument"
          label={t('measures.client.questionnaire')}
          value={instrument}
          onValue={setInstrument}
          error={errors.instrument}
          options={enabled.map((i) => ({ value: i.id, label: `${i.short_name} – ${i.construct}` }))}
        />
        <SelectField
          form={FORM}
          name="every"
          label={t('measures.assign.every')}
          value={every}
          onValue={setEvery}
          error={errors.every}
          hint={t('measures.assign.everyHint')}
          options={EVERY.map((v) => ({ value: v, label: everyLabel(v) }))}
        />
      </div>
      <TextAreaField
        form={FORM}
        name="note"
        label={t('measures.assign.note')}
        value={note}
        onValue={setNote}
        maxLength={MAX_NOTE}
        error={errors.note}
        hint={t('measures.assign.noteHint')}
        rows={2}
      />
      <CheckboxField
        form={FORM}
        name="link"
        label={t('measures.assign.link')}
        checked={link}
        onChecked={setLink}
      />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('measures.assign.assigning')}>
          {t('measures.assign.submit')}
        </Button>
        <Button variant="quiet" onClick={props.onCancel}>
          {t('measures.client.cancel')}
        </Button>
      </div>
    </form>
  );
}
