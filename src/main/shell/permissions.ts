import type { Session } from 'electron';

/**
 * The app needs no web permission: no camera, microphone, geolocation, notifications
 * (main raises them natively), clipboard read, HID, serial, USB or fullscreen requests
 * from the page. Every request and every check is refused.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
