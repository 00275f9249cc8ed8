import { ApiError } from '../../api/errors';
import type { Entry, NewEntry } from '../../shared/journal/types';

/**
 * Journal entries written without a connection wait here, in the browser's storage, until they
 * can be sent. Every entry gets its idempotency key when it is written, and keeps it on every
 * attempt, so the server stores it once however often it is sent (two tabs, a lost answer, a
 * retry after a timeout). Pure apart from the storage and the `send` function passed in.
 */

/** The part of `localStorage` the outbox uses; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface QueuedEntry {
  /** The idempotency key, also the entry's id while it waits. */
  key: string;
  client_id: string;
  /** The request body exactly as it will be sent, idempotency_key and entry_date included. */
  input: NewEntry & { idempotency_key: string; entry_date: string };
  queued_at: string;
  attempts: number;
}

/** An entry the server refused for good (e.g. a resource that no longer exists): shown, never resent. */
export interface RefusedEntry {
  key: string;
  client_id: string;
  input: QueuedEntry['input'];
  message: string;
  refused_at: string;
}

interface State {
  pending: QueuedEntry[];
  refused: RefusedEntry[];
}

export interface FlushResult {
  /** Entries the server now holds (new ones and replays of ones it already had). */
  sent: Entry[];
  /** Keys the server said it already held under a different text (it has the entry; nothing to resend). */
  alreadySaved: string[];
  refused: RefusedEntry[];
  /** True when sending stopped because there is no connection (or the server is unavailable). */
  stopped: boolean;
  remaining: number;
}

export type Send = (clientId: string, input: QueuedEntry['input']) => Promise<Entry>;

export type Outcome = 'sent' | 'already-saved' | 'keep' | 'refuse';

/**
 * What to do after a failed attempt. Keep (and try later) whatever may pass next time: no
 * connection, a timeout, rate limiting, a server error, an expired session, a CSRF token not yet
 * fetched (the portal was opened offline). A 409 for a reused
 * key means the server already has this entry (edited or deleted since): nothing is left to send.
 * Anything else is a refusal a retry cannot fix.
 */
export function classify(err: unknown): Outcome {
  if (!(err instanceof ApiError)) return 'keep';
  if (err.status === 0 || err.status === 401 || err.status === 408 || err.status === 429 || err.status >= 500) return 'keep';
  // Opened offline, the page has no CSRF token until it reaches the server again.
  if (err.status === 403 && err.code === 'csrf_failed') return 'keep';
  // The server has seen this key: stored under it (the text was edited since) or stored and deleted.
  if (err.status === 409 && (err.code === 'idempotency_key_reused' || err.code === 'entry_deleted')) return 'already-saved';
  return 'refuse';
}

export interface OutboxOptions {
  uuid?: () => string;
  now?: () => Date;
}

