import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../../src/main/secrets/keychain-store';

/**
 * Against the real Secret Service (npm test runs under dbus-run-session with an unlocked
 * gnome-keyring). A unique service name per run keeps parallel runs and a developer's
 * own keychain apart.
 */
const service = `reseller-desk-test-${randomUUID()}`;
const store = new KeychainSecretStore(service);
const root = join(import.meta.dirname, '..', '..', '..');

describe('KeychainSecretStore (real Secret Service)', () => {
  afterAll(async () => {
    for (const name of await store.list().catch(() => [])) await store.delete(name);
  });

  it('sets, reads, lists and deletes a secret', async () => {
    await store.set('account:a1:api-key', 'psx_secret_value_1234');
    await store.set('account:a2:api-key', 'wx_live_other_5678');
    expect(await store.get('account:a1:api-key')).toBe('psx_secret_value_1234');
    expect(await store.list()).toEqual(['account:a1:api-key', 'account:a2:api-key']);

    await store.set('account:a1:api-key', 'psx_replaced_9999');
    expect(await store.get('account:a1:api-key')).toBe('psx_replaced_9999');

    expect(await store.delete('account:a1:api-key')).toBe(true);
    expect(await store.get('account:a1:api-key')).toBeNull();
    expect(await store.delete('account:a1:api-key')).toBe(false);
    expect(await store.list()).toEqual(['account:a2:api-key']);
  });

  it('answers null for a name that was never stored', async () => {
    expect(await store.get('account:never:api-key')).toBeNull();
  });

  it('refuses an empty secret', async () => {
    await expect(store.set('account:x:api-key', '')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('fails with KEYCHAIN_UNAVAILABLE, never a plaintext fallback, when there is no D-Bus session', () => {
    // A child process, because the keyring library keeps its D-Bus connection per process.
    const script = `
      import { KeychainSecretStore } from './src/main/secrets/keychain-store.ts';
      const store = new KeychainSecretStore('reseller-desk-test-nobus');
      const results = {};
      for (const [name, run] of Object.entries({
        set: () => store.set('k', 'psx_should_not_land'),
        get: () => store.get('k'),
        list: () => store.list(),
        delete: () => store.delete('k'),
      })) {
        try { results[name] = { ok: true, value: await run() }; }
        catch (e) { results[name] = { ok: false, code: e.code, message: e.message }; }
      }
      process.stdout.write(JSON.stringify(results));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const results = JSON.parse(child.stdout) as Record<string, { ok: boolean; code?: string; message?: string }>;
    for (const op of ['set', 'get', 'list', 'delete']) {
      expect(results[op], op).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
      expect(results[op]!.message).not.toContain('psx_should_not_land');
    }
  });
});
