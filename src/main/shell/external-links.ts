import { shell } from 'electron';

const MAX_URL_LENGTH = 2048;

/**
 * Which links may leave the app for the user's browser: http and https only, with a
 * host and without embedded credentials. file:, javascript:, data:, smb:, custom
 * schemes and the like could run programs or read files on the user's machine.
 */
export function isAllowedExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.hostname.length === 0) return false;
  // "https://paypal.com@evil.example" reads as one site and goes to another.
  if (parsed.username !== '' || parsed.password !== '') return false;
  return true;
}

/**
 * THE audited way out of the app: every link opened in the user's browser (window.open,
 * a clicked link, the `app:open-external` channel, a notification) goes through here.
 * Returns whether the link was opened.
 */
export async function openExternalSafely(url: unknown): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(new URL(url).toString());
  return true;
}
