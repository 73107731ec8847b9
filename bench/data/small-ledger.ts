import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '../../src/main/ledger/database';
import { prng, uuid } from '../lib/prng';
import { ACCOUNTS, BENCH_NOW } from './generate';

/**
 * A fresh ledger for write scenarios: the two upstream accounts and `customers`
 * customers, some of them with prepaid credit (so sales take both the credit and the
 * receivable path). Returns the ids; the file is checkpointed and closed.
 */
export async function makeSmallLedger(dir: string, customers: number, seed: number): Promise<{ file: string; customerIds: string[] }> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'ledger.sqlite3');
  await (await openLedger(file)).close();
  const sqlite = new Database(file);
  const r = prng(seed);
  const at = new Date(BENCH_NOW.getTime() - 86_400_000).toISOString();
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (const a of Object.values(ACCOUNTS)) {
      sqlite
        .prepare('INSERT INTO provider_accounts (id, provider, name, base_url, is_sandbox, status, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
        .run(a.id, a.provider, a.name, a.baseUrl, 'active', at, at);
    }
    const insert = sqlite.prepare('INSERT INTO customers (id, email, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < customers; i++) {
      const id = uuid(r);
      ids.push(id);
      insert.run(id, `writer${i}@example.com`, `Writer ${i}`, 'active', at, at);
    }
    // Opening credit for every third customer: cash +X / credit −X, as a payment.
    const tx = sqlite.prepare(
      "INSERT INTO transactions (id, seq, occurred_at, recorded_at, kind, description, customer_id, payment_method) VALUES (?, ?, ?, ?, 'payment', 'Opening payment', ?, 'bank')",
    );
    const acct = sqlite.prepare("INSERT OR IGNORE INTO ledger_accounts (id, kind, name, customer_id, created_at) VALUES (?, ?, ?, ?, ?)");
    const post = sqlite.prepare('INSERT INTO postings (transaction_id, account_id, amount) VALUES (?, ?, ?)');
    acct.run('cash', 'asset', 'Cash', null, at);
    let seq = 0;
    for (let i = 0; i < customers; i += 3) {
      const id = uuid(r);
      const c = ids[i]!;
      tx.run(id, ++seq, at, at, c);
      acct.run(`credit:${c}`, 'liability', 'Customer credit', c, at);
      post.run(id, 'cash', 50_000);
      post.run(id, `credit:${c}`, -50_000);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { file, customerIds: ids };
}

/** Copies a closed ledger file (no -wal) to another folder as ledger.sqlite3. */
export function copyLedger(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'ledger.sqlite3');
  copyFileSync(file, target);
  return target;
}
