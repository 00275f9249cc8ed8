import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { HttpClient } from '../../api/http';
import { JournalApi } from '../../shared/journal/api';
import { Outbox, classify, memoryStore, type KeyValueStore } from './outbox';
import type { Entry, NewEntry } from '../../shared/journal/types';

/** A Map-backed storage that counts writes, so "kept in storage" is checked on the real bytes. */
function fakeStore(): KeyValueStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return { raw, getItem: (k) => raw.get(k) ?? null, setItem: (k, v) => void raw.set(k, v), removeItem: (k) => void raw.delete(k) };
}

type Reply = { status: number; body?: unknown } | 'offline';

/**
 * A fake server behind a fake fetch: it stores entries by idempotency key like the real one
 * (201 new, 200 replay, 409 other text) unless a scripted reply is queued.
 */
function fakeServer() {
  const stored = new Map<string, Entry>();
  const requests: { url: string; body: NewEntry }[] = [];
  const script: Reply[] = [];
  let n = 0;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as NewEntry;
    requests.push({ url: String(input), body });
    const next = script.shift();
    if (next === 'offline') throw new TypeError('Failed to fetch');
    const json = (status: number, b: unknown) => new Response(JSON.stringify(b), { status, headers: { 'Content-Type': 'application/json' } });
    if (next) return json(next.status, next.body ?? {});
    const key = body.idempotency_key!;
    const earlier = stored.get(key);
    if (earlier) {
      if (earlier.text !== body.text) return json(409, { error: { code: 'idempotency_key_reused', message: 'This key was already used for a different entry.' } });
      return json(200, earlier);
    }
    const entry: Entry = {
      id: `e${++n}`,
      client_id: 'c1',
      kind: body.kind,
      text: body.text ?? '',
      mood: body.mood ?? null,
      strength_codes: body.strength_codes ?? [],
      resource_id: null,
      assignment_id: null,
      shared: body.shared ?? false,
      entry_date: body.entry_date ?? '2026-11-29',
      created_at: '',
      updated_at: '',
    };
    stored.set(key, entry);
    return json(201, entry);
  }) as typeof fetch;
  const api = new JournalApi(new HttpClient({ fetch: fetchImpl }));
  return { stored, requests, script, send: (c: string, i: NewEntry) => api.createEntry(c, i) };
}

let uuids = 0;
const newBox = (store: KeyValueStore = fakeStore()) => new Outbox(store, 'outbox', { uuid: () => `key-${++uuids}`, now: () => new Date('2026-11-29T10:00:00Z') });

