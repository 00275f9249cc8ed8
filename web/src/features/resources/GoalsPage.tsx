import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import {
  GOAL_STATUSES,
  PROBLEM_STATUSES,
  RESOURCE_CATEGORIES,
  type Client,
  type Goal,
  type GoalInput,
  type Problem,
  type ProblemInput,
  type Resource,
} from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { useT, type MessageKey } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { CardHead } from '../../shared/ui/CardHead';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { ChoiceGroup, SelectField, TextAreaField, TextField, focusFirstError } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import type { FieldErrors } from '../../shared/validation';
import { ClientSection } from '../../shared/ui/ClientSection';
import { resourcePath } from './ClientResourcesPage';
import { categoryLabel, goalStatusLabel, problemStatusLabel, raterLabel } from '../../shared/resources/labels';
import { ScaleRatingForm, ScaleTrend, scaleSummary, type ScaleKind } from '../../shared/resources/ScaleRating';
import { MAX_TITLE, validateGoal, validateProblem, type GoalFormValues } from '../../shared/resources/validation';

export function GoalsPage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection clientId={clientId} tab="goals" title={t('resources.tab.goals')}>
      {(client, editable) => <GoalsAndProblems client={client} editable={editable} />}
    </ClientSection>
  );
}

type Item = Goal | Problem;

function GoalsAndProblems({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const t = useT();
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [resources, setResources] = useState<Resource[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.listGoals(client.id), api.listProblems(client.id)])
      .then(([g, p]) => {
        setGoals(g.items);
        setProblems(p.items);
      })
      .catch((err) => setError(messageOf(err)));
    api
      .listResources({ kind: 'client', id: client.id }, { status: 'all' })
      .then((r) => setResources(r.items))
      .catch(() => setResources([]));
  }, [client.id]);

  if (error) return <ErrorMessage message={error} />;
  if (!goals || !problems) return <Loading label={t('resources.goals.loading')} />;

  return (
    <div class="tracked-grid">
      <TrackedSection
        kind="goal"
        client={client}
        editable={editable}
        items={goals}
        resources={resources}
        onItems={(list) => setGoals(list as Goal[])}
      />
      <TrackedSection
        kind="problem"
        client={client}
        editable={editable}
        items={problems}
        resources={resources}
        onItems={(list) => setProblems(list as Problem[])}
      />
    </div>
  );
}

/** The heading of each list; the other words take the kind as a select ({kind, select, goal {…} other {…}}). */
const TITLES: Record<ScaleKind, MessageKey> = { goal: 'resources.balance.goalsShort', problem: 'resources.balance.problemsShort' };

