import { ApiError, messageOf } from '../../api/errors';
import { t } from '../../shared/i18n';

/**
 * Saving a draft by itself: ~1 s after typing stops, at once on blur or when leaving, one request
 * at a time. What failed to save is kept (merged under anything typed since) and tried again with
 * a growing pause, so no text is lost to a dropped connection. A refusal that will not change by
 * retrying (e.g. 409 note_signed) stops the retries and says so.
 */

export type SaveStatus =
  /** Nothing changed since the note was opened. */
  | { kind: 'idle' }
  /** Changes are waiting for the pause in typing. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** `retrying`: another attempt is scheduled; otherwise the change needs a person. */
  | { kind: 'error'; message: string; retrying: boolean; code: string };

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface AutosaverOptions<P> {
  save: (patch: P) => Promise<void>;
  /** Combines an older patch with a newer one; the newer wins where both say something. */
  merge: (older: P, newer: P) => P;
  onStatus: (status: SaveStatus) => void;
  delayMs?: number;
  /** Pauses before the 1st, 2nd, … retry; the last one repeats. */
  retryMs?: readonly number[];
  timers?: Timers;
  now?: () => Date;
}

export const SAVE_DELAY_MS = 1000;
export const RETRY_MS: readonly number[] = [2000, 5000, 10_000, 30_000];

/** Whether trying the same request again later can succeed. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/** The sentence shown under the note when a save failed. */
export function saveErrorMessage(err: unknown, retrying: boolean): string {
  if (err instanceof ApiError && err.code === 'note_signed') {
    return t('sessions.save.signedElsewhere');
  }
  if (err instanceof ApiError && err.status === 0) {
    return t('sessions.save.offline');
  }
  return t(retrying ? 'sessions.save.retrying' : 'sessions.save.failed', { error: messageOf(err) });
}

export class Autosaver<P> {
  private pending: P | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;
  private stopped = false;
  private disposed = false;
  private readonly delay: number;
  private readonly retry: readonly number[];
  private readonly timers: Timers;
  private readonly now: () => Date;

  constructor(private readonly options: AutosaverOptions<P>) {
    this.delay = options.delayMs ?? SAVE_DELAY_MS;
    this.retry = options.retryMs ?? RETRY_MS;
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.now = options.now ?? (() => new Date());
  }

  /** Something changed: save it once typing pauses. */
  change(patch: P): void {
    if (this.disposed) return;
    this.pending = this.pending === null ? patch : this.options.merge(this.pending, patch);
    // A person editing again after a refusal gets a fresh try (e.g. after the connection came back).
    this.stopped = false;
    this.failures = 0;
    // After a failure the error stays on screen until a save succeeds.
    if (!this.inFlight && !this.failing) this.options.onStatus({ kind: 'pending' });
    this.schedule(this.delay);
  }

  /** Save now (blur, leaving the page, before signing). Resolves when everything is saved; rejects if it could not be. */
  async flush(): Promise<void> {
    this.cancelTimer();
    for (let round = 0; round < 10; round++) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      if (this.pending === null) return;
      await this.run();
      if (this.lastError) throw this.lastError;
    }
  }

  /** True while something typed is not yet stored. */
  get unsaved(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** What is not yet stored (to rescue it into an addendum when the note was signed elsewhere). */
  get unsavedPatch(): P | null {
    return this.pending;
  }

  /** Try again now (the "Try again" button, or the browser saying it is online). */
  retryNow(): void {
    if (this.pending === null || this.disposed) return;
    this.stopped = false;
    this.schedule(0);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private lastError: unknown = null;
  private failing = false;

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.pending === null) return Promise.resolve();
    const sending = this.pending;
    this.pending = null;
    this.lastError = null;
    if (!this.failing) this.options.onStatus({ kind: 'saving' });
    const attempt = this.options
      .save(sending)
      .then(
        () => {
          this.failures = 0;
          this.failing = false;
          if (this.disposed) return;
          if (this.pending !== null) {
            // Typed while saving: that waits for its own pause.
            this.options.onStatus({ kind: 'pending' });
            this.schedule(this.delay);
          } else {
            this.options.onStatus({ kind: 'saved', at: this.now() });
          }
        },
        (err: unknown) => {
          this.lastError = err;
          // Keep what failed, under anything typed since.
          this.pending = this.pending === null ? sending : this.options.merge(sending, this.pending);
          const retrying = isRetryable(err) && !this.disposed;
          this.failures += 1;
          this.failing = true;
          this.stopped = !retrying;
          const code = err instanceof ApiError ? err.code : 'unknown';
          this.options.onStatus({ kind: 'error', message: saveErrorMessage(err, retrying), retrying, code });
          if (retrying) this.schedule(this.retry[Math.min(this.failures - 1, this.retry.length - 1)] ?? 30_000);
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = attempt;
    return attempt;
  }
}

export interface NotePatchShape {
  /** Texts by name; `risk` is one object, replaced whole. */
  fields?: Record<string, unknown>;
  scales?: unknown[];
  resource_ids?: string[];
  assignment_ids?: string[];
}

/** Field texts merge name by name; the lists are replaced by the newer one. */
export function mergeNotePatch<P extends NotePatchShape>(older: P, newer: P): P {
  const merged: P = { ...older, ...newer };
  if (older.fields || newer.fields) merged.fields = { ...(older.fields ?? {}), ...(newer.fields ?? {}) };
  return merged;
}
