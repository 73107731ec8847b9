import type { Provider } from '../../providers/types';

/**
 * The same adapter, counting the upstream calls a sync makes (one per method call; the
 * HTTP layer's retries inside a call are not counted). Recorded on the run row, so
 * "the second sync is incremental" is a number anyone can read.
 */
export function countingProvider(provider: Provider, counter: { requests: number }): Provider {
  return new Proxy(provider, {
    get(target, prop) {
      // Getters (capabilities) run against the adapter itself, so their inner calls are not counted.
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'close' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        counter.requests++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