function TrackedSection(props: {
  kind: ScaleKind;
  client: Client;
  editable: boolean;
  items: Item[];
  resources: Resource[];
  onItems: (items: Item[]) => void;
}) {
  const t = useT();
  const kind = props.kind;
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = `${props.kind}s-title`;
  return (
    <section class="card tracked" aria-labelledby={headingId}>
      <CardHead headClass="tracked__head" id={headingId} title={t(TITLES[kind])}>
        {props.editable && !adding ? (
          <Button small variant="secondary" onClick={() => setAdding(true)}>
            {t('resources.goals.new', { kind })}
          </Button>
        ) : null}
      </CardHead>
      <p class="field__hint">{t('resources.goals.hint', { kind })}</p>
      <Notice message={notice} />
      {adding ? (
        <ItemForm
          kind={props.kind}
          client={props.client}
          item={null}
          resources={props.resources}
          onCancel={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            props.onItems([...props.items, saved]);
            setNotice(t('resources.goals.added', { kind, title: saved.title }));
          }}
        />
      ) : null}
      {props.items.length === 0 && !adding ? (
        <EmptyState title={t('resources.goals.empty', { kind })} />
      ) : (
        <ul class="tracked__list">
          {props.items.map((item) => (
            <TrackedItem
              key={item.id}
              kind={props.kind}
              client={props.client}
              item={item}
              editable={props.editable}
              resources={props.resources}
              onSaved={(saved) => props.onItems(props.items.map((x) => (x.id === saved.id ? saved : x)))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TrackedItem(props: {
  kind: ScaleKind;
  client: Client;
  item: Item;
  editable: boolean;
  resources: Resource[];
  onSaved: (item: Item) => void;
}) {
  const { api } = useSession();
  const t = useT();
  const [mode, setMode] = useState<'view' | 'edit' | 'rate'>('view');
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const { item, kind } = props;
  const latest = item.latest_rating;
  const linked = 'resource_ids' in item ? item.resource_ids : [];
  const byId = new Map(props.resources.map((r) => [r.id, r]));
  const statusText = kind === 'goal' ? goalStatusLabel(item.status) : problemStatusLabel(item.status);

  if (mode === 'edit') {
    return (
      <li class="tracked__item">
        <ItemForm
          kind={kind}
          client={props.client}
          item={item}
          resources={props.resources}
          onCancel={() => setMode('view')}
          onSaved={(saved) => {
            props.onSaved(saved);
            setMode('view');
            setNotice(t('resources.changesSaved'));
          }}
        />
      </li>
    );
  }

  return (
    <li class="tracked__item">
      <div class="tracked__row">
        <div class="tracked__main">
          <h3 class="tracked__title">{item.title}</h3>
          <p class="tracked__meta">
            <span class={`status status--${item.status === 'active' ? 'active' : 'closed'}`}>{statusText}</span>
            {latest ? (
              <span>
                {' · '}
                {t('resources.goals.latest', {
                  summary: scaleSummary(kind, latest.value),
                  date: formatDate(latest.rated_at),
                  by: raterLabel(latest.rated_by_role),
                })}
              </span>
            ) : (
              <span>
                {' · '}
                {t('resources.node.notRated')}
              </span>
            )}
          </p>
        </div>
        <ScaleTrend kind={kind} id={item.id} version={version} />
      </div>
      {item.description ? <p class="tracked__desc prewrap">{item.description}</p> : null}
      {kind === 'goal' && linked.length > 0 ? (
        <div class="tracked__links">
          <p class="tracked__label">{t('resources.goals.supportedBy')}</p>
          <ul class="tags">
            {linked.map((id) => {
              const r = byId.get(id);
              return (
                <li key={id} class={`tag tag--resource cat--${r?.category ?? 'none'}`}>
                  {r ? (
                    <Link href={resourcePath(props.client.id, id)}>
                      {r.status === 'archived' ? t('resources.goals.archivedResource', { title: r.title }) : r.title}
                    </Link>
                  ) : (
                    t('resources.goals.resourceGone')
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <Notice message={notice} />
      {mode === 'rate' ? (
        <ScaleRatingForm
          kind={kind}
          id={item.id}
          initial={latest?.value ?? null}
          voice="therapist"
          onCancel={() => setMode('view')}
          onSaved={async (r) => {
            setMode('view');
            setVersion((v) => v + 1);
            setNotice(t('resources.ratingSaved', { rating: scaleSummary(kind, r.value) }));
            try {
              props.onSaved(kind === 'goal' ? await api.getGoal(item.id) : await api.getProblem(item.id));
            } catch {
              props.onSaved({ ...item, latest_rating: r } as Item);
            }
          }}
        />
      ) : props.editable ? (
        <div class="tracked__actions">
          <Button small onClick={() => setMode('rate')}>
            {t('resources.goals.rate', { title: shortTitle(item.title) })}
          </Button>
          <Button small variant="quiet" onClick={() => setMode('edit')}>
            {t('resources.goals.edit', { title: shortTitle(item.title) })}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

function shortTitle(t: string): string {
  return t.length > 28 ? `${t.slice(0, 27)}…` : t;
}

function ItemForm(props: {
  kind: ScaleKind;
  client: Client;
  item: Item | null;
  resources: Resource[];
  onSaved: (item: Item) => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const t = useT();
  const form = `${props.kind}-${props.item?.id ?? 'new'}`;
  const [values, setValues] = useState<GoalFormValues>(() => ({
    title: props.item?.title ?? '',
    description: props.item?.description ?? '',
    status: props.item?.status ?? 'active',
    resource_ids: props.item && 'resource_ids' in props.item ? [...props.item.resource_ids] : [],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const order = ['title', 'description', 'status', 'resource_ids'];

  useEffect(() => {
    document.getElementById(`${form}-title`)?.focus();
  }, []);

  const set = <K extends keyof GoalFormValues>(key: K, value: GoalFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const checked = props.kind === 'goal' ? validateGoal(values) : validateProblem(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(form, checked.errors, order);
      return;
    }
    setBusy(true);
    try {
      let saved: Item;
      if (props.kind === 'goal') {
        const v = checked.value as GoalInput;
        saved = props.item ? await api.updateGoal(props.item.id, v) : await api.createGoal(props.client.id, v);
      } else {
        const v = checked.value as ProblemInput;
        saved = props.item ? await api.updateProblem(props.item.id, v) : await api.createProblem(props.client.id, v);
      }
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusFirstError(form, { [err.field]: err.message }, order);
      }
    } finally {
      setBusy(false);
    }
  };

  // Archived resources stay selectable only if the goal already links them.
  const choices = props.resources
    .filter((r) => r.status !== 'archived' || values.resource_ids.includes(r.id))
    .sort((a, b) => RESOURCE_CATEGORIES.indexOf(a.category) - RESOURCE_CATEGORIES.indexOf(b.category) || a.title.localeCompare(b.title));
  const statuses = props.kind === 'goal' ? GOAL_STATUSES : PROBLEM_STATUSES;
  const kind = props.kind;

  return (
    <form
      class="form tracked__form"
      onSubmit={submit}
      noValidate
      aria-label={props.item ? t('resources.goals.editForm', { kind }) : t('resources.goals.new', { kind })}
    >
      <ErrorMessage message={error} />
      <TextField
        form={form}
        name="title"
        label={t('resources.goals.field', { kind })}
        required
        maxLength={MAX_TITLE + 50}
        autoComplete="off"
        value={values.title}
        onValue={(v) => set('title', v)}
        error={errors.title}
      />
      <TextAreaField form={form} name="description" label={t('resources.description')} rows={2} value={values.description} onValue={(v) => set('description', v)} error={errors.description} />
      <SelectField
        form={form}
        name="status"
        label={t('resources.statusLabel')}
        value={values.status}
        onValue={(v) => set('status', v)}
        options={statuses.map((s) => ({ value: s, label: props.kind === 'goal' ? goalStatusLabel(s) : problemStatusLabel(s) }))}
        error={errors.status}
      />
      {props.kind === 'goal' ? (
        choices.length > 0 ? (
          <ChoiceGroup<string>
            form={form}
            name="resource_ids"
            label={t('resources.goals.resources')}
            hint={t('resources.goals.resourcesHint')}
            type="checkbox"
            options={choices.map((r) => ({ value: r.id, label: t('resources.goals.resourceOption', { title: r.title, category: categoryLabel(r.category) }) }))}
            selected={values.resource_ids}
            onChange={(v) => set('resource_ids', v)}
            error={errors.resource_ids}
          />
        ) : (
          <p class="field__hint">{t('resources.goals.noResources')}</p>
        )
      ) : null}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('resources.saving')}>
          {props.item ? t('resources.saveChanges') : t('resources.goals.add', { kind })}
        </Button>
        <Button variant="quiet" onClick={props.onCancel}>
          {t('resources.cancel')}
        </Button>
      </div>
    </form>
  );
}
