import { describe, expect, it } from 'vitest';
import { assertWebhookUrl, isSandboxAccount } from '../../../src/main/webhooks/webhook-url';

describe('webhook addresses', () => {
  it('takes https for every account, and http only to loopback for a sandbox', () => {
    expect(() => assertWebhookUrl('https://tunnel.example.net/hooks/a/b', false, 'Whozex')).not.toThrow();
    expect(() => assertWebhookUrl('https://tunnel.example.net/hooks/a/b', true, 'Whozex')).not.toThrow();
    for (const ok of ['http://127.0.0.1:4460/hooks/a/b', 'http://[::1]:4460/hooks/a/b', 'http://localhost:4460/x']) {
      expect(() => assertWebhookUrl(ok, true, 'Whozex')).not.toThrow();
    }
    expect(() => assertWebhookUrl('http://127.0.0.1:4460/hooks/a/b', false, 'Whozex')).toThrow(/real account must go to an https:\/\//);
    expect(() => assertWebhookUrl('http://192.168.1.5:4460/hooks/a/b', true, 'Whozex')).toThrow(/only to this computer/);
    expect(() => assertWebhookUrl('http://127.0.0.1.example.net/x', true, 'Whozex')).toThrow(/only to this computer/);
    expect(() => assertWebhookUrl('ftp://127.0.0.1/x', true, 'Whozex')).toThrow();
  });

  it('counts an account whose upstream answers on this computer as a sandbox', () => {
    expect(isSandboxAccount({ is_sandbox: 1, base_url: 'https://api.whozex.com/v1' })).toBe(true);
    expect(isSandboxAccount({ is_sandbox: 0, base_url: 'http://127.0.0.1:4010/v1' })).toBe(true);
    expect(isSandboxAccount({ is_sandbox: 0, base_url: 'https://api.proxies.sx/v1' })).toBe(false);
  });
});
