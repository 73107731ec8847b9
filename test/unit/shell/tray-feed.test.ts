import { afterEach, describe, expect, it, vi } from 'vitest';
import { ledgerAccounts, postTransaction } from '../../../src/main/ledger/journal';
import { feedTray, trayBalances } from '../../../src/main/shell/tray-feed';
import type { TrayState } from '../../../src/main/shell/tray-service';
import { createTestApp, type TestApp } from '../../support/app';

describe('tray feed', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function withAccount() {
    app = await createTestApp();
    const account = await app.ctx.accounts.addUnverified({ provider: 'proxies-sx', name: 'Proxies.sx sandbox', apiKey: 'psx_test_key_0001', isSandbox: true });
    const deposit = (cents: number) =>
      postTransaction(
        app!.ctx.ledger.sqlite,
        { kind: 'deposit', description: 'Deposit', occurredAt: app!.clock.now(), providerAccountId: account.id, postings: [{ account: ledgerAccounts.upstream(account.id), amount: cents }, { account: ledgerAccounts.cash, amount: -cents }] },
        app!.clock.now(),
      );
    return { account, deposit };
  }

  it('shows each account’s upstream balance from the ledger, formatted', async () => {
    const { deposit } = await withAccount();
    deposit(50_000);
    expect(trayBalances(app!.ctx)).toEqual([{ accountName: 'Proxies.sx sandbox', balanceText: '$500.00', isSandbox: true }]);
  });

  it('refreshes the tray after bus events, and stops when told', async () => {
    const { deposit } = await withAccount();
    const updates: TrayState[] = [];
    const stop = feedTray(app!.ctx, { update: (s) => updates.push(s) }, { alertsPaused: () => true, delayMs: 0 });
    expect(updates.at(-1)).toEqual({ balances: [{ accountName: 'Proxies.sx sandbox', balanceText: '$0.00', isSandbox: true }], openAlerts: [], paused: true });
    deposit(12_345);
    app!.ctx.bus.emit('event:navigate', { page: '/' });
    await vi.waitFor(() => expect(updates.at(-1)?.balances[0]?.balanceText).toBe('$123.45'));
    const count = updates.length;
    stop();
    app!.ctx.bus.emit('event:navigate', { page: '/' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(updates).toHaveLength(count);
  });
});
