import type { WebPreferences } from 'electron';

/**
 * The one set of webPreferences every window of the app gets. The page is untrusted
 * as far as main is concerned: it runs sandboxed, isolated from the preload, without
 * Node, and can reach main only through the named functions of `window.api`.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    // Chromium's spellchecker downloads dictionaries from Google's servers on Windows and
    // Linux: the app loads no remote content, so it stays off.
    spellcheck: false,
  };
}
