import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/errors';
import { networkFirst, peek } from './cache';

export interface Loaded<T> {
  value: T | undefined;
  error: string | null;
  /** The value is the one loaded earlier, because the network cannot be reached now. */
  offline: boolean;
  /** Loading failed only because there is no connection (and nothing was loaded before). */
  unreachable: boolean;
  reload: () => void;
}

/**
 * Loads `key` network-first, showing what this tab loaded before straight away (and keeping it
 * when the connection is gone). `key === null` loads nothing.
 */
export function useCached<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(() => (key ? peek<T>(key) : undefined));
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const earlier = peek<T>(key);
    if (earlier !== undefined) setValue(earlier);
    networkFirst(key, load)
      .then((r) => {
        if (!live) return;
        setValue(r.value);
        setOffline(r.offline);
        setUnreachable(false);
        setError(null);
      })
      .catch((err) => {
        if (!live) return;
        setError(messageOf(err));
        setUnreachable(err instanceof ApiError && err.status === 0);
      });
    return () => {
      live = false;
    };
  }, [key, version]);
  return { value, error, offline, unreachable, reload: () => setVersion((v) => v + 1) };
}
