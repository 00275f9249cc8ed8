import { t } from '../../shared/i18n';
import type { FieldErrors, Validated } from '../../shared/validation';
import { MODALITIES, type Modality, type NewSession } from '../../shared/sessions/types';
import { localToIso, parseYmd } from '../../shared/sessions/week';

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
  const trimmed = text.trim();
  if (trimmed === '') return t('sessions.check.duration.empty');
  if (!/^\d+$/.test(trimmed)) return t('sessions.check.duration.whole');
  const n = Number(trimmed);
  if (n < MIN_DURATION || n > MAX_DURATION) return t('sessions.check.duration.range', { min: MIN_DURATION, max: MAX_DURATION });
  return null;
}

export function timeFieldsErrors(date: string, time: string): FieldErrors {
  const errors: FieldErrors = {};
  if (date.trim() === '') errors.date = t('sessions.check.date.empty');
  else if (!parseYmd(date.trim())) errors.date = t('sessions.check.date.invalid');
  if (time.trim() === '') errors.time = t('sessions.check.time.empty');
  else if (!/^\d{2}:\d{2}$/.test(time.trim()) || !localToIso('2000-01-01', time.trim())) errors.time = t('sessions.check.time.invalid');
  return errors;
}

export function validateSession(v: SessionFormValues): Validated<NewSession> {
  const errors: FieldErrors = {};
  if (v.with === 'client' && !v.client_id) errors.client_id = t('sessions.check.client');
  if (v.with === 'case' && !v.case_id) errors.case_id = t('sessions.check.case');
  Object.assign(errors, timeFieldsErrors(v.date, v.time));
  const d = durationError(v.duration);
  if (d) errors.duration_min = d;
  if (!(MODALITIES as readonly string[]).includes(v.modality)) errors.modality = t('sessions.check.modality');
  if (Object.keys(errors).length) return { ok: false, errors };
  const startsAt = localToIso(v.date.trim(), v.time.trim());
  if (!startsAt) return { ok: false, errors: { time: t('sessions.check.clocksChange') } };
  const value: NewSession = { starts_at: startsAt, duration_min: Number(v.duration.trim()), modality: v.modality };
  if (v.with === 'client') value.client_id = v.client_id;
  else value.case_id = v.case_id;
  return { ok: true, value };
}

export function addendumError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return t('sessions.check.addendum.empty');
  if ([...trimmed].length > MAX_ADDENDUM) return t('sessions.check.addendum.long', { max: String(MAX_ADDENDUM), count: String([...trimmed].length) });
  return null;
}
