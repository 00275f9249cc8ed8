import { useEffect, useRef, useState } from 'preact/hooks';
import { useMe } from '../../shared/session';
import { useOnline } from '../../shared/useOnline';
import { useJournalApi } from '../../shared/journal/api';
import { Outbox, browserStore, outboxKey, type FlushResult, type QueuedEntry, type RefusedEntry } from './outbox';
import type { NewEntry } from '../../shared/journal/types';
import { localDay } from '../../shared/journal/wording';

const RETRY_MS = 30_000;
const outboxes = new Map<string, Outbox>();

/** One outbox per signed-in person, shared by every component of the tab. */
export function outboxFor(userId: string): Outbox {
  let box = outboxes.get(userId);
  if (!box) {
    box = new Outbox(browserStore(), outboxKey(userId));
    outboxes.set(userId, box);
  }
  return box;
}

export interface OutboxView {
  pending: QueuedEntry[];
  refused: RefusedEntry[];
  online: boolean;
  /** Queues the entry and tries to send it at once; resolves with what happened. */
  write: (input: NewEntry) => Promise<{ item: QueuedEntry; result: FlushResult; queued: boolean }>;
  discard: (key: string) => void;
  flush: () => Promise<FlushResult>;
}

/**
 * The client's queue of unsent entries, kept in step with storage (and other tabs), and sent on
 * page load, when the browser comes back online, when the tab is shown again, and every 30 s
 * while something waits. `onChange` runs after entries reached the server, to reload lists.
 */
export function useOutbox(clientId: string, onChange?: (result: FlushResult) => void): OutboxView {
  const me = useMe();
  const japi = useJournalApi();
  const box = outboxFor(me.user.id);
  const online = useOnline();
  const [, setVersion] = useState(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const flush = async (): Promise<FlushResult> => {
    const result = await box.flush((c, input) => japi.createEntry(c, input));
    if (result.sent.length || result.alreadySaved.length || result.refused.length) onChangeRef.current?.(result);
    return result;
  };

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const unsubscribe = box.subscribe(bump);
    const onStorage = (e: StorageEvent) => {
      if (e.key === outboxKey(me.user.id)) bump();
    };
    const onOnline = () => void flush();
    const onVisible = () => {
      if (document.visibilityState === 'visible' && box.pending().length) void flush();
    };
    window.addEventListener('storage', onStorage);
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(() => {
      if (box.pending().length) void flush();
    }, RETRY_MS);
    if (box.pending().length) void flush();
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [box]);

  // Opened offline, the session's CSRF token arrives only once the server answers again: send then.
  useEffect(() => {
    if (me.csrf_token && box.pending().length) void flush();
  }, [me.csrf_token]);

  return {
    pending: box.pending(clientId),
    refused: box.refused(clientId),
    online,
    write: async (input) => {
      const item = box.add(clientId, input, localDay());
      const waiting = () => box.pending().some((p) => p.key === item.key);
      let result = await flush();
      // A run that had already started before this entry was queued did not see it: go once more.
      if (waiting() && !result.stopped) result = await flush();
      return { item, result, queued: waiting() };
    },
    discard: (key) => box.discard(key),
    flush,
  };
}
