import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src/main/event-bus';
import { resolveAppPage } from '../../../src/main/shell/app-page';
import { EVENT_CHANNEL, FORBIDDEN_SENDER_RESULT, INVOKE_CHANNEL, forwardEvents, registerIpcBridge } from '../../../src/main/shell/ipc-bridge';
import type { Dispatch } from '../../../src/main/ipc/dispatcher';
import { createTestApp, type TestApp } from '../../support/app';

type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const page = resolveAppPage({ isPackaged: true, devServerUrl: undefined, rendererIndexFile: '/app/out/renderer/index.html' });
const APP_URL = 'file:///app/out/renderer/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle: (channel: string, handler: InvokeHandler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const mainFrame = (url: string) => ({ senderFrame: { url, parent: null } });

describe('registerIpcBridge', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('registers exactly one invoke channel and removes it on dispose', () => {
    const ipcMain = fakeIpcMain();
    const dispose = registerIpcBridge(ipcMain as never, vi.fn(), page);
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches a call from the app’s main frame to the real handler table', async () => {
    app = await createTestApp();
    const ipcMain = fakeIpcMain();
    registerIpcBridge(ipcMain as never, app.dispatch, page);
    const result = (await ipcMain.handlers.get(INVOKE_CHANNEL)!(mainFrame(`${APP_URL}#/settings`), 'settings:get', undefined)) as { ok: boolean; value: { currency: string } };
    expect(result.ok).toBe(true);
    expect(result.value.currency).toBe('USD');
  });

  it.each([
    ['a foreign page', mainFrame('https://evil.example/')],
    ['another local file', mainFrame('file:///tmp/index.html')],
    ['a sub-frame of the app page', { senderFrame: { url: APP_URL, parent: { url: APP_URL } } }],
    ['a destroyed frame', { senderFrame: null }],
    [
      'a frame that throws when read',
      {
        get senderFrame() {
          throw new Error('Render frame was disposed');
        },
      },
    ],
  ])('refuses %s with FORBIDDEN_SENDER before anything runs', async (_label, event) => {
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 'ran' }));
    const ipcMain = fakeIpcMain();
    registerIpcBridge(ipcMain as never, dispatch, page);
    const result = await ipcMain.handlers.get(INVOKE_CHANNEL)!(event, 'settings:update', { theme: 'dark' });
    expect(result).toEqual(FORBIDDEN_SENDER_RESULT);
    expect((result as { error: { code: string } }).error.code).toBe('FORBIDDEN_SENDER');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes bad input through the dispatcher’s validation', async () => {
    app = await createTestApp();
    const ipcMain = fakeIpcMain();
    registerIpcBridge(ipcMain as never, app.dispatch, page);
    const result = (await ipcMain.handlers.get(INVOKE_CHANNEL)!(mainFrame(APP_URL), 'settings:update', { theme: 'neon' })) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INVALID_INPUT');
  });
});

describe('forwardEvents', () => {
  function fakeContents(url: string) {
    return { sent: [] as unknown[][], destroyed: false, send(...args: unknown[]) { this.sent.push(args); }, isDestroyed() { return this.destroyed; }, getURL: () => url };
  }

  it('sends bus events to the app page on the one event channel', () => {
    const bus = new EventBus();
    const contents = fakeContents(`${APP_URL}#/`);
    forwardEvents(bus, () => contents as never, page);
    bus.emit('event:navigate', { page: '/alerts' });
    expect(contents.sent).toEqual([[EVENT_CHANNEL, 'event:navigate', { page: '/alerts' }]]);
  });

  it('sends nothing to a page that is not the app', () => {
    const bus = new EventBus();
    const foreign = fakeContents('https://evil.example/');
    forwardEvents(bus, () => foreign as never, page);
    bus.emit('event:navigate', { page: '/' });
    expect(foreign.sent).toEqual([]);
  });

  it('sends nothing to a destroyed window, nor when there is no window', () => {
    const bus = new EventBus();
    const own = fakeContents(APP_URL);
    own.destroyed = true;
    forwardEvents(bus, () => own as never, page);
    forwardEvents(bus, () => undefined, page);
    bus.emit('event:navigate', { page: '/' });
    expect(own.sent).toEqual([]);
  });

  it('stops forwarding once unsubscribed', () => {
    const bus = new EventBus();
    const own = fakeContents(APP_URL);
    const stop = forwardEvents(bus, () => own as never, page);
    stop();
    bus.emit('event:navigate', { page: '/' });
    expect(own.sent).toEqual([]);
  });
});
