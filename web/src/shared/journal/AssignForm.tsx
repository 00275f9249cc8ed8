import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { Button } from '../ui/Button';
import { ErrorMessage } from '../ui/Feedback';
import { SelectField, TextAreaField, TextField, focusFirstError } from '../ui/Field';
import { ToggleChip } from '../ui/ToggleChip';
import { useJournalApi } from './api';
import { EMPTY_SCHEDULE, dayName, toSchedule, type ScheduleForm } from './schedule';
import { WEEKDAYS, type AssignmentBase, type Exercise } from './types';
import { formatDay, localDay, minutes } from './wording';
import { useT } from '../i18n';

const FREQUENCIES: readonly ScheduleForm['frequency'][] = ['daily', 'days', 'times', 'once'];

/** The four schedule forms plus an optional last day. Field ids follow the server's `schedule.*` names. */
export function ScheduleEditor(props: { form: string; value: ScheduleForm; onChange: (v: ScheduleForm) => void; errors: Record<string, string> }) {
  const { form, value, errors } = props;
  const t = useT();
  const set = <K extends keyof ScheduleForm>(k: K, v: ScheduleForm[K]) => props.onChange({ ...value, [k]: v });
  const today = localDay();
  return (
    <div class="jschedule">
      <SelectField
        form={form}
        name="schedule.frequency"
        label={t('journal.assign.howOften')}
        value={value.frequency}
        onValue={(v) => set('frequency', v as ScheduleForm['frequency'])}
        options={FREQUENCIES.map((f) => ({ value: f, label: t(`journal.assign.freq.${f}`) }))}
      />
      {value.frequency === 'days' ? (
        <fieldset id={`${form}-schedule.days`} class={`field choices${errors['schedule.days'] ? ' field--invalid' : ''}`}>
          <legend class="field__label">{t('journal.assign.onDays')}</legend>
          {errors['schedule.days'] ? <p class="field__error">{errors['schedule.days']}</p> : null}
          <div class="jchips">
            {WEEKDAYS.map((d) => (
              <ToggleChip
                key={d}
                chipClass="jchip"
                id={`${form}-day-${d}`}
                checked={value.days.includes(d)}
                onToggle={(on) => set('days', on ? [...value.days.filter((x) => x !== d), d] : value.days.filter((x) => x !== d))}
              >
                {dayName(d)}
              </ToggleChip>
            ))}
          </div>
        </fieldset>
      ) : null}
      {value.frequency === 'times' ? (
        <SelectField
          form={form}
          name="schedule.times"
          label={t('journal.assign.timesAWeek')}
          value={value.times}
          onValue={(v) => set('times', v)}
          options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: t('journal.schedule.times', { n }) }))}
          error={errors['schedule.times']}
        />
      ) : null}
      {value.frequency === 'once' ? (
        <TextField form={form} name="schedule.on" type="date" label={t('journal.assign.on')} required value={value.on} onValue={(v) => set('on', v)} error={errors['schedule.on']} />
      ) : (
        <TextField
          form={form}
          name="schedule.until"
          type="date"
          label={t('journal.assign.until')}
          hint={t('journal.assign.untilHint', { today: formatDay(today) })}
          value={value.until}
          onValue={(v) => set('until', v)}
          error={errors['schedule.until']}
        />
      )}
    </div>
  );
}

const ORDER = ['exercise_id', 'schedule.frequency', 'schedule.days', 'schedule.times', 'schedule.on', 'schedule.until', 'starts_on', 'note'];

/**
 * Assigning an exercise: which one, how often, from when, and a note. Used by the therapist on a
 * client's record and, in personal mode, by a person choosing an exercise for themselves.
 */
export function AssignForm(props: {
  form: string;
  clientId: string;
  /** Assign to every member of this case instead of to `clientId`. */
  caseId?: string;
  exercises: readonly Exercise[];
  /** Fixed when assigning from an exercise's own page. */
  exerciseId?: string;
  voice: 'therapist' | 'self';
  onDone: (created: AssignmentBase, exercise: Exercise | undefined) => void;
  onCancel?: () => void;
}) {
  const japi = useJournalApi();
  const t = useT();
  const [exerciseId, setExerciseId] = useState(props.exerciseId ?? '');
  const [schedule, setSchedule] = useState<ScheduleForm>(EMPTY_SCHEDULE);
  const [startsOn, setStartsOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exercise = props.exercises.find((x) => x.id === exerciseId);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    if (!exerciseId) found.exercise_id = t('journal.assign.chooseExercise');
    const checked = toSchedule(schedule, localDay());
    if (!checked.ok) Object.assign(found, checked.errors);
    if (Object.keys(found).length || !checked.ok) {
      setErrors(found);
      focusFirstError(props.form, found, ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const input = {
        exercise_id: exerciseId,
        schedule: checked.value,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(startsOn ? { starts_on: startsOn } : {}),
      };
      const created = props.caseId
        ? (await japi.assignToCase(props.caseId, input)).items[0]!
        : await japi.createAssignment(props.clientId, input);
      props.onDone(created, exercise);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(props.form, { [err.field]: err.message }, ORDER);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form jassign" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      {props.exerciseId ? null : (
        <SelectField
          form={props.form}
          name="exercise_id"
          label={t('journal.assign.exercise')}
          value={exerciseId}
          onValue={setExerciseId}
          options={[{ value: '', label: t('journal.assign.choosePlaceholder') }, ...props.exercises.map((x) => ({ value: x.id, label: x.title }))]}
          error={errors.exercise_id}
        />
      )}
      {exercise && !props.exerciseId ? (
        <p class="field__hint jassign__summary">
          {exercise.summary} ({minutes(exercise.duration_minutes)})
        </p>
      ) : null}
      <ScheduleEditor form={props.form} value={schedule} onChange={setSchedule} errors={errors} />
      <TextField
        form={props.form}
        name="starts_on"
        type="date"
        label={t('journal.assign.startsOn')}
        hint={t('journal.assign.startsOnHint')}
        value={startsOn}
        onValue={setStartsOn}
        error={errors.starts_on}
      />
      <TextAreaField
        form={props.form}
        name="note"
        label={t('journal.assign.note', { voice: props.voice })}
        hint={props.voice === 'self' ? undefined : t('journal.assign.noteHint')}
        rows={2}
        maxLength={1000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('journal.assign.saving')}>
          {t('journal.assign.submit', { voice: props.voice })}
        </Button>
        {props.onCancel ? (
          <Button variant="quiet" onClick={props.onCancel}>
            {t('journal.assign.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
