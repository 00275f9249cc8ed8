import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Resource, Strength } from '../../api/types';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { SelectField, focusFirstError } from '../../shared/ui/Field';
import { ToggleChip } from '../../shared/ui/ToggleChip';
import { checkDraft, MAX_ENTRY_TEXT, type EntryDraft } from './draft';
import { JOURNAL_KINDS, type Assignment, type Exercise, type JournalKind } from '../../shared/journal/types';
import { kindChip, kindHint, privacyText } from '../../shared/journal/wording';
import { useT } from '../../shared/i18n';

export interface Preset {
  assignment: Assignment;
  exercise: Exercise | undefined;
}

interface EntryFormProps {
  /** Prefix of the field ids, unique on the page. */
  form: string;
  initial: EntryDraft;
  strengths: readonly Strength[];
  resources: readonly Resource[];
  preset?: Preset | null;
  onClearPreset?: () => void;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (draft: EntryDraft) => Promise<void>;
  onCancel?: () => void;
}

const ORDER = ['kind', 'text', 'mood'];

/** Writing an entry: kind, words, mood, strengths, a resource, and who may read it. One screen on a phone. */
export function EntryForm(props: EntryFormProps) {
  const t = useT();
  const [draft, setDraft] = useState<EntryDraft>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `${props.form}-${name}`;

  const set = <K extends keyof EntryDraft>(key: K, value: EntryDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key as string] || (key === 'mood' && errors.text)) setErrors({});
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const found = checkDraft(draft);
    if (Object.keys(found).length) {
      setErrors(found);
      focusFirstError(props.form, found, ORDER);
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(draft);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field && ORDER.includes(err.field)) setErrors({ [err.field]: err.message });
    } finally {
      setBusy(false);
    }
  };

  const prompts = props.preset?.exercise?.prompts ?? [];
  const chosenStrengths = props.strengths.filter((s) => draft.strength_codes.includes(s.code));
  const resources = props.resources.filter((r) => r.status !== 'archived' || r.id === draft.resource_id);

  return (
    <form class="jform form" onSubmit={submit} noValidate aria-label={props.submitLabel}>
      <ErrorMessage message={error} />
      {props.preset ? (
        <div class="jform__preset">
          <p class="jform__preset-title">
            <span class="jform__preset-label">{t('journal.form.exercise')}</span> {props.preset.assignment.exercise_title}
          </p>
          {props.preset.assignment.note ? <p class="jform__note">“{props.preset.assignment.note}”</p> : null}
          {prompts.length ? (
            <>
              <p class="jform__prompts-head">{t('journal.form.prompts')}</p>
              <ul class="jform__prompts">
                {prompts.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
          {props.onClearPreset ? (
            <button type="button" class="linklike" onClick={props.onClearPreset}>
              {t('journal.form.somethingElse')}
            </button>
          ) : null}
        </div>
      ) : null}

      <fieldset class="field jfield" id={id('kind')}>
        <legend class="field__label">{t('journal.form.kind')}</legend>
        <div class="jchips">
          {JOURNAL_KINDS.map((k: JournalKind) => (
            <ToggleChip key={k} chipClass="jchip" id={id(`kind-${k}`)} type="radio" name={id('kind')} value={k} checked={draft.kind === k} onToggle={() => set('kind', k)}>
              {kindChip(k)}
            </ToggleChip>
          ))}
        </div>
      </fieldset>

      <div class={`field${errors.text ? ' field--invalid' : ''}`}>
        <label class="field__label" for={id('text')}>
          {kindHint(draft.kind)}
        </label>
        {errors.text ? (
          <p class="field__error" id={id('text-error')}>
            {errors.text}
          </p>
        ) : null}
        <textarea
          id={id('text')}
          name="text"
          class="field__input field__textarea jform__text"
          rows={4}
          maxLength={MAX_ENTRY_TEXT + 200}
          value={draft.text}
          onInput={(e) => set('text', (e.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={errors.text ? 'true' : undefined}
          aria-describedby={errors.text ? id('text-error') : undefined}
        />
      </div>

      <fieldset class={`field jfield${errors.mood ? ' field--invalid' : ''}`} id={id('mood')} aria-describedby={id('mood-hint')}>
        <legend class="field__label">
          {t('journal.form.mood')} <span class="field__optional">{t('field.optional')}</span>
        </legend>
        <p class="field__hint" id={id('mood-hint')}>
          {t('journal.form.moodHint')}
        </p>
        <div class="jmood">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} class="jmood__option" for={id(`mood-${n}`)}>
              <input
                id={id(`mood-${n}`)}
                type="radio"
                name={id('mood')}
                value={n}
                checked={draft.mood === n}
                onChange={() => set('mood', n)}
              />
              <span>{n}</span>
            </label>
          ))}
        </div>
        {draft.mood !== null ? (
          <button type="button" class="linklike jmood__clear" onClick={() => set('mood', null)}>
            {t('journal.form.moodClear')}
          </button>
        ) : null}
      </fieldset>

      {props.strengths.length ? (
        <details class="jdetails" open={draft.strength_codes.length > 0}>
          <summary>
            {t('journal.form.strengths')} <span class="field__optional">{t('field.optional')}</span>
            {chosenStrengths.length ? <span class="jdetails__count">: {chosenStrengths.map((s) => s.name).join(', ')}</span> : null}
          </summary>
          <fieldset class="jfield jdetails__body">
            <legend class="visually-hidden">{t('journal.form.strengths')}</legend>
            <div class="jchips jchips--small">
              {props.strengths.map((s) => (
                <ToggleChip
                  key={s.code}
                  chipClass="jchip"
                  id={id(`strength-${s.code}`)}
                  title={s.description}
                  value={s.code}
                  checked={draft.strength_codes.includes(s.code)}
                  onToggle={(on) =>
                    set('strength_codes', on ? [...draft.strength_codes.filter((c) => c !== s.code), s.code] : draft.strength_codes.filter((c) => c !== s.code))
                  }
                >
                  {s.name}
                </ToggleChip>
              ))}
            </div>
          </fieldset>
        </details>
      ) : null}

      {resources.length ? (
        <SelectField
          form={props.form}
          name="resource"
          label={t('journal.form.resource')}
          value={draft.resource_id}
          onValue={(v) => set('resource_id', v)}
          options={[{ value: '', label: t('journal.form.notLinked') }, ...resources.map((r) => ({ value: r.id, label: r.title }))]}
        />
      ) : null}

      <fieldset class="field jfield">
        <legend class="field__label">{t('journal.form.who')}</legend>
        <div class="jprivacy">
          {[false, true].map((shared) => (
            <label key={String(shared)} class="jprivacy__option" for={id(shared ? 'shared' : 'private')}>
              <input
                id={id(shared ? 'shared' : 'private')}
                type="radio"
                name={id('privacy')}
                checked={draft.shared === shared}
                onChange={() => set('shared', shared)}
              />
              <span class="jprivacy__text">
                <span class="jprivacy__title">{shared ? t('journal.entry.shared') : t('journal.entry.private')}</span>
                <span class="jprivacy__desc">{privacyText(shared)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={props.busyLabel}>
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button variant="quiet" onClick={props.onCancel}>
            {t('journal.form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
