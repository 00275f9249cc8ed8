import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { AckAction, AckInput } from '../../api/types';
import { Button } from '../ui/Button';
import { ErrorMessage } from '../ui/Feedback';
import { ChoiceGroup, TextAreaField, focusFirstError } from '../ui/Field';
import { useT } from '../i18n';
import { MAX_ACK_NOTE, ackProblems, actionOptions } from './alerts';
import './alerts.css';

/**
 * Acknowledging an alert records what was done: one action (required) and an optional note. The
 * form opens with the focus on its first choice and closes with Cancel or Escape.
 */
export function AckForm(props: {
  /** Unique per alert on the page. */
  form: string;
  /** The question the form answers, whole ("What was done about Mia K.’s critical answer?"). */
  legend: string;
  onSubmit: (input: AckInput) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const [action, setAction] = useState<AckAction | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ action?: string; note?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    ref.current?.querySelector('input')?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problems = ackProblems(action, note);
    setErrors(problems);
    if (problems.action || problems.note) {
      focusFirstError(props.form, problems as Record<string, string>, ['action', 'note']);
      return;
    }
    setBusy(true);
    try {
      const trimmed = note.trim();
      await props.onSubmit(trimmed ? { action: action as AckAction, note: trimmed } : { action: action as AckAction });
    } catch (err) {
      if (err instanceof ApiError && (err.field === 'action' || err.field === 'note')) setErrors({ [err.field]: err.message });
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <form
      class="ackform"
      ref={ref}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) props.onCancel();
      }}
    >
      <ChoiceGroup<AckAction>
        form={props.form}
        name="action"
        type="radio"
        label={props.legend}
        options={actionOptions()}
        selected={action ? [action] : []}
        onChange={(v) => {
          setAction(v[0] ?? '');
          if (errors.action) setErrors({ ...errors, action: undefined });
        }}
        error={errors.action}
      />
      <TextAreaField
        form={props.form}
        name="note"
        label={t('alerts.ack.note')}
        hint={t('alerts.ack.noteHint')}
        rows={2}
        maxLength={MAX_ACK_NOTE + 100}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" small busy={busy} busyLabel={t('alerts.ack.recording')}>
          {t('alerts.ack.record')}
        </Button>
        <Button small variant="quiet" onClick={props.onCancel} disabled={busy}>
          {t('alerts.ack.cancel')}
        </Button>
      </div>
    </form>
  );
}
