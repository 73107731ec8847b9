import type Database from 'better-sqlite3';
import { ledgerAccounts as A, postTransaction } from '../../../../src/main/ledger/journal';

/** Many small balanced transactions (two postings each), fast: one SQLite transaction. */
export function seedBulkJournal(db: Database.Database, transactions: number): void {
  const at = Date.UTC(2026, 0, 1);
  const recorded = new Date(at);
  db.prepare("INSERT OR IGNORE INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES ('bulk', 'whozex', 'Bulk', 'http://127.0.0.1:3', ?, ?)").run(recorded.toISOString(), recorded.toISOString());
  db.transaction(() => {
    for (let i = 0; i < transactions; i += 1) {
      const amount = 100 + (i % 997);
      postTransaction(db, {
        kind: 'deposit',
        description: `Bulk deposit ${i}, "quoted"`,
        occurredAt: new Date(at + i * 1000),
        providerAccountId: 'bulk',
        postings: [{ account: A.upstream('bulk'), amount }, { account: A.cash, amount: -amount }],
      }, recorded);
    }
  })();
}
