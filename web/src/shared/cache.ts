import { ApiError } from '../api/errors';

/**
 * The last answer of a few GETs, kept in this tab's memory only (never written to disk), so the
 * portal's journal (and every page that loads through useCached) keeps working when the connection
 * drops after it was opened. Network first: the cache is used only when the network cannot be
 * reached.
 */
const memory = new Map<string, unknown>();

export interface Cached<T> {
  value: T;
  /** True when the value came from memory because the network could not be reached. */
  offline: boolean;
}

export async function networkFirst<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
  try {
    const value = await load();
    memory.set(key, value);
    return { value, offline: false };
  } catch (err) {
    if (err instanceof ApiError && err.status === 0 && memory.has(key)) return { value: memory.get(key) as T, offline: true };
    throw err;
  }
}

export function peek<T>(key: string): T | undefined {
  return memory.get(key) as T | undefined;
}

export function forget(prefix: string): void {
  for (const k of [...memory.keys()]) if (k.startsWith(prefix)) memory.delete(k);
}

let owner: string | null = null;

/**
 * Keeps the memory for one person: when someone else signs in on this tab (or nobody is signed in
 * any more) everything kept for the last one is dropped, so the next person never sees the last
 * one's clients or journal, not even for the moment before the network answers.
 */
export function keepMemoryFor(userId: string | null): void {
  if (userId === owner) return;
  memory.clear();
  owner = userId;
}
