import type { BrowserWindow } from 'electron';

type ClosableWindow = Pick<BrowserWindow, 'on' | 'hide'>;

/**
 * Run minimized to tray: while `shouldHide()` says so (the setting is on and the tray
 * exists), closing the window hides it and the app keeps polling and alerting. A real
 * quit (tray menu, Cmd+Q, OS shutdown) sets `isQuitting` first so the window closes.
 */
export function installCloseToTray(window: ClosableWindow, options: { shouldHide: () => boolean; isQuitting: () => boolean }): void {
  window.on('close', (event) => {
    if (options.isQuitting() || !options.shouldHide()) return;
    event.preventDefault();
    window.hide();
  });
}
