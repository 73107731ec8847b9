import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerImportPreview, CustomerImportResult } from '../../../src/shared/contract/customer-bulk';
import type { CustomerDetail, CustomerPage } from '../../../src/shared/contract/customers';
import { createTestApp, type TestApp } from '../../support/app';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function start(): Promise<TestApp> {
  app = await createTestApp();
  return app;
}

async function call<T>(a: TestApp, channel: string, input?: unknown): Promise<T> {
  const r = await a.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), r.error);
  return r.value as T;
}

async function refuse(a: TestApp, channel: string, input?: unknown) {
  const r = await a.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to fail`);
  return r.error;
}

const count = (a: TestApp, table = 'customers') => a.ctx.ledger.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const byEmail = (a: TestApp, email: string) =>
  a.ctx.ledger.sqlite.prepare('SELECT * FROM customers WHERE email = ?').get(email) as Record<string, unknown> | undefined;

describe('customers:import-preview', () => {
  it('maps headers with synonyms, validates each row with the create rules and writes nothing', async () => {
    const a = await start();
    await call(a, 'customers:create', { email: 'old@example.com', name: 'Old Customer' });
    const before = count(a);
    const csv = [
      'E-Mail;Full Name;Company;CRM ID;Notes;Tags;Port slots;Traffic GB;Favourite colour',
      'ann@example.com;Ann Smith;Acme;crm-1;likes "quotes";vip, eu | reseller;3;10;blue',
      'bad-email;Bob;;;;;;;',
      'cid@example.com;;;;;;x;1.5;',
      'OLD@example.com;Old Customer;;;;;;;',
      'ANN@example.com;Ann Again;;;;;;;',
    ].join('\r\n');
    const p = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv });
    expect(count(a)).toBe(before);
    expect(p.delimiter).toBe('semicolon');
    expect(p.mapping).toEqual({
      email: 'E-Mail',
      name: 'Full Name',
      company: 'Company',
      externalId: 'CRM ID',
      notes: 'Notes',
      tags: 'Tags',
      portSlotQuota: 'Port slots',
      trafficGbAllocation: 'Traffic GB',
    });
    expect(p.columns.at(-1)).toMatchObject({ header: 'Favourite colour', field: null, source: 'none' });
    expect(p.missingFields).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'skip'],
      [6, 'error'],
    ]);
    expect(p.rows[0]!.fields).toEqual({
      email: 'ann@example.com',
      name: 'Ann Smith',
      company: 'Acme',
      externalId: 'crm-1',
      notes: 'likes "quotes"',
      tags: ['vip', 'eu', 'reseller'],
      portSlotQuota: 3,
      trafficGbAllocation: 10,
    });
    expect(p.rows[1]!.errors).toEqual([{ field: 'email', message: 'is not a valid email address' }]);
    const cid = p.rows[2]!.errors.map((e) => e.field).sort();
    expect(cid).toEqual(['name', 'portSlotQuota', 'trafficGbAllocation']);
    expect(p.rows[2]!.errors.find((e) => e.field === 'trafficGbAllocation')!.message).toBe('must be a whole number');
    expect(p.rows[3]).toMatchObject({ status: 'skip', existingCustomerId: expect.any(String), reason: expect.stringMatching(/already a customer/) });
    // The same email again in the file (any case) is refused with the first line named.
    expect(p.rows[4]!.errors).toEqual([{ field: 'email', message: expect.stringMatching(/same as on line 2/) }]);
    expect(p.counts).toEqual({ rows: 5, create: 1, update: 0, skip: 1, error: 3 });
  });

  it('reports required columns that no header fills, and lets the mapping fill them', async () => {
    const a = await start();
    const csv = 'Contact mail,Who\nann@example.com,Ann\n';
    const p = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv });
    expect(p.missingFields).toEqual(['email', 'name']);
    expect(p.rows[0]).toMatchObject({ status: 'error', errors: [{ field: 'email', message: 'is required' }, { field: 'name', message: 'is required' }] });
    const mapped = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv, mapping: { 'contact MAIL': 'email', who: 'name' } });
    expect(mapped.missingFields).toEqual([]);
    expect(mapped.rows[0]).toMatchObject({ status: 'create', fields: { email: 'ann@example.com', name: 'Ann' } });
    // A mapped column wins over a recognised one; a mapping may also ignore a column.
    const both = await call<CustomerImportPreview>(a, 'customers:import-preview', {
      csv: 'email,name,work email\nhome@example.com,Ann,work@example.com\n',
      mapping: { 'work email': 'email' },
    });
    expect(both.rows[0]!.fields!.email).toBe('work@example.com');
    expect(both.columns[0]).toMatchObject({ header: 'email', field: null });
    const error = await refuse(a, 'customers:import-preview', { csv, mapping: { nope: 'email' } });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no column named "nope"/) });
  });

  it('reads quoted cells with embedded newlines, a BOM, CRLF and stray quotes, and numbers lines by where records start', async () => {
    const a = await start();
    const csv = '\uFEFFemail,name,notes\r\n"a@example.com","Ann","first line\r\nsecond, line"\r\n\r\nb@example.com,Bob 5" screen,\r\n';
    const p = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv });
    expect(p.delimiter).toBe('comma');
    expect(p.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(p.rows[0]!.fields!.notes).toBe('first line\r\nsecond, line');
    expect(p.rows[1]!.fields!.name).toBe('Bob 5" screen');
    const broken = await refuse(a, 'customers:import-preview', { csv: 'email,name\n"a@example.com,Ann\n' });
    expect(broken).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/quoted cell is never closed/) });
    expect(await refuse(a, 'customers:import-preview', { csv: '\r\n\r\n' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no header row/) });
  });

  it('detects tab-separated files and honours an explicit delimiter', async () => {
    const a = await start();
    const tabbed = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv: 'email\tname\nann@example.com\tAnn, Jr.\n' });
    expect(tabbed).toMatchObject({ delimiter: 'tab', rows: [{ status: 'create', fields: { name: 'Ann, Jr.' } }] });
    // Forced to commas, the same file is one unrecognised column and every row lacks email and name.
    const forced = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv: 'email\tname\nann@example.com\tAnn\n', delimiter: 'comma' });
    expect(forced.missingFields).toEqual(['email', 'name']);
  });

  it('refuses a row with more cells than the header names', async () => {
    const a = await start();
    const p = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv: 'email,name\nann@example.com,Ann,oops\n', delimiter: 'comma' });
    expect(p.rows[0]).toMatchObject({ status: 'error', errors: [{ field: 'row', message: expect.stringMatching(/3 cells/) }] });
  });
});

describe('customers:import', () => {
  it('applies only the valid rows, returns a result per row, and keeps hostile text as text', async () => {
    const a = await start();
    const csv = [
      'email,name,company,notes,tags',
      'ann@example.com,=HYPERLINK("http://evil"),+cmd,@SUM(A1),-2+3',
      'not-an-email,Nobody,,,',
      'emoji@example.com,Zoë 🚀 Müller,شركة الأمل,"שלום\nעולם",🔥|x',
      'ann@example.com,Duplicate,,,',
    ].join('\n');
    const result = await call<CustomerImportResult>(a, 'customers:import', { csv });
    expect(result.applied).toBe(true);
    expect(result.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'created'],
      [3, 'error'],
      [4, 'created'],
      [6, 'error'],
    ]);
    expect(result.counts).toEqual({ rows: 4, created: 2, updated: 0, skipped: 0, errors: 2 });
    expect(count(a)).toBe(2);
    const ann = await call<CustomerDetail>(a, 'customers:get', { id: result.rows[0]!.customerId });
    // Formula prefixes are stored as typed: neutralising them is the export's job.
    expect(ann).toMatchObject({ name: '=HYPERLINK("http://evil")', company: '+cmd', notes: '@SUM(A1)', tags: ['-2+3'] });
    const zoe = await call<CustomerDetail>(a, 'customers:get', { id: result.rows[2]!.customerId });
    expect(zoe).toMatchObject({ name: 'Zoë 🚀 Müller', company: 'شركة الأمل', notes: 'שלום\nעולם', tags: ['🔥', 'x'] });
    // Search finds the imported customers like any others.
    const page = await call<CustomerPage>(a, 'customers:list', { search: 'zoë' });
    expect(page.items.map((c) => c.email)).toEqual(['emoji@example.com']);
  });

  it('skips existing emails unless updateExisting is set; then updates only the filled cells', async () => {
    const a = await start();
    const old = await call<CustomerDetail>(a, 'customers:create', { email: 'old@example.com', name: 'Old', company: 'Keep Ltd', portSlotQuota: 2 });
    const csv = 'email,name,company,port slots\nOLD@example.com,Old Renamed,,5\nnew@example.com,New,,\n';

    const skipped = await call<CustomerImportResult>(a, 'customers:import', { csv });
    expect(skipped.rows.map((r) => r.outcome)).toEqual(['skipped', 'created']);
    expect(skipped.rows[0]).toMatchObject({ customerId: old.id, reason: expect.stringMatching(/update existing/) });
    expect(byEmail(a, 'old@example.com')).toMatchObject({ name: 'Old', port_slot_quota: 2 });

    const updated = await call<CustomerImportResult>(a, 'customers:import', { csv, updateExisting: true });
    expect(updated.rows.map((r) => r.outcome)).toEqual(['updated', 'skipped']);
    expect(updated.rows[0]!.customerId).toBe(old.id);
    expect(byEmail(a, 'old@example.com')).toMatchObject({ name: 'Old Renamed', company: 'Keep Ltd', port_slot_quota: 5 });
    // The same file once more: nothing left to change.
    const again = await call<CustomerImportResult>(a, 'customers:import', { csv, updateExisting: true });
    expect(again.rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['skipped', expect.stringMatching(/no changes/)],
      ['skipped', expect.stringMatching(/no changes/)],
    ]);
    expect(count(a)).toBe(2);
  });

  it('a dry run returns the outcomes and writes nothing', async () => {
    const a = await start();
    const before = count(a);
    const r = await call<CustomerImportResult>(a, 'customers:import', { csv: 'email,name\nann@example.com,Ann\n', dryRun: true });
    expect(r).toMatchObject({ applied: false, counts: { created: 1 }, rows: [{ outcome: 'created', customerId: null }] });
    expect(count(a)).toBe(before);
  });

  it('writes none of the rows when one fails while writing', async () => {
    const a = await start();
    // A trigger stands in for a failure the plan could not foresee (disk, constraint added later).
    a.ctx.ledger.sqlite.exec(`CREATE TEMP TRIGGER refuse_bob BEFORE INSERT ON customers WHEN NEW.email = 'bob@example.com' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const r = await a.dispatch('customers:import', { csv: 'email,name\nann@example.com,Ann\nbob@example.com,Bob\ncid@example.com,Cid\n' });
    expect(r.ok).toBe(false);
    expect(count(a)).toBe(0);
  });

  it('imports 10,000 rows in one go, each with its result', async () => {
    const a = await start();
    const lines = ['email;name;tags;traffic gb'];
    for (let i = 0; i < 10_000; i++) lines.push(`user${i}@example.com;"User ${i}; the ${i % 2 ? 'odd' : 'even'}";t${i % 7}|all;${i % 100}`);
    lines.push('user5@example.com;dup;;');
    const csv = lines.join('\r\n');
    const preview = await call<CustomerImportPreview>(a, 'customers:import-preview', { csv });
    expect(preview.counts).toEqual({ rows: 10_001, create: 10_000, update: 0, skip: 0, error: 1 });
    expect(count(a)).toBe(0);
    const result = await call<CustomerImportResult>(a, 'customers:import', { csv });
    expect(result.counts).toMatchObject({ created: 10_000, errors: 1 });
    expect(result.rows).toHaveLength(10_001);
    expect(new Set(result.rows.filter((r) => r.outcome === 'created').map((r) => r.customerId)).size).toBe(10_000);
    expect(count(a)).toBe(10_000);
    expect(byEmail(a, 'user9999@example.com')).toMatchObject({ name: 'User 9999; the odd', tags: '["t3","all"]', traffic_gb_allocation: 99 });
  });
});
