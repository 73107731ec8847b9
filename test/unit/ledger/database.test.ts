import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/database';
import { migrations } from '../../../src/main/ledger/migrations';
import { makeTempDir } from '../../support/temp-dir';

describe('ledger store', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function open(): Promise<{ ledger: Ledger; file: string }> {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const file = `${temp.dir}/ledger.sqlite3`;
    const ledger = await openLedger(file);
    cleanups.push(() => ledger.close());
    return { ledger, file };
  }

  it('opens a real file in WAL mode with foreign keys, busy timeout and synchronous=FULL', async () => {
    const { ledger } = await open();
    expect(ledger.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ledger.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(ledger.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('runs every migration of the static map once, and again is a no-op', async () => {
    const { ledger, file } = await open();
    const applied = ledger.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(applied).toEqual(Object.keys(migrations).sort());
    await ledger.close();
    const again = await openLedger(file);
    cleanups.push(() => again.close());
    expect(again.sqlite.prepare('SELECT count(*) FROM kysely_migration').pluck().get()).toBe(applied.length);
  });

  it('keeps the journal append-only: postings and transactions cannot be edited or deleted', async () => {
    const { ledger } = await open();
    const db = ledger.sqlite;
    const now = new Date().toISOString();
    db.prepare("INSERT INTO ledger_accounts (id, kind, name, created_at) VALUES ('cash', 'asset', 'Cash', ?)").run(now);
    db.prepare("INSERT INTO ledger_accounts (id, kind, name, created_at) VALUES ('revenue', 'income', 'Revenue', ?)").run(now);
    db.prepare("INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description) VALUES ('t1', 1, ?, ?, 'sale', 'x')").run(now, now);
    db.prepare("INSERT INTO postings (transaction_id, account_id, amount) VALUES ('t1', 'cash', 100), ('t1', 'revenue', -100)").run();
    expect(() => db.prepare('UPDATE postings SET amount = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM postings').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE transactions SET description = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM transactions').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT sum(amount) FROM postings').pluck().get()).toBe(0);
  });

  it('refuses postings to an account that does not exist (foreign keys on)', async () => {
    const { ledger } = await open();
    const now = new Date().toISOString();
    ledger.sqlite.prepare("INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description) VALUES ('t1', 1, ?, ?, 'sale', 'x')").run(now, now);
    expect(() => ledger.sqlite.prepare("INSERT INTO postings (transaction_id, account_id, amount) VALUES ('t1', 'nope', 1)").run()).toThrow(/FOREIGN KEY/);
  });

  it('refuses a second customer with the same email in any case', async () => {
    const { ledger } = await open();
    const ins = ledger.sqlite.prepare("INSERT INTO customers (id, email, name, created_at, updated_at) VALUES (?, ?, 'A', 'x', 'x')");
    ins.run('c1', 'john@acme.com');
    expect(() => ins.run('c2', 'JOHN@acme.com')).toThrow(/UNIQUE/);
  });

  it('surfaces a damaged file as an error rather than starting empty', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const file = `${temp.dir}/ledger.sqlite3`;
    const raw = new Database(file);
    raw.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not a database, it is a text file of some length...........................................');
    await expect(openLedger(file)).rejects.toThrow();
  });
});
