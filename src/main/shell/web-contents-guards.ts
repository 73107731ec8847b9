import type { WebContents } from 'electron';
import { openExternalSafely } from './external-links';

type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

const guarded = new WeakSet<object>();

/**
 * Applied to every webContents the app creates (app 'web-contents-created'): the page
 * never navigates away, is never redirected, attaches no <webview> and opens no window.
 * A link to an http(s) site goes to the user's browser through the one audited helper;
 * anything else is simply dropped.
 */
export function guardWebContents(contents: GuardableContents, openExternal: (url: string) => Promise<unknown> = openExternalSafely): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const toBrowser = (url: string) => {
    void openExternal(url).catch(() => {
      // A browser that fails to start is not the page's business.
    });
  };
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    toBrowser(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    toBrowser(url);
    return { action: 'deny' };
  });
}
