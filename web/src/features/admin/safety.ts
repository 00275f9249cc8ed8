import type { Crisis, CrisisContact, PracticeSettings } from '../../api/types';

/**
 * The admin's crisis resources and practice settings: form values and the checks that mirror the
 * API (docs: issue 13), so most mistakes are named before a round trip. Pure, so tested.
 */

export const MAX_CRISIS_TEXT = 2000;
export const MAX_CONTACTS = 12;
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
  if (text === '') errors.text = 'Write a few calm words for a person in crisis.';
  else if (text.length > MAX_CRISIS_TEXT) errors.text = `Keep the text to ${MAX_CRISIS_TEXT} characters or fewer (now ${text.length}).`;
  if (v.contacts.length === 0) errors.contacts = 'Add at least one crisis contact with a phone number.';
  else if (v.contacts.length > MAX_CONTACTS) errors.contacts = `List at most ${MAX_CONTACTS} crisis contacts.`;

  const contacts: CrisisContact[] = [];
  v.contacts.forEach((c, i) => {
    const t = { label: c.label.trim(), phone: c.phone.trim(), sms: c.sms.trim(), url: c.url.trim(), hours: c.hours.trim() };
    for (const part of ['label', 'phone', 'sms', 'url', 'hours'] as const) {
      if (!oneLine(t[part])) errors[contactField(i, part)] = 'This fits on one line.';
    }
    if (t.label === '') errors[contactField(i, 'label')] ??= 'Give the contact a name, e.g. “TelefonSeelsorge”.';
    else if (t.label.length > 100) errors[contactField(i, 'label')] ??= 'Keep the name to 100 characters or fewer.';
    if (t.phone && !isNumber(t.phone)) errors[contactField(i, 'phone')] ??= 'A phone number has digits, spaces and + - / ( ).';
    if (t.sms && !isNumber(t.sms)) errors[contactField(i, 'sms')] ??= 'An SMS number has digits, spaces and + - / ( ).';
    if (t.url && !/^https?:\/\//.test(t.url)) errors[contactField(i, 'url')] ??= 'A web address starts with https://.';
    if (t.hours.length > 100) errors[contactField(i, 'hours')] ??= 'Keep the hours to 100 characters or fewer.';
    if (!t.phone && !t.sms && !t.url) errors[contactField(i, 'phone')] ??= 'Give a phone number, an SMS number or a web address.';
    const out: CrisisContact = { label: t.label };
    if (t.phone) out.phone = t.phone;
    if (t.sms) out.sms = t.sms;
    if (t.url) out.url = t.url;
    if (t.hours) out.hours = t.hours;
    contacts.push(out);
  });
  if (v.contacts.length > 0 && !errors.contacts && !v.contacts.some((c) => c.phone.trim() !== '')) {
    errors.contacts = 'At least one crisis contact needs a phone number a person can call.';
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
  if (!oneLine(v.review_promise.trim())) errors.review_promise = 'The promise fits on one line.';
  else if (promise.length < 3) errors.review_promise = 'Say when the practice looks at what a client reports, e.g. “within one working day”.';
  else if (promise.length > 200) errors.review_promise = 'Keep the promise to 200 characters or fewer.';
  const raw = v.alert_escalation_hours.trim();
  const hours = Number(raw);
  if (!/^\d+$/.test(raw) || hours < MIN_ESCALATION_HOURS || hours > MAX_ESCALATION_HOURS) {
    errors.alert_escalation_hours = `Enter a whole number of hours from ${MIN_ESCALATION_HOURS} to ${MAX_ESCALATION_HOURS} (one week).`;
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

/**
 * "Anna Berg has 8 clients, 1 case and 1 open alert. Choose who takes them over." — parts with a
 * zero are left out; with nothing to hand over only the name remains.
 */
export function handoverSentence(name: string, counts: { clients?: number; cases?: number; open_alerts?: number }): string {
  const parts: string[] = [];
  const add = (n: number | undefined, one: string, many: string) => {
    if (typeof n === 'number' && n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(counts.clients, 'client', 'clients');
  add(counts.cases, 'case', 'cases');
  add(counts.open_alerts, 'open alert', 'open alerts');
  if (parts.length === 0) return `${name} still has work in their care. Choose who takes it over.`;
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${name} has ${list}. Choose who takes them over.`;
}
