import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../src/main/providers/http/http-client';
import { mapUpstreamFailure, type UpstreamErrorInfo } from '../../../src/main/providers/upstream-errors';

const res = (status: number, extra: Partial<HttpResponse> = {}): HttpResponse => ({
  status,
  headers: {},
  text: '',
  requestId: 'req_1',
  retryAfterMs: null,
  mutation: false,
  attempts: 1,
  ...extra,
});
const info = (code: string | null, message: string | null, extra: Record<string, string> = {}, field: string | null = null): UpstreamErrorInfo => ({
  code,
  message,
  field,
  extra,
});
const wzx = { upstream: 'Whozex', accountName: 'Main Whozex', subject: 'this package' };
const psx = { upstream: 'Proxies.sx', accountName: 'PSX main', subject: 'this port' };

describe('upstream failures become actionable AppErrors', () => {
  it('INSUFFICIENT_BALANCE from the Whozex seed message, with the shortfall', () => {
    const e = mapUpstreamFailure(res(402), info('INSUFFICIENT_BALANCE', 'User balance ($5.00) is insufficient. Cost: $20.00'), wzx);
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.message).toBe("This customer's Whozex balance ($5.00) is too low for this package ($20.00). Top up the customer at least $15.00.");
    expect(e.details).toMatchObject({ balance: 500, required: 2000, shortfall: 1500, balanceOf: 'customer' });
  });

  it('INSUFFICIENT_BALANCE on the reseller balance reads "Your … balance"', () => {
    const e = mapUpstreamFailure(res(402), info('INSUFFICIENT_BALANCE', 'Reseller balance ($5.00) is insufficient. Amount: $20.00'), wzx);
    expect(e.message).toBe('Your Whozex balance ($5.00) is too low for this package ($20.00). Top up at least $15.00.');
  });

  it('INSUFFICIENT_BALANCE when the upstream names the cost before the balance', () => {
    const e = mapUpstreamFailure(
      res(402),
      info('INSUFFICIENT_BALANCE', 'Insufficient reseller balance: a 365-day port costs $1,095.00 but your balance is $340.00.'),
      psx,
    );
    expect(e.message).toBe('Your Proxies.sx balance ($340.00) is too low for this port ($1,095.00). Top up at least $755.00.');
    expect(e.details).toMatchObject({ balance: 34000, required: 109500, shortfall: 75500 });
  });

  it('INSUFFICIENT_BALANCE without numbers still says what to do', () => {
    const e = mapUpstreamFailure(res(402), info(null, null), wzx);
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.message).toMatch(/Top up, then try again/);
  });

  it('QUOTA_EXCEEDED carries the numbers', () => {
    const e = mapUpstreamFailure(res(403), info('QUOTA_EXCEEDED', 'Customer has used 10/10 port slots'), psx);
    expect(e.code).toBe('QUOTA_EXCEEDED');
    expect(e.message).toContain('(10 of 10 used)');
    expect(e.details).toMatchObject({ used: 10, allocated: 10 });
  });

  it('401 → INVALID_API_KEY naming the account, never echoing upstream text', () => {
    const e = mapUpstreamFailure(res(401), info('INVALID_API_KEY', 'key wx_live_abc is invalid'), wzx);
    expect(e.code).toBe('INVALID_API_KEY');
    expect(e.message).toBe("The API key for 'Main Whozex' was rejected. Paste a new key in Settings (Upstream accounts → Edit).");
  });

  it('403 names the missing scope', () => {
    const e = mapUpstreamFailure(res(403), info('INSUFFICIENT_SCOPE', 'This API key lacks the required scope: ports:write'), psx);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain("'ports:write'");
    expect(e.details).toMatchObject({ scope: 'ports:write' });
  });

  it('409 duplicate email → CONFLICT on the email field', () => {
    const e = mapUpstreamFailure(res(409), info('EMAIL_TAKEN', 'A user with email a@b.c already exists'), wzx);
    expect(e.code).toBe('CONFLICT');
    expect(e.field).toBe('email');
  });

  it('429 and 503 carry the retry time', () => {
    const r = mapUpstreamFailure(res(429, { retryAfterMs: 3000 }), info(null, null), wzx);
    expect(r.code).toBe('RATE_LIMITED');
    expect(r.details).toMatchObject({ retryAfterMs: 3000 });
    expect(r.message).toContain('3 seconds');
    const u = mapUpstreamFailure(res(503, { retryAfterMs: 1000 }), info(null, null), wzx);
    expect(u.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(u.details).toMatchObject({ retryAfterMs: 1000 });
  });

  it('a 5xx is never a refusal, whatever its text or code says: on a change the outcome is unknown', () => {
    for (const [status, code, message] of [
      [500, null, 'Customer has used all port slots (3/3)'],
      [502, 'QUOTA_EXCEEDED', 'quota exceeded'],
      [500, 'INSUFFICIENT_BALANCE', 'User balance ($5.00) is insufficient. Cost: $20.00'],
      [503, null, 'insufficient reseller balance'],
      [504, 'EMAIL_TAKEN', 'email taken'],
    ] as const) {
      const e = mapUpstreamFailure(res(status, { mutation: true }), info(code, message), psx);
      expect(e.code, `${status} ${message}`).toBe('UPSTREAM_OUTCOME_UNKNOWN');
      expect(e.message).not.toMatch(/nothing was charged/i);
    }
    expect(mapUpstreamFailure(res(500), info('QUOTA_EXCEEDED', 'port slots'), psx).code).toBe('UPSTREAM_ERROR');
  });

  it('500 on a mutation is outcome-unknown; on a read it is UPSTREAM_ERROR', () => {
    expect(mapUpstreamFailure(res(500, { mutation: true }), info(null, null), wzx).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(mapUpstreamFailure(res(502, { mutation: true }), info(null, null), wzx).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(mapUpstreamFailure(res(500), info(null, null), wzx).code).toBe('UPSTREAM_ERROR');
  });

  it('400 → INVALID_INPUT with the field; upstream text is single-line and bounded', () => {
    const e = mapUpstreamFailure(res(400), info('MISSING_FIELD', 'gb is required\n    at Object.<anonymous> (/srv/app.js:1:1)', {}, 'gb'), wzx);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('gb');
    expect(e.message).not.toContain('\n');
    expect(e.message).not.toContain('/srv/app.js');
  });

  it('an unknown route is a protocol problem, not a missing item', () => {
    const e = mapUpstreamFailure(res(404), info('ROUTE_NOT_FOUND', 'Cannot GET /v2/x'), psx);
    expect(e.code).toBe('UPSTREAM_PROTOCOL');
  });
});
