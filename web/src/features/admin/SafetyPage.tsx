import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Crisis } from '../../api/types';
import { useSession } from '../../shared/session';
import { useT, type MessageKey } from '../../shared/i18n';
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
const PARTS: readonly { part: keyof ContactValues; label: MessageKey; type?: 'tel' | 'url'; hint?: MessageKey }[] = [
  { part: 'label', label: 'admin.safety.contact.label' },
  { part: 'phone', label: 'admin.safety.contact.phone', type: 'tel' },
  { part: 'sms', label: 'admin.safety.contact.sms', type: 'tel' },
  { part: 'url', label: 'admin.safety.contact.url', type: 'url', hint: 'admin.safety.contact.urlHint' },
  { part: 'hours', label: 'admin.safety.contact.hours', hint: 'admin.safety.contact.hoursHint' },
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
  const t = useT();
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
      title={t('admin.safety.title')}
      intro={<p>{t('admin.safety.intro')}</p>}
    >
      <ErrorMessage message={loadError} />
      {(crisis === null || settings === null) && !loadError ? <Loading label={t('admin.safety.loading')} /> : null}
      {crisis && settings ? (
        <div class="safety-grid">
          <CrisisForm values={crisis} onValues={setCrisis} />
          <section class="card safety-preview" aria-labelledby="crisis-preview-title">
            <h2 id="crisis-preview-title" class="card__title">
              {t('admin.safety.previewTitle')}
            </h2>
            <p class="field__hint">{t('admin.safety.previewHint')}</p>
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
  const t = useT();
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
      setError(t('admin.safety.correct'));
      const first = crisisFieldOrder(values.contacts.length).find((f) => checked.errors[f]);
      if (first) focusField(CRISIS_FORM, first === 'contacts' ? 'contacts-add' : first);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.updateCrisis(checked.value);
      onValues(crisisValues(saved));
      setNotice(t('admin.safety.crisisSaved'));
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
        {t('admin.safety.crisisTitle')}
      </h2>
      {/* The texts are stored once, as typed: a Polish client reads the admin's words, not a translation. */}
      <p class="field__hint">{t('admin.safety.languageHint')}</p>
      <TextAreaField
        form={CRISIS_FORM}
        name="text"
        label={t('admin.safety.text')}
        hint={t('admin.safety.textHint')}
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
          {t('admin.safety.contacts')}
        </h3>
        <p class="field__hint" id="crisis-contacts-hint">
          {t('admin.safety.contactsHint', { max: MAX_CONTACTS })}
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
                <legend class="safety-contact__legend">{t('admin.safety.contactLegend', { n: i + 1 })}</legend>
                <div class="safety-contact__grid">
                  {PARTS.map(({ part, label, type, hint }) => (
                    <TextField
                      key={part}
                      form={CRISIS_FORM}
                      name={inputName(i, part)}
                      label={t(label)}
                      type={type}
                      inputMode={type === 'tel' ? 'tel' : undefined}
                      required={part === 'label'}
                      hint={hint ? t(hint) : undefined}
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
                    {c.label.trim()
                      ? t('admin.safety.removeNamed', { n: i + 1, label: c.label.trim() })
                      : t('admin.safety.remove', { n: i + 1 })}
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
            {t('admin.safety.add')}
          </button>
        ) : null}
      </div>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('admin.journal.saving')}>
          {t('admin.safety.saveCrisis')}
        </Button>
      </div>
    </form>
  );
}

function SettingsForm({ values, onValues }: { values: SettingsValues; onValues: (v: SettingsValues) => void }) {
  const { api } = useSession();
  const t = useT();
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
      setNotice(t('admin.journal.saved'));
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
        {t('admin.safety.reviewTitle')}
      </h2>
      <TextField
        form={SETTINGS_FORM}
        name="review_promise"
        label={t('admin.safety.promise')}
        hint={t('admin.safety.promiseHint')}
        required
        maxLength={220}
        value={values.review_promise}
        onValue={(v) => onValues({ ...values, review_promise: v })}
        error={errors.review_promise}
      />
      <TextField
        form={SETTINGS_FORM}
        name="alert_escalation_hours"
        label={t('admin.safety.escalation')}
        hint={t('admin.safety.escalationHint')}
        required
        inputMode="numeric"
        value={values.alert_escalation_hours}
        onValue={(v) => onValues({ ...values, alert_escalation_hours: v })}
        error={errors.alert_escalation_hours}
      />
      <Notice message={notice} />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('admin.journal.saving')}>
          {t('admin.safety.saveReview')}
        </Button>
      </div>
    </form>
  );
}
