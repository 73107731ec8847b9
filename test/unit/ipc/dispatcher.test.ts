import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../../src/shared/contract';
import { createTestApp, type TestApp } from '../../support/app';

describe('IPC validate-and-dispatch', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  it('answers a valid call with { ok: true, value }', async () => {
    const result = await app.dispatch('settings:get', undefined);
    expect(result).toEqual({ ok: true, value: { theme: 'system', pollIntervalMinutes: 5, currency: 'USD', minimizeToTray: false } });
  });

  it('refuses invalid input with INVALID_INPUT naming the field and the reason, and changes nothing', async () => {
    const result = await app.dispatch('settings:update', { theme: 'purple' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.field).toBe('theme');
    expect(result.error.message).toMatch(/^theme: /);
    expect((await app.dispatch('settings:get', undefined)).ok && (await app.ctx.settings.get()).theme).toBe('system');
  });

  it('refuses unknown fields rather than ignoring them', async () => {
    const result = await app.dispatch('settings:update', { theme: 'dark', isAdmin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses channels that are not in the contract, including prototype names', async () => {
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await app.dispatch(name, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('never lets a stack trace or internal message cross: unexpected errors become INTERNAL', async () => {
    await app.ctx.ledger.close(); // every query now throws "The database connection is not open"
    const result = await app.dispatch('settings:get', undefined);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toMatch(/database connection|at .*\.ts|node_modules/);
    app = await createTestApp(); // afterEach closes a fresh one
  });

  it('persists settings in the ledger file and pushes a settings-changed event', async () => {
    const seen: unknown[] = [];
    app.ctx.bus.subscribe((name, payload) => seen.push([name, payload]));
    const result = await app.dispatch('settings:update', { theme: 'dark' });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(seen).toEqual([['event:settings-changed', expect.objectContaining({ theme: 'dark' })]]);
    const row = app.ctx.ledger.sqlite.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get();
    expect(row).toBe('"dark"');
  });

  it('has a handler for every channel of the contract', async () => {
    const { createHandlers } = await import('../../../src/main/ipc/handlers');
    const handlers = createHandlers(app.ctx);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });
});
