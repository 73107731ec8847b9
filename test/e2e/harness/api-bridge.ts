import type { Page } from '@playwright/test';
import type { EventBus } from '../../../src/main/event-bus';
import type { Dispatch } from '../../../src/main/ipc/dispatcher';
import { channelNames, eventNames } from '../../../src/shared/contract';

/**
 * Replaces only the Electron transport: `window.api` gets exactly the shape the preload
 * builds (one function per channel name in the contract, plus `onEvent`, frozen), but
 * each call goes through a Playwright binding to the real dispatcher, and events from
 * the real bus are delivered into the page.
 */
export async function installApiBridge(page: Page, dispatch: Dispatch, bus: EventBus): Promise<() => void> {
  await page.exposeBinding('__rdInvoke', (_source, channel: unknown, input: unknown) => dispatch(channel, input));
  await page.addInitScript(
    ({ channels, events }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const w = window as unknown as {
        __rdInvoke(channel: string, input: unknown): Promise<unknown>;
        __rdDeliver(name: string, payload: unknown): void;
      };
      Object.defineProperty(window, '__rdDeliver', {
        value: (name: string, payload: unknown) => {
          for (const listener of [...(listeners.get(name) ?? [])]) {
            try {
              listener(payload);
            } catch (error) {
              console.error(error);
            }
          }
        },
      });
      const api: Record<string, unknown> = {};
      for (const name of channels) api[name] = (input?: unknown) => w.__rdInvoke(name, input);
      api.onEvent = (name: string, listener: Listener) => {
        if (!events.includes(name)) throw new Error(`Unknown event ${String(name)}`);
        if (typeof listener !== 'function') throw new Error('listener must be a function');
        let set = listeners.get(name);
        if (!set) listeners.set(name, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      };
      Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
    },
    { channels: channelNames as string[], events: eventNames as string[] },
  );
  return bus.subscribe((name, payload) => {
    // The page may be between documents (reload); an event missed then is re-read on load.
    page.evaluate(([n, p]) => (window as unknown as { __rdDeliver?(n: string, p: unknown): void }).__rdDeliver?.(n, p), [name, payload] as const).catch(() => {});
  });
}
