import { channelNames, isEventName, type Api, type ChannelName, type EventName } from './contract';
import type { Result } from './errors';

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.api` from the contract: one named function per channel and `onEvent`.
 * The preload passes Electron's transport; the e2e harness passes a Playwright binding.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    api[name] = (input?: unknown) => invoke(name, input);
  }
  api.onEvent = (name: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return subscribe(name, listener);
  };
  return Object.freeze(api) as Api;
}
