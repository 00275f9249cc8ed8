import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { useMe } from '../../shared/session';
import { BackToPortal } from '../../shared/ui/BackToPortal';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, TextAreaField, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { isPersonal, useJournalApi } from '../../shared/journal/api';
import { AssignForm } from '../../shared/journal/AssignForm';
import { EMPTY_EXERCISE, exerciseFromForm, formFieldOf, type ExerciseFormValues } from './exerciseForm';
import { journalPath, useJournalBasics, WithClient } from './JournalPage';
import { describeSchedule } from '../../shared/journal/schedule';
import { AUDIENCES, JOURNAL_KINDS, type Exercise } from '../../shared/journal/types';
import { useCached } from '../../shared/useCached';
import { audienceLabel, kindLabel, minutes } from '../../shared/journal/wording';
import '../../shared/styles/portal.css';
import './journal.css';
import { langIfOther, useLocale, useT } from '../../shared/i18n';
import { formatList } from '../../shared/format';

export function portalExercisePath(id: string): string {
  return `/portal/exercises/${encodeURIComponent(id)}`;
}

export function exercisePath(id: string): string {
  return `/exercises/${encodeURIComponent(id)}`;
}

function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}

/** A list of exercises as cards, each a link to its page. */
function ExerciseCards({ exercises, hrefFor }: { exercises: readonly Exercise[]; hrefFor: (id: string) => string }) {
  const locale = useLocale();
  return (
    <ul class="jexercises">
      {exercises.map((x) => (
        <li key={x.id} class="jexercise" lang={langIfOther(x.language, locale)}>
          <h3 class="jexercise__title">
            <Link href={hrefFor(x.id)}>{x.title}</Link>
          </h3>
          <p class="jexercise__summary">{x.summary}</p>
          <p class="jexercise__meta">
            {minutes(x.duration_minutes)}
            {x.suitable_for.length ? ` · ${formatList(x.suitable_for.map((a) => audienceLabel(a)), locale)}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** What an exercise is for, how to do it, what to write about, and the research behind it. */
export function ExerciseDetails({ exercise, voice }: { exercise: Exercise; voice: 'client' | 'therapist' }) {
  const t = useT();
  const locale = useLocale();
  const x = exercise;
  const evidence = x.evidence ?? [];
  // An exercise the server has only in another language is marked as such for screen readers.
  const lang = langIfOther(x.language, locale);
  return (
    <div lang={lang}>
      <section class="card portal__card" aria-labelledby="ex-why">
        <p class="jexercise__meta" lang={locale}>
          {t('journal.ex.leadsTo', { minutes: minutes(x.duration_minutes), kind: kindLabel(x.journal_kind) })}
        </p>
        {x.summary ? <p class="jexercise__lead">{x.summary}</p> : null}
        <h2 id="ex-why" class="card__title" lang={locale}>
          {t('journal.ex.why')}
        </h2>
        <p class="prewrap">{x.purpose}</p>
      </section>
      {x.caution ? (
        <section class="card portal__card jcaution" aria-labelledby="ex-caution">
          <h2 id="ex-caution" class="card__title" lang={locale}>
            {t('journal.ex.caution', { voice })}
          </h2>
          <p class="prewrap">{x.caution}</p>
        </section>
      ) : null}
      <section class="card portal__card" aria-labelledby="ex-how">
        <h2 id="ex-how" class="card__title" lang={locale}>
          {t('journal.ex.how')}
        </h2>
        <ol class="jsteps">
          {x.instructions.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      </section>
      {x.prompts.length ? (
        <section class="card portal__card" aria-labelledby="ex-prompts">
          <h2 id="ex-prompts" class="card__title" lang={locale}>
            {t('journal.ex.prompts')}
          </h2>
          <ul class="portal__list">
            {x.prompts.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {evidence.length ? (
        <section class="card portal__card" aria-labelledby="ex-research">
          <h2 id="ex-research" class="card__title" lang={locale}>
            {t('journal.ex.research')}
          </h2>
          {voice === 'client' ? (
            <p class="field__hint" lang={locale}>
              {t('journal.ex.researchHint')}
            </p>
          ) : null}
          <ul class="jcitations">
            {evidence.map((e, i) => (
              <li key={i}>
                {e.citation}
                {e.doi ? (
                  <>
                    {' '}
                    <a href={doiUrl(e.doi)} rel="noopener noreferrer" target="_blank">
                      doi:{e.doi}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

// ---- Client portal ---------------------------------------------------------------------------

/** /portal/exercises — the library, for reading (and in personal mode, choosing). */
export function PortalExercisesPage() {
  const japi = useJournalApi();
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  return (
    <div class="portal">
      <Page title={t('journal.ex.title')} before={<BackToPortal />} narrow>
        <p class="portal__lead">{t('journal.ex.lead', { personal: isPersonal(me) ? 'yes' : 'no' })}</p>
        <ErrorMessage message={exercises.value ? null : exercises.error} />
        {exercises.value ? (
          <ExerciseCards exercises={exercises.value} hrefFor={portalExercisePath} />
        ) : exercises.error ? null : (
          <Loading label={t('journal.ex.loading')} />
        )}
      </Page>
    </div>
  );
}

/** /portal/exercises/:id — one exercise; "write about it" when it is assigned; "choose for myself" in personal mode. */
export function PortalExercisePage({ exerciseId }: { exerciseId: string }) {
  const t = useT();
  return <WithClient title={t('journal.ex.one')}>{(clientId) => <PortalExercise clientId={clientId} exerciseId={exerciseId} />}</WithClient>;
}

function PortalExercise({ clientId, exerciseId }: { clientId: string; exerciseId: string }) {
  const me = useMe();
  const t = useT();
  const basics = useJournalBasics(clientId);
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const exercise = basics.exercises.value?.find((x) => x.id === exerciseId);
  const back = (
    <Link href="/portal/exercises" class="back-link">
      {t('journal.ex.all')}
    </Link>
  );
  if (!exercise) {
    return (
      <div class="portal">
        <Page title={t('journal.ex.one')} before={back} narrow>
          {basics.exercises.value ? (
            <p class="alert alert--info">{t('journal.ex.gone')}</p>
          ) : (
            <>
              <ErrorMessage message={basics.exercises.error} />
              {basics.exercises.error ? null : <Loading label={t('app.loading')} />}
            </>
          )}
        </Page>
      </div>
    );
  }
  const active = (basics.assignments.value ?? []).filter((a) => a.exercise_id === exercise.id && a.status === 'active');
  return (
    <div class="portal">
      <Page title={exercise.title} before={back} narrow>
        <Notice message={notice} />
        {active.map((a) => (
          <div key={a.id} class="card portal__card jassigned">
            <p>
              <strong>{t('journal.ex.assigned', { personal: isPersonal(me) ? 'yes' : 'no' })}</strong> {describeSchedule(a.schedule)}.
              {a.note ? ` “${a.note}”` : ''}
            </p>
            <Link href={journalPath(a.id)} class="btn btn--primary">
              {t('journal.ex.write')}
            </Link>
          </div>
        ))}
        {isPersonal(me) ? (
          <section class="card portal__card" aria-labelledby="ex-choose">
            <h2 id="ex-choose" class="card__title">
              {t('journal.ex.chooseTitle')}
            </h2>
            {choosing ? (
              <AssignForm
                form="self"
                clientId={clientId}
                exercises={basics.exercises.value ?? []}
                exerciseId={exercise.id}
                voice="self"
                onCancel={() => setChoosing(false)}
                onDone={(a) => {
                  setChoosing(false);
                  window.scrollTo({ top: 0 });
                  setNotice(t('journal.ex.inYourDays', { title: exercise.title, schedule: describeSchedule(a.schedule) }));
                  basics.assignments.reload();
                }}
              />
            ) : (
              <Button onClick={() => setChoosing(true)}>{t('journal.ex.addToDays')}</Button>
            )}
          </section>
        ) : null}
        <ExerciseDetails exercise={exercise} voice="client" />
      </Page>
    </div>
  );
}

// ---- Therapist ---------------------------------------------------------------------------------

/** /exercises — the practice's library; therapists can add their own exercises. */
export function ExercisesPage() {
  const japi = useJournalApi();
  const me = useMe();
  const t = useT();
  const locale = useLocale();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const canAdd = me.user.role === 'therapist';
  return (
    <Page
      title={t('journal.ex.library')}
      narrow
      actions={
        canAdd && !adding ? (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t('journal.ex.addPractice')}
          </Button>
        ) : null
      }
      intro={<p>{t('journal.ex.libraryIntro')}</p>}
    >
      <Notice message={notice} />
      {adding ? (
        <section class="card jexform" aria-labelledby="new-ex">
          <h2 id="new-ex" class="card__title">
            {t('journal.ex.newPractice')}
          </h2>
          <ExerciseForm
            onCancel={() => setAdding(false)}
            onCreated={(x) => {
              setAdding(false);
              setNotice(t('journal.ex.inLibrary', { title: x.title }));
              exercises.reload();
            }}
          />
        </section>
      ) : null}
      <ErrorMessage message={exercises.value ? null : exercises.error} />
      {exercises.value ? (
        <ExerciseCards exercises={exercises.value} hrefFor={exercisePath} />
      ) : exercises.error ? null : (
        <Loading label={t('journal.ex.loading')} />
      )}
    </Page>
  );
}

/** /exercises/:id — one exercise as the therapist reads it. */
export function ExercisePage({ exerciseId }: { exerciseId: string }) {
  const japi = useJournalApi();
  const t = useT();
  const locale = useLocale();
  const x = useCached(`journal:exercise:${exerciseId}:${locale}`, () => japi.getExercise(exerciseId, locale));
  const back = (
    <Link href="/exercises" class="back-link">
      {t('journal.ex.library')}
    </Link>
  );
  return (
    <Page title={x.value?.title ?? t('journal.ex.one')} before={back} narrow>
      <ErrorMessage message={x.error} />
      {x.value ? <ExerciseDetails exercise={x.value} voice="therapist" /> : x.error ? null : <Loading label={t('app.loading')} />}
    </Page>
  );
}

const ORDER = ['title', 'summary', 'purpose', 'instructions', 'prompts', 'duration_minutes', 'journal_kind', 'suitable_for', 'caution', 'evidence'];

function ExerciseForm({ onCreated, onCancel }: { onCreated: (x: Exercise) => void; onCancel: () => void }) {
  const japi = useJournalApi();
  const t = useT();
  const [v, setV] = useState<ExerciseFormValues>(EMPTY_EXERCISE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ExerciseFormValues>(k: K, value: ExerciseFormValues[K]) => setV((old) => ({ ...old, [k]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = exerciseFromForm(v);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError('exf', checked.errors, ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onCreated(await japi.createExercise(checked.value));
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        const field = formFieldOf(err.field);
        setErrors({ [field]: err.message });
        focusFirstError('exf', { [field]: err.message }, ORDER);
      }
    } finally {
      setBusy(false);
    }
  };

  const evidenceRows: ComponentChildren = v.evidence.map((row, i) => (
    <div key={i} class="jevidence-row">
      <TextAreaField
        form="exf"
        name={`evidence-${i}-citation`}
        label={t('journal.exf.citation', { n: i + 1 })}
        rows={2}
        value={row.citation}
        onValue={(c) => set('evidence', v.evidence.map((r, j) => (j === i ? { ...r, citation: c } : r)))}
      />
      <TextField
        form="exf"
        name={`evidence-${i}-doi`}
        label={t('journal.exf.doi', { n: i + 1 })}
        hint={t('journal.exf.doiHint')}
        value={row.doi}
        onValue={(d) => set('evidence', v.evidence.map((r, j) => (j === i ? { ...r, doi: d } : r)))}
      />
    </div>
  ));

  return (
    <form class="form" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <TextField form="exf" name="title" label={t('journal.exf.name')} required maxLength={170} value={v.title} onValue={(x) => set('title', x)} error={errors.title} />
      <TextField form="exf" name="summary" label={t('journal.exf.summary')} value={v.summary} onValue={(x) => set('summary', x)} error={errors.summary} />
      <TextAreaField form="exf" name="purpose" label={t('journal.exf.purpose')} rows={3} value={v.purpose} onValue={(x) => set('purpose', x)} error={errors.purpose} />
      <TextAreaField
        form="exf"
        name="instructions"
        label={t('journal.exf.steps')}
        hint={t('journal.exf.stepsHint')}
        required
        rows={5}
        value={v.instructions}
        onValue={(x) => set('instructions', x)}
        error={errors.instructions}
      />
      <TextAreaField
        form="exf"
        name="prompts"
        label={t('journal.exf.prompts')}
        hint={t('journal.exf.promptsHint')}
        rows={3}
        value={v.prompts}
        onValue={(x) => set('prompts', x)}
        error={errors.prompts}
      />
      <div class="form__grid">
        <TextField
          form="exf"
          name="duration_minutes"
          label={t('journal.exf.minutes')}
          inputMode="numeric"
          required
          value={v.duration}
          onValue={(x) => set('duration', x)}
          error={errors.duration_minutes}
        />
        <SelectField
          form="exf"
          name="journal_kind"
          label={t('journal.exf.kind')}
          value={v.journal_kind}
          onValue={(x) => set('journal_kind', x as ExerciseFormValues['journal_kind'])}
          options={JOURNAL_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          error={errors.journal_kind}
        />
      </div>
      <ChoiceGroup
        form="exf"
        name="suitable_for"
        type="checkbox"
        label={t('journal.exf.suitable')}
        options={AUDIENCES.map((a) => ({ value: a, label: audienceLabel(a) }))}
        selected={v.suitable_for}
        onChange={(s) => set('suitable_for', s)}
        error={errors.suitable_for}
      />
      <TextAreaField
        form="exf"
        name="caution"
        label={t('journal.exf.caution')}
        hint={t('journal.exf.cautionHint')}
        rows={2}
        value={v.caution}
        onValue={(x) => set('caution', x)}
        error={errors.caution}
      />
      <fieldset id="exf-evidence" class={`field jevidence${errors.evidence ? ' field--invalid' : ''}`}>
        <legend class="field__label">
          {t('journal.exf.research')} <span class="field__optional">{t('field.optional')}</span>
        </legend>
        {errors.evidence ? <p class="field__error">{errors.evidence}</p> : null}
        {evidenceRows}
        {v.evidence.length < 10 ? (
          <Button small variant="quiet" onClick={() => set('evidence', [...v.evidence, { citation: '', doi: '' }])}>
            {t('journal.exf.addSource')}
          </Button>
        ) : null}
      </fieldset>
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('journal.exf.adding')}>
          {t('journal.exf.submit')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('journal.exf.cancel')}
        </Button>
      </div>
    </form>
  );
}
