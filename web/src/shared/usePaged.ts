import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/errors';
import type { Page } from '../api/types';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * Loads the first page whenever `key` changes (i.e. the filters), and further pages on
 * demand. Answers to outdated filters are dropped, so fast typing never shows stale rows.
 */
export function usePaged<T>(key: string, fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    setLoading(true);
    setError(null);
    fetchRef
      .current(null, ctrl.signal)
      .then((page) => {
        if (ctrl.signal.aborted) return;
        setItems(page.items);
        setCursor(page.next_cursor);
      })
      .catch((err) => {
        if (ctrl.signal.aborted) return;
        setItems([]);
        setCursor(null);
        setError(messageOf(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [key, generation]);

  const loadMore = () => {
    if (!cursor || loadingMore) return;
    const ctrl = controller.current ?? new AbortController();
    setLoadingMore(true);
    setError(null);
    fetchRef
      .current(cursor, ctrl.signal)
      .then((page) => {
        if (ctrl.signal.aborted) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.next_cursor);
      })
      .catch((err) => {
        if (!ctrl.signal.aborted) setError(messageOf(err));
      })
      .finally(() => setLoadingMore(false));
  };

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: cursor !== null,
    loadMore,
    reload: () => setGeneration((g) => g + 1),
  };
}
