import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';

export function fieldId(form: string, name: string): string {
  return `${form}-${name}`;
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: string, errors: Record<string, string>, order: readonly string[]): void {
  const first = order.find((name) => errors[name]) ?? Object.keys(errors)[0];
  if (!first) return;
  // Fieldsets cannot take focus; their first input can.
  const el = document.getElementById(fieldId(form, first));
  const target = el instanceof HTMLFieldSetElement ? el.querySelector('input') : el;
  target?.focus();
}

interface Described {
  form: string;
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

interface TextFieldProps extends Described {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'date' | 'time' | 'tel';
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'text' | 'search' | 'tel';
  required?: boolean;
  maxLength?: number;
  readOnly?: boolean;
  /** Filters and search boxes are optional by nature; saying so there is noise. */
  plain?: boolean;
  /** id of a <datalist> with suggestions. */
  list?: string;
  /** Latest allowed value of a date field (YYYY-MM-DD). */
  max?: string;
}

/** " (optional)" after a label, in the reader's language. */
function Optional() {
  const t = useT();
  return <span class="field__optional"> {t('field.optional')}</span>;
}

export function TextField(props: TextFieldProps) {
  const id = fieldId(props.form, props.name);
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label class="field__label" for={id}>
        {props.label}
        {props.required || props.plain ? null : <Optional />}
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        class="field__input"
        // Preact types each input type separately and rejects a union; every value here is a text-like input.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
        maxLength={props.maxLength}
        readOnly={props.readOnly}
        list={props.list}
        max={props.max}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
      />
    </div>
  );
}

interface SelectFieldProps extends Described {
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  required?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const id = fieldId(props.form, props.name);
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        name={props.name}
        class="field__input field__select"
        value={props.value}
        onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceGroupProps<T extends string> extends Described {
  type: 'checkbox' | 'radio';
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

/** A fieldset of checkboxes or radios: more usable on a phone than <select multiple>. */
export function ChoiceGroup<T extends string>(props: ChoiceGroupProps<T>) {
  const id = fieldId(props.form, props.name);
  const toggle = (value: T, checked: boolean) => {
    if (props.type === 'radio') props.onChange([value]);
    else if (checked) props.onChange([...props.selected.filter((v) => v !== value), value]);
    else props.onChange(props.selected.filter((v) => v !== value));
  };
  return (
    <fieldset
      id={id}
      class={`field choices${props.error ? ' field--invalid' : ''}`}
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
    >
      <legend class="field__label">{props.label}</legend>
      <Messages id={id} hint={props.hint} error={props.error} />
      <div class="choices__options">
        {props.options.map((o) => {
          const optionId = `${id}-${o.value}`;
          return (
            <label key={o.value} class="choice" for={optionId}>
              <input
                id={optionId}
                type={props.type}
                name={props.name}
                value={o.value}
                checked={props.selected.includes(o.value)}
                onChange={(e) => toggle(o.value, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

interface TextAreaFieldProps extends Described {
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
  maxLength?: number;
  rows?: number;
  /** Filters and search boxes are optional by nature; saying so there is noise. */
  plain?: boolean;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const id = fieldId(props.form, props.name);
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label class="field__label" for={id}>
        {props.label}
        {props.required || props.plain ? null : <Optional />}
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        class="field__input field__textarea"
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onValue((e.currentTarget as HTMLTextAreaElement).value)}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
      />
    </div>
  );
}

interface CheckboxFieldProps extends Described {
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

/** One yes/no choice; the whole row is the click target. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = fieldId(props.form, props.name);
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label class="choice choice--single" for={id}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          onChange={(e) => props.onChecked((e.currentTarget as HTMLInputElement).checked)}
          aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
        />
        <span>{props.label}</span>
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

interface RangeFieldProps extends Described {
  value: number;
  onValue: (value: number) => void;
  min?: number;
  max?: number;
  /** Words for the two ends, e.g. "not at all" / "fully". */
  lowLabel?: string;
  highLabel?: string;
}

/** A 0–10 slider that always shows its number; arrow keys move it one step. */
export function RangeField(props: RangeFieldProps) {
  const t = useT();
  const id = fieldId(props.form, props.name);
  const min = props.min ?? 0;
  const max = props.max ?? 10;
  return (
    <div class={`field range${props.error ? ' field--invalid' : ''}`}>
      <div class="range__head">
        <label class="field__label" for={id}>
          {props.label}
        </label>
        <output class="range__value" for={id} aria-hidden="true">
          {props.value}
          <span class="range__of"> / {max}</span>
        </output>
      </div>
      <Messages id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        class="range__input"
        type="range"
        min={min}
        max={max}
        step={1}
        value={props.value}
        onInput={(e) => props.onValue(Number((e.currentTarget as HTMLInputElement).value))}
        aria-valuetext={t('field.valueOf', { value: props.value, max })}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(props.error))}
      />
      {props.lowLabel || props.highLabel ? (
        <div class="range__ends" aria-hidden="true">
          <span>
            {min} {props.lowLabel}
          </span>
          <span>
            {max} {props.highLabel}
          </span>
        </div>
      ) : null}
    </div>
  );
}
