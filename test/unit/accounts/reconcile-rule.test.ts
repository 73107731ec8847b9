import { afterEach, describe, expect, it } from 'vitest';
import { accountBalance, ledgerAccounts, naturalBalance } from '../../../src/main/ledger/journal';
import { reconcileBalance } from '../../../src/main/services/sync/balance-reconcile';
import { createTestApp, type TestApp } from '../../support/app';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function withAccount() {
  app = await createTestApp();
  const now = app.clock.now().toISOString();
  app.ctx.ledger.sqlite
    .prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES ('a1', 'whozex', 'W', 'http://x/v1', ?, ?)")
    .run(now, now);
  return app;
}

const events = (a: TestApp) =>
  a.ctx.ledger.sqlite.prepare('SELECT kind, severity, transaction_id FROM sync_events ORDER BY rowid').all() as { kind: string; severity: string; transaction_id: string | null }[];

describe('balance reconciliation rule', () => {
  it('opens from the upstream figure once, against equity, as an info event', async () => {
    const a = await withAccount();
    const input = { providerAccountId: 'a1', ledgerAccount: ledgerAccounts.upstream('a1'), upstreamBalance: 15_000, label: 'W', customerId: null, runId: 'r1', now: a.clock.now() };
    expect(a.ctx.ledger.sqlite.transaction(() => reconcileBalance(a.ctx.ledger.sqlite, input))()).toBe('opened');
    expect(accountBalance(a.ctx.ledger.sqlite, ledgerAccounts.upstream('a1'))).toBe(15_000);
    expect(naturalBalance(a.ctx.ledger.sqlite, ledgerAccounts.equity)).toBe(15_000);
    expect(reconcileBalance(a.ctx.ledger.sqlite, input)).toBe('matched');
    expect(events(a)).toMatchObject([{ kind: 'opening_balance', severity: 'info' }]);
  });

  it('books a lower upstream balance as cost and a higher one as equity, each with a conflict event', async () => {
    const a = await withAccount();
    const base = { providerAccountId: 'a1', ledgerAccount: ledgerAccounts.upstream('a1'), label: 'W', customerId: null, runId: 'r1', now: a.clock.now() };
    reconcileBalance(a.ctx.ledger.sqlite, { ...base, upstreamBalance: 10_000 });
    expect(reconcileBalance(a.ctx.ledger.sqlite, { ...base, upstreamBalance: 9_000 })).toBe('adjusted');
    expect(naturalBalance(a.ctx.ledger.sqlite, ledgerAccounts.cost('a1'))).toBe(1_000);
    expect(reconcileBalance(a.ctx.ledger.sqlite, { ...base, upstreamBalance: 9_500 })).toBe('adjusted');
    expect(naturalBalance(a.ctx.ledger.sqlite, ledgerAccounts.equity)).toBe(10_500);
    expect(accountBalance(a.ctx.ledger.sqlite, ledgerAccounts.upstream('a1'))).toBe(9_500);
    const log = events(a);
    expect(log.map((e) => e.kind)).toEqual(['opening_balance', 'balance_mismatch', 'balance_mismatch']);
    expect(log.slice(1).every((e) => e.severity === 'conflict' && e.transaction_id)).toBe(true);
  });

  it('does not record an opening for an empty sub-balance seen for the first time', async () => {
    const a = await withAccount();
    const now = a.clock.now().toISOString();
    a.ctx.ledger.sqlite.prepare("INSERT INTO customers (id, email, name, tags, status, created_at, updated_at) VALUES ('c1', 'c@x.com', 'C', '[]', 'active', ?, ?)").run(now, now);
    const input = { providerAccountId: 'a1', ledgerAccount: ledgerAccounts.upstreamSub('a1', 'c1'), upstreamBalance: 0, label: 'C', customerId: 'c1', runId: 'r1', now: a.clock.now(), firstTime: true };
    expect(reconcileBalance(a.ctx.ledger.sqlite, input)).toBe('opened');
    expect(events(a)).toEqual([]);
    expect(reconcileBalance(a.ctx.ledger.sqlite, { ...input, upstreamBalance: 500, firstTime: false })).toBe('adjusted');
    expect(events(a).map((e) => e.kind)).toEqual(['balance_mismatch']);
  });
});
