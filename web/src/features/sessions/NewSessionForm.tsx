import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useMe } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, TextField, focusFirstError } from '../../shared/ui/Field';
import type { FieldErrors } from '../../shared/validation';
import { useT } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { MODALITIES, type Modality, type Session } from '../../shared/sessions/types';
import { withName, type Directory } from './useDirectory';
import { FORM_ORDER, validateSession, type SessionFormValues } from './validation';
import { overlapping, timeRange } from '../../shared/sessions/week';
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
  const t = useT();
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
      setError(t('sessions.form.correct'));
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
        <Loading label={t('sessions.form.loadingCaseload')} />
      </div>
    );
  }

  return (
    <form class="card form snew" onSubmit={submit} noValidate aria-labelledby="snew-title">
      <h2 id="snew-title" class="card__title">
        {t('sessions.form.title')}
      </h2>
      <ErrorMessage message={error} />
      {cases.length ? (
        <ChoiceGroup<'client' | 'case'>
          form={FORM}
          name="with"
          label={t('sessions.form.with')}
          type="radio"
          options={[
            { value: 'client', label: t('sessions.form.withClient') },
            { value: 'case', label: t('sessions.form.withCase') },
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
            label={t('sessions.form.client')}
            value={values.client_id}
            onValue={(v) => set('client_id', v)}
            options={[
              { value: '', label: t('sessions.form.chooseClient') },
              ...clients.map((c) => ({ value: c.id, label: c.status === 'paused' ? t('sessions.form.paused', { name: c.display_name }) : c.display_name })),
            ]}
            error={errors.client_id}
          />
        ) : (
          <p class="alert alert--info">{t('sessions.form.emptyCaseload')}</p>
        )
      ) : (
        <SelectField
          form={FORM}
          name="case_id"
          label={t('sessions.form.case')}
          value={values.case_id}
          onValue={(v) => set('case_id', v)}
          options={[{ value: '', label: t('sessions.form.chooseCase') }, ...cases.map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.case_id}
        />
      )}
      <div class="snew__when">
        <TextField form={FORM} name="date" type="date" label={t('sessions.form.date')} required value={values.date} onValue={(v) => set('date', v)} error={errors.date} />
        <TextField
          form={FORM}
          name="time"
          type="time"
          label={t('sessions.form.time')}
          required
          value={values.time}
          onValue={(v) => set('time', v)}
          error={errors.time}
        />
        <TextField
          form={FORM}
          name="duration_min"
          label={t('sessions.form.duration')}
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
        label={t('sessions.form.how')}
        type="radio"
        options={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
        selected={[values.modality]}
        onChange={(v) => set('modality', v[0] ?? 'in_person')}
        error={errors.modality}
      />
      {clashes.length ? (
        <p class="alert alert--info snew__clash">
          {t('sessions.form.clash', { sessions: clashes.map((c) => t('sessions.form.clashItem', { name: withName(c, props.dir), time: timeRange(c) })).join(', ') })}
        </p>
      ) : null}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('sessions.form.planning')}>
          {t('sessions.form.plan')}
        </Button>
        <Button variant="quiet" onClick={props.onCancel}>
          {t('sessions.cancel')}
        </Button>
      </div>
    </form>
  );
}
