import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { RESOURCE_CATEGORIES, type Resource, type ResourceCategory } from '../../api/types';
import { useSession } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { ToggleChip } from '../../shared/ui/ToggleChip';
import { useLocale, useT, type Locale } from '../../shared/i18n';
import { useJournalApi } from '../../shared/journal/api';
import { AssignForm } from '../../shared/journal/AssignForm';
import { describeSchedule } from '../../shared/journal/schedule';
import type { Assignment, Exercise } from '../../shared/journal/types';
import { categorySingular } from '../../shared/resources/labels';
import { MAX_TITLE } from '../../shared/resources/validation';
import { MAX_SCALES, MAX_SCALE_LABEL, type ScaleDraft } from './templates';

/** Scaling questions: a label each and a row of 0–10 taps (large targets for a tablet on the knee). */
export function ScaleEditor(props: { form: string; scales: readonly ScaleDraft[]; onChange: (next: ScaleDraft[]) => void }) {
  const t = useT();
  const { form, scales } = props;
  const update = (i: number, change: Partial<ScaleDraft>) => props.onChange(scales.map((s, j) => (j === i ? { ...s, ...change } : s)));
  return (
    <div class="sscales">
      {scales.map((s, i) => {
        const base = `${form}-scale-${i}`;
        const question = s.label.trim() || t('sessions.scale.question', { n: i + 1 });
        return (
          <div class="sscale" key={i}>
            <div class="sscale__head">
              <label class="sscale__labelname" for={`${base}-label`}>
                {t('sessions.scale.question', { n: i + 1 })}
              </label>
              <input
                id={`${base}-label`}
                class="field__input sscale__label"
                value={s.label}
                maxLength={MAX_SCALE_LABEL}
                onInput={(e) => update(i, { label: (e.currentTarget as HTMLInputElement).value })}
              />
            </div>
            <fieldset class="sscale__taps" aria-describedby={`${base}-ends`}>
              <legend class="visually-hidden">{t('sessions.scale.legend', { question })}</legend>
              <div class="stap-row">
                {Array.from({ length: 11 }, (_, n) => (
                  <label key={n} class="stap" for={`${base}-${n}`}>
                    <input id={`${base}-${n}`} type="radio" name={base} value={n} checked={s.value === n} onChange={() => update(i, { value: n })} />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
              <p class="sscale__ends" id={`${base}-ends`}>
                <span>{t('sessions.scale.low')}</span>
                <span>{t('sessions.scale.high')}</span>
              </p>
            </fieldset>
            <div class="sscale__actions">
              {s.value !== null ? (
                <button type="button" class="linklike" onClick={() => update(i, { value: null })}>
                  {t('sessions.scale.clear')}
                  <span class="visually-hidden"> {t('sessions.scale.clearWhich', { question })}</span>
                </button>
              ) : (
                <span class="field__hint">{t('sessions.scale.unanswered')}</span>
              )}
              <button type="button" class="linklike" onClick={() => props.onChange(scales.filter((_, j) => j !== i))}>
                {t('sessions.scale.remove')}
                <span class="visually-hidden"> {t('sessions.scale.removeWhich', { question })}</span>
              </button>
            </div>
          </div>
        );
      })}
      {scales.length < MAX_SCALES ? (
        <button type="button" class="linklike" onClick={() => props.onChange([...scales, { label: '', value: null }])}>
          {t('sessions.scale.add')}
        </button>
      ) : null}
    </div>
  );
}

/** The owner's resources as chips to link to the note, and a way to add one that just came up. */
export function ResourceLinker(props: { form: string; owner: Owner; selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const { api } = useSession();
  const [resources, setResources] = useState<Resource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    api
      .listResources(props.owner, { status: 'all' })
      .then((r) => setResources(r.items))
      .catch((err) => setError(messageOf(err)));
  }, [props.owner.id]);

  // Archived resources stay listed only while this note links them.
  const shown = (resources ?? []).filter((r) => r.status !== 'archived' || props.selected.includes(r.id));
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.selected.filter((x) => x !== id), id] : props.selected.filter((x) => x !== id));

  return (
    <div class="slinker">
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {resources === null && !error ? <Loading label={t('sessions.link.loadingResources')} /> : null}
      {resources !== null ? (
        <fieldset class="slinker__set">
          <legend class="slinker__legend">{t('sessions.link.resources')}</legend>
          {shown.length ? (
            <div class="schips">
              {shown.map((r) => (
                <ToggleChip key={r.id} chipClass="schip" id={`${props.form}-res-${r.id}`} checked={props.selected.includes(r.id)} onToggle={(on) => toggle(r.id, on)}>
                  {r.title}
                </ToggleChip>
              ))}
            </div>
          ) : (
            <p class="field__hint">{t('sessions.link.noResources')}</p>
          )}
        </fieldset>
      ) : null}
      {adding ? (
        <NewResourceForm
          form={`${props.form}-newres`}
          owner={props.owner}
          onCancel={() => setAdding(false)}
          onCreated={(r) => {
            setResources((list) => [...(list ?? []), r]);
            props.onChange([...props.selected, r.id]);
            setAdding(false);
            setNotice(t('sessions.link.resourceAdded', { title: r.title }));
          }}
        />
      ) : (
        <Button small variant="secondary" onClick={() => (setAdding(true), setNotice(null))}>
          {t('sessions.link.addResource')}
        </Button>
      )}
    </div>
  );
}

