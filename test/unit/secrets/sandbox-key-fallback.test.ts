import { describe, expect, it } from 'vitest';
import { SandboxKeyFallback } from '../../../src/main/secrets/sandbox-key-fallback';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { AppError } from '../../../src/shared/errors';
import { MemorySecretStore } from '../../support/memory-secrets';

/** Every call fails as KeychainSecretStore's do without a Secret Service. */
const noKeychain: SecretStore = {
  set: async () => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', 'no keychain');
  },
  get: async () => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', 'no keychain');
  },
  delete: async () => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', 'no keychain');
  },
  list: async () => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', 'no keychain');
  },
};

describe('SandboxKeyFallback', () => {
  it('without a keychain holds only the sandbox’s published keys and sandbox accounts’ secrets; a real key is refused', async () => {
    const store = new SandboxKeyFallback(noKeychain, (id) => id === 'sandbox-account');
    expect(await store.probe()).toBe(false);
    expect(store.keychain.available).toBe(false);
    store.admitPublicKey('psx_sandbox_public');
    await store.set('account:new-id:api-key', 'psx_sandbox_public');
    expect(await store.get('account:new-id:api-key')).toBe('psx_sandbox_public');
    await store.set('account:sandbox-account:webhook:w1', 'whsec_for_the_sandbox');
    expect(await store.get('account:sandbox-account:webhook:w1')).toBe('whsec_for_the_sandbox');
    await expect(store.set('account:real:api-key', 'psx_real_key_never_in_memory')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(store.get('account:real:api-key')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await store.list()).toEqual(['account:new-id:api-key', 'account:sandbox-account:webhook:w1']);
    expect(await store.delete('account:sandbox-account:webhook:w1')).toBe(true);
    expect(await store.get('account:sandbox-account:webhook:w1')).toBeNull();
  });

  it('with a keychain stores everything there as before, and serves a sandbox account the key the sandbox handed over', async () => {
    const keychain = new MemorySecretStore();
    const store = new SandboxKeyFallback(keychain, () => false);
    expect(await store.probe()).toBe(true);
    await store.set('account:real:api-key', 'wx_live_real');
    expect(keychain.values.get('account:real:api-key')).toBe('wx_live_real');
    store.hold('account:sbx:api-key', 'wx_sandbox_current');
    await keychain.set('account:sbx:api-key', 'wx_sandbox_old');
    expect(await store.get('account:sbx:api-key')).toBe('wx_sandbox_current');
  });
});
