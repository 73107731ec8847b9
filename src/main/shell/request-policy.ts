import { dirname, isAbsolute, relative } from 'node:path';
import { filePathOf, type AppPage } from './app-page';

/**
 * Which requests the window's session lets through: the app's own files (the folder of
 * the built page), inline data: and blob: URLs, devtools, and in dev the loopback dev
 * server (http and its hot-reload websocket). Everything else, remote hosts and other
 * local files alike, is cancelled: the page talks to the world only through main.
 */
export function isAllowedRequestUrl(url: string, page: AppPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'file:': {
      if (page.kind !== 'file') return false;
      const path = filePathOf(parsed);
      if (path === undefined) return false;
      // Inside the renderer's folder: a relative path that does not climb out of it.
      const inside = relative(dirname(page.filePath), path);
      return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
    }
    case 'http:':
    case 'ws:':
      return page.kind === 'dev' && parsed.host === new URL(page.origin).host;
    default:
      return false;
  }
}
