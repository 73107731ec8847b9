import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { guardWebContents } = await import('../../../src/main/shell/web-contents-guards');
import { FakeEmitter, fakeEvent } from './fakes';

class FakeContents extends FakeEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const openExternal = vi.fn(async (url: string) => {
    opened.push(url);
    return true;
  });
  guardWebContents(contents as never, openExternal);
  return { contents, opened, openExternal };
}

describe('guardWebContents', () => {
  it('blocks every navigation of the page; an http(s) link goes to the audited helper instead', () => {
    const { contents, openExternal } = guarded();
    const toSite = fakeEvent({ url: 'https://proxies.sx/' });
    const toFile = fakeEvent({ url: 'file:///etc/passwd' });
    contents.emit('will-navigate', toSite);
    contents.emit('will-navigate', toFile);
    expect(toSite.defaultPrevented).toBe(true);
    expect(toFile.defaultPrevented).toBe(true);
    // The guard hands every URL to the helper, which alone decides (and refuses file:).
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://proxies.sx/', 'file:///etc/passwd']);
  });

  it('blocks redirects, sub-frame navigations and <webview> attachment', () => {
    const { contents } = guarded();
    const redirect = fakeEvent({ url: 'https://evil.example/' });
    const subFrame = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    const webview = fakeEvent();
    contents.emit('will-redirect', redirect);
    contents.emit('will-frame-navigate', subFrame);
    contents.emit('will-attach-webview', webview, {}, {});
    expect([redirect, subFrame, webview].map((e) => e.defaultPrevented)).toEqual([true, true, true]);
  });

  it('denies window.open and opens the link through the helper', () => {
    const { contents, opened } = guarded();
    expect(contents.openHandler?.({ url: 'https://whozex.com/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://whozex.com/docs', 'javascript:alert(1)']);
  });

  it('uses openExternalSafely by default, so a refused scheme never reaches the OS', async () => {
    const electron = await import('electron');
    const contents = new FakeContents();
    guardWebContents(contents as never);
    contents.openHandler?.({ url: 'file:///C:/Windows/System32/calc.exe' });
    contents.emit('will-navigate', fakeEvent({ url: 'smb://attacker/share' }));
    contents.openHandler?.({ url: 'https://example.com/' });
    await Promise.resolve();
    expect(vi.mocked(electron.shell.openExternal).mock.calls.map((c) => c[0])).toEqual(['https://example.com/']);
  });

  it('guards a webContents only once', () => {
    const { contents } = guarded();
    guardWebContents(contents as never);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
  });
});
