import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { keepMemoryFor, networkFirst, peek } from './cache';

const offline = () => Promise.reject(new ApiError(0, 'network', 'offline'));

describe('the memory cache', () => {
  it('serves the last answer when the network cannot be reached', async () => {
    keepMemoryFor('anna');
    await networkFirst('sessions:clients', () => Promise.resolve(['Mia']));
    const again = await networkFirst('sessions:clients', offline);
    expect(again).toEqual({ value: ['Mia'], offline: true });
  });

  it('keeps nothing of one person for the next one on the same tab', async () => {
    keepMemoryFor('anna');
    await networkFirst('sessions:clients', () => Promise.resolve(['Mia']));
    keepMemoryFor('anna');
    expect(peek('sessions:clients')).toEqual(['Mia']);
    keepMemoryFor('ben');
    expect(peek('sessions:clients')).toBeUndefined();
    await expect(networkFirst('sessions:clients', offline)).rejects.toBeInstanceOf(ApiError);
    await networkFirst('sessions:clients', () => Promise.resolve(['Jonas']));
    keepMemoryFor(null);
    expect(peek('sessions:clients')).toBeUndefined();
  });
});
