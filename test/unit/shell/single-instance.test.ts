import { describe, expect, it, vi } from 'vitest';
import { acquireSingleInstance } from '../../../src/main/shell/single-instance';
import { FakeEmitter } from './fakes';

class FakeApp extends FakeEmitter {
  constructor(private readonly gotLock: boolean) {
    super();
  }
  quit = vi.fn();
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
}

describe('acquireSingleInstance', () => {
  it('quits a second instance without running anything else', () => {
    const app = new FakeApp(false);
    const focusFirst = vi.fn();
    expect(acquireSingleInstance(app as never, focusFirst)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listeners.has('second-instance')).toBe(false);
  });

  it('lets the first instance run and focuses its window when another launch happens', () => {
    const app = new FakeApp(true);
    const focusFirst = vi.fn();
    expect(acquireSingleInstance(app as never, focusFirst)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['reseller-desk'], '/home');
    expect(focusFirst).toHaveBeenCalledOnce();
  });
});
