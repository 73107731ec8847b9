import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountCheck, AccountsSummary, AccountView } from '../../../src/shared/contract/accounts';
import { createProvider } from '../../../src/main/providers';
import { KeychainSecretStore } from '../../../src/main/secrets/keychain-store';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { clearFaults, createHarness, setFaults, type Harness } from './harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const rowCount = (harness: Harness) => harness.ctx.ledger.sqlite.prepare('SELECT count(*) FROM provider_accounts').pluck().get() as number;

describe('accounts against the sandbox over HTTP', () => {
  it('adds a Proxies.sx account after the upstream accepts its key; the renderer sees only a masked hint', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', {
      provider: 'proxies-sx',
      name: 'Main Proxies.sx',
      baseUrl: h.sandbox.proxiesSx.baseUrl,
      apiKey: h.sandbox.proxiesSx.apiKey,
    });
    expect(view).toMatchObject({ provider: 'proxies-sx', name: 'Main Proxies.sx', isSandbox: false, status: 'active' });
    expect(view.keyHint).toBe(`psx_…${h.sandbox.proxiesSx.apiKey.slice(-4)}`);
    expect(JSON.stringify(await h.call('accounts:list'))).not.toContain(h.sandbox.proxiesSx.apiKey);
    expect(await h.secrets.get(secretNames.apiKey(view.id))).toBe(h.sandbox.proxiesSx.apiKey);

    const check = await h.call<AccountCheck>('accounts:test', { id: view.id });
    expect(check.upstreamBalance).toBe(50_000); // the seed's $500.00
    const caps = await h.call<{ ports: boolean; packages: boolean; rotation: boolean }>('accounts:capabilities', { id: view.id });
    expect(caps).toMatchObject({ ports: true, packages: false, rotation: true });
  });

  it('defaults the base URL to the real API, and stores nothing when it cannot be reached', async () => {
    const used: string[] = [];
    h = await createHarness({
      providerFactory: (kind, options) => {
        used.push(options.baseUrl);
        return createProvider(kind, options);
      },
    });
    // The real API is not reachable from the test machine (or refuses this key): either way, refused.
    const result = await h.dispatch('accounts:add', { provider: 'whozex', name: 'Real Whozex', apiKey: 'wx_live_not_a_real_key_0000' });
    expect(used).toEqual(['https://api.whozex.com/v1']);
    expect(result.ok).toBe(false);
    expect(rowCount(h)).toBe(0);
    expect(await h.secrets.list()).toEqual([]);
  });

  it('refuses a bad key with the upstream reason and stores nothing — neither row nor keychain entry', async () => {
    h = await createHarness();
    const result = await h.dispatch('accounts:add', {
      provider: 'whozex',
      name: 'Wrong key',
      baseUrl: h.sandbox.whozex.baseUrl,
      apiKey: 'wx_live_this_key_does_not_exist_000000',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_API_KEY');
    expect(result.error.message).toMatch(/Nothing was saved/);
    expect(result.error.field).toBe('apiKey');
    expect(rowCount(h)).toBe(0);
    expect(await h.secrets.list()).toEqual([]);
  });

  it('refuses a duplicate name before calling the upstream', async () => {
    h = await createHarness();
    await h.call('accounts:add', { provider: 'whozex', name: 'Whozex', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    const again = await h.dispatch('accounts:add', { provider: 'whozex', name: 'WHOZEX', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    expect(rowCount(h)).toBe(1);
  });

  it('edits the name, and verifies a replacement key before it replaces the stored one', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    const renamed = await h.call<AccountView>('accounts:update', { id: view.id, name: 'Whozex main' });
    expect(renamed.name).toBe('Whozex main');

    const bad = await h.dispatch('accounts:update', { id: view.id, apiKey: 'wx_live_wrong_wrong_wrong_0000' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_API_KEY' } });
    expect(await h.secrets.get(secretNames.apiKey(view.id))).toBe(h.sandbox.whozex.apiKey);
    expect((await h.call<AccountView[]>('accounts:list'))[0]!.keyHint).toBe(view.keyHint);
  });

  it('an API address must be https (http only to this computer), and the stored key never goes to another server', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    const plain = await h.dispatch('accounts:update', { id: view.id, baseUrl: 'http://api.example.com/v1' });
    expect(plain).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'baseUrl' } });
    const added = await h.dispatch('accounts:add', { provider: 'whozex', name: 'Plain', baseUrl: 'http://api.example.com/v1', apiKey: h.sandbox.whozex.apiKey });
    expect(added).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'baseUrl' } });

    // Another server (here: another port on this computer) would receive the stored key: a new key must be typed.
    const seen: string[] = [];
    const other = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} key=${String(req.headers['x-api-key'] ?? req.headers.authorization ?? '')}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as { port: number }).port;
      const moved = await h.dispatch('accounts:update', { id: view.id, baseUrl: `http://127.0.0.1:${port}/v1` });
      expect(moved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'apiKey' } });
      expect(seen).toEqual([]);
      expect((await h.call<AccountView[]>('accounts:list'))[0]!.baseUrl).toBe(h.sandbox.whozex.baseUrl);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
    // The same server under another path keeps the stored key (it is checked there first).
    const samePath = await h.dispatch('accounts:update', { id: view.id, baseUrl: `${h.sandbox.whozex.baseUrl}/` });
    expect(samePath.ok).toBe(true);
  });

  it('refuses to remove an account while an upstream operation on it is still being settled, and says which', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    const customer = await h.call<{ id: string }>('customers:create', { name: 'Ada', email: 'ada@example.com' });
    const now = new Date().toISOString();
    h.ctx.ledger.sqlite
      .prepare(
        `INSERT INTO operations (id, idempotency_key, kind, provider_account_id, customer_id, status, request, attempts, created_at, updated_at)
         VALUES ('op-1', 'rd_pending_key_0001', 'topup', ?, ?, 'pending', '{}', 1, ?, ?)`,
      )
      .run(view.id, customer.id, now, now);
    const refused = await h.dispatch('accounts:remove', { id: view.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('topup for Ada') } });
    expect(await h.secrets.get(secretNames.apiKey(view.id))).toBe(h.sandbox.whozex.apiKey);
    expect(await h.call<AccountView[]>('accounts:list')).toHaveLength(1);
    h.ctx.ledger.sqlite.prepare("UPDATE operations SET status = 'failed' WHERE id = 'op-1'").run();
    await h.call('accounts:remove', { id: view.id });
    expect(await h.call('accounts:list')).toEqual([]);
  });

  it('remove marks the account removed and deletes its keychain entry', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    await h.call('accounts:remove', { id: view.id });
    expect(await h.secrets.get(secretNames.apiKey(view.id))).toBeNull();
    expect(await h.call('accounts:list')).toEqual([]);
    const all = await h.call<AccountView[]>('accounts:list', { includeRemoved: true });
    expect(all).toMatchObject([{ id: view.id, status: 'removed' }]);
    expect(await h.dispatch('accounts:test', { id: view.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('regenerates a Whozex key: the new key replaces the old one only after the upstream confirms', async () => {
    h = await createHarness();
    const oldKey = h.sandbox.whozex.apiKey;
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: oldKey });

    // The upstream fails: the old key stays in the keychain and still works.
    await setFaults(h.sandbox, { errorRate: 1 });
    const failed = await h.dispatch('accounts:regenerate-key', { id: view.id });
    expect(failed.ok).toBe(false);
    await clearFaults(h.sandbox);
    expect(await h.secrets.get(secretNames.apiKey(view.id))).toBe(oldKey);
    expect(await h.call<AccountCheck>('accounts:test', { id: view.id })).toMatchObject({ ok: true });

    // The upstream succeeds: the keychain holds the new key, the old one is dead upstream.
    const after = await h.call<AccountView>('accounts:regenerate-key', { id: view.id });
    const newKey = await h.secrets.get(secretNames.apiKey(view.id));
    expect(newKey).toBeTruthy();
    expect(newKey).not.toBe(oldKey);
    expect(after.keyHint).toBe(`wx_…${newKey!.slice(-4)}`);
    expect(await h.call<AccountCheck>('accounts:test', { id: view.id })).toMatchObject({ ok: true });
    const oldStillWorks = await fetch(`${h.sandbox.whozex.baseUrl}/account`, { headers: { authorization: `Bearer ${oldKey}` } });
    expect(oldStillWorks.status).toBe(401);
  });

  it('recovers the new key when the answer to a regeneration is lost (the same idempotency key replays it)', async () => {
    const holder: { sandbox?: Harness['sandbox'] } = {};
    h = await createHarness({
      providerFactory: (kind, options) => {
        const provider = createProvider(kind, options);
        const regenerate = provider.regenerateKey.bind(provider);
        // The connection drops once, after Whozex committed the new key; then the network is fine again.
        provider.regenerateKey = async (o) => {
          try {
            return await regenerate(o);
          } finally {
            holder.sandbox?.faults.configure({ dropAfterCommitRate: 0 });
          }
        };
        return provider;
      },
    });
    holder.sandbox = h.sandbox;
    const oldKey = h.sandbox.whozex.apiKey;
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: oldKey });
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    await h.call<AccountView>('accounts:regenerate-key', { id: view.id });
    const stored = await h.secrets.get(secretNames.apiKey(view.id));
    expect(stored).not.toBe(oldKey);
    expect(await h.call<AccountCheck>('accounts:test', { id: view.id })).toMatchObject({ ok: true });
  });

  it('shows the new key once when the keychain refuses it after the upstream regenerated', async () => {
    const { MemorySecretStore } = await import('../../support/memory-secrets');
    class FlakyStore extends MemorySecretStore {
      refuseNext = false;
      override async set(name: string, secret: string) {
        if (this.refuseNext && secret.startsWith('wx_live_') && secret !== this.values.get(name)) {
          throw Object.assign(new Error('keychain locked'), { code: 'KEYCHAIN_UNAVAILABLE' });
        }
        await super.set(name, secret);
      }
    }
    const secrets = new FlakyStore();
    h = await createHarness({ secrets });
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    secrets.refuseNext = true;
    const result = await h.dispatch('accounts:regenerate-key', { id: view.id });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('KEY_NOT_SAVED');
    const shown = result.error.details?.newApiKey as string;
    expect(shown).toMatch(/^wx_live_/);
    expect(result.error.message).toContain(shown);
    // The shown key is the one that works upstream now.
    const res = await fetch(`${h.sandbox.whozex.baseUrl}/account`, { headers: { authorization: `Bearer ${shown}` } });
    expect(res.status).toBe(200);
  });

  it('Proxies.sx keys cannot be regenerated here (sign in instead)', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'P', baseUrl: h.sandbox.proxiesSx.baseUrl, apiKey: h.sandbox.proxiesSx.apiKey });
    expect(await h.dispatch('accounts:regenerate-key', { id: view.id })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('signs in to Proxies.sx with email and password, mints a scoped key and never stores the password', async () => {
    h = await createHarness();
    const view = await h.call<AccountView>('accounts:login-proxies-sx', {
      email: h.sandbox.proxiesSx.email,
      password: h.sandbox.proxiesSx.password,
      name: 'Signed in',
      baseUrl: h.sandbox.proxiesSx.baseUrl,
    });
    const minted = await h.secrets.get(secretNames.apiKey(view.id));
    expect(minted).toMatch(/^psx_/);
    expect(minted).not.toBe(h.sandbox.proxiesSx.apiKey);
    // The minted key can create ports (ports:write scope) — checked by an upstream read of ports.
    const ports = await fetch(`${h.sandbox.proxiesSx.baseUrl}/reseller/ports`, { headers: { 'x-api-key': minted! } });
    expect(ports.status).toBe(200);
    // The password is nowhere in the ledger file or the keychain.
    const dump = h.ctx.ledger.sqlite.prepare("SELECT group_concat(value, '|') FROM settings").pluck().get() as string | null;
    expect(dump ?? '').not.toContain(h.sandbox.proxiesSx.password);
    for (const name of await h.secrets.list()) expect(await h.secrets.get(name)).not.toBe(h.sandbox.proxiesSx.password);

    const wrong = await h.dispatch('accounts:login-proxies-sx', { email: h.sandbox.proxiesSx.email, password: 'nope', baseUrl: h.sandbox.proxiesSx.baseUrl });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).not.toContain('nope');
    expect(rowCount(h)).toBe(1);
  });

  it('stores keys in the real system keychain (Secret Service)', async () => {
    const secrets = new KeychainSecretStore(`reseller-desk-test-${randomUUID()}`);
    h = await createHarness({ secrets });
    const view = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'W', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    expect(await secrets.get(secretNames.apiKey(view.id))).toBe(h.sandbox.whozex.apiKey);
    expect(await h.call<AccountCheck>('accounts:test', { id: view.id })).toMatchObject({ ok: true, upstreamBalance: 15_000 });
    await h.call('accounts:remove', { id: view.id });
    expect(await secrets.get(secretNames.apiKey(view.id))).toBeNull();
    expect(await secrets.list()).toEqual([]);
  });

  it('keeps sandbox accounts out of the totals unless asked', async () => {
    h = await createHarness();
    const { ensureSandboxAccounts } = await import('../../../src/main/services/accounts/sandbox-accounts');
    await ensureSandboxAccounts({ ledger: h.ctx.ledger, clock: h.clock, accounts: h.ctx.accounts }, h.sandbox);
    const real = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'Real', baseUrl: h.sandbox.whozex.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    const { recordDeposit } = await import('../../../src/main/services/money/upstream-money');
    const sandboxId = (await h.call<AccountView[]>('accounts:list')).find((a) => a.isSandbox)!.id;
    recordDeposit(h.ctx.ledger.sqlite, { accountId: real.id, amount: 1000 }, h.clock.now());
    recordDeposit(h.ctx.ledger.sqlite, { accountId: sandboxId, amount: 50_000 }, h.clock.now());
    const plain = await h.call<AccountsSummary>('accounts:summary');
    expect(plain.total).toBe(1000);
    expect(plain.accounts.every((a) => !a.isSandbox)).toBe(true);
    const all = await h.call<AccountsSummary>('accounts:summary', { includeSandbox: true });
    expect(all.total).toBe(51_000);
  });
});
