import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Crisis } from '../../api/types';
import { useSession } from '../../app/session';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { TextAreaField, TextField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { CrisisPreview } from './CrisisPreview';
import {
  MAX_CONTACTS,
  MAX_CRISIS_TEXT,
  contactField,
  crisisFieldOrder,
  crisisValues,
  emptyContact,
  settingsValues,
  validateCrisis,
  validateSettings,
  type ContactValues,
  type CrisisValues,
  type FieldErrors,
  type SettingsValues,
} from './safety';
import './admin.css';

const CRISIS_FORM = 'crisis';
const SETTINGS_FORM = 'practice';
const PARTS: readonly { part: keyof ContactValues; label: string; type?: 'tel' | 'url'; hint?: string }[] = [
  { part: 'label', label: 'Name' },
  { part: 'phone', label: 'Phone number', type: 'tel' },
  { part: 'sms', label: 'SMS number', type: 'tel' },
  { part: 'url', label: 'Web address', type: 'url', hint: 'Starts with https://' },
  { part: 'hours', label: 'When it is reachable', hint: 'e.g. “24 hours, every day”' },
];

/** The id-safe input name of one part of one contact (the API's own names have brackets and dots). */
function inputName(i: number, part: keyof ContactValues): string {
  return `contact-${i}-${part}`;
}

function focusField(form: string, apiField: string): void {
  const m = /^contacts\[(\d+)\]\.(\w+)$/.exec(apiField);
  const name = m ? inputName(Number(m[1]), m[2] as keyof ContactValues) : apiField;
  const el = document.getElementById(`${form}-${name}`);
  (el instanceof HTMLFieldSetElement ? el.querySelector('input') : el)?.focus();
}

/** What a contact list preview can show: only contacts with a name and a way to reach them. */
function previewOf(v: CrisisValues): Crisis {
  return {
    text: v.text.trim(),
    contacts: v.contacts
      .filter((c) => c.label.trim() && (c.phone.trim() || c.sms.trim() || c.url.trim()))
      .map((c) => ({
        label: c.label.trim(),
        phone: c.phone.trim() || undefined,
        sms: c.sms.trim() || undefined,
        url: c.url.trim() || undefined,
        hours: c.hours.trim() || undefined,
      })),
  };
}

/**
 * Admin: the practice's crisis resources (the calm text and the numbers a client sees wherever they
 * give a risk signal), the review promise shown beside them, and after how many hours an alert
 * nobody has reviewed escalates to the supervisors. A preview shows the client's view.
 */
export function SafetyPage() {
  const { api } = useSession();
  const [crisis, setCrisis] = useState<CrisisValues | null>(null);
  const [settings, setSettings] = useState<SettingsValues | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api
      .getCrisis()
      .then((c) => setCrisis(crisisValues(c)))
      .catch((err) => setLoadError(messageOf(err)));
    api
      .getPracticeSettings()
      .then((s) => setSettings(settingsValues(s)))
      .catch((err) => setLoadError(messageOf(err)));
  }, []);

  return (
    <Page
      title="Safety"
      intro={
        <p>
          Wherever a client gives a risk signal (a critical questionnaire answer, a very low mood, their safety plan), Trove shows them these
          crisis contacts and says when the practice will look. Trove is not an emergency service: it never contacts anyone by itself and
          nobody watches it around the clock, so the text should say where to turn right now.
        </p>
      }
    >
      <ErrorMessage message={loadError} />
      {(crisis === null || settings === null) && !loadError ? <Loading label="Loading the safety settings…" /> : null}
      {crisis && settings ? (
        <div class="safety-grid">
          <CrisisForm values={crisis} onValues={setCrisis} />
          <section class="card safety-preview" aria-labelledby="crisis-preview-title">
            <h2 id="crisis-preview-title" class="card__title">
              Preview: what a client sees
            </h2>
            <p class="field__hint">As the form reads now, before saving.</p>
            <CrisisPreview crisis={previewOf(crisis)} reviewPromise={settings.review_promise.trim()} />
          </section>
          <SettingsForm values={settings} onValues={setSettings} />
        </div>
      ) : null}
    </Page>
  );
}

