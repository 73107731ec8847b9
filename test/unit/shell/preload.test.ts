import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../src/shared/contract';

type Listener = (...args: unknown[]) => void;

const bridge = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: [] as [string, unknown][],
    listeners,
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.push([key, value]) },
  ipcRenderer: {
    invoke: bridge.invoke,
    on: (channel: string, l: Listener) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: Listener) => bridge.listeners.get(channel)?.delete(l),
  },
}));

type ExposedApi = Record<string, (...args: unknown[]) => unknown>;
let api: ExposedApi;

beforeAll(async () => {
  await import('../../../src/preload/index');
  api = bridge.exposed[0]![1] as ExposedApi;
});

const emitFromMain = (name: string, payload: unknown) => {
  for (const l of bridge.listeners.get('rd:event') ?? []) l({ sender: 'ipc-event-object' }, name, payload);
};

describe('preload', () => {
  it('exposes exactly one object, window.api: a function per channel and onEvent, nothing else', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'onEvent'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends every call on the one invoke channel, named by the contract channel', async () => {
    expect(await api['settings:update']!({ theme: 'dark' })).toEqual({ ok: true, value: 'from main' });
    expect(bridge.invoke).toHaveBeenLastCalledWith('rd:invoke', 'settings:update', { theme: 'dark' });
  });

  it('delivers only the subscribed event’s payload (never the IPC event object) until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = api.onEvent!('event:settings-changed', (payload: unknown) => seen.push(payload)) as () => void;
    emitFromMain('event:settings-changed', { theme: 'dark' });
    emitFromMain('event:navigate', { page: '/' });
    off();
    emitFromMain('event:settings-changed', { theme: 'light' });
    expect(seen).toEqual([{ theme: 'dark' }]);
    expect(bridge.listeners.get('rd:event')?.size).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    expect(() => api.onEvent!('ipc:anything', () => {})).toThrow(/Unknown event/);
  });
});
