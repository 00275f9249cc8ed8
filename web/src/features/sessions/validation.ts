import type { FieldErrors, Validated } from '../../shared/validation';
import { MODALITIES, type Modality, type NewSession } from './types';
import { localToIso, parseYmd } from './week';

/** The rules of the session forms; the server stays the judge. */

export const MIN_DURATION = 5;
export const MAX_DURATION = 480;
export const DEFAULT_DURATION = 50;
export const MAX_ADDENDUM = 4000;

export interface SessionFormValues {
  with: 'client' | 'case';
  client_id: string;
  case_id: string;
  date: string;
  time: string;
  duration: string;
  modality: Modality;
}

export function emptySessionForm(date: string, clientId = '', caseId = ''): SessionFormValues {
  return {
    with: caseId ? 'case' : 'client',
    client_id: clientId,
    case_id: caseId,
    date,
    time: '',
    duration: String(DEFAULT_DURATION),
    modality: 'in_person',
  };
}

/** Field names follow the server's where there is one (client_id, case_id, duration_min, starts_at). */
export const FORM_ORDER = ['client_id', 'case_id', 'date', 'time', 'duration_min', 'modality'];

export function durationError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Enter how long the session lasts, in minutes.';
  if (!/^\d+$/.test(t)) return 'Enter the length as a whole number of minutes, e.g. 50.';
  const n = Number(t);
  if (n < MIN_DURATION || n > MAX_DURATION) return `A session lasts from ${MIN_DURATION} to ${MAX_DURATION} minutes.`;
  return null;
}

export function timeFieldsErrors(date: string, time: string): FieldErrors {
  const errors: FieldErrors = {};
  if (date.trim() === '') errors.date = 'Choose the day of the session.';
  else if (!parseYmd(date.trim())) errors.date = 'Enter the date as a calendar day, e.g. 2026-12-01.';
  if (time.trim() === '') errors.time = 'Enter the start time, e.g. 09:00.';
  else if (!/^\d{2}:\d{2}$/.test(time.trim()) || !localToIso('2000-01-01', time.trim())) errors.time = 'Enter the start time as hours and minutes, e.g. 09:00.';
  return errors;
}

export function validateSession(v: SessionFormValues): Validated<NewSession> {
  const errors: FieldErrors = {};
  if (v.with === 'client' && !v.client_id) errors.client_id = 'Choose the client this session is with.';
  if (v.with === 'case' && !v.case_id) errors.case_id = 'Choose the couple, family or group this session is with.';
  Object.assign(errors, timeFieldsErrors(v.date, v.time));
  const d = durationError(v.duration);
  if (d) errors.duration_min = d;
  if (!(MODALITIES as readonly string[]).includes(v.modality)) errors.modality = 'Choose in person, video or phone.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const startsAt = localToIso(v.date.trim(), v.time.trim());
  if (!startsAt) return { ok: false, errors: { time: 'This time does not exist on that day (the clocks change). Please choose another.' } };
  const value: NewSession = { starts_at: startsAt, duration_min: Number(v.duration.trim()), modality: v.modality };
  if (v.with === 'client') value.client_id = v.client_id;
  else value.case_id = v.case_id;
  return { ok: true, value };
}

export function addendumError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Write the addendum first.';
  if ([...t].length > MAX_ADDENDUM) return `An addendum can be at most ${MAX_ADDENDUM} characters (this is ${[...t].length}).`;
  return null;
}
