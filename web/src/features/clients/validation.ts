import { CLIENT_CONTEXTS, CLIENT_STATUSES, type ClientContext, type ClientInput, type ClientStatus } from '../../api/types';
import { t } from '../../shared/i18n';
import { charCount, type FieldErrors, type Validated } from '../../shared/validation';

export const MAX_NAME_LENGTH = 200;
export const MIN_BIRTH_YEAR = 1900;

/** What the form holds: strings as typed, so a half-typed year is not lost. */
export interface ClientFormValues {
  display_name: string;
  birth_year: string;
  contexts: ClientContext[];
  status: ClientStatus;
}

export function emptyClientForm(): ClientFormValues {
  return { display_name: '', birth_year: '', contexts: ['individual'], status: 'active' };
}

/** Mirrors the API's rules (docs/api.md) so most mistakes are caught before a round trip. */
export function validateClient(values: ClientFormValues, now: Date = new Date()): Validated<ClientInput> {
  const errors: FieldErrors = {};
  const name = values.display_name.trim();
  if (name === '') errors.display_name = t('clients.validation.nameEmpty');
  else if (charCount(name) > MAX_NAME_LENGTH) {
    errors.display_name = t('clients.validation.nameLong', { max: MAX_NAME_LENGTH, count: charCount(name) });
  }

  let birthYear: number | null = null;
  const yearText = values.birth_year.trim();
  const thisYear = now.getFullYear();
  if (yearText !== '') {
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < MIN_BIRTH_YEAR || Number(yearText) > thisYear) {
      errors.birth_year = t('clients.validation.birthYear', { from: String(MIN_BIRTH_YEAR), to: String(thisYear) });
    } else {
      birthYear = Number(yearText);
    }
  }

  const contexts = CLIENT_CONTEXTS.filter((c) => values.contexts.includes(c));
  if (contexts.length === 0) errors.contexts = t('clients.validation.contexts');

  if (!CLIENT_STATUSES.includes(values.status)) errors.status = t('clients.validation.status');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { display_name: name, birth_year: birthYear, contexts, status: values.status } };
}
