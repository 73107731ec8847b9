import type { Session } from 'electron';
import type { AppPage } from './app-page';
import { contentSecurityPolicy, withCspHeader } from './content-security-policy';
import { denyAllPermissions } from './permissions';
import { isAllowedRequestUrl } from './request-policy';

type GuardableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

const guarded = new WeakSet<object>();

/**
 * Hardens a session once: permissions denied, requests limited to the app's own files
 * (no remote content), the CSP sent as a response header, downloads refused.
 */
export function guardSession(session: GuardableSession, page: AppPage): void {
  if (guarded.has(session)) return;
  guarded.add(session);
  denyAllPermissions(session);
  const policy = contentSecurityPolicy(page.kind === 'dev' ? { devServerOrigin: page.origin } : {});
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, page) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, policy) });
  });
  // Exports are written by main to a path the user picks; the page never downloads.
  session.on('will-download', (event) => event.preventDefault());
}