function NewResourceForm(props: { form: string; owner: Owner; onCreated: (r: Resource) => void; onCancel: () => void }) {
  const t = useT();
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<ResourceCategory | ''>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(`${props.form}-title`)?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (title.trim() === '') found.title = t('sessions.newResource.nameEmpty');
    else if ([...title.trim()].length > MAX_TITLE) found.title = t('sessions.newResource.nameLong', { max: MAX_TITLE });
    if (!category) found.category = t('sessions.newResource.kindMissing');
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`${props.form}-${found.title ? 'title' : 'category'}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.createResource(props.owner, { title: title.trim(), category: category as ResourceCategory, source: 'therapist' });
      props.onCreated(created);
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
    }
  };

  return (
    <form class="spanel form" onSubmit={submit} noValidate aria-label={t('sessions.newResource.form')}>
      <ErrorMessage message={error} />
      <TextField
        form={props.form}
        name="title"
        label={t('sessions.newResource.name')}
        required
        maxLength={MAX_TITLE + 50}
        autoComplete="off"
        value={title}
        onValue={setTitle}
        error={errors.title}
      />
      <SelectField
        form={props.form}
        name="category"
        label={t('sessions.newResource.kind')}
        value={category}
        onValue={(v) => setCategory(v as ResourceCategory | '')}
        options={[{ value: '', label: t('sessions.newResource.choose') }, ...RESOURCE_CATEGORIES.map((c) => ({ value: c, label: categorySingular(c) }))]}
        error={errors.category}
      />
      <div class="form__actions">
        <Button type="submit" small busy={busy} busyLabel={t('sessions.newResource.adding')}>
          {t('sessions.newResource.submit')}
        </Button>
        <Button small variant="quiet" onClick={props.onCancel}>
          {t('sessions.cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * A schedule ("Every day") inside a sentence: English keeps its whole-lowercase form ("every day");
 * Polish and German lower only the first letter, since German nouns keep their capital ("jeden Tag").
 */
function scheduleInSentence(text: string, locale: Locale): string {
  if (locale === 'en') return text.toLowerCase();
  return text.charAt(0).toLocaleLowerCase(locale) + text.slice(1);
}

export interface Member {
  id: string;
  name: string;
}

/** Assignments of the client (or of each member of a case) that the note can link, and assigning a new one. */
export function HomeworkLinker(props: { form: string; members: readonly Member[]; selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const locale = useLocale();
  const japi = useJournalApi();
  const [assignments, setAssignments] = useState<(Assignment & { member: Member })[] | null>(null);
  const [exercises, setExercises] = useState<Exercise[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [forMember, setForMember] = useState(props.members[0]?.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const memberKey = props.members.map((m) => m.id).join(',');

  useEffect(() => {
    Promise.all(props.members.map((m) => japi.listAssignments(m.id).then((r) => r.items.map((a) => ({ ...a, member: m })))))
      .then((lists) => setAssignments(lists.flat()))
      .catch((err) => setError(messageOf(err)));
  }, [memberKey, version]);

  const open = () => {
    setAssigning(true);
    setNotice(null);
    if (!exercises) {
      japi
        .listExercises()
        .then((r) => setExercises(r.items))
        .catch((err) => setError(messageOf(err)));
    }
  };

  const shown = useMemo(() => (assignments ?? []).filter((a) => a.status !== 'ended' || props.selected.includes(a.id)), [assignments, props.selected]);
  const several = props.members.length > 1;
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.selected.filter((x) => x !== id), id] : props.selected.filter((x) => x !== id));

  if (props.members.length === 0) return <p class="field__hint">{t('sessions.link.noMembers')}</p>;

  return (
    <div class="slinker">
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {assignments === null && !error ? <Loading label={t('sessions.link.loadingExercises')} /> : null}
      {assignments !== null ? (
        <fieldset class="slinker__set">
          <legend class="slinker__legend">{t('sessions.link.exercises')}</legend>
          {shown.length ? (
            <div class="schips">
              {shown.map((a) => (
                <ToggleChip key={a.id} chipClass="schip" id={`${props.form}-hw-${a.id}`} checked={props.selected.includes(a.id)} onToggle={(on) => toggle(a.id, on)}>
                  {a.exercise_title}
                  {several ? ` (${a.member.name})` : ''}
                </ToggleChip>
              ))}
            </div>
          ) : (
            <p class="field__hint">{t('sessions.link.noExercises')}</p>
          )}
        </fieldset>
      ) : null}
      {assigning ? (
        <div class="spanel">
          {several ? (
            <SelectField
              form={props.form}
              name="member"
              label={t('sessions.link.for')}
              value={forMember}
              onValue={setForMember}
              options={props.members.map((m) => ({ value: m.id, label: m.name }))}
            />
          ) : null}
          {exercises ? (
            <AssignForm
              key={forMember}
              form={`${props.form}-assign`}
              clientId={forMember}
              exercises={exercises}
              voice="therapist"
              onCancel={() => setAssigning(false)}
              onDone={(created, x) => {
                setAssigning(false);
                props.onChange([...props.selected, created.id]);
                setVersion((v) => v + 1);
                setNotice(
                  t('sessions.link.assigned', {
                    title: x?.title ?? t('sessions.link.theExercise'),
                    schedule: scheduleInSentence(describeSchedule(created.schedule), locale),
                  }),
                );
              }}
            />
          ) : error ? null : (
            <Loading label={t('sessions.link.loadingLibrary')} />
          )}
        </div>
      ) : (
        <Button small variant="secondary" onClick={open}>
          {t('sessions.link.assign')}
        </Button>
      )}
    </div>
  );
}

/** Titles for linked resources and assignments in a read-only note. */
export function useLinkTitles(owner: Owner | null, members: readonly Member[], resourceIds: readonly string[], assignmentIds: readonly string[]) {
  const t = useT();
  const { api } = useSession();
  const japi = useJournalApi();
  const [resources, setResources] = useState<Map<string, string>>(new Map());
  const [assignments, setAssignments] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!owner || resourceIds.length === 0) return;
    api
      .listResources(owner, { status: 'all' })
      .then((r) => setResources(new Map(r.items.map((x) => [x.id, x.title]))))
      .catch(() => undefined);
  }, [owner?.id, resourceIds.length]);
  useEffect(() => {
    if (assignmentIds.length === 0) return;
    Promise.all(members.map((m) => japi.listAssignments(m.id).then((r) => r.items)))
      .then((lists) => setAssignments(new Map(lists.flat().map((a) => [a.id, a.exercise_title]))))
      .catch(() => undefined);
  }, [members.map((m) => m.id).join(','), assignmentIds.length]);
  return {
    resources: resourceIds.map((id) => resources.get(id) ?? t('sessions.link.aResource')),
    assignments: assignmentIds.map((id) => assignments.get(id) ?? t('sessions.link.anExercise')),
  };
}
