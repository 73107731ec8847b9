import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkStatusResult } from '../../../src/shared/contract/customer-bulk';
import type { CustomerDetail } from '../../../src/shared/contract/customers';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';

let app: TestApp | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const c of cleanups.splice(0)) c();
});

async function call<T>(a: TestApp, channel: string, input?: unknown): Promise<T> {
  const r = await a.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), r.error);
  return r.value as T;
}

async function seed(a: TestApp, names: string[]): Promise<CustomerDetail[]> {
  const out: CustomerDetail[] = [];
  for (const n of names) out.push(await call<CustomerDetail>(a, 'customers:create', { email: `${n.toLowerCase()}@example.com`, name: n }));
  return out;
}

const statuses = (a: TestApp) =>
  Object.fromEntries((a.ctx.ledger.sqlite.prepare('SELECT name, status FROM customers').all() as { name: string; status: string }[]).map((r) => [r.name, r.status]));

describe('customers:bulk-set-status', () => {
  it('changes every customer that may change, reports the others, one result per distinct id', async () => {
    const a = (app = await createTestApp());
    const [ann, bob, arc, cid] = await seed(a, ['Ann', 'Bob', 'Arc', 'Cid']);
    await call(a, 'customers:set-status', { id: arc!.id, status: 'archived' });
    await call(a, 'customers:set-status', { id: cid!.id, status: 'suspended' });
    const bulkEvents: unknown[] = [];
    a.ctx.bus.subscribe((name, payload) => name === 'event:customers-bulk-changed' && bulkEvents.push(payload));

    const r = await call<BulkStatusResult>(a, 'customers:bulk-set-status', { ids: [ann!.id, bob!.id, arc!.id, cid!.id, 'no-such-id', ann!.id], status: 'suspended' });
    expect(r.results.map((x) => [x.customerId, x.outcome, x.previousStatus])).toEqual([
      [ann!.id, 'changed', 'active'],
      [bob!.id, 'changed', 'active'],
      [arc!.id, 'failed', 'archived'],
      [cid!.id, 'unchanged', 'suspended'],
      ['no-such-id', 'failed', null],
    ]);
    expect(r.counts).toEqual({ changed: 2, unchanged: 1, failed: 2 });
    expect(r.results[2]!.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Reactivate/) });
    expect(r.results[4]!.error!.code).toBe('NOT_FOUND');
    expect(statuses(a)).toEqual({ Ann: 'suspended', Bob: 'suspended', Arc: 'archived', Cid: 'suspended' });
    expect(bulkEvents).toEqual([{ reason: 'status', count: 2 }]);

    const back = await call<BulkStatusResult>(a, 'customers:bulk-set-status', { ids: [ann!.id, bob!.id, arc!.id, cid!.id], status: 'active' });
    expect(back.counts).toEqual({ changed: 4, unchanged: 0, failed: 0 });
    expect(Object.values(statuses(a))).toEqual(['active', 'active', 'active', 'active']);
  });

  it('changes thousands of customers in one call', async () => {
    const a = (app = await createTestApp());
    const csv = ['email,name', ...Array.from({ length: 3_000 }, (_, i) => `u${i}@example.com,U${i}`)].join('\n');
    await call(a, 'customers:import', { csv });
    const ids = a.ctx.ledger.sqlite.prepare('SELECT id FROM customers').pluck().all() as string[];
    const r = await call<BulkStatusResult>(a, 'customers:bulk-set-status', { ids, status: 'archived' });
    expect(r.counts.changed).toBe(3_000);
    expect(a.ctx.ledger.sqlite.prepare("SELECT count(*) FROM customers WHERE status = 'archived'").pluck().get()).toBe(3_000);
  });
});

describe('customers:export-selection', () => {
  it('writes the customers export for the selected customers only', async () => {
    const a = (app = await createTestApp());
    const [ann, , cid] = await seed(a, ['Ann', 'Bob', 'Cid']);
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const path = join(temp.dir, 'selection.csv');
    const r = await call<{ rows: number; requested: number; path: string }>(a, 'customers:export-selection', { ids: [cid!.id, ann!.id, ann!.id, 'gone'], path });
    expect(r).toMatchObject({ rows: 2, requested: 3, path });
    const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.name)).toEqual(['Ann', 'Cid']);
    expect(rows.map((x) => x.customer_id)).toEqual([ann!.id, cid!.id]);
    // Same rules as exports:run for a path the Save dialog did not grant: never replaces a file.
    const again = await a.dispatch('customers:export-selection', { ids: [ann!.id], path });
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('exports:run refuses a list of customers for other kinds', async () => {
    const a = (app = await createTestApp());
    const r = await a.dispatch('exports:run', { kind: 'sales', customerIds: ['x'], path: '/tmp/never.csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'customerIds' } });
  });
});
