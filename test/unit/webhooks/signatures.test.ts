import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signProxiesSx, signWhozex, verifyProxiesSx, verifyWhozex } from '../../../src/main/webhooks/signatures';

const body = Buffer.from('{"event":"package.low_gb","data":{"package_id":"PKG-1","remaining_gb":0.9},"timestamp":"2026-01-01T00:00:00.000Z"}');
const secret = 'wxsec_test_secret';

describe('Whozex signature (seed verifyWebhook scheme)', () => {
  it('accepts exactly the seed form: sha256=<hex HMAC of the raw body>', () => {
    const header = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyWhozex(body, header, [secret])).toEqual({ ok: true });
    expect(signWhozex(body, secret)).toBe(header);
  });

  it('accepts the secret of any registration of the account', () => {
    expect(verifyWhozex(body, signWhozex(body, secret), ['wxsec_other', secret])).toEqual({ ok: true });
  });

  it('refuses missing, malformed, wrong-secret and tampered deliveries', () => {
    expect(verifyWhozex(body, undefined, [secret])).toEqual({ ok: false, reason: 'missing' });
    expect(verifyWhozex(body, 'md5=abc', [secret])).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWhozex(body, 'sha256=' + 'ab'.repeat(16), [secret])).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWhozex(body, signWhozex(body, 'wxsec_wrong'), [secret])).toEqual({ ok: false, reason: 'mismatch' });
    const tampered = Buffer.from(body.toString().replace('0.9', '9.9'));
    expect(verifyWhozex(tampered, signWhozex(body, secret), [secret])).toEqual({ ok: false, reason: 'mismatch' });
    // No secret registered: nothing can verify.
    expect(verifyWhozex(body, signWhozex(body, secret), [])).toEqual({ ok: false, reason: 'no_secret' });
  });

  it('never accepts an empty secret: anyone can compute an HMAC keyed with ""', () => {
    const forged = signWhozex(body, '');
    expect(verifyWhozex(body, forged, [''])).toEqual({ ok: false, reason: 'no_secret' });
    // Beside a real secret the empty one is ignored, not tried.
    expect(verifyWhozex(body, forged, ['', secret])).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('Proxies.sx signature (t=…,v1=… over "<t>.<raw body>")', () => {
  const whsec = 'whsec_abc123';
  const now = Date.UTC(2026, 0, 10, 12);
  const t = Math.floor(now / 1000);

  it('accepts a fresh, correctly signed delivery', () => {
    const h = signProxiesSx(body, whsec, t);
    const expected = createHmac('sha256', whsec).update(`${t}.${body.toString()}`).digest('hex');
    expect(h['X-Proxies-Signature']).toBe(`t=${t},v1=${expected}`);
    expect(verifyProxiesSx(body, { signature: h['X-Proxies-Signature'], timestamp: h['X-Proxies-Timestamp'] }, [whsec], now)).toEqual({ ok: true });
  });

  it('refuses deliveries older or newer than five minutes by the app clock', () => {
    const old = signProxiesSx(body, whsec, t - 301);
    expect(verifyProxiesSx(body, { signature: old['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'too_old' });
    const future = signProxiesSx(body, whsec, t + 301);
    expect(verifyProxiesSx(body, { signature: future['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'too_old' });
    const edge = signProxiesSx(body, whsec, t - 300);
    expect(verifyProxiesSx(body, { signature: edge['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: true });
  });

  it('refuses a timestamp header that disagrees with the signed t, and malformed headers', () => {
    const h = signProxiesSx(body, whsec, t);
    expect(verifyProxiesSx(body, { signature: h['X-Proxies-Signature'], timestamp: String(t + 1) }, [whsec], now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyProxiesSx(body, { signature: undefined, timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyProxiesSx(body, { signature: 'v1=abc', timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyProxiesSx(body, { signature: `t=${t}`, timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never accepts an empty secret', () => {
    const forged = signProxiesSx(body, '', t);
    expect(verifyProxiesSx(body, { signature: forged['X-Proxies-Signature'], timestamp: undefined }, [''], now)).toEqual({ ok: false, reason: 'no_secret' });
    expect(verifyProxiesSx(body, { signature: forged['X-Proxies-Signature'], timestamp: undefined }, ['', whsec], now)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts the design note form: no X-Proxies-Timestamp header, t only inside the signature', () => {
    const h = signProxiesSx(body, whsec, t);
    expect(verifyProxiesSx(body, { signature: h['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret or over another body', () => {
    const h = signProxiesSx(body, 'whsec_wrong', t);
    expect(verifyProxiesSx(body, { signature: h['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'mismatch' });
    const good = signProxiesSx(body, whsec, t);
    const truncated = body.subarray(0, body.length - 5);
    expect(verifyProxiesSx(truncated, { signature: good['X-Proxies-Signature'], timestamp: undefined }, [whsec], now)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
