import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { backupDir, listBackups } from '../../../src/main/services/backup/backup-service';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { CustomerDetail, CustomerPage } from '../../../src/shared/contract/customers';
import type { LedgerBalances, MoneyResult } from '../../../src/shared/contract/money';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';
import { tableDigests } from './support/db-hash';
import { startAppOn, type AppOnSandbox } from './support/app-on-sandbox';

/**
 * Backups through the real app flow (test/unit/backup covers the mechanics on one
 * customer): a business with two upstream accounts, several customers with credit and
 * debts, deposits, refunds and reversals; a manual backup over IPC; more business after
 * it; a restore confirmed over IPC; a restart. Every balance is the backup's, the later
 * business is gone (but kept in the pre-restore backup), and the restored ledger goes on
 * working and survives a further restart.
 */
const MONEY_TABLES = ['customers', 'ledger_accounts', 'transactions', 'postings', 'sales', 'services', 'operations', 'provider_accounts', 'customer_links'];

interface Snapshot {
  balances: Omit<LedgerBalances, 'to'>;
  customers: Record<string, { credit: number; receivable: number; balance: number }>;
  trial: Record<string, number>;
  tables: Record<string, string>;
}

async function snapshot(app: AppOnSandbox): Promise<Snapshot> {
  const { to: _to, ...balances } = await app.call<LedgerBalances>('ledger:balances', { to: '2030-01-01T00:00:00Z' });
  const page = await app.call<CustomerPage>('customers:list', { limit: 100 });
  const customers: Snapshot['customers'] = {};
  for (const c of page.items as unknown as { email: string; credit: number; receivable: number; balance: number }[]) {
    customers[c.email] = { credit: c.credit, receivable: c.receivable, balance: c.balance };
  }
  const trial = Object.fromEntries(
    (app.ctx.ledger.sqlite.prepare('SELECT account_id AS a, sum(amount) AS s FROM postings GROUP BY account_id ORDER BY account_id').all() as { a: string; s: number }[]).map((r) => [r.a, r.s]),
  );
  const all = tableDigests(app.ctx.ledger.sqlite);
  const tables = Object.fromEntries(MONEY_TABLES.filter((t) => t in all).map((t) => [t, all[t]!]));
  return { balances, customers, trial, tables };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('backup and restore through the real app flow', () => {
  it('restores a whole business: every balance of every customer and upstream intact after a restart', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const sandbox: RunningSandbox = await startSandbox({ autoDeliverWebhooks: false });
    cleanups.push(() => sandbox.close());
    const secrets = new MemorySecretStore();
    const clock = new ManualClock(Date.UTC(2026, 0, 15, 12));
    let app = await startAppOn({ dataDir: temp.dir, secrets, clock });
    cleanups.push(() => app.close());

    // A business.
    const psx = await app.call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'PSX', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
    const wzx = await app.call<AccountView>('accounts:add', { provider: 'whozex', name: 'WZX', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
    const customer = async (email: string, name: string) => (await app.call<CustomerDetail>('customers:create', { email, name })) as unknown as { id: string };
    const alice = await customer('alice@example.com', 'Alice');
    const bob = await customer('bob@example.com', 'Bob');
    const carol = await customer('carol@example.com', 'Carol');
    await app.call('money:deposit', { accountId: psx.id, amount: 50_000, reference: 'wire 1' });
    await app.call('money:deposit', { accountId: wzx.id, amount: 20_000 });
    await app.call('payments:record', { customerId: alice.id, amount: 7_500, method: 'card' });
    const bobPaid = await app.call<MoneyResult>('payments:record', { customerId: bob.id, amount: 3_000, method: 'crypto', reference: 'tx-1' });
    await app.call('payments:record', { customerId: carol.id, amount: 1_234, method: 'bank' });
    await app.call('money:refund', { customerId: alice.id, amount: 500, method: 'card' });
    await app.call('money:credit-note', { customerId: carol.id, amount: 66, reason: 'goodwill' });
    await app.call('money:reverse', { transactionId: bobPaid.transactionId, reason: 'chargeback' });
    clock.advance(3_600_000);
    const atBackup = await snapshot(app);
    expect(atBackup.customers['alice@example.com']).toMatchObject({ credit: 7_000 });
    expect(atBackup.customers['bob@example.com']).toMatchObject({ credit: 0 });

    const made = await app.call<{ name: string; reason: string }>('backups:create');
    expect(made.reason).toBe('manual');

    // Business after the backup: must be gone after the restore.
    clock.advance(3_600_000);
    await app.call('payments:record', { customerId: alice.id, amount: 99_999, method: 'cash' });
    const dave = await customer('dave@example.com', 'Dave');
    await app.call('payments:record', { customerId: dave.id, amount: 4_200, method: 'card' });
    await app.call('money:deposit', { accountId: psx.id, amount: 10_000 });
    const afterBackup = await snapshot(app);
    expect(afterBackup).not.toEqual(atBackup);

    // Restore, confirmed; applied at the next start.
    expect(await app.dispatch('backups:restore', { name: made.name, confirm: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await app.call('backups:restore', { name: made.name, confirm: true });
    await app.close();
    clock.advance(60_000);
    app = await startAppOn({ dataDir: temp.dir, secrets, clock });

    const restored = await snapshot(app);
    expect(restored).toEqual(atBackup);
    expect(restored.customers['dave@example.com']).toBeUndefined();
    expect(app.ctx.ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(app.ctx.ledger.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(Object.values(restored.trial).reduce((a, b) => a + b, 0)).toBe(0);
    // The keys were never in the ledger: both accounts still work after the restore.
    expect((await app.dispatch('accounts:test', { id: psx.id })).ok).toBe(true);

    // The replaced ledger was kept: the later business is recoverable.
    const preRestore = listBackups(temp.dir).find((b) => b.reason === 'pre-restore');
    expect(preRestore).toBeDefined();
    const kept = new Database(join(backupDir(temp.dir), preRestore!.name), { readonly: true });
    const dave2 = kept.prepare("SELECT count(*) FROM customers WHERE email = 'dave@example.com'").pluck().get();
    kept.close();
    expect(dave2).toBe(1);

    // Life goes on on the restored ledger, and survives another restart.
    await app.call('payments:record', { customerId: alice.id, amount: 1_000, method: 'card' });
    await app.close();
    app = await startAppOn({ dataDir: temp.dir, secrets, clock });
    const later = await snapshot(app);
    expect(later.customers['alice@example.com']!.credit).toBe(atBackup.customers['alice@example.com']!.credit + 1_000);
    expect(later.customers['bob@example.com']).toEqual(atBackup.customers['bob@example.com']);
    expect(later.balances.upstreams).toEqual(atBackup.balances.upstreams);
  }, 60_000);
});
