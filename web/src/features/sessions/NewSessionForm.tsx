import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useMe } from '../../app/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, TextField, focusFirstError } from '../../shared/ui/Field';
import type { FieldErrors } from '../../shared/validation';
import { useSessionsApi } from './api';
import { MODALITIES, type Modality, type Session } from './types';
import { withName, type Directory } from './useDirectory';
import { FORM_ORDER, validateSession, type SessionFormValues } from './validation';
import { overlapping, timeRange } from './week';
import { modalityLabel } from './wording';

const FORM = 'new-session';

/** Where the server names a field differently from the form. */
function formField(serverField: string): string {
  if (serverField === 'starts_at') return 'time';
  if (serverField === 'duration') return 'duration_min';
  return serverField;
}

/**
 * Planning a session with a client or a case: who, day, time, length (50 minutes unless changed)
 * and how. Sessions already in the week that overlap are named, but do not block.
 */
export function NewSessionForm(props: {
  dir: Directory;
  /** Sessions already loaded (the week on screen), for the overlap hint. */
  known: readonly Session[];
  initial: SessionFormValues;
  onCreated: (s: Session) => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const sapi = useSessionsApi();
  const [values, setValues] = useState<SessionFormValues>(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Once the caseload is loaded (the form is not drawn before), the keyboard starts at "who".
  useEffect(() => {
    if (props.dir.ready) document.getElementById(`${FORM}-${values.with === 'case' ? 'case_id' : 'client_id'}`)?.focus();
  }, [props.dir.ready]);

  // A therapist plans sessions for their own caseload and cases; closed clients are left out.
  const clients = useMemo(
    () =>
      [...props.dir.clients.values()]
        .filter((c) => c.therapist_ids.includes(me.user.id) && (c.status !== 'closed' || c.id === values.client_id))
        .sort((a, b) => a.display_name.localeCompare(b.display_name)),
    [props.dir.clients],
  );
  const cases = useMemo(
    () => [...props.dir.cases.values()].filter((c) => c.therapist_ids.includes(me.user.id)).sort((a, b) => a.name.localeCompare(b.name)),
    [props.dir.cases],
  );

  const set = <K extends keyof SessionFormValues>(key: K, value: SessionFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const name = key === 'duration' ? 'duration_min' : key;
    if (errors[name]) setErrors(({ [name]: _, ...rest }) => rest);
  };

  const checked = validateSession(values);
  const clashes = checked.ok ? overlapping(props.known, checked.value.starts_at, checked.value.duration_min) : [];

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const result = validateSession(values);
    if (!result.ok) {
      setErrors(result.errors);
      setError('Please correct the highlighted fields.');
      focusFirstError(FORM, result.errors, FORM_ORDER);
      return;
    }
    setBusy(true);
    try {
      const created = await sapi.createSession(result.value);
      props.onCreated(created);
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        const f = formField(err.field);
        setErrors({ [f]: err.message });
        focusFirstError(FORM, { [f]: err.message }, FORM_ORDER);
      }
    }
  };

  if (!props.dir.ready) {
    return (
      <div class="card snew">
        <Loading label="Loading your caseload…" />
      </div>
    );
  }

  return (
    <form class="card form snew" onSubmit={submit} noValidate aria-labelledby="snew-title">
      <h2 id="snew-title" class="card__title">
        New session
      </h2>
      <ErrorMessage message={error} />
      {cases.length ? (
        <ChoiceGroup<'client' | 'case'>
          form={FORM}
          name="with"
          label="With"
          type="radio"
          options={[
            { value: 'client', label: 'A client' },
            { value: 'case', label: 'A couple, family or group' },
          ]}
          selected={[values.with]}
          onChange={(v) => set('with', v[0] ?? 'client')}
        />
      ) : null}
      {values.with === 'client' ? (
        clients.length ? (
          <SelectField
            form={FORM}
            name="client_id"
            label="Client"
            value={values.client_id}
            onValue={(v) => set('client_id', v)}
            options={[
              { value: '', label: 'Choose a client…' },
              ...clients.map((c) => ({ value: c.id, label: c.status === 'paused' ? `${c.display_name} (paused)` : c.display_name })),
            ]}
            error={errors.client_id}
          />
        ) : (
          <p class="alert alert--info">Your caseload is empty. Add a client first, then plan sessions with them.</p>
        )
      ) : (
        <SelectField
          form={FORM}
          name="case_id"
          label="Couple, family or group"
          value={values.case_id}
          onValue={(v) => set('case_id', v)}
          options={[{ value: '', label: 'Choose a case…' }, ...cases.map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.case_id}
        />
      )}
      <div class="snew__when">
        <TextField form={FORM} name="date" type="date" label="Date" required value={values.date} onValue={(v) => set('date', v)} error={errors.date} />
        <TextField
          form={FORM}
          name="time"
          type="time"
          label="Start time"
          required
          value={values.time}
          onValue={(v) => set('time', v)}
          error={errors.time}
        />
        <TextField
          form={FORM}
          name="duration_min"
          label="Length in minutes"
          inputMode="numeric"
          required
          autoComplete="off"
          value={values.duration}
          onValue={(v) => set('duration', v)}
          error={errors.duration_min}
        />
      </div>
      <ChoiceGroup<Modality>
        form={FORM}
        name="modality"
        label="How"
        type="radio"
        options={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
        selected={[values.modality]}
        onChange={(v) => set('modality', v[0] ?? 'in_person')}
        error={errors.modality}
      />
      {clashes.length ? (
        <p class="alert alert--info snew__clash">
          At that time you already have {clashes.map((c) => `${withName(c, props.dir)} (${timeRange(c)})`).join(', ')}. You can still plan it.
        </p>
      ) : null}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel="Planning…">
          Plan session
        </Button>
        <Button variant="quiet" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
