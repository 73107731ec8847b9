import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/main/providers';
import type { Provider } from '../../../src/main/providers/types';
import { AppError } from '../../../src/shared/errors';
import type { BalanceMoveResult, OperationPage } from '../../../src/shared/contract/operations';
import type { PackageResult } from '../../../src/shared/contract/packages';
import type { PortResult } from '../../../src/shared/contract/proxies';
import { createOpsHarness, ledgerAccounts as A, psxPortIds, psxResellerBalance, type OpsHarness } from './harness';

/**
 * Issue 15: the upstreams promise no Idempotency-Key on the routes the app calls. Here the
 * sandbox serves only the documented API, so it IGNORES the key, and
 * answers are lost after the upstream committed. A lost answer must be settled by looking
 * in documented reads: never a second charge, never an orphan, the books = the upstream,
 * and "needs review" when the reads cannot decide.
 */


let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const psxTopUps = (x: OpsHarness) => x.sandbox.proxiesSx.db.prepare("SELECT count(*) FROM psx_transactions WHERE type = 'topup'").pluck().get() as number;
const psxSub = (x: OpsHarness, email: string) => x.sandbox.proxiesSx.db.prepare('SELECT balance_cents FROM psx_customers WHERE email = ?').pluck().get(email) as number;
const wzx = (x: OpsHarness) => x.sandbox.whozex.db;
const wzxResellerBalance = (x: OpsHarness) => wzx(x).prepare('SELECT balance_cents FROM wzx_resellers LIMIT 1').pluck().get() as number;
const opStatus = (x: OpsHarness, id: string) => x.ctx.ledger.sqlite.prepare('SELECT status, error_code FROM operations WHERE id = ?').get(id) as { status: string; error_code: string | null };

type Wrap = (real: Provider, method: string, args: unknown[], call: number) => Promise<unknown>;

/** Providers whose answers to the named methods pass through `wrap` (the HTTP stays real). */
function wrapping(methods: string[], wrap: Wrap) {
  const calls = new Map<string, number>();
  const factory = (kind: 'proxies-sx' | 'whozex', options: Parameters<typeof createProvider>[1]): Provider => {
    const real = createProvider(kind, options);
    return new Proxy(real, {
      get(target, prop, receiver) {
        if (typeof prop !== 'string' || !methods.includes(prop)) return Reflect.get(target, prop, receiver);
        return async (...args: unknown[]) => {
          const n = (calls.get(prop) ?? 0) + 1;
          calls.set(prop, n);
          return wrap(target, prop, args, n);
        };
      },
    });
  };
  return { factory, calls };
}

