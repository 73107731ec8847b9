import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './client';

/**
 * useAction for a button repeated on every row (rotate, refresh, acknowledge): busy is kept per row, so
 * only the row whose button was pressed spins and the others stay usable meanwhile. The
 * last failure is kept for the list to show above its rows.
 */
export function useRowAction<T>(keyOf: (item: T) => string, action: (item: T) => Promise<void>) {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ keyOf, action });
  useEffect(() => {
    latest.current = { keyOf, action };
  });
  const run = useCallback(async (item: T): Promise<void> => {
    const key = latest.current.keyOf(item);
    setBusy((s) => new Set(s).add(key));
    setError(null);
    try {
      await latest.current.action(item);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy((s) => {
        const next = new Set(s);
        next.delete(key);
        return next;
      });
    }
  }, []);
  const isBusy = (item: T) => busy.has(keyOf(item));
  return { run, isBusy, error };
}
