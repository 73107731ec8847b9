import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the app's own page lives: the built file in out/renderer, or (only in an
 * unpackaged `npm start`) electron-vite's dev server on the loopback interface. Nothing
 * else is ever loaded into a window, and only this page may call main.
 */
export type AppPage =
  | { kind: 'file'; url: string; filePath: string }
  | { kind: 'dev'; url: string; origin: string };

export interface ResolveAppPageOptions {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** Absolute path of out/renderer/index.html. */
  rendererIndexFile: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolveAppPage(options: ResolveAppPageOptions): AppPage {
  const dev = options.isPackaged ? undefined : loopbackDevServer(options.devServerUrl);
  if (dev) return { kind: 'dev', url: dev.toString(), origin: dev.origin };
  return { kind: 'file', url: pathToFileURL(options.rendererIndexFile).toString(), filePath: options.rendererIndexFile };
}

/** A dev server URL is honoured only on http://localhost (or 127.0.0.1 / ::1): never a remote page. */
function loopbackDevServer(raw: string | undefined): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL is the app's own page. The built page is one file: same path, any hash
 * (the renderer routes with the hash). The dev server serves the page for every path of
 * its origin.
 */
export function isAppPageUrl(url: string | undefined | null, page: AppPage): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return parsed.origin === page.origin;
  const path = filePathOf(parsed);
  return path !== undefined && path === resolve(page.filePath);
}

/**
 * The local path a file: URL points to, or undefined. Paths are compared rather than URL
 * text, since Chromium and Node percent-encode some characters differently.
 */
export function filePathOf(url: URL): string | undefined {
  if (url.protocol !== 'file:') return undefined;
  try {
    const bare = new URL(url.href);
    bare.hash = '';
    bare.search = '';
    return resolve(fileURLToPath(bare));
  } catch {
    return undefined; // a file URL with a host (UNC on POSIX) or an encoded slash
  }
}
