import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hledgerAccountName, HLEDGER_CLEARING_ACCOUNT } from '../../../src/main/services/exports/hledger-account';
import { journalExport } from '../../../src/main/services/exports/kinds/journal';
import { accountBalance } from '../../../src/main/ledger/journal';
import type { LedgerAccountKind } from '../../../src/main/ledger/schema';
import { decimalToMinor } from '../../../src/shared/money';
import { createTestApp, type TestApp } from '../../support/app';
import { readFileSync } from 'node:fs';
import { seedBusiness } from './support/business';

const RULES = resolve(__dirname, '../../../resources/hledger/journal.rules');
const hledger = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
const hasHledger = hledger.status === 0;
if (!hasHledger) {
  console.warn('hledger is not installed (apt-get install hledger): skipping the plain-text accounting check of the journal export.');
}

/** `hledger balance` per account, flat (each account's own postings), as integer cents. */
function hledgerBalances(file: string, extra: string[] = []): Map<string, number> {
  const out = execFileSync('hledger', ['-f', file, '--rules-file', RULES, 'balance', '--flat', '--empty', '--no-total', '-O', 'csv', ...extra], { encoding: 'utf8' });
  const rows = parse(out, { columns: true }) as { account: string; balance: string }[];
  return new Map(
    rows.map((r) => {
      const m = /^(-?\d+\.\d{2}) USD$|^(0)$/.exec(r.balance.trim());
      if (!m) throw new Error(`unexpected hledger amount ${JSON.stringify(r.balance)} for ${r.account}`);
      return [r.account, m[1] ? decimalToMinor(m[1]) : 0];
    }),
  );
}

describe.skipIf(!hasHledger)('hledger reads the journal export with the shipped rules', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    seedBusiness(app.ctx.ledger.sqlite, { customers: 30, salesPerCustomer: 4, seed: 7 });
  });
  afterAll(async () => app.close());

  function expectSameBalances(balances: Map<string, number>) {
    const accounts = app.ctx.ledger.sqlite.prepare('SELECT id, kind FROM ledger_accounts').all() as { id: string; kind: LedgerAccountKind }[];
    for (const { id, kind } of accounts) {
      expect(balances.get(hledgerAccountName(id, kind)), id).toBe(accountBalance(app.ctx.ledger.sqlite, id));
    }
    expect(balances.get(HLEDGER_CLEARING_ACCOUNT) ?? 0).toBe(0);
    expect(balances.size).toBeLessThanOrEqual(accounts.length + 1);
  }

  it("reproduces every account balance of the app, to the cent", async () => {
    const { path } = await app.ctx.exports.run({ kind: 'journal', path: join(app.dataDir, 'journal.csv') });
    expectSameBalances(hledgerBalances(path));
  });

  it('reads the Excel flavour too: semicolons (a .ssv name) with a BOM, dates in a time zone', async () => {
    // hledger infers the separator from the .ssv extension (its ssv: prefix is broken in 1.25).
    const { path } = await app.ctx.exports.run({ kind: 'journal', delimiter: ';', bom: true, timeZone: 'America/New_York', path: join(app.dataDir, 'journal-excel.ssv') });
    expectSameBalances(hledgerBalances(path));
  });

  it('keeps every transaction balanced through the clearing account, per transaction id', async () => {
    const { path } = await app.ctx.exports.run({ kind: 'journal', path: join(app.dataDir, 'journal-codes.csv') });
    const out = execFileSync('hledger', ['-f', path, '--rules-file', RULES, 'register', HLEDGER_CLEARING_ACCOUNT, '-O', 'csv'], { encoding: 'utf8' });
    const rows = parse(out, { columns: true }) as { code: string; amount: string }[];
    const perCode = new Map<string, number>();
    for (const r of rows) perCode.set(r.code, (perCode.get(r.code) ?? 0) + decimalToMinor(r.amount.replace(' USD', '')));
    const transactions = app.ctx.ledger.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
    expect(perCode.size).toBe(transactions);
    for (const [code, sum] of perCode) expect(sum, code).toBe(0);
  });

  it('names the rules file fields in the order the export writes its columns', () => {
    const fields = /^fields\s+(.+)$/m.exec(readFileSync(RULES, 'utf8'))![1]!.split(',').map((f) => f.trim());
    const columns = journalExport.columns.map((c) => c.header);
    expect(fields).toHaveLength(columns.length);
    expect(fields[columns.indexOf('hledger_account')]).toBe('account1');
    expect(fields[columns.indexOf('amount')]).toBe('amt');
    expect(fields[columns.indexOf('date')]).toBe('date');
    expect(fields[columns.indexOf('transaction_id')]).toBe('code');
    expect(fields[columns.indexOf('description')]).toBe('description');
  });
});
