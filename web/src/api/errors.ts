import { parseRetryAfter, tooManyAttemptsMessage } from '../shared/format';

/**
 * Every failure of an API call becomes an ApiError whose `message` can be shown to a
 * person as it is. Server messages are used when present, because the server knows
 * best what went wrong; the fallbacks below cover proxies, outages and the network.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | null;
  /** Anything else the server put in the error object (e.g. the counts of a 409 has_caseload). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    retryAfterSeconds: number | null = null,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.details = details;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const FALLBACK_BY_STATUS: Record<number, [string, string]> = {
  400: ['invalid_input', 'Some of what you entered could not be accepted. Please check it and try again.'],
  401: ['unauthenticated', 'Please sign in to continue.'],
  403: ['forbidden', 'You do not have access to this.'],
  404: ['not_found', 'This could not be found. It may have been moved or you may not have access to it.'],
  409: ['conflict', 'This conflicts with something that already exists.'],
  413: ['payload_too_large', 'What you sent is too large.'],
  429: ['too_many_attempts', ''],
  503: ['database_unavailable', 'Trove is temporarily unavailable. Please try again in a moment.'],
};

function fallbackFor(status: number): [string, string] {
  const known = FALLBACK_BY_STATUS[status];
  if (known) return known;
  if (status >= 500) return ['internal', 'Something went wrong on the server. Please try again; if it keeps happening, tell your practice admin.'];
  return ['http_error', `The request failed (HTTP ${status}). Please try again.`];
}

function isErrorBody(value: unknown): value is { error: { code?: unknown; message?: unknown; field?: unknown } } {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'object' &&
    (value as { error?: unknown }).error !== null;
}

/** Builds the ApiError for a non-2xx response. `body` is the parsed JSON, or undefined if the body was not JSON. */
export function errorFromResponse(status: number, body: unknown, retryAfterHeader: string | null, now: number = Date.now()): ApiError {
  const [fallbackCode, fallbackMessage] = fallbackFor(status);
  let code = fallbackCode;
  let message = fallbackMessage;
  let field: string | undefined;
  let details: Record<string, unknown> = {};
  if (isErrorBody(body)) {
    details = { ...(body.error as Record<string, unknown>) };
    if (typeof body.error.code === 'string' && body.error.code !== '') code = body.error.code;
    if (typeof body.error.message === 'string' && body.error.message.trim() !== '') message = body.error.message;
    if (typeof body.error.field === 'string' && body.error.field !== '') field = body.error.field;
  }
  let retryAfter: number | null = null;
  if (status === 429) {
    retryAfter = parseRetryAfter(retryAfterHeader, now);
    // The wait is the one thing a person needs to know here, so it overrides the server text.
    message = tooManyAttemptsMessage(retryAfter);
    if (code === 'http_error') code = 'too_many_attempts';
  }
  return new ApiError(status, code, message, field, retryAfter, details);
}

export function networkError(): ApiError {
  return new ApiError(0, 'network', 'Trove could not be reached. Please check your connection and try again.');
}

/** Turns anything thrown into a sentence, so UI code never shows "[object Object]". */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something unexpected went wrong. Please try again.';
}
