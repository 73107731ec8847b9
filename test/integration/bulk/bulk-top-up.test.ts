import { afterEach, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkTopUpResult } from '../../../src/shared/contract/customer-bulk';
import type { OperationPage } from '../../../src/shared/contract/operations';
import { createOpsHarness, ledgerAccounts as A, psxResellerBalance, type OpsHarness } from '../operations/harness';

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function progressEvents(harness: OpsHarness): BulkProgress[] {
  const seen: BulkProgress[] = [];
  harness.ctx.bus.subscribe((name, payload) => {
    if (name === 'event:bulk-progress') seen.push(payload as BulkProgress);
  });
  return seen;
}

describe('money:bulk-top-up (real HTTP to the sandbox)', () => {
  it('tops up each customer through the operations journal; failures are reported and the others complete; the ledger agrees with the upstream', async () => {
    h = await createOpsHarness();
    // The sandbox reseller starts with $500; the opening deposit records it in the books.
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ann = await h.customer({ email: 'ann@example.com', name: 'Ann' });
    const bob = await h.customer({ email: 'bob@example.com', name: 'Bob' });
    const arc = await h.customer({ email: 'arc@example.com', name: 'Archie' });
    const cid = await h.customer({ email: 'cid@example.com', name: 'Cid' });
    await h.call('customers:set-status', { id: arc.id, status: 'archived' });
    const events = progressEvents(h);

    // $500 at the upstream: Ann and Bob get $200 each, Archie is archived, Cid finds $100 left.
    const r = await h.call<BulkTopUpResult>('money:bulk-top-up', {
      ids: [ann.id, arc.id, bob.id, cid.id, ann.id],
      accountId: psx.id,
      amount: 20_000,
      recordAsPayment: true,
      method: 'bank',
      jobId: 'job-1',
    });
    expect(r.results.map((x) => [x.customerId, x.outcome])).toEqual([
      [ann.id, 'done'],
      [arc.id, 'failed'],
      [bob.id, 'done'],
      [cid.id, 'failed'],
    ]);
    expect(r).toMatchObject({ jobId: 'job-1', total: 4, succeeded: 2, failed: 2, cancelled: 0, amountMoved: 40_000 });
    expect(r.results[1]!.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived/) });
    expect(r.results[3]!.error!.code).toBe('INSUFFICIENT_BALANCE');
    expect(r.results[0]!.operationId).toBeTruthy();

    // Books: upstream balance = what the upstream itself says; each customer's sub-balance and credit.
    expect(h.ledger(A.upstream(psx.id))).toBe(10_000);
    expect(psxResellerBalance(h.sandbox)).toBe(10_000);
    expect(h.ledger(A.upstreamSub(psx.id, ann.id))).toBe(20_000);
    expect(h.ledger(A.upstreamSub(psx.id, bob.id))).toBe(20_000);
    expect(h.ledger(A.credit(ann.id))).toBe(-20_000); // recorded as paid: credit (a liability) of $200
    expect(h.ledger(A.upstreamSub(psx.id, cid.id))).toBe(0);
    expect(h.ledger(A.upstreamSub(psx.id, arc.id))).toBe(0);
    const sums = h.ctx.ledger.sqlite.prepare('SELECT count(*) FROM (SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) != 0)').pluck().get();
    expect(sums).toBe(0);
    // Nothing left pending in the operations journal.
    expect((await h.call<OperationPage>('operations:list', { status: 'pending' })).total).toBe(0);

    expect(events.filter((e) => e.jobId === 'job-1').map((e) => [e.done, e.failed, e.state])).toEqual([
      [0, 0, 'running'],
      [1, 0, 'running'],
      [2, 1, 'running'],
      [3, 1, 'running'],
      [4, 2, 'done'],
    ]);
  });

  it('cancelling stops before the next customer; the rest are reported as not attempted', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const customers = [];
    for (const n of ['a', 'b', 'c', 'd']) customers.push(await h.customer({ email: `${n}@example.com`, name: n.toUpperCase() }));
    const harness = h;
    harness.ctx.bus.subscribe((name, payload) => {
      const p = payload as BulkProgress;
      if (name === 'event:bulk-progress' && p.jobId === 'job-2' && p.done === 1) void harness.dispatch('bulk:cancel', { jobId: 'job-2' });
    });
    const r = await h.call<BulkTopUpResult>('money:bulk-top-up', { ids: customers.map((c) => c.id), accountId: psx.id, amount: 1_000, jobId: 'job-2' });
    expect(r.results.map((x) => x.outcome)).toEqual(['done', 'cancelled', 'cancelled', 'cancelled']);
    expect(r).toMatchObject({ succeeded: 1, failed: 0, cancelled: 3, amountMoved: 1_000 });
    expect(psxResellerBalance(h.sandbox)).toBe(49_000);
    expect(h.ledger(A.upstream(psx.id))).toBe(49_000);
    for (const c of customers.slice(1)) expect(h.ledger(A.upstreamSub(psx.id, c.id))).toBe(0);
    // The job is over: cancelling again finds nothing.
    expect(await h.call('bulk:cancel', { jobId: 'job-2' })).toEqual({ cancelled: false });
  });

  it('refuses a payment record without a method, and more than 10,000 customers, before any request', async () => {
    h = await createOpsHarness();
    const psx = await h.addAccount('proxies-sx', { deposit: 1_000 });
    const before = h.requests.count;
    expect(await h.refuse('money:bulk-top-up', { ids: ['x'], accountId: psx.id, amount: 100, recordAsPayment: true })).toMatchObject({ code: 'INVALID_INPUT', field: 'method' });
    const many = Array.from({ length: 10_001 }, (_, i) => `c${i}`);
    expect((await h.refuse('money:bulk-top-up', { ids: many, accountId: psx.id, amount: 100 })).code).toBe('INVALID_INPUT');
    expect(h.requests.count).toBe(before);
  });
});
