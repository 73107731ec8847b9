import { describe, expect, it, vi } from 'vitest';
import { resolveAppPage } from '../../../src/main/shell/app-page';
import { denyAllPermissions } from '../../../src/main/shell/permissions';
import { guardSession } from '../../../src/main/shell/session-guards';
import { FakeEmitter, fakeEvent } from './fakes';

type Handler = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

class FakeSession extends FakeEmitter {
  request: Handler | undefined;
  check: Handler | undefined;
  device: Handler | undefined;
  beforeRequest: Handler | undefined;
  headersReceived: Handler | undefined;
  setPermissionRequestHandler(h: Handler) {
    this.request = h;
  }
  setPermissionCheckHandler(h: Handler) {
    this.check = h;
  }
  setDevicePermissionHandler(h: Handler) {
    this.device = h;
  }
  webRequest = {
    onBeforeRequest: (h: Handler) => {
      this.beforeRequest = h;
    },
    onHeadersReceived: (h: Handler) => {
      this.headersReceived = h;
    },
  };
}

const page = resolveAppPage({ isPackaged: true, devServerUrl: undefined, rendererIndexFile: '/app/out/renderer/index.html' });
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown'];

describe('denyAllPermissions', () => {
  it('refuses every permission request and every permission check', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      session.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.check?.({}, permission, 'file://', {})).toBe(false);
    }
    expect(session.device?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});

describe('guardSession', () => {
  it('denies permissions, cancels remote requests and sends the CSP header', () => {
    const session = new FakeSession();
    guardSession(session as never, page);
    const callback = vi.fn();
    session.request?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);

    const decisions: unknown[] = [];
    session.beforeRequest?.({ url: 'https://tracker.example/pixel.gif' }, (r: unknown) => decisions.push(r));
    session.beforeRequest?.({ url: 'file:///app/out/renderer/assets/index.js' }, (r: unknown) => decisions.push(r));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);

    let headers: Record<string, string[]> | undefined;
    session.headersReceived?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: { responseHeaders: Record<string, string[]> }) => {
      headers = r.responseHeaders;
    });
    expect(headers?.['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self';/);
    expect(headers?.['Content-Type']).toEqual(['text/html']);
  });

  it('refuses downloads', () => {
    const session = new FakeSession();
    guardSession(session as never, page);
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