function defaultUuid(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Only reached on old browsers or plain-http origins other than localhost.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  private readonly uuid: () => string;
  private readonly now: () => Date;
  private inFlight: Promise<FlushResult> | null = null;
  private again: Send | null = null;
  private listeners = new Set<() => void>();

  private readonly store: KeyValueStore;

  /** Without a usable browser storage the queue lives in this tab's memory only. */
  constructor(
    store: KeyValueStore | null,
    private readonly storageKey: string,
    options: OutboxOptions = {},
  ) {
    this.store = store ?? memoryStore();
    this.uuid = options.uuid ?? defaultUuid;
    this.now = options.now ?? (() => new Date());
  }

  private read(): State {
    const empty: State = { pending: [], refused: [] };
    let raw: string | null;
    try {
      raw = this.store.getItem(this.storageKey);
    } catch {
      return empty;
    }
    if (!raw) return empty;
    try {
      const parsed = JSON.parse(raw) as Partial<State>;
      return {
        pending: Array.isArray(parsed.pending) ? parsed.pending.filter((p) => p && typeof p.key === 'string') : [],
        refused: Array.isArray(parsed.refused) ? parsed.refused.filter((p) => p && typeof p.key === 'string') : [],
      };
    } catch {
      return empty;
    }
  }

  /** `strict`: throw when the browser refuses to store (full or blocked), so a new entry is never lost silently. */
  private write(state: State, strict = false): void {
    try {
      if (state.pending.length === 0 && state.refused.length === 0) this.store.removeItem(this.storageKey);
      else this.store.setItem(this.storageKey, JSON.stringify(state));
    } catch (err) {
      if (strict) throw err;
    }
    this.listeners.forEach((l) => l());
  }

  /** Re-reads on every call, so another tab's changes are seen. */
  pending(clientId?: string): QueuedEntry[] {
    const all = this.read().pending;
    return clientId ? all.filter((p) => p.client_id === clientId) : all;
  }

  refused(clientId?: string): RefusedEntry[] {
    const all = this.read().refused;
    return clientId ? all.filter((p) => p.client_id === clientId) : all;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues an entry with a fresh idempotency key and the day it was written on this device. */
  add(clientId: string, input: NewEntry, entryDate: string): QueuedEntry {
    const key = input.idempotency_key ?? this.uuid();
    const item: QueuedEntry = {
      key,
      client_id: clientId,
      input: { ...input, idempotency_key: key, entry_date: input.entry_date ?? entryDate },
      queued_at: this.now().toISOString(),
      attempts: 0,
    };
    const state = this.read();
    if (!state.pending.some((p) => p.key === key)) state.pending.push(item);
    this.write(state, true);
    return item;
  }

  /** Takes an entry out without sending it ("Don't send"), or dismisses a refused one. */
  discard(key: string): void {
    const state = this.read();
    this.write({ pending: state.pending.filter((p) => p.key !== key), refused: state.refused.filter((p) => p.key !== key) });
  }

  /**
   * Sends what waits, oldest first, stopping at the first failure that a later attempt may fix.
   * Concurrent calls share one run, so an `online` event and the timer cannot send twice at once;
   * a call that arrives during a run asks for one more run after it (the reason to try may be new:
   * the session's CSRF token has just arrived).
   */
  flush(send: Send): Promise<FlushResult> {
    if (this.inFlight) {
      this.again = send;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      let result = await this.run(send);
      while (this.again) {
        const next = this.again;
        this.again = null;
        result = await this.run(next);
      }
      return result;
    })().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(send: Send): Promise<FlushResult> {
    const result: FlushResult = { sent: [], alreadySaved: [], refused: [], stopped: false, remaining: 0 };
    for (const item of this.read().pending) {
      let outcome: Outcome;
      let entry: Entry | null = null;
      let message = '';
      try {
        entry = await send(item.client_id, item.input);
        outcome = 'sent';
      } catch (err) {
        outcome = classify(err);
        message = err instanceof ApiError ? err.message : 'Something unexpected went wrong.';
      }
      // Re-read: another tab may have sent or discarded entries meanwhile.
      const state = this.read();
      const rest = state.pending.filter((p) => p.key !== item.key);
      if (outcome === 'sent') {
        result.sent.push(entry!);
        this.write({ ...state, pending: rest });
      } else if (outcome === 'already-saved') {
        result.alreadySaved.push(item.key);
        this.write({ ...state, pending: rest });
      } else if (outcome === 'refuse') {
        const refused: RefusedEntry = { key: item.key, client_id: item.client_id, input: item.input, message, refused_at: this.now().toISOString() };
        result.refused.push(refused);
        this.write({ pending: rest, refused: [...state.refused.filter((r) => r.key !== item.key), refused] });
      } else {
        this.write({ ...state, pending: state.pending.map((p) => (p.key === item.key ? { ...p, attempts: p.attempts + 1 } : p)) });
        result.stopped = true;
        break;
      }
    }
    result.remaining = this.read().pending.length;
    return result;
  }
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** The browser's localStorage, or null where it is blocked (private modes, some embedded views). */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function outboxKey(userId: string): string {
  return `trove.journal.outbox.${userId}`;
}
