import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/contract/accounts';
import { createAppContext } from '../../../src/main/app-context';
import { ManualClock } from '../../../src/main/clock';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { ensureSandboxAccounts, SANDBOX_ACCOUNT_NAMES } from '../../../src/main/services/accounts/sandbox-accounts';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openApp(dataDir: string, secrets: MemorySecretStore) {
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 12));
  const ctx = await createAppContext({ dataDir, secrets, version: 'test', clock });
  return { ctx, ensure: (sandbox: RunningSandbox) => ensureSandboxAccounts({ ledger: ctx.ledger, clock, accounts: ctx.accounts }, sandbox) };
}

describe('first-run sandbox accounts', () => {
  it('appear once, marked as sandbox, work against the sandbox, and do not come back after removal', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const secrets = new MemorySecretStore();
    const sandbox = await startSandbox({ autoDeliverWebhooks: false });
    cleanups.push(() => sandbox.close());

    // First run.
    let app = await openApp(temp.dir, secrets);
    const added = await app.ensure(sandbox);
    expect(added.map((a) => a.name).sort()).toEqual([SANDBOX_ACCOUNT_NAMES['proxies-sx'], SANDBOX_ACCOUNT_NAMES.whozex].sort());
    expect(added.every((a) => a.isSandbox)).toBe(true);
    const whozex = added.find((a) => a.provider === 'whozex')!;
    expect(await secrets.get(secretNames.apiKey(whozex.id))).toBe(sandbox.whozex.apiKey);
    expect(await app.ctx.accounts.test(whozex.id)).toMatchObject({ ok: true, upstreamBalance: 15_000 });

    // Second start of the app: nothing new.
    expect(await app.ensure(sandbox)).toEqual([]);
    expect(app.ctx.accounts.list()).toHaveLength(2);

    // The reseller removes one; a restart (new process, new sandbox ports) does not bring it back,
    // and the remaining sandbox account follows the sandbox to its new address.
    await app.ctx.accounts.remove(whozex.id);
    await app.ctx.close();
    const sandbox2 = await startSandbox({ autoDeliverWebhooks: false });
    cleanups.push(() => sandbox2.close());
    app = await openApp(temp.dir, secrets);
    cleanups.push(() => app.ctx.close());
    expect(await app.ensure(sandbox2)).toEqual([]);
    const remaining: AccountView[] = app.ctx.accounts.list();
    expect(remaining.map((a) => a.name)).toEqual([SANDBOX_ACCOUNT_NAMES['proxies-sx']]);
    expect(remaining[0]!.baseUrl).toBe(sandbox2.proxiesSx.baseUrl);
  });
});