function CrisisForm({ values, onValues }: { values: CrisisValues; onValues: (v: CrisisValues) => void }) {
  const { api } = useSession();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setContact = (i: number, part: keyof ContactValues, value: string) => {
    onValues({ ...values, contacts: values.contacts.map((c, j) => (j === i ? { ...c, [part]: value } : c)) });
    const key = contactField(i, part);
    if (errors[key]) setErrors({ ...errors, [key]: '' });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validateCrisis(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError('Please correct the highlighted parts.');
      const first = crisisFieldOrder(values.contacts.length).find((f) => checked.errors[f]);
      if (first) focusField(CRISIS_FORM, first === 'contacts' ? 'contacts-add' : first);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.updateCrisis(checked.value);
      onValues(crisisValues(saved));
      setNotice('Saved. Clients see these crisis contacts from now on; the change is recorded in the audit log.');
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusField(CRISIS_FORM, err.field === 'contacts' ? 'contacts-add' : err.field);
      }
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form safety-form" onSubmit={save} noValidate aria-labelledby="crisis-form-title">
      <h2 id="crisis-form-title" class="card__title">
        Crisis resources
      </h2>
      <TextAreaField
        form={CRISIS_FORM}
        name="text"
        label="Text for a person in crisis"
        hint="A few calm, plain sentences: where to turn right now, and that Trove is not watched around the clock."
        required
        rows={5}
        maxLength={MAX_CRISIS_TEXT + 200}
        value={values.text}
        onValue={(v) => {
          onValues({ ...values, text: v });
          if (errors.text) setErrors({ ...errors, text: '' });
        }}
        error={errors.text || undefined}
      />
      <div class={`field safety-contacts${errors.contacts ? ' field--invalid' : ''}`}>
        <h3 class="field__label safety-contacts__title" id="crisis-contacts-title">
          Crisis contacts
        </h3>
        <p class="field__hint" id="crisis-contacts-hint">
          Each contact needs a phone number, an SMS number or a web address; at least one needs a phone number a person can call. Up to{' '}
          {MAX_CONTACTS}.
        </p>
        {errors.contacts ? (
          <p class="field__error" id="crisis-contacts-error">
            {errors.contacts}
          </p>
        ) : null}
        <ol class="safety-contacts__list">
          {values.contacts.map((c, i) => (
            <li key={i}>
              <fieldset class="safety-contact">
                <legend class="safety-contact__legend">Contact {i + 1}</legend>
                <div class="safety-contact__grid">
                  {PARTS.map(({ part, label, type, hint }) => (
                    <TextField
                      key={part}
                      form={CRISIS_FORM}
                      name={inputName(i, part)}
                      label={label}
                      type={type}
                      inputMode={type === 'tel' ? 'tel' : undefined}
                      required={part === 'label'}
                      hint={hint}
                      value={c[part]}
                      onValue={(v) => setContact(i, part, v)}
                      error={errors[contactField(i, part)] || undefined}
                    />
                  ))}
                </div>
                {values.contacts.length > 1 ? (
                  <Button
                    small
                    variant="quiet"
                    onClick={() => {
                      onValues({ ...values, contacts: values.contacts.filter((_, j) => j !== i) });
                      setErrors({});
                    }}
                  >
                    Remove contact {i + 1}
                    {c.label.trim() ? ` (${c.label.trim()})` : ''}
                  </Button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        {values.contacts.length < MAX_CONTACTS ? (
          <button
            type="button"
            id={`${CRISIS_FORM}-contacts-add`}
            class="btn btn--secondary btn--small safety-contacts__add"
            aria-describedby={errors.contacts ? 'crisis-contacts-error' : undefined}
            onClick={() => {
              onValues({ ...values, contacts: [...values.contacts, emptyContact()] });
              if (errors.contacts) setErrors({ ...errors, contacts: '' });
              // The new contact's name is where the person types next.
              setTimeout(() => document.getElementById(`${CRISIS_FORM}-${inputName(values.contacts.length, 'label')}`)?.focus(), 0);
            }}
          >
            Add a contact
          </button>
        ) : null}
      </div>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save crisis resources
        </Button>
      </div>
    </form>
  );
}

function SettingsForm({ values, onValues }: { values: SettingsValues; onValues: (v: SettingsValues) => void }) {
  const { api } = useSession();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validateSettings(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusField(SETTINGS_FORM, ['review_promise', 'alert_escalation_hours'].find((f) => checked.errors[f]) ?? 'review_promise');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.updatePracticeSettings(checked.value);
      onValues(settingsValues(saved));
      setNotice('Saved. The change is recorded in the audit log.');
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
        focusField(SETTINGS_FORM, err.field);
      }
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form safety-form" onSubmit={save} noValidate aria-labelledby="practice-form-title">
      <h2 id="practice-form-title" class="card__title">
        Review and escalation
      </h2>
      <TextField
        form={SETTINGS_FORM}
        name="review_promise"
        label="When the practice looks at what a client reports"
        hint="Shown to the client beside the crisis contacts: “The practice will look at your answers within one working day.” Promise only what the practice keeps."
        required
        maxLength={220}
        value={values.review_promise}
        onValue={(v) => onValues({ ...values, review_promise: v })}
        error={errors.review_promise}
      />
      <TextField
        form={SETTINGS_FORM}
        name="alert_escalation_hours"
        label="Escalate an alert nobody has reviewed after (hours)"
        hint="From 1 to 168. The therapists’ supervisors then see it marked as escalated, and you see how many are waiting."
        required
        inputMode="numeric"
        value={values.alert_escalation_hours}
        onValue={(v) => onValues({ ...values, alert_escalation_hours: v })}
        error={errors.alert_escalation_hours}
      />
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save review and escalation
        </Button>
      </div>
    </form>
  );
}
