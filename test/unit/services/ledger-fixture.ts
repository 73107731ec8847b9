import { openLedger, type Ledger } from '../../../src/main/ledger/database';
import { createCustomer } from '../../../src/main/services/customers/customer-store';
import { makeTempDir } from '../../support/temp-dir';

export const AT = new Date('2026-01-15T12:00:00Z');

/** A real ledger file in a temp folder with two upstream accounts (psx: Proxies.sx, wzx: Whozex). */
export async function openFixtureLedger(): Promise<{ ledger: Ledger; close: () => Promise<void> }> {
  const temp = makeTempDir();
  const ledger = await openLedger(`${temp.dir}/ledger.sqlite3`);
  const now = AT.toISOString();
  const insert = ledger.sqlite.prepare('INSERT INTO provider_accounts (id, provider, name, base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  insert.run('psx', 'proxies-sx', 'Proxies.sx main', 'http://127.0.0.1', now, now);
  insert.run('wzx', 'whozex', 'Whozex main', 'http://127.0.0.1', now, now);
  return {
    ledger,
    async close() {
      await ledger.close();
      temp.cleanup();
    },
  };
}

export function addCustomer(ledger: Ledger, email: string, name = email.split('@')[0]!): string {
  return createCustomer(ledger.sqlite, { email, name }, AT).id;
}

/** Row counts of every table a money or customer operation may write. */
export function rowCounts(ledger: Ledger): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['customers', 'customer_links', 'transactions', 'postings', 'sales', 'ledger_accounts', 'customer_discounts', 'pricebook_country_overrides']) {
    out[t] = ledger.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  }
  out.pricebook = JSON.stringify(ledger.sqlite.prepare('SELECT * FROM pricebook').get()).length;
  return out;
}