describe('Outbox', () => {
  it('queues an entry once, with a key and the day it was written, in storage', () => {
    const store = fakeStore();
    const box = newBox(store);
    const item = box.add('c1', { kind: 'success', text: 'Walked to work', shared: true }, '2026-11-29');
    expect(item.input).toEqual({ kind: 'success', text: 'Walked to work', shared: true, idempotency_key: item.key, entry_date: '2026-11-29' });
    expect(box.pending()).toHaveLength(1);
    // Another tab (a second Outbox on the same storage) sees it too.
    expect(newBox(store).pending('c1').map((p) => p.key)).toEqual([item.key]);
    expect(newBox(store).pending('other-client')).toEqual([]);
  });

  it('sends once and removes the entry on 201', async () => {
    const server = fakeServer();
    const store = fakeStore();
    const box = newBox(store);
    box.add('c1', { kind: 'success', text: 'A good talk' }, '2026-11-29');
    const r = await box.flush(server.send);
    expect(r.sent.map((e) => e.text)).toEqual(['A good talk']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/api/v1/clients/c1/journal');
    expect(box.pending()).toEqual([]);
    expect(store.raw.size).toBe(0);
    // Nothing left: a second flush sends nothing.
    await box.flush(server.send);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the entry on a network error and sends it with the same key later', async () => {
    const server = fakeServer();
    const box = newBox();
    const item = box.add('c1', { kind: 'gratitude', text: 'Sun on the balcony' }, '2026-11-29');
    server.script.push('offline');
    const first = await box.flush(server.send);
    expect(first).toMatchObject({ sent: [], stopped: true, remaining: 1 });
    expect(box.pending()[0]).toMatchObject({ key: item.key, attempts: 1 });
    const second = await box.flush(server.send);
    expect(second.sent).toHaveLength(1);
    expect(server.requests.map((r) => r.body.idempotency_key)).toEqual([item.key, item.key]);
    expect(server.stored.size).toBe(1);
  });

  it('treats a 200 replay as sent: two tabs sending the same entry store it once', async () => {
    const server = fakeServer();
    const store = fakeStore();
    const tabA = newBox(store);
    const tabB = newBox(store);
    tabA.add('c1', { kind: 'success', text: 'Finished the form' }, '2026-11-29');
    const [a, b] = await Promise.all([tabA.flush(server.send), tabB.flush(server.send)]);
    expect(server.requests.length).toBe(2);
    expect(server.stored.size).toBe(1);
    expect(a.sent[0]!.id).toBe(b.sent[0]!.id);
    expect(tabA.pending()).toEqual([]);
  });

  it('shares one run between concurrent flushes in the same tab', async () => {
    const server = fakeServer();
    const box = newBox();
    box.add('c1', { kind: 'free', text: 'one' }, '2026-11-29');
    await Promise.all([box.flush(server.send), box.flush(server.send), box.flush(server.send)]);
    expect(server.requests).toHaveLength(1);
  });

  it('drops a 409 for a reused key quietly: the server already has the entry', async () => {
    const server = fakeServer();
    const box = newBox();
    box.add('c1', { kind: 'free', text: 'x' }, '2026-11-29');
    server.script.push({ status: 409, body: { error: { code: 'idempotency_key_reused', message: 'used' } } });
    const r = await box.flush(server.send);
    expect(r.alreadySaved).toHaveLength(1);
    expect(r.refused).toEqual([]);
    expect(box.pending()).toEqual([]);
    expect(box.refused()).toEqual([]);
  });

  it('drops other 4xx answers into a visible list with the server’s message, and goes on', async () => {
    const server = fakeServer();
    const box = newBox();
    box.add('c1', { kind: 'success', text: 'linked', resource_id: 'gone' }, '2026-11-29');
    box.add('c1', { kind: 'success', text: 'fine' }, '2026-11-29');
    server.script.push({ status: 400, body: { error: { code: 'invalid_input', field: 'resource_id', message: 'Link one of your current resources.' } } });
    const r = await box.flush(server.send);
    expect(r.refused.map((x) => x.message)).toEqual(['Link one of your current resources.']);
    expect(r.sent.map((e) => e.text)).toEqual(['fine']);
    expect(box.pending()).toEqual([]);
    expect(box.refused()).toHaveLength(1);
    expect(box.refused()[0]!.input.text).toBe('linked');
    box.discard(box.refused()[0]!.key);
    expect(box.refused()).toEqual([]);
  });

  it('keeps entries on 5xx, 429 and an expired session, and stops there', async () => {
    for (const status of [500, 503, 429, 401]) {
      const server = fakeServer();
      const box = newBox();
      box.add('c1', { kind: 'free', text: 'a' }, '2026-11-29');
      box.add('c1', { kind: 'free', text: 'b' }, '2026-11-29');
      server.script.push({ status, body: { error: { code: 'x', message: 'no' } } });
      const r = await box.flush(server.send);
      expect(r).toMatchObject({ stopped: true, remaining: 2 });
      expect(server.requests).toHaveLength(1);
    }
  });

  it('lets the writer take an entry out before it is sent', () => {
    const box = newBox();
    const item = box.add('c1', { kind: 'free', text: 'never mind' }, '2026-11-29');
    box.discard(item.key);
    expect(box.pending()).toEqual([]);
  });

  it('survives broken storage contents and works without storage at all', async () => {
    const store = fakeStore();
    store.setItem('outbox', '{not json');
    expect(newBox(store).pending()).toEqual([]);
    const server = fakeServer();
    const box = new Outbox(null, 'outbox', { uuid: () => 'k' });
    box.add('c1', { kind: 'free', text: 'memory only' }, '2026-11-29');
    expect(box.pending()).toHaveLength(1);
    await box.flush(server.send);
    expect(server.stored.size).toBe(1);
  });

  it('refuses to queue when the browser will not store it, so nothing is lost silently', () => {
    const full: KeyValueStore = {
      ...memoryStore(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => newBox(full).add('c1', { kind: 'free', text: 'x' }, '2026-11-29')).toThrow();
  });
});

describe('classify', () => {
  it('sorts failures into keep, refuse and already-saved', () => {
    expect(classify(new ApiError(0, 'network', 'offline'))).toBe('keep');
    expect(classify(new ApiError(502, 'internal', 'x'))).toBe('keep');
    expect(classify(new ApiError(408, 'timeout', 'x'))).toBe('keep');
    expect(classify(new ApiError(409, 'idempotency_key_reused', 'x'))).toBe('already-saved');
    expect(classify(new ApiError(409, 'entry_deleted', 'x'))).toBe('already-saved');
    expect(classify(new ApiError(409, 'conflict', 'x'))).toBe('refuse');
    expect(classify(new ApiError(400, 'invalid_input', 'x'))).toBe('refuse');
    expect(classify(new ApiError(403, 'forbidden', 'x'))).toBe('refuse');
    expect(classify(new Error('?'))).toBe('keep');
  });
});

describe('a flush asked for during a run', () => {
  it('runs once more afterwards, so an entry refused for a missing CSRF token goes out when the token arrives', async () => {
    const server = fakeServer();
    const box = newBox();
    box.add('c1', { kind: 'success', text: 'Opened offline, sent later' }, '2026-11-29');
    // The first attempt meets a server that has not handed out the CSRF token yet.
    server.script.push({ status: 403, body: { error: { code: 'csrf_failed', message: 'Please reload.' } } });
    const first = box.flush(server.send);
    const second = box.flush(server.send); // the token arrived while the first run was going
    await Promise.all([first, second]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body.idempotency_key).toBe(server.requests[1]!.body.idempotency_key);
    expect(box.pending()).toEqual([]);
    expect(box.refused()).toEqual([]);
    expect(server.stored.size).toBe(1);
  });
});
