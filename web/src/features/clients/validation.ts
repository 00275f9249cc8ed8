import { CLIENT_CONTEXTS, CLIENT_STATUSES, type ClientContext, type ClientInput, type ClientStatus } from '../../api/types';
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
  if (name === '') errors.display_name = 'Please enter a name.';
  else if (charCount(name) > MAX_NAME_LENGTH) {
    errors.display_name = `The name can be at most ${MAX_NAME_LENGTH} characters (it is ${charCount(name)}).`;
  }

  let birthYear: number | null = null;
  const yearText = values.birth_year.trim();
  const thisYear = now.getFullYear();
  if (yearText !== '') {
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < MIN_BIRTH_YEAR || Number(yearText) > thisYear) {
      errors.birth_year = `Birth year must be a year from ${MIN_BIRTH_YEAR} to ${thisYear}, or left empty.`;
    } else {
      birthYear = Number(yearText);
    }
  }

  const contexts = CLIENT_CONTEXTS.filter((c) => values.contexts.includes(c));
  if (contexts.length === 0) errors.contexts = 'Choose at least one context of care.';

  if (!CLIENT_STATUSES.includes(values.status)) errors.status = 'Choose a status.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { display_name: name, birth_year: birthYear, contexts, status: values.status } };
}
