import { afterEach, describe, expect, it } from 'vitest';
import type { Provider, ProviderKind, ProviderOptions } from '../../../src/main/providers/types';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { createProviderRegistry } from '../../../src/main/services/accounts/provider-registry';
import { MemorySecretStore } from '../../support/memory-secrets';
import { createTestApp, type TestApp } from '../../support/app';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A factory that records what it was built with; the adapters themselves are tested by their helper. */
function recordingFactory() {
  const built: { kind: ProviderKind; options: ProviderOptions; closed: boolean }[] = [];
  const factory = (kind: ProviderKind, options: ProviderOptions): Provider => {
    const entry = { kind, options, closed: false };
    built.push(entry);
    return { kind, accountName: options.accountName, close: async () => void (entry.closed = true) } as unknown as Provider;
  };
  return { built, factory };
}

describe('provider registry', () => {
  it('builds one adapter per account from its row and reads the key from the keychain', async () => {
    const secrets = new MemorySecretStore();
    app = await createTestApp({ secrets });
    const now = app.clock.now().toISOString();
    app.ctx.ledger.sqlite
      .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, key_hint, created_at, updated_at) VALUES ('a1', 'whozex', 'Main W', 'http://127.0.0.1:1/v1', 'wx_…0001', ?, ?)")
      .run(now, now);
    await secrets.set(secretNames.apiKey('a1'), 'wx_live_secret_0001');
    const { built, factory } = recordingFactory();
    const registry = createProviderRegistry({ ledger: app.ctx.ledger, secrets, clock: app.clock, factory, auth: {} as never });

    const p = registry.forAccount('a1');
    expect(registry.forAccount('a1')).toBe(p);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ kind: 'whozex', options: { accountName: 'Main W', baseUrl: 'http://127.0.0.1:1/v1' } });
    expect(await built[0]!.options.apiKey()).toBe('wx_live_secret_0001');

    await registry.invalidate('a1');
    expect(built[0]!.closed).toBe(true);
    await secrets.delete(secretNames.apiKey('a1'));
    registry.forAccount('a1');
    await expect(built[1]!.options.apiKey()).rejects.toMatchObject({ code: 'INVALID_API_KEY' });

    app.ctx.ledger.sqlite.prepare("UPDATE provider_accounts SET status = 'removed' WHERE id = 'a1'").run();
    expect(() => registry.forAccount('a1')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    await registry.close();
  });
});
