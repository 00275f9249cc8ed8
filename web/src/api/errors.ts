import { parseRetryAfter, tooManyAttemptsMessage } from '../shared/format';
import { currentLocale, hasMessage, translate, type Locale } from '../shared/i18n';

/**
 * Every failure of an API call becomes an ApiError whose `message` can be shown to a person as it
 * is, in their language. The server's stable `code` (and `field`) choose a sentence from the
 * catalogue; the server's own English `message` is kept in `serverMessage` for logs and is shown
 * only where the catalogue has nothing better (an English reader's invalid_input for a field the
 * catalogue does not name, or a code it does not know yet).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | null;
  /** Anything else the server put in the error object (e.g. the counts of a 409 has_caseload). */
  readonly details: Readonly<Record<string, unknown>>;
  /** The server's English sentence, as sent (empty when there was none). Not for people's eyes. */
  readonly serverMessage: string;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    retryAfterSeconds: number | null = null,
    details: Record<string, unknown> = {},
    serverMessage = '',
  ) {
    super(message);
    this.details = details;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.serverMessage = serverMessage;
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_attempts',
  503: 'database_unavailable',
};

function fallbackCode(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'http_error');
}

/**
 * The sentence a person reads for an error `code` (and `field`) in `locale`: the catalogue's
 * sentence for the code and field, else for the code; the server's English text only when the
 * catalogue has nothing (or, for English readers, for invalid_input on an unnamed field, where the
 * server's sentence says more than the generic one).
 */
export function errorSentence(
  code: string,
  field: string | undefined,
  serverMessage: string,
  status: number,
  locale: Locale = currentLocale(),
): string {
  const server = serverMessage.trim();
  if (field) {
    const specific = `errors.${code}.${field}`;
    if (hasMessage(specific)) return translate(locale, specific);
  }
  if (code === 'invalid_input') {
    if (locale === 'en' && server !== '') return server;
    return translate(locale, field ? 'errors.invalid_input.field' : 'errors.invalid_input');
  }
  const general = `errors.${code}`;
  if (hasMessage(general)) return translate(locale, general, { status });
  if (server !== '') return server;
  const fallback = `errors.${fallbackCode(status)}`;
  return hasMessage(fallback) ? translate(locale, fallback, { status }) : translate(locale, 'errors.unexpected');
}

function isErrorBody(value: unknown): value is { error: { code?: unknown; message?: unknown; field?: unknown } } {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'object' &&
    (value as { error?: unknown }).error !== null;
}

/** Builds the ApiError for a non-2xx response. `body` is the parsed JSON, or undefined if the body was not JSON. */
export function errorFromResponse(
  status: number,
  body: unknown,
  retryAfterHeader: string | null,
  now: number = Date.now(),
  locale: Locale = currentLocale(),
): ApiError {
  let code = fallbackCode(status);
  let serverMessage = '';
  let field: string | undefined;
  let details: Record<string, unknown> = {};
  if (isErrorBody(body)) {
    details = { ...(body.error as Record<string, unknown>) };
    if (typeof body.error.code === 'string' && body.error.code !== '') code = body.error.code;
    if (typeof body.error.message === 'string') serverMessage = body.error.message;
    if (typeof body.error.field === 'string' && body.error.field !== '') field = body.error.field;
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader, now);
    if (code === 'http_error') code = 'too_many_attempts';
    // The wait is the one thing a person needs to know here, so it overrides any other sentence.
    return new ApiError(status, code, tooManyAttemptsMessage(retryAfter, locale), field, retryAfter, details, serverMessage);
  }
  const message = errorSentence(code, field, serverMessage, status, locale);
  return new ApiError(status, code, message, field, null, details, serverMessage);
}

export function networkError(locale: Locale = currentLocale()): ApiError {
  return new ApiError(0, 'network', translate(locale, 'errors.network'));
}

/** An answer that is not JSON where JSON was promised. */
export function invalidResponseError(status: number, locale: Locale = currentLocale()): ApiError {
  return new ApiError(status, 'invalid_response', translate(locale, 'errors.invalid_response'));
}

/** Turns anything thrown into a sentence, so UI code never shows "[object Object]". */
export function messageOf(err: unknown, locale: Locale = currentLocale()): string {
  if (err instanceof ApiError) return err.message;
  return translate(locale, 'errors.unexpected');
}
