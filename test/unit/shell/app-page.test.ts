import { describe, expect, it } from 'vitest';
import { isAppPageUrl, resolveAppPage } from '../../../src/main/shell/app-page';
import { isAllowedSender } from '../../../src/main/shell/sender-check';
import { isAllowedRequestUrl } from '../../../src/main/shell/request-policy';

const filePage = resolveAppPage({ isPackaged: true, devServerUrl: undefined, rendererIndexFile: '/opt/Reseller Desk/resources/app.asar/out/renderer/index.html' });
const devPage = resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173/', rendererIndexFile: '/repo/out/renderer/index.html' });

describe('resolveAppPage', () => {
  it('loads the built file in a packaged app, even when a dev server URL is set', () => {
    const page = resolveAppPage({ isPackaged: true, devServerUrl: 'http://localhost:5173', rendererIndexFile: '/app/out/renderer/index.html' });
    expect(page).toEqual({ kind: 'file', url: 'file:///app/out/renderer/index.html', filePath: '/app/out/renderer/index.html' });
  });

  it('uses the dev server in an unpackaged run', () => {
    expect(devPage).toEqual({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('never loads a remote page as the dev server', () => {
    for (const devServerUrl of ['https://evil.example', 'http://192.168.1.5:5173', 'file:///tmp/x.html', 'nonsense']) {
      expect(resolveAppPage({ isPackaged: false, devServerUrl, rendererIndexFile: '/r/index.html' }).kind).toBe('file');
    }
  });
});

describe('isAppPageUrl / isAllowedSender', () => {
  const pageUrl = filePage.url;

  it('recognises the built page with any hash route', () => {
    expect(isAppPageUrl(pageUrl, filePage)).toBe(true);
    expect(isAppPageUrl(`${pageUrl}#/customers/c_1`, filePage)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isAppPageUrl('file:///opt/Reseller%20Desk/resources/app.asar/out/renderer/other.html', filePage)).toBe(false);
    expect(isAppPageUrl('file:///tmp/index.html', filePage)).toBe(false);
    expect(isAppPageUrl('https://evil.example/out/renderer/index.html', filePage)).toBe(false);
    expect(isAppPageUrl('about:blank', filePage)).toBe(false);
    expect(isAppPageUrl('', filePage)).toBe(false);
  });

  it('accepts the main frame of the app page only', () => {
    expect(isAllowedSender({ url: pageUrl, parent: null }, filePage)).toBe(true);
    expect(isAllowedSender({ url: pageUrl, parent: { url: pageUrl } }, filePage)).toBe(false);
    expect(isAllowedSender({ url: 'https://evil.example/', parent: null }, filePage)).toBe(false);
    expect(isAllowedSender(null, filePage)).toBe(false);
  });

  it('in dev accepts the dev server origin on any route, nothing else', () => {
    expect(isAllowedSender({ url: 'http://localhost:5173/customers', parent: null }, devPage)).toBe(true);
    expect(isAllowedSender({ url: 'http://localhost:5174/', parent: null }, devPage)).toBe(false);
    expect(isAllowedSender({ url: 'file:///repo/out/renderer/index.html', parent: null }, devPage)).toBe(false);
  });
});

describe('isAllowedRequestUrl (no remote content)', () => {
  it('lets the page load its own files and inline data', () => {
    expect(isAllowedRequestUrl('file:///opt/Reseller%20Desk/resources/app.asar/out/renderer/assets/index-1.js', filePage)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', filePage)).toBe(true);
  });

  it('cancels remote hosts and local files outside the renderer folder', () => {
    expect(isAllowedRequestUrl('https://cdn.example/lib.js', filePage)).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:8080/', filePage)).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd', filePage)).toBe(false);
    expect(isAllowedRequestUrl('file:///opt/Reseller%20Desk/resources/app.asar/out/renderer/../../secret', filePage)).toBe(false);
    expect(isAllowedRequestUrl('wss://evil.example/socket', filePage)).toBe(false);
  });

  it('in dev admits the dev server and its socket only', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', devPage)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', devPage)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:9999/', devPage)).toBe(false);
    expect(isAllowedRequestUrl('file:///repo/out/renderer/index.html', devPage)).toBe(false);
  });
});

describe('file URLs are compared as paths, not as text', () => {
  it('accepts the page whatever the percent-encoding of its path', () => {
    const page = resolveAppPage({ isPackaged: true, devServerUrl: undefined, rendererIndexFile: "/opt/Reseller Desk (beta)/out/renderer/index.html" });
    expect(isAppPageUrl('file:///opt/Reseller%20Desk%20(beta)/out/renderer/index.html#/', page)).toBe(true);
    expect(isAppPageUrl('file:///opt/Reseller%20Desk%20%28beta%29/out/renderer/index.html', page)).toBe(true);
    expect(isAllowedRequestUrl('file:///opt/Reseller%20Desk%20(beta)/out/renderer/assets/a.css', page)).toBe(true);
  });

  it('refuses file URLs with a host or an encoded slash', () => {
    expect(isAppPageUrl('file://server/opt/app/out/renderer/index.html', filePage)).toBe(false);
    expect(isAllowedRequestUrl('file:///opt/Reseller%20Desk/resources/app.asar/out/renderer/..%2F..%2Fsecret', filePage)).toBe(false);
  });

  it('refuses the renderer folder itself', () => {
    expect(isAllowedRequestUrl('file:///opt/Reseller%20Desk/resources/app.asar/out/renderer/', filePage)).toBe(false);
  });
});
