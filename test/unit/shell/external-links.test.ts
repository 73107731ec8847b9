import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { isAllowedExternalUrl, openExternalSafely } = await import('../../../src/main/shell/external-links');

describe('isAllowedExternalUrl', () => {
  it.each(['https://proxies.sx/dashboard', 'http://example.com/a?b=c#d', 'https://whozex.com:8443/path'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'reseller-desk://open',
    'vbscript:msgbox',
    'ftp://example.com/file',
    'https://paypal.com@evil.example/',
    'https://user:pass@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://example.com' })).toBe(false);
  });
});

describe('openExternalSafely', () => {
  beforeEach(() => openExternal.mockClear());

  it('opens http and https links in the browser', async () => {
    expect(await openExternalSafely('https://proxies.sx/docs')).toBe(true);
    expect(await openExternalSafely('http://example.com/')).toBe(true);
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://proxies.sx/docs', 'http://example.com/']);
  });

  it('never hands a file:, javascript:, data: or custom-scheme link to the OS', async () => {
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'data:text/html,x', 'zoommtg://join']) {
      expect(await openExternalSafely(url)).toBe(false);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});
