import { describe, expect, it } from 'vitest';
import { emptyPlan } from './plan';
import { keepOnlyFor, OWNER_KEY, readOffline, safetyKey, writeOffline, type SafetyStore } from './offline';

function fakeStore(initial: Record<string, string> = {}): SafetyStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}

const crisis = { text: 'Calm words.', contacts: [{ label: 'TelefonSeelsorge', phone: '0800 111 0 111', hours: '24 h' }] };
const now = new Date('2026-12-02T08:00:00Z');

describe('the safety plan kept on the client’s phone', () => {
  it('keeps the plan and crisis numbers under the client’s user id', () => {
    const store = fakeStore();
    keepOnlyFor(store, 'u-mia'); // Mia signs in on this phone
    const plan = { ...emptyPlan(crisis), calming_steps: ['Cold water on the wrists'], stabilising_resources: [{ id: 'r1', title: 'Music', therapist_note: 'x' }] };
    writeOffline(store, 'u-mia', { client_id: 'c-mia', plan }, now);
    writeOffline(store, 'u-mia', { review_promise: 'within one working day' }, now);
    expect([...store.map.keys()].sort()).toEqual([OWNER_KEY, safetyKey('u-mia')].sort());
    const kept = readOffline(store, 'u-mia');
    expect(kept.client_id).toBe('c-mia');
    expect(kept.plan?.calming_steps).toEqual(['Cold water on the wrists']);
    expect(kept.plan?.stabilising_resources).toEqual([{ id: 'r1', title: 'Music' }]);
    expect(kept.crisis).toEqual(crisis);
    expect(kept.review_promise).toBe('within one working day');
    expect(kept.saved_at).toBe(now.toISOString());
    expect(store.map.get(safetyKey('u-mia'))).not.toMatch(/therapist_note/);
  });

  it('reads nothing for another person, for broken data or without storage', () => {
    const store = fakeStore({ [safetyKey('u-x')]: '{not json' });
    expect(readOffline(store, 'u-x').plan).toBeNull();
    expect(readOffline(store, 'u-other')).toEqual({ client_id: null, plan: null, crisis: null, review_promise: null, saved_at: null });
    expect(readOffline(null, 'u-x').plan).toBeNull();
    expect(() => writeOffline(null, 'u-x', { crisis })).not.toThrow();
  });

  it('removes every other person’s copy when who is signed in changes, and all of them at sign-out', () => {
    const store = fakeStore({ 'trove.lastMe': '{}', 'trove.journal.outbox.u-mia': '{}' });
    keepOnlyFor(store, 'u-mia');
    writeOffline(store, 'u-mia', { crisis }, now);
    keepOnlyFor(store, 'u-jonas');
    writeOffline(store, 'u-jonas', { crisis }, now);
    expect(readOffline(store, 'u-mia').crisis).toBeNull();
    expect([...store.map.keys()].sort()).toEqual(
      ['trove.journal.outbox.u-mia', 'trove.lastMe', OWNER_KEY, safetyKey('u-jonas')].sort(),
    );
    keepOnlyFor(store, null);
    expect([...store.map.keys()].sort()).toEqual(['trove.journal.outbox.u-mia', 'trove.lastMe']);
  });

  it('writes nothing for an answer that arrives after its client signed out or someone else signed in', () => {
    const store = fakeStore();
    keepOnlyFor(store, 'u-mia');
    keepOnlyFor(store, null); // Mia signs out while her plan is still being fetched
    writeOffline(store, 'u-mia', { crisis }, now);
    expect(store.map.size).toBe(0);
    keepOnlyFor(store, 'u-jonas');
    writeOffline(store, 'u-mia', { crisis }, now);
    expect(readOffline(store, 'u-mia').crisis).toBeNull();
  });

  it('ignores a full or blocked storage', () => {
    const store = fakeStore();
    store.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => writeOffline(store, 'u-mia', { crisis }, now)).not.toThrow();
  });
});
