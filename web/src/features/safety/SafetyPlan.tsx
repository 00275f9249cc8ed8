import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Resource } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate, formatList } from '../../shared/format';
import { useT } from '../../shared/i18n';
import { telHref } from '../../shared/crisis';
import { Button } from '../../shared/ui/Button';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import type { FieldErrors } from '../../shared/validation';
import { saveSafetyPlan } from '../../shared/safety/api';
import {
  MAX_CONTACTS,
  MAX_LINES,
  MAX_REASONS,
  PARTS,
  PLAN_SECTIONS,
  draftOf,
  fieldIdOf,
  isPlanEmpty,
  reasonText,
  sectionHasContent,
  validatePlan,
  type ContactKey,
  type ListKey,
  type PlanDraft,
  type PlanPart,
  type Voice,
} from '../../shared/safety/plan';
import type { PlanContact, SafetyPlan } from '../../shared/safety/types';
import './safety.css';

const FORM = 'plan';

function Contacts({ list }: { list: readonly PlanContact[] }) {
  const t = useT();
  return (
    <ul class="splan__contacts">
      {list.map((c, i) => (
        <li key={i} class="splan__contact">
          <span class="splan__name">{c.name}</span>
          {c.phone ? (
            <a class="splan__phone" href={telHref(c.phone)} aria-label={t('safety.callAria', { name: c.name, phone: c.phone })}>
              {c.phone}
            </a>
          ) : null}
          {c.note ? <span class="splan__note">{c.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The plan as one calm page, in Stanley & Brown's order: what a client opens on a phone in a
 * hard moment, or prints on one sheet. Sections without entries are left out, except the
 * professionals and crisis numbers, which are always there.
 */
export function SafetyPlanView(props: {
  plan: SafetyPlan;
  voice: Voice;
  /** Where a reason linked to a resource leads (the client's or the therapist's resource page). */
  hrefForResource?: (resourceId: string) => string;
}) {
  const { plan, voice } = props;
  const t = useT();
  const empty = isPlanEmpty(plan);
  return (
    <article class="card splan" aria-label={t('safety.view.label', { voice })}>
      {empty ? (
        <p class="splan__empty">
          {t('safety.view.empty', { voice })}
        </p>
      ) : null}
      {PLAN_SECTIONS.filter((s) => sectionHasContent(plan, s)).map((s, n) => (
        <section key={s.id} class={`splan__section splan__section--${s.id}`} aria-labelledby={`sp-${s.id}`}>
          <h2 id={`sp-${s.id}`} class="splan__title">
            <span class="splan__step" aria-hidden="true">
              {n + 1}
            </span>
            {s.title[voice]}
          </h2>
          {s.parts.map((part) => (
            <PartView key={part} part={part} plan={plan} voice={voice} multi={s.parts.length > 1} hrefForResource={props.hrefForResource} />
          ))}
          {s.id === 'what-i-can-do' && plan.stabilising_resources.length > 0 ? (
            <>
              <h3 class="splan__subtitle">{t('safety.view.steadies', { voice })}</h3>
              <ul class="splan__list">
                {plan.stabilising_resources.map((r) => (
                  <li key={r.id}>{r.title}</li>
                ))}
              </ul>
            </>
          ) : null}
          {s.crisis ? (
            <CrisisPanel crisis={plan.crisis} level={3} title={t('safety.view.crisisTitle', { voice })} id="sp-crisis" class="splan__crisis" />
          ) : null}
        </section>
      ))}
      {plan.updated_at ? <p class="splan__updated">{t('safety.lastChanged', { date: formatDate(plan.updated_at) })}</p> : null}
    </article>
  );
}

function PartView(props: {
  part: PlanPart;
  plan: SafetyPlan;
  voice: Voice;
  multi: boolean;
  hrefForResource: ((id: string) => string) | undefined;
}) {
  const { part, plan, voice } = props;
  const items = plan[part] as unknown[];
  if (items.length === 0) return null;
  const title = props.multi ? <h3 class="splan__subtitle">{PARTS[part].title[voice]}</h3> : null;
  if (part === 'people_to_ask' || part === 'professionals') {
    return (
      <>
        {title}
        <Contacts list={plan[part]} />
      </>
    );
  }
  if (part === 'reasons') {
    return (
      <>
        {title}
        <ul class="splan__list splan__reasons">
          {plan.reasons.map((r, i) => (
            <li key={i}>
              {typeof r !== 'string' && props.hrefForResource ? <Link href={props.hrefForResource(r.resource_id)}>{r.title}</Link> : reasonText(r)}
            </li>
          ))}
        </ul>
      </>
    );
  }
  const Tag = part === 'calming_steps' ? 'ol' : 'ul';
  return (
    <>
      {title}
      <Tag class="splan__list">
        {(plan[part] as string[]).map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </Tag>
    </>
  );
}

/** Every list of the plan as rows that can be added and removed; client and care team use the same form. */
export function SafetyPlanEditor(props: {
  clientId: string;
  plan: SafetyPlan;
  voice: Voice;
  /** The client's resources, for linking reasons ("My reasons" can hold things from the map). */
  resources: readonly Resource[];
  onSaved: (plan: SafetyPlan) => void;
  onDone?: () => void;
}) {
  const { api } = useSession();
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(props.plan));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pick, setPick] = useState('');
  const t = useT();
  const you = props.voice === 'client';

  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  const setLine = (key: ListKey, i: number, text: string) => setDraft((d) => ({ ...d, [key]: d[key].map((s, j) => (j === i ? text : s)) }));
  const addLine = (key: ListKey) => {
    setDraft((d) => ({ ...d, [key]: [...d[key], ''] }));
    focusLater(fieldIdOf(FORM, `${key}.${draft[key].length}`));
  };
  const setContact = (key: ContactKey, i: number, patch: Partial<PlanDraft['people_to_ask'][number]>) =>
    setDraft((d) => ({ ...d, [key]: d[key].map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const addContact = (key: ContactKey) => {
    setDraft((d) => ({ ...d, [key]: [...d[key], { name: '', phone: '', note: '' }] }));
    focusLater(fieldIdOf(FORM, `${key}.${draft[key].length}.name`));
  };
  const remove = (key: PlanPart, i: number) => {
    setDraft((d) => ({ ...d, [key]: (d[key] as unknown[]).filter((_, j) => j !== i) }));
    setErrors({});
  };
  const linked = new Set(draft.reasons.flatMap((r) => (r.kind === 'resource' ? [r.resource_id] : [])));
  const candidates = props.resources.filter((r) => r.status !== 'archived' && !linked.has(r.id));

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validatePlan(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('safety.edit.checkHighlighted'));
      const first = Object.keys(checked.errors)[0]!;
      const el = document.getElementById(fieldIdOf(FORM, first)) ?? document.getElementById(`${FORM}-${first}-group`);
      (el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>('input, button') : el)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await saveSafetyPlan(api, props.clientId, checked.value);
      props.onSaved(saved);
      setDraft(draftOf(saved));
      setNotice(t('safety.edit.saved', { voice: props.voice }));
      props.onDone?.();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
    } finally {
      setBusy(false);
    }
  };

  // A section with a single list already says what it is: its legend is for screen readers only.
  const legendClass = (multi: boolean) => (multi ? 'splan-edit__legend' : 'visually-hidden');

  const lineRows = (key: ListKey, multi: boolean) => (
    <fieldset class="splan-edit__part" id={`${FORM}-${key}-group`}>
      <legend class={legendClass(multi)}>{PARTS[key].title[props.voice]}</legend>
      {errors[key] ? <p class="field__error">{errors[key]}</p> : null}
      {draft[key].length === 0 ? <p class="field__hint">{t('safety.nothingYet')}</p> : null}
      <ol class="splan-rows">
        {draft[key].map((text, i) => (
          <li key={i} class="splan-row">
            <TextField
              form={FORM}
              name={`${key}-${i}`}
              label={PARTS[key].item(i + 1)}
              plain
              autoComplete="off"
              value={text}
              onValue={(v) => setLine(key, i, v)}
            />
            <Button small variant="quiet" onClick={() => remove(key, i)}>
              {PARTS[key].remove(i + 1)}
            </Button>
          </li>
        ))}
      </ol>
      <Button small variant="secondary" disabled={draft[key].length >= MAX_LINES} onClick={() => addLine(key)}>
        {PARTS[key].add}
      </Button>
    </fieldset>
  );

  const contactRows = (key: ContactKey, multi: boolean) => (
    <fieldset class="splan-edit__part" id={`${FORM}-${key}-group`}>
      <legend class={legendClass(multi)}>{PARTS[key].title[props.voice]}</legend>
      {errors[key] ? <p class="field__error">{errors[key]}</p> : null}
      {draft[key].length === 0 ? <p class="field__hint">{t('safety.nothingYet')}</p> : null}
      {draft[key].map((c, i) => (
        <fieldset class="splan-contact" key={i}>
          <legend class="splan-contact__title">{PARTS[key].item(i + 1)}</legend>
          <div class="splan-contact__fields">
            <TextField
              form={FORM}
              name={`${key}-${i}-name`}
              label={t('safety.contact.name')}
              plain
              autoComplete="off"
              value={c.name}
              onValue={(v) => setContact(key, i, { name: v })}
              error={errors[`${key}.${i}.name`]}
            />
            <TextField
              form={FORM}
              name={`${key}-${i}-phone`}
              label={t('safety.contact.phone')}
              type="tel"
              inputMode="tel"
              plain
              autoComplete="off"
              value={c.phone}
              onValue={(v) => setContact(key, i, { phone: v })}
              error={errors[`${key}.${i}.phone`]}
            />
            <TextField
              form={FORM}
              name={`${key}-${i}-note`}
              label={t('safety.contact.note')}
              plain
              autoComplete="off"
              value={c.note}
              onValue={(v) => setContact(key, i, { note: v })}
              error={errors[`${key}.${i}.note`]}
            />
          </div>
          <Button small variant="quiet" onClick={() => remove(key, i)}>
            {PARTS[key].remove(i + 1)}
          </Button>
        </fieldset>
      ))}
      <Button small variant="secondary" disabled={draft[key].length >= MAX_CONTACTS} onClick={() => addContact(key)}>
        {PARTS[key].add}
      </Button>
    </fieldset>
  );

  const reasonRows = (
    <fieldset class="splan-edit__part" id={`${FORM}-reasons-group`}>
      <legend class="visually-hidden">{PARTS.reasons.title[props.voice]}</legend>
      {errors.reasons ? <p class="field__error">{errors.reasons}</p> : null}
      {draft.reasons.length === 0 ? <p class="field__hint">{t('safety.nothingYet')}</p> : null}
      <ol class="splan-rows">
        {draft.reasons.map((r, i) => (
          <li key={i} class="splan-row">
            {r.kind === 'text' ? (
              <TextField
                form={FORM}
                name={`reasons-${i}`}
                label={PARTS.reasons.item(i + 1)}
                plain
                autoComplete="off"
                value={r.text}
                onValue={(v) => setDraft((d) => ({ ...d, reasons: d.reasons.map((x, j) => (j === i ? { kind: 'text', text: v } : x)) }))}
              />
            ) : (
              <p class="splan-edit__linked" id={`${FORM}-reasons-${i}`}>
                <span class="field__label">{t('safety.reasons.fromMap', { voice: props.voice, n: i + 1 })}</span>
                <span class="splan-edit__linked-title">{r.title || t('safety.reasons.aResource')}</span>
              </p>
            )}
            <Button small variant="quiet" onClick={() => remove('reasons', i)}>
              {PARTS.reasons.remove(i + 1)}
            </Button>
          </li>
        ))}
      </ol>
      <div class="splan-edit__add">
        <Button
          small
          variant="secondary"
          disabled={draft.reasons.length >= MAX_REASONS}
          onClick={() => {
            setDraft((d) => ({ ...d, reasons: [...d.reasons, { kind: 'text', text: '' }] }));
            focusLater(fieldIdOf(FORM, `reasons.${draft.reasons.length}`));
          }}
        >
          {you ? PARTS.reasons.add : t('safety.reasons.addForClient')}
        </Button>
      </div>
      {candidates.length ? (
        <div class="splan-edit__pick">
          <SelectField
            form={FORM}
            name="reason-resource"
            label={t('safety.reasons.pick', { voice: props.voice })}
            value={pick}
            onValue={setPick}
            options={[{ value: '', label: t('safety.reasons.chooseResource') }, ...candidates.map((r) => ({ value: r.id, label: r.title }))]}
          />
          <Button
            small
            variant="secondary"
            disabled={!pick || draft.reasons.length >= MAX_REASONS}
            onClick={() => {
              const r = props.resources.find((x) => x.id === pick);
              if (!r) return;
              setDraft((d) => ({ ...d, reasons: [...d.reasons, { kind: 'resource', resource_id: r.id, title: r.title }] }));
              setPick('');
            }}
          >
            {t('safety.reasons.addAsReason')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );

  return (
    <form class="card form splan-edit" onSubmit={submit} noValidate aria-labelledby="plan-edit-title">
      <h2 id="plan-edit-title" class="card__title">
        {t('safety.edit.title', { voice: props.voice })}
      </h2>
      <p class="field__hint">
        {t('safety.edit.intro', { voice: props.voice })}
        {props.plan.updated_at ? ` ${t('safety.lastChanged', { date: formatDate(props.plan.updated_at) })}` : ''}
      </p>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {PLAN_SECTIONS.map((s, n) => (
        <section key={s.id} class="splan-edit__section" aria-labelledby={`spe-${s.id}`}>
          <h3 id={`spe-${s.id}`} class="splan-edit__title">
            <span class="splan__step" aria-hidden="true">
              {n + 1}
            </span>
            {s.title[props.voice]}
          </h3>
          <p class="field__hint">{s.hint[props.voice]}</p>
          {s.parts.map((part) => (
            <div key={part}>
              {part === 'people_to_ask' || part === 'professionals'
                ? contactRows(part, s.parts.length > 1)
                : part === 'reasons'
                  ? reasonRows
                  : lineRows(part, s.parts.length > 1)}
            </div>
          ))}
          {s.crisis ? (
            <p class="field__hint">
              {t('safety.edit.crisisAlways', { voice: props.voice, labels: formatList(props.plan.crisis.contacts.map((c) => c.label)) })}
            </p>
          ) : null}
        </section>
      ))}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('safety.edit.saving')}>
          {t('safety.edit.save')}
        </Button>
        {props.onDone ? (
          <Button variant="quiet" onClick={props.onDone}>
            {t('safety.edit.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
