import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('accounts and sync channels refuse bad input before any upstream call', () => {
  it.each([
    ['an unknown field', { provider: 'whozex', name: 'W', apiKey: 'wx_live_12345678', extra: 1 }, undefined],
    ['an unknown provider', { provider: 'acme', name: 'W', apiKey: 'wx_live_12345678' }, 'provider'],
    ['a base URL that is not http(s)', { provider: 'whozex', name: 'W', apiKey: 'wx_live_12345678', baseUrl: 'ftp://x.example/v1' }, 'baseUrl'],
    ['a key with spaces', { provider: 'whozex', name: 'W', apiKey: 'wx_live 1234 5678' }, 'apiKey'],
    ['an empty name', { provider: 'whozex', name: '   ', apiKey: 'wx_live_12345678' }, 'name'],
  ])('accounts:add refuses %s', async (_what, input, field) => {
    app = await createTestApp();
    const result = await app.dispatch('accounts:add', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (field && !result.ok) expect(result.error.field).toBe(field);
    expect(app.ctx.ledger.sqlite.prepare('SELECT count(*) FROM provider_accounts').pluck().get()).toBe(0);
  });

  it('sync:run refuses an account that does not exist', async () => {
    app = await createTestApp();
    expect(await app.dispatch('sync:run', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.dispatch('sync:run', {})).toEqual({ ok: true, value: [] });
    expect(await app.dispatch('sync:status', undefined)).toEqual({ ok: true, value: { accounts: [], openConflicts: 0 } });
  });
});
