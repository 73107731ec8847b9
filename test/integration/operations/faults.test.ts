import { afterEach, describe, expect, it } from 'vitest';
import type { OperationPage, ReconcileSummary } from '../../../src/shared/contract/operations';
import type { PortPage } from '../../../src/shared/contract/proxies';
import type { PackagePage } from '../../../src/shared/contract/packages';
import { mulberry32 } from '../../../src/shared/prng';
import { createOpsHarness, ledgerAccounts as A, psxPortIds, psxResellerBalance, type OpsHarness } from './harness';

// Issue 15: no upstream promises Idempotency-Key on these routes; the sandbox ignores it here.

let h: OpsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function settle(x: OpsHarness): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const s = await x.call<ReconcileSummary>('operations:reconcile');
    if (s.stillPending === 0) return;
  }
  throw new Error('operations stayed pending after the faults were switched off');
}

describe('operations under fault injection (5xx, drop after commit, timeouts, 429 storms)', () => {
  it('ends every operation completed or failed, with no double charge and no orphan port or package', async () => {
    h = await createOpsHarness({ retries: 1, sandbox: { profile: 'documented' } });
    const psx = await h.addAccount('proxies-sx', { deposit: 50_000 });
    const wzx = await h.addAccount('whozex', { deposit: 15_000 });
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await h.customer({ email: `c${i}@example.com`, name: `Customer ${i}`, portSlotQuota: 3 }));

    h.sandbox.faults.configure({ seed: 7, errorRate: 0.15, dropAfterCommitRate: 0.2, timeoutRate: 0.08, timeoutMs: 150, rateLimitStormRate: 0.05 });
    // Deterministic choice sequence for the workload (not the sandbox's fault PRNG).
    const rnd = mulberry32(42);
    const outcomes = { ok: 0, refused: 0, pending: 0 };
    for (let i = 0; i < 45; i++) {
      const c = customers[Math.floor(rnd() * customers.length)]!;
      const pick = rnd();
      let r;
      if (pick < 0.3) r = await h.dispatch('proxies:create', { accountId: psx.id, customerId: c.id, country: rnd() < 0.5 ? 'DE' : 'US', days: 1 + Math.floor(rnd() * 30) });
      else if (pick < 0.5) r = await h.dispatch('money:top-up', { customerId: c.id, accountId: psx.id, amount: 100 + Math.floor(rnd() * 900) });
      else if (pick < 0.6) {
        const ports = await h.call<PortPage>('proxies:list', { customerId: c.id, status: 'active' });
        if (ports.items[0]) r = await h.dispatch('proxies:extend', { serviceId: ports.items[0].serviceId, days: 2 });
      } else if (pick < 0.85) r = await h.dispatch('packages:create', { accountId: wzx.id, customerId: c.id, gb: 1 + Math.floor(rnd() * 5) });
      else {
        const pk = await h.call<PackagePage>('packages:list', { customerId: c.id });
        if (pk.items[0]) r = await h.dispatch('packages:add-gb', { serviceId: pk.items[0].serviceId, gb: 1 });
        else r = await h.dispatch('money:top-up', { customerId: c.id, accountId: wzx.id, amount: 500 });
      }
      if (!r) continue;
      if (r.ok) outcomes.ok++;
      else if (r.error.code === 'UPSTREAM_OUTCOME_UNKNOWN') outcomes.pending++;
      else outcomes.refused++;
    }
    h.sandbox.faults.reset();
    await settle(h);
    expect(outcomes.ok).toBeGreaterThan(10);

    const db = h.ctx.ledger.sqlite;
    // Nothing pending, none waiting for review: the documented reads settled every lost answer.
    expect((await h.call<OperationPage>('operations:list', { status: 'pending' })).items).toEqual([]);

    // Proxies.sx: the books equal the upstream.
    expect(h.ledger(A.upstream(psx.id))).toBe(psxResellerBalance(h.sandbox));
    const localPorts = db.prepare("SELECT upstream_id FROM services WHERE kind = 'port' ORDER BY upstream_id").pluck().all();
    expect(localPorts).toEqual(psxPortIds(h.sandbox));
    const upstreamPortCost = h.sandbox.proxiesSx.db.prepare('SELECT coalesce(sum(cost_cents), 0) FROM psx_ports').pluck().get() as number;
    expect(h.ledger(A.cost(psx.id))).toBe(upstreamPortCost);
    for (const c of customers) {
      const upstreamSub = h.sandbox.proxiesSx.db.prepare('SELECT balance_cents FROM psx_customers WHERE email = ?').pluck().get(c.email) as number | undefined;
      expect(h.ledger(A.upstreamSub(psx.id, c.id))).toBe(upstreamSub ?? 0);
    }
    // Every port has exactly one creating sale; every extension exactly one more.
    const portSales = db.prepare("SELECT count(*) FROM sales s JOIN services v ON v.id = s.service_id WHERE v.kind = 'port'").pluck().get() as number;
    const upstreamPortEvents = h.sandbox.proxiesSx.db.prepare("SELECT count(*) FROM psx_transactions WHERE type IN ('port_purchase', 'port_extend')").pluck().get() as number;
    expect(portSales).toBe(upstreamPortEvents);

    // Whozex: the reseller balance, each sub-user's balance, and one service per package.
    const wz = h.sandbox.whozex.db;
    expect(h.ledger(A.upstream(wzx.id))).toBe(wz.prepare('SELECT balance_cents FROM wzx_resellers LIMIT 1').pluck().get());
    const localPackages = db.prepare("SELECT upstream_id FROM services WHERE kind = 'package' ORDER BY upstream_id").pluck().all();
    expect(localPackages).toEqual(wz.prepare('SELECT id FROM wzx_packages ORDER BY id').pluck().all());
    for (const c of customers) {
      const sub = wz.prepare('SELECT balance_cents FROM wzx_users WHERE email = ?').pluck().get(c.email) as number | undefined;
      expect(h.ledger(A.upstreamSub(wzx.id, c.id))).toBe(sub ?? 0);
    }
    const wzxSales = db.prepare("SELECT count(*) FROM sales s JOIN services v ON v.id = s.service_id WHERE v.kind = 'package'").pluck().get() as number;
    expect(wzxSales).toBe(wz.prepare("SELECT count(*) FROM wzx_transactions WHERE type IN ('purchase', 'add_gb')").pluck().get());
    // No upstream customer was created twice.
    expect(db.prepare('SELECT count(*) FROM customer_links').pluck().get()).toBe(
      (h.sandbox.proxiesSx.db.prepare('SELECT count(*) FROM psx_customers').pluck().get() as number) + (wz.prepare('SELECT count(*) FROM wzx_users').pluck().get() as number),
    );
  }, 120_000);
});
