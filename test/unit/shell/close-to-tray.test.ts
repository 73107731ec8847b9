import { describe, expect, it, vi } from 'vitest';
import { installCloseToTray } from '../../../src/main/shell/close-to-tray';
import { FakeEmitter, fakeEvent } from './fakes';

class FakeWindow extends FakeEmitter {
  hide = vi.fn();
}

describe('installCloseToTray', () => {
  it('hides the window instead of closing it when running minimized to tray', () => {
    const window = new FakeWindow();
    installCloseToTray(window as never, { shouldHide: () => true, isQuitting: () => false });
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.hide).toHaveBeenCalledOnce();
  });

  it('closes normally when the setting is off', () => {
    const window = new FakeWindow();
    installCloseToTray(window as never, { shouldHide: () => false, isQuitting: () => false });
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
    expect(window.hide).not.toHaveBeenCalled();
  });

  it('closes when the app is really quitting, even with the setting on', () => {
    const window = new FakeWindow();
    installCloseToTray(window as never, { shouldHide: () => true, isQuitting: () => true });
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });
});
