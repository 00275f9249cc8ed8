import type { Crisis, CrisisContact, PracticeSettings } from '../../api/types';
import { t } from '../../shared/i18n';

/**
 * The admin's crisis resources and practice settings: form values and the checks that mirror the
 * API (docs: issue 13), so most mistakes are named before a round trip. Pure but for the language of
 * its messages (the catalogue's, in the current locale), so tested.
 */

export const MAX_CRISIS_TEXT = 2000;
export const MAX_CONTACTS = 12;
/** A contact's name and its hours. */
export const MAX_CONTACT_PART = 100;
export const MIN_PROMISE = 3;
export const MAX_PROMISE = 200;
export const MIN_ESCALATION_HOURS = 1;
export const MAX_ESCALATION_HOURS = 168;

/** Every part of a contact as a string, so the inputs are always controlled. */
export interface ContactValues {
  label: string;
  phone: string;
  sms: string;
  url: string;
  hours: string;
}

export interface CrisisValues {
  text: string;
  contacts: ContactValues[];
}

export type FieldErrors = Record<string, string>;

export function emptyContact(): ContactValues {
  return { label: '', phone: '', sms: '', url: '', hours: '' };
}

export function crisisValues(c: Crisis): CrisisValues {
  return {
    text: c.text ?? '',
    contacts: (c.contacts ?? []).map((x) => ({
      label: x.label ?? '',
      phone: x.phone ?? '',
      sms: x.sms ?? '',
      url: x.url ?? '',
      hours: x.hours ?? '',
    })),
  };
}

const NUMBER = /^[0-9 +\-/()]+$/;

function isNumber(s: string): boolean {
  return NUMBER.test(s) && /[0-9]/.test(s);
}

function oneLine(s: string): boolean {
  return !/[\n\r\t]/.test(s);
}

/** The field name the API uses, e.g. `contacts[0].phone`. */
export function contactField(i: number, part: keyof ContactValues): string {
  return `contacts[${i}].${part}`;
}

/**
 * Checks the crisis form: a calm text, 1–12 contacts each with a label and a way to reach it, at
 * least one phone number, numbers of digits and + - / ( ), web addresses starting with http(s)://.
 */
export function validateCrisis(v: CrisisValues): { ok: true; value: Crisis } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = v.text.trim();
  if (text === '') errors.text = t('admin.safety.check.textEmpty');
  else if (text.length > MAX_CRISIS_TEXT) errors.text = t('admin.safety.check.textLong', { max: MAX_CRISIS_TEXT, length: text.length });
  if (v.contacts.length === 0) errors.contacts = t('admin.safety.check.contactsNone');
  else if (v.contacts.length > MAX_CONTACTS) errors.contacts = t('admin.safety.check.contactsMany', { max: MAX_CONTACTS });

  const contacts: CrisisContact[] = [];
  v.contacts.forEach((c, i) => {
    const trimmed = { label: c.label.trim(), phone: c.phone.trim(), sms: c.sms.trim(), url: c.url.trim(), hours: c.hours.trim() };
    for (const part of ['label', 'phone', 'sms', 'url', 'hours'] as const) {
      if (!oneLine(trimmed[part])) errors[contactField(i, part)] = t('admin.safety.check.oneLine');
    }
    if (trimmed.label === '') errors[contactField(i, 'label')] ??= t('admin.safety.check.labelEmpty');
    else if (trimmed.label.length > MAX_CONTACT_PART) errors[contactField(i, 'label')] ??= t('admin.safety.check.labelLong', { max: MAX_CONTACT_PART });
    if (trimmed.phone && !isNumber(trimmed.phone)) errors[contactField(i, 'phone')] ??= t('admin.safety.check.phone');
    if (trimmed.sms && !isNumber(trimmed.sms)) errors[contactField(i, 'sms')] ??= t('admin.safety.check.sms');
    if (trimmed.url && !/^https?:\/\//.test(trimmed.url)) errors[contactField(i, 'url')] ??= t('admin.safety.check.url');
    if (trimmed.hours.length > MAX_CONTACT_PART) errors[contactField(i, 'hours')] ??= t('admin.safety.check.hoursLong', { max: MAX_CONTACT_PART });
    if (!trimmed.phone && !trimmed.sms && !trimmed.url) errors[contactField(i, 'phone')] ??= t('admin.safety.check.noWay');
    const out: CrisisContact = { label: trimmed.label };
    if (trimmed.phone) out.phone = trimmed.phone;
    if (trimmed.sms) out.sms = trimmed.sms;
    if (trimmed.url) out.url = trimmed.url;
    if (trimmed.hours) out.hours = trimmed.hours;
    contacts.push(out);
  });
  if (v.contacts.length > 0 && !errors.contacts && !v.contacts.some((c) => c.phone.trim() !== '')) {
    errors.contacts = t('admin.safety.check.needsPhone');
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { text, contacts } };
}

export interface SettingsValues {
  review_promise: string;
  alert_escalation_hours: string;
}

export function settingsValues(s: PracticeSettings): SettingsValues {
  return { review_promise: s.review_promise, alert_escalation_hours: String(s.alert_escalation_hours) };
}

/** Review promise: one line of 3–200 characters; escalation: a whole number of hours from 1 to 168 (a week). */
export function validateSettings(v: SettingsValues): { ok: true; value: PracticeSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const promise = v.review_promise.trim();
  if (!oneLine(v.review_promise.trim())) errors.review_promise = t('admin.safety.check.promiseOneLine');
  else if (promise.length < MIN_PROMISE) errors.review_promise = t('admin.safety.check.promiseShort');
  else if (promise.length > MAX_PROMISE) errors.review_promise = t('admin.safety.check.promiseLong', { max: MAX_PROMISE });
  const raw = v.alert_escalation_hours.trim();
  const hours = Number(raw);
  if (!/^\d+$/.test(raw) || hours < MIN_ESCALATION_HOURS || hours > MAX_ESCALATION_HOURS) {
    errors.alert_escalation_hours = t('admin.safety.check.escalation', { min: MIN_ESCALATION_HOURS, max: MAX_ESCALATION_HOURS });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { review_promise: promise, alert_escalation_hours: hours } };
}

/** The order the form's fields appear in, for focusing the first problem. */
export function crisisFieldOrder(count: number): string[] {
  const order = ['text', 'contacts'];
  for (let i = 0; i < count; i++) for (const p of ['label', 'phone', 'sms', 'url', 'hours'] as const) order.push(contactField(i, p));
  return order;
}
