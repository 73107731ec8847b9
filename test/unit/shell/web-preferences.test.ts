import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../src/main/shell/web-preferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it('isolates and sandboxes the page, without Node', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and experimental features, webviews and insecure content off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('loads the single-file CJS preload bundle', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('does not fetch spellcheck dictionaries from the network', () => {
    expect(prefs.spellcheck).toBe(false);
  });
});