const invoke = (p: Provider, method: string, args: unknown[]) => (p as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!.apply(p, args);
const lost = () => new AppError('UPSTREAM_OUTCOME_UNKNOWN', 'the connection dropped after the upstream committed');

describe('an answer lost after commit, with Idempotency-Key ignored upstream', () => {
  it('top-up (Proxies.sx): the balance in the customer list shows it landed; booked once, never resent', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const kim = await h.customer({ email: 'kim@example.com', name: 'Kim' });
    await h.call('money:top-up', { customerId: kim.id, accountId: psx.id, amount: 100 });
    // Every write's answer is lost from now on (reads still answer).
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    const top = await h.call<BalanceMoveResult>('money:top-up', { customerId: kim.id, accountId: psx.id, amount: 2_500, requestId: 'req_topup_0001' });
    h.sandbox.faults.reset();
    expect(top.amount).toBe(2_500);
    expect(psxTopUps(h)).toBe(2);
    expect(psxSub(h, 'kim@example.com')).toBe(2_600);
    expect(h.ledger(A.upstreamSub(psx.id, kim.id))).toBe(2_600);
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
    // The same request id again: the same operation, no new charge.
    const again = await h.call<BalanceMoveResult>('money:top-up', { customerId: kim.id, accountId: psx.id, amount: 2_500, requestId: 'req_topup_0001' });
    expect(again.operationId).toBe(top.operationId);
    expect(psxTopUps(h)).toBe(2);
  });

  it('port create (Proxies.sx): the port list shows the new port; one port, one sale, no orphan', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const mia = await h.customer({ email: 'mia@example.com', name: 'Mia', portSlotQuota: 2 });
    await h.call('money:top-up', { customerId: mia.id, accountId: psx.id, amount: 100 });
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    const port = await h.call<PortResult>('proxies:create', { accountId: psx.id, customerId: mia.id, country: 'DE', days: 5, requestId: 'req_port_00001' });
    h.sandbox.faults.reset();
    expect(psxPortIds(h.sandbox)).toEqual([port.port.upstreamId]);
    expect(h.ctx.ledger.sqlite.prepare("SELECT upstream_id FROM services WHERE kind = 'port'").pluck().all()).toEqual(psxPortIds(h.sandbox));
    expect(h.ctx.ledger.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
    expect(h.ledger(A.cost(psx.id))).toBe(h.sandbox.proxiesSx.db.prepare('SELECT sum(cost_cents) FROM psx_ports').pluck().get());
  });

  it('top-up, package create and add GB (Whozex): found through the documented note and purchases; books = upstream', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    const wz = await h.addAccount('whozex', { deposit: 15_000 });
    const lee = await h.customer({ email: 'lee@example.com', name: 'Lee' });
    await h.call('money:top-up', { customerId: lee.id, accountId: wz.id, amount: 100 });
    h.sandbox.faults.configure({ dropAfterCommitRate: 1 });
    await h.call<BalanceMoveResult>('money:top-up', { customerId: lee.id, accountId: wz.id, amount: 3_000, requestId: 'req_wtop_00001' });
    const pkg = await h.call<PackageResult>('packages:create', { accountId: wz.id, customerId: lee.id, gb: 2, requestId: 'req_wpkg_00001' });
    const more = await h.call<PackageResult>('packages:add-gb', { serviceId: pkg.package.serviceId, gb: 1, requestId: 'req_wgb_000001' });
    h.sandbox.faults.reset();
    expect(more.package.totalGbMilli).toBe(3_000);
    const db = h.ctx.ledger.sqlite;
    expect(wzx(h).prepare("SELECT count(*) FROM wzx_transactions WHERE type = 'balance_add'").pluck().get()).toBe(2);
    expect(wzx(h).prepare("SELECT count(*) FROM wzx_transactions WHERE type = 'purchase'").pluck().get()).toBe(1);
    expect(wzx(h).prepare("SELECT count(*) FROM wzx_transactions WHERE type = 'add_gb'").pluck().get()).toBe(1);
    // The add-GB carried the operation's key in the documented note.
    expect(wzx(h).prepare("SELECT note FROM wzx_transactions WHERE type = 'add_gb'").pluck().get()).toMatch(/ref rd_[0-9a-f]{32}/);
    expect(db.prepare("SELECT upstream_id FROM services WHERE kind = 'package'").pluck().all()).toEqual(wzx(h).prepare('SELECT id FROM wzx_packages').pluck().all());
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(2);
    expect(h.ledger(A.upstream(wz.id))).toBe(wzxResellerBalance(h));
    expect(h.ledger(A.upstreamSub(wz.id, lee.id))).toBe(wzx(h).prepare('SELECT balance_cents FROM wzx_users WHERE email = ?').pluck().get('lee@example.com'));
    expect((await h.call<OperationPage>('operations:list', { status: 'pending' })).total).toBe(0);
  });

  it('a request that never arrived is proven absent by the reads and only then sent again: one charge', async () => {
    const w = wrapping(['topUpCustomer'], async (real, method, args, n) => {
      if (n === 2) throw lost(); // lost BEFORE it reached the upstream
      return invoke(real, method, args);
    });
    h = await createOpsHarness({ providerFactory: w.factory, sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ned = await h.customer({ email: 'ned@example.com', name: 'Ned' });
    await h.call('money:top-up', { customerId: ned.id, accountId: psx.id, amount: 100 });
    await h.call('money:top-up', { customerId: ned.id, accountId: psx.id, amount: 700, requestId: 'req_absent_001' });
    expect(w.calls.get('topUpCustomer')).toBe(3);
    expect(psxTopUps(h)).toBe(2);
    expect(h.ledger(A.upstreamSub(psx.id, ned.id))).toBe(800);
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
  });

  it('"key reused" after an unknown outcome goes to the lookup, never straight to failed', async () => {
    const w = wrapping(['topUpCustomer'], async (real, method, args, n) => {
      const out = await invoke(real, method, args);
      if (n === 2) throw new AppError('CONFLICT', 'Idempotency-Key reused', { details: { upstreamCode: 'IDEMPOTENCY_KEY_REUSED', status: 409 } });
      return out;
    });
    h = await createOpsHarness({ providerFactory: w.factory, sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ora = await h.customer({ email: 'ora@example.com', name: 'Ora' });
    await h.call('money:top-up', { customerId: ora.id, accountId: psx.id, amount: 100 });
    const top = await h.call<BalanceMoveResult>('money:top-up', { customerId: ora.id, accountId: psx.id, amount: 400 });
    expect(opStatus(h, top.operationId).status).toBe('completed');
    expect(psxTopUps(h)).toBe(2);
    expect(h.ledger(A.upstreamSub(psx.id, ora.id))).toBe(500);
  });

  it('undecidable → needs review with the facts; new charges refused while it waits; same request id resolves to it; the reseller settles it', async () => {
    // The answer is lost, and meanwhile someone else tops the same customer up by 50 (the reseller's own dashboard).
    let upstreamId = '';
    const w = wrapping(['topUpCustomer'], async (real, method, args, n) => {
      const out = await invoke(real, method, args);
      if (n === 2) {
        upstreamId = args[0] as string;
        await real.topUpCustomer(upstreamId, { amount: 50, note: 'manual' }, { idempotencyKey: 'manual_topup_1' });
        throw lost();
      }
      return out;
    });
    h = await createOpsHarness({ providerFactory: w.factory, sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const pat = await h.customer({ email: 'pat@example.com', name: 'Pat' });
    await h.call('money:top-up', { customerId: pat.id, accountId: psx.id, amount: 100 });

    const first = await h.refuse('money:top-up', { customerId: pat.id, accountId: psx.id, amount: 2_500, requestId: 'req_review_001' });
    expect(first.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(first.details).toMatchObject({ needsReview: true });
    const opId = first.details!.operationId as string;
    expect(opStatus(h, opId)).toEqual({ status: 'pending', error_code: 'NEEDS_REVIEW' });
    const listed = await h.call<OperationPage>('operations:list', { status: 'pending' });
    expect(listed.items[0]).toMatchObject({ id: opId, errorCode: 'NEEDS_REVIEW', requestId: 'req_review_001', review: { before: { balance: 100 }, seen: { customerBalanceBefore: 100, customerBalanceNow: 2_650 } } });
    const topUpsSoFar = psxTopUps(h);

    // The same request id (a second click): the same operation, nothing sent.
    const second = await h.refuse('money:top-up', { customerId: pat.id, accountId: psx.id, amount: 2_500, requestId: 'req_review_001' });
    expect(second).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', details: { operationId: opId } });
    // A new form (new request id): refused with what is pending and how to check it.
    const blocked = await h.refuse('money:top-up', { customerId: pat.id, accountId: psx.id, amount: 2_500, requestId: 'req_review_002' });
    expect(blocked.code).toBe('OPERATION_PENDING');
    expect(blocked.message).toContain('Events → Upstream operations → Check now');
    expect(blocked.details).toMatchObject({ operationId: opId });
    expect(psxTopUps(h)).toBe(topUpsSoFar);
    expect(h.ledger(A.upstreamSub(psx.id, pat.id))).toBe(100);

    // The reseller checked the dashboard: it landed. Booked as if it had succeeded.
    expect(await h.call('operations:settle', { operationId: opId, landed: true })).toEqual({ operationId: opId, status: 'completed' });
    expect(h.ledger(A.upstreamSub(psx.id, pat.id))).toBe(2_600);
    expect(h.ctx.ledger.sqlite.prepare("SELECT count(*) FROM transactions WHERE operation_id = ? AND kind = 'topup'").pluck().get(opId)).toBe(1);
    // Settled: new charges go through again; a deliberate separate one was possible all along.
    const after = await h.call<BalanceMoveResult>('money:top-up', { customerId: pat.id, accountId: psx.id, amount: 10, requestId: 'req_review_003' });
    expect(opStatus(h, after.operationId).status).toBe('completed');
    await expect(h.call('operations:settle', { operationId: opId, landed: false })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('settled as "did not land": failed, nothing booked; confirmSeparate lets a deliberate second charge through while one waits', async () => {
    // This time the request never reached the upstream; only someone else's top-up of 50 did.
    const w = wrapping(['topUpCustomer'], async (real, method, args, n) => {
      if (n === 2) {
        await real.topUpCustomer(args[0] as string, { amount: 50 }, { idempotencyKey: 'manual_topup_2' });
        throw lost();
      }
      return invoke(real, method, args);
    });
    h = await createOpsHarness({ providerFactory: w.factory, sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const ray = await h.customer({ email: 'ray@example.com', name: 'Ray' });
    await h.call('money:top-up', { customerId: ray.id, accountId: psx.id, amount: 100 });
    const first = await h.refuse('money:top-up', { customerId: ray.id, accountId: psx.id, amount: 900, requestId: 'req_sep_00001' });
    const opId = first.details!.operationId as string;
    const separate = await h.call<BalanceMoveResult>('money:top-up', { customerId: ray.id, accountId: psx.id, amount: 300, requestId: 'req_sep_00002', confirmSeparate: true });
    expect(opStatus(h, separate.operationId).status).toBe('completed');
    await h.call('operations:settle', { operationId: opId, landed: false });
    expect(opStatus(h, opId)).toMatchObject({ status: 'failed', error_code: 'SETTLED_NOT_LANDED' });
    expect(h.ctx.ledger.sqlite.prepare('SELECT count(*) FROM transactions WHERE operation_id = ?').pluck().get(opId)).toBe(0);
    // The books hold what the app did (100 + 300); the 50 made elsewhere is for a sync to bring in.
    expect(h.ledger(A.upstreamSub(psx.id, ray.id))).toBe(400);
    expect(psxSub(h, 'ray@example.com')).toBe(450);
  });

  it('a request id belongs to one charge: reused for another charge it is refused, and nothing is sent', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const kai = await h.customer({ email: 'kai@example.com', name: 'Kai', portSlotQuota: 2 });
    await h.call('money:top-up', { customerId: kai.id, accountId: psx.id, amount: 100, requestId: 'req_once_00001' });
    const before = h.requests.count;
    const refused = await h.refuse('proxies:create', { accountId: psx.id, customerId: kai.id, country: 'DE', days: 5, requestId: 'req_once_00001' });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'requestId' });
    expect(h.requests.count).toBe(before);
    expect(psxPortIds(h.sandbox)).toEqual([]);
  });
});
