import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { Autosaver, isRetryable, mergeNotePatch, saveErrorMessage, type SaveStatus } from './autosave';

type Patch = { fields?: Record<string, string>; resource_ids?: string[] };

/** A save function whose answers the test controls, one per call. */
function controlledSave() {
  const calls: Patch[] = [];
  const answers: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const save = (p: Patch) => {
    calls.push(p);
    return new Promise<void>((resolve, reject) => answers.push({ resolve, reject }));
  };
  return { save, calls, answers };
}

function setup(delayMs = 1000) {
  const s = controlledSave();
  const statuses: SaveStatus[] = [];
  const saver = new Autosaver<Patch>({
    save: s.save,
    merge: mergeNotePatch,
    onStatus: (st) => statuses.push(st),
    delayMs,
    retryMs: [2000, 5000],
    now: () => new Date(2026, 11, 1, 10, 42),
  });
  const last = (): SaveStatus => statuses[statuses.length - 1] ?? { kind: 'idle' };
  return { ...s, saver, statuses, last };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('waits for a pause in typing and sends everything typed as one save', async () => {
    const t = setup();
    t.saver.change({ fields: { exceptions: 'On Tu' } });
    await vi.advanceTimersByTimeAsync(600);
    t.saver.change({ fields: { exceptions: 'On Tuesday' } });
    t.saver.change({ fields: { coping: 'Walked' } });
    await vi.advanceTimersByTimeAsync(999);
    expect(t.calls).toHaveLength(0);
    expect(t.last()).toEqual({ kind: 'pending' });
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toEqual([{ fields: { exceptions: 'On Tuesday', coping: 'Walked' } }]);
    expect(t.last()).toEqual({ kind: 'saving' });
    t.answers[0]!.resolve();
    await settle();
    expect(t.last()).toEqual({ kind: 'saved', at: new Date(2026, 11, 1, 10, 42) });
    expect(t.saver.unsaved).toBe(false);
  });

  it('sends one request at a time; what is typed during a save goes in the next one', async () => {
    const t = setup();
    t.saver.change({ fields: { a: '1' } });
    await vi.advanceTimersByTimeAsync(1000);
    t.saver.change({ fields: { b: '2' } });
    await vi.advanceTimersByTimeAsync(1500);
    expect(t.calls).toHaveLength(1); // still waiting for the first answer
    t.answers[0]!.resolve();
    await settle();
    expect(t.last()).toEqual({ kind: 'pending' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls[1]).toEqual({ fields: { b: '2' } });
  });

  it('keeps what failed, merged under newer typing, and retries with growing pauses', async () => {
    const t = setup();
    t.saver.change({ fields: { a: 'first', b: 'old' }, resource_ids: ['r1'] });
    await vi.advanceTimersByTimeAsync(1000);
    t.saver.change({ fields: { b: 'new' } });
    t.answers[0]!.reject(new ApiError(0, 'network', 'offline'));
    await settle();
    const err = t.last();
    expect(err.kind).toBe('error');
    expect(err.kind === 'error' && err.retrying).toBe(true);
    expect(err.kind === 'error' && err.message).toMatch(/cannot be reached.*kept here/);
    expect(t.saver.unsaved).toBe(true);
    // The first retry comes after the first pause (2 s), carrying the newer typing too.
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls[1]).toEqual({ fields: { a: 'first', b: 'new' }, resource_ids: ['r1'] });
    t.answers[1]!.reject(new ApiError(503, 'database_unavailable', 'Unavailable.'));
    await settle();
    await vi.advanceTimersByTimeAsync(4999);
    expect(t.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(3);
    t.answers[2]!.resolve();
    await settle();
    expect(t.last().kind).toBe('saved');
    expect(t.saver.unsaved).toBe(false);
  });

  it('keeps the error on screen while retrying, instead of flickering between messages', async () => {
    const t = setup();
    t.saver.change({ fields: { a: 'x' } });
    await vi.advanceTimersByTimeAsync(1000);
    t.answers[0]!.reject(new ApiError(0, 'network', 'offline'));
    await settle();
    const count = t.statuses.length;
    t.saver.change({ fields: { a: 'xy' } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.statuses.length).toBe(count);
    t.answers[1]!.resolve();
    await settle();
    expect(t.last().kind).toBe('saved');
  });

  it('stops retrying when the server refuses for good (a signed note), keeping the text', async () => {
    const t = setup();
    t.saver.change({ fields: { a: 'late words' } });
    await vi.advanceTimersByTimeAsync(1000);
    t.answers[0]!.reject(new ApiError(409, 'note_signed', 'This note is signed.'));
    await settle();
    const st = t.last();
    expect(st).toMatchObject({ kind: 'error', retrying: false, code: 'note_signed' });
    expect(st.kind === 'error' && st.message).toMatch(/addendum/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toHaveLength(1);
    expect(t.saver.unsavedPatch).toEqual({ fields: { a: 'late words' } });
  });

  it('flushes at once on blur or leave, and reports a failure to the caller', async () => {
    const t = setup();
    t.saver.change({ fields: { a: 'now' } });
    const done = t.saver.flush();
    await settle();
    expect(t.calls).toEqual([{ fields: { a: 'now' } }]);
    t.answers[0]!.resolve();
    await expect(done).resolves.toBeUndefined();

    t.saver.change({ fields: { a: 'again' } });
    const failing = t.saver.flush();
    await settle();
    t.answers[1]!.reject(new ApiError(400, 'invalid_input', 'Too long.', 'fields.a'));
    await expect(failing).rejects.toBeInstanceOf(ApiError);
    expect(t.saver.unsavedPatch).toEqual({ fields: { a: 'again' } });
  });

  it('a flush during a save waits for it, then sends what came after', async () => {
    const t = setup();
    t.saver.change({ fields: { a: '1' } });
    await vi.advanceTimersByTimeAsync(1000);
    t.saver.change({ fields: { a: '12' } });
    const done = t.saver.flush();
    t.answers[0]!.resolve();
    await settle();
    expect(t.calls[1]).toEqual({ fields: { a: '12' } });
    t.answers[1]!.resolve();
    await expect(done).resolves.toBeUndefined();
    expect(t.last().kind).toBe('saved');
  });

  it('does nothing after dispose', async () => {
    const t = setup();
    t.saver.change({ fields: { a: '1' } });
    t.saver.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.calls).toHaveLength(0);
  });
});

describe('helpers', () => {
  it('merges field texts by name and replaces lists', () => {
    expect(mergeNotePatch<Patch>({ fields: { a: '1', b: '1' }, resource_ids: ['x'] }, { fields: { b: '2' }, resource_ids: [] })).toEqual({
      fields: { a: '1', b: '2' },
      resource_ids: [],
    });
    expect(mergeNotePatch<Patch>({ resource_ids: ['x'] }, { fields: { a: '1' } })).toEqual({ fields: { a: '1' }, resource_ids: ['x'] });
  });

  it('retries only what may succeed later', () => {
    expect(isRetryable(new ApiError(0, 'network', ''))).toBe(true);
    expect(isRetryable(new ApiError(503, 'database_unavailable', ''))).toBe(true);
    expect(isRetryable(new ApiError(429, 'too_many_attempts', ''))).toBe(true);
    expect(isRetryable(new ApiError(409, 'note_signed', ''))).toBe(false);
    expect(isRetryable(new ApiError(400, 'invalid_input', ''))).toBe(false);
    expect(isRetryable(new Error('?'))).toBe(true);
  });

  it('always says the text is kept', () => {
    expect(saveErrorMessage(new ApiError(500, 'internal', 'Something went wrong on the server.'), true)).toBe(
      'Not saved yet: Something went wrong on the server. Your text is kept here; Trove keeps trying.',
    );
    expect(saveErrorMessage(new ApiError(400, 'invalid_input', 'The exceptions field is too long.'), false)).toMatch(/kept here\.$/);
  });
});
