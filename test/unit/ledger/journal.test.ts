import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/database';
import { accountBalance, ledgerAccounts as A, naturalBalance, postTransaction, reverseTransaction } from '../../../src/main/ledger/journal';
import { makeTempDir } from '../../support/temp-dir';

describe('double-entry journal', () => {
  let ledger: Ledger;
  let cleanup: () => void;
  const at = new Date('2026-01-15T12:00:00Z');
  beforeEach(async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    ledger = await openLedger(`${t.dir}/ledger.sqlite3`);
    const now = at.toISOString();
    ledger.sqlite.prepare("INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES ('psx', 'proxies-sx', 'Main', 'http://x', ?, ?)").run(now, now);
    ledger.sqlite.prepare("INSERT INTO customers (id, email, name, created_at, updated_at) VALUES ('c1', 'a@b.c', 'A', ?, ?)").run(now, now);
  });
  afterEach(async () => {
    await ledger.close();
    cleanup();
  });

  it("reproduces the seed's money flow: 500 → top-up 100 → 400 → 30-day port → 340, profit 15", () => {
    const db = ledger.sqlite;
    postTransaction(db, { kind: 'deposit', description: 'Deposit', occurredAt: at, providerAccountId: 'psx', postings: [{ account: A.upstream('psx'), amount: 50000 }, { account: A.cash, amount: -50000 }] }, at);
    postTransaction(db, { kind: 'topup', description: 'Top-up', occurredAt: at, customerId: 'c1', providerAccountId: 'psx', postings: [{ account: A.upstreamSub('psx', 'c1'), amount: 10000 }, { account: A.upstream('psx'), amount: -10000 }] }, at);
    expect(accountBalance(db, A.upstream('psx'))).toBe(40000);
    postTransaction(db, {
      kind: 'sale', description: '30-day port', occurredAt: at, customerId: 'c1', providerAccountId: 'psx',
      postings: [
        { account: A.cost('psx'), amount: 6000 },
        { account: A.upstream('psx'), amount: -6000 },
        { account: A.receivable('c1'), amount: 7500 },
        { account: A.revenue, amount: -7500 },
      ],
    }, at);
    expect(accountBalance(db, A.upstream('psx'))).toBe(34000);
    expect(naturalBalance(db, A.revenue) - naturalBalance(db, A.cost('psx'))).toBe(1500);
    expect(db.prepare('SELECT sum(amount) FROM postings').pluck().get()).toBe(0);
  });

  it('refuses unbalanced, fractional and single-posting transactions, writing nothing', () => {
    const db = ledger.sqlite;
    expect(() => postTransaction(db, { kind: 'payment', description: 'x', occurredAt: at, postings: [{ account: A.cash, amount: 100 }, { account: A.revenue, amount: -99 }] }, at)).toThrow(/sum to zero/);
    expect(() => postTransaction(db, { kind: 'payment', description: 'x', occurredAt: at, postings: [{ account: A.cash, amount: 0.5 }, { account: A.revenue, amount: -0.5 }] }, at)).toThrow(/whole number/);
    expect(() => postTransaction(db, { kind: 'payment', description: 'x', occurredAt: at, postings: [{ account: A.cash, amount: 0 }] }, at)).toThrow(/two postings/);
    expect(() => postTransaction(db, { kind: 'payment', description: 'x', occurredAt: at, postings: [{ account: 'bogus', amount: 1 }, { account: A.cash, amount: -1 }] }, at)).toThrow(/chart of accounts/);
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
  });

  it('corrects by reversal, once, and keeps the original', () => {
    const db = ledger.sqlite;
    const t = postTransaction(db, { kind: 'payment', description: 'Payment', occurredAt: at, customerId: 'c1', paymentMethod: 'card', postings: [{ account: A.cash, amount: 2500 }, { account: A.credit('c1'), amount: -2500 }] }, at);
    expect(naturalBalance(db, A.credit('c1'))).toBe(2500);
    reverseTransaction(db, t.id, { occurredAt: at }, at);
    expect(naturalBalance(db, A.credit('c1'))).toBe(0);
    expect(() => reverseTransaction(db, t.id, { occurredAt: at }, at)).toThrow(/already been reversed/);
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(2);
  });
});
