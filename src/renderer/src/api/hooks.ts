import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { errorMessage, onEvent } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a screen. `key` names what is loaded (change it to load something
 * else); the previous data stays on screen while the next load runs, so lists do not
 * flash empty.
 */
export function useQuery<T>(key: string, load: () => Promise<T>, options: { enabled?: boolean } = {}): QueryState<T> {
  const enabled = options.enabled ?? true;
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: string | null }>({ key: null, data: undefined, error: null });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const requestKey = `${key}#${nonce}`;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadRef.current().then(
      (data) => live && setState({ key: requestKey, data, error: null }),
      (error: unknown) => live && setState((s) => ({ key: requestKey, data: s.data, error: errorMessage(error) })),
    );
    return () => {
      live = false;
    };
  }, [requestKey, enabled]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: enabled && state.key !== requestKey, reload };
}

/** Listens to a push event from main while the component is mounted. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => onEvent(name, (payload) => ref.current(payload)), [name]);
}

/**
 * Runs a user action: tracks `busy` and the error message, and returns the action's
 * result (undefined when it failed, the error being on screen).
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef(action);
  useEffect(() => {
    ref.current = action;
  });
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await ref.current(...args);
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

/** True once `active` has stayed true for `delayMs`: progress appears only for slow actions. */
export function useDelayedFlag(active: boolean, delayMs = 200): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      const t = setTimeout(() => setShown(false), 0);
      return () => clearTimeout(t);
    }
    const t = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(t);
  }, [active, delayMs]);
  return active && shown;
}

/** A value that follows `value` after it has stopped changing for `delayMs` (search as you type). */
export function useDebounced<T>(value: T, delayMs = 200): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(t);
  }, [value, delayMs]);
  return debounced;
}
