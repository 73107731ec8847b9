import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { SyncEventView, SyncProgress, SyncRunView, SyncStatus } from '../../../src/shared/contract/sync';
import { accountBalance, ledgerAccounts } from '../../../src/main/ledger/journal';
import { seedLargeAccount } from '../../../src/main/sandbox';
import { count, createHarness, type Harness } from '../accounts/harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function wzx(harness: Harness, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${harness.sandbox.whozex.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${harness.sandbox.whozex.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { data: Record<string, unknown> };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function addAccount(harness: Harness, provider: 'proxies-sx' | 'whozex'): Promise<AccountView> {
  const s = provider === 'whozex' ? harness.sandbox.whozex : harness.sandbox.proxiesSx;
  return harness.call<AccountView>('accounts:add', { provider, name: `Test ${provider}`, baseUrl: s.baseUrl, apiKey: s.apiKey });
}

const sync = async (harness: Harness, accountId: string, full?: boolean) =>
  (await harness.call<SyncRunView[]>('sync:run', { accountId, ...(full ? { full } : {}) }))[0]!;

describe('sync into the ledger', () => {
  it('opens the balance on the first sync and turns a balance changed outside the app into a conflict event', async () => {
    h = await createHarness();
    const account = await addAccount(h, 'whozex');
    const upstream = ledgerAccounts.upstream(account.id);

    const first = await sync(h, account.id);
    expect(first.status).toBe('completed');
    expect(accountBalance(h.ctx.ledger.sqlite, upstream)).toBe(15_000);
    const opening = await h.call<SyncEventView[]>('sync:events', { accountId: account.id });
    expect(opening).toMatchObject([{ kind: 'opening_balance', severity: 'info', details: { upstreamBalance: 15_000, posted: 15_000 } }]);

    // Outside the app: a sub-user is created and given $50 from the reseller balance.
    const user = await wzx(h, 'POST', '/users', { email: 'outside@example.com', name: 'Made Outside' });
    await wzx(h, 'POST', `/users/${String(user.id)}/balance`, { action: 'add', amount: 50 });

    const second = await sync(h, account.id);
    expect(second.status).toBe('completed');
    expect(second.stats.customersCreated).toBe(1);
    const conflicts = await h.call<SyncEventView[]>('sync:events', { accountId: account.id, status: 'open' });
    const mismatch = conflicts.find((e) => e.kind === 'balance_mismatch')!;
    expect(mismatch).toMatchObject({
      severity: 'conflict',
      subject: upstream,
      details: { upstreamBalance: 10_000, ledgerBalance: 15_000, difference: -5_000 },
    });
    // Not silently overwritten: the ledger now agrees with the upstream through a visible adjustment.
    expect(mismatch.transactionId).toBeTruthy();
    const tx = h.ctx.ledger.sqlite.prepare('SELECT kind FROM transactions WHERE id = ?').get(mismatch.transactionId) as { kind: string };
    expect(tx.kind).toBe('adjustment');
    expect(accountBalance(h.ctx.ledger.sqlite, upstream)).toBe(10_000);
    // The new customer's $50 sub-balance is opened from the upstream too.
    const customerId = h.ctx.ledger.sqlite.prepare('SELECT id FROM customers WHERE email = ?').pluck().get('outside@example.com') as string;
    expect(accountBalance(h.ctx.ledger.sqlite, ledgerAccounts.upstreamSub(account.id, customerId))).toBe(5_000);

    // Nothing changed since: no new conflict.
    const third = await sync(h, account.id);
    expect(third.stats.conflicts).toBe(0);
    expect((await h.call<SyncStatus>('sync:status')).openConflicts).toBe(1);
    await h.call('sync:acknowledge', { id: mismatch.id });
    expect((await h.call<SyncStatus>('sync:status')).openConflicts).toBe(0);
  });

  it('matches upstream customers to existing local customers by email and links them', async () => {
    h = await createHarness();
    const local = h.ctx.ledger.sqlite;
    const now = h.clock.now().toISOString();
    local.prepare("INSERT INTO customers (id, email, name, tags, status, created_at, updated_at) VALUES ('c-local', 'KNOWN@example.com', 'Known Locally', '[]', 'active', ?, ?)").run(now, now);
    await wzx(h, 'POST', '/users', { email: 'known@example.com', name: 'Known Upstream' });
    const account = await addAccount(h, 'whozex');
    const run = await sync(h, account.id);
    expect(run.stats).toMatchObject({ customersLinked: 1, customersCreated: 0 });
    expect(count(h, 'SELECT count(*) FROM customers')).toBe(1);
    expect(count(h, "SELECT count(*) FROM customer_links WHERE customer_id = 'c-local' AND account_id = ?", account.id)).toBe(1);
    // The reseller's own name is kept.
    expect(local.prepare("SELECT name FROM customers WHERE id = 'c-local'").pluck().get()).toBe('Known Locally');
  });

  it('refreshes the packages the app knows with live GB figures', async () => {
    h = await createHarness();
    const user = await wzx(h, 'POST', '/users', { email: 'pkg@example.com' });
    await wzx(h, 'POST', `/users/${String(user.id)}/balance`, { action: 'add', amount: 40 });
    const pkg = await wzx(h, 'POST', `/users/${String(user.id)}/packages`, { gb: 20, proxy_type: 'residential' });
    const account = await addAccount(h, 'whozex');
    await sync(h, account.id);
    // Whozex lists no packages: one bought outside the app is flagged, not guessed.
    const flagged = await h.call<SyncEventView[]>('sync:events', { accountId: account.id, status: 'open' });
    expect(flagged).toMatchObject([{ kind: 'packages_unknown_locally', details: { upstreamPackages: 1, knownPackages: 0 } }]);
    const customerId = h.ctx.ledger.sqlite.prepare('SELECT id FROM customers WHERE email = ?').pluck().get('pkg@example.com') as string;
    // As the packages service records a purchase it made:
    const now = h.clock.now().toISOString();
    h.ctx.ledger.sqlite
      .prepare("INSERT INTO services (id, kind, customer_id, provider_account_id, upstream_id, status, total_gb_milli, used_gb_milli, details, created_at, updated_at) VALUES (?, 'package', ?, ?, ?, 'active', 0, 0, '{}', ?, ?)")
      .run(randomUUID(), customerId, account.id, String(pkg.id), now, now);
    const run = await sync(h, account.id);
    expect(run.stats.servicesUpdated).toBe(1);
    const row = h.ctx.ledger.sqlite.prepare('SELECT total_gb_milli, status FROM services WHERE upstream_id = ?').get(String(pkg.id)) as { total_gb_milli: number; status: string };
    expect(row).toEqual({ total_gb_milli: 20_000, status: 'active' });
  });

  it('a sync cancelled part-way resumes from its cursor without duplicates', async () => {
    h = await createHarness();
    seedLargeAccount(h.sandbox.proxiesSx.db, h.sandbox.clock, { customers: 1_500, portsPerCustomer: 2 });
    const account = await addAccount(h, 'proxies-sx');
    const unsubscribe = h.ctx.bus.subscribe((name, payload) => {
      const p = payload as SyncProgress;
      if (name === 'event:sync-progress' && p.phase === 'services' && p.done >= 1_200) void h!.call('sync:cancel', { accountId: account.id });
    });
    const killed = await sync(h, account.id);
    unsubscribe();
    expect(killed.status).toBe('cancelled');
    const partial = count(h, 'SELECT count(*) FROM services');
    expect(partial).toBeGreaterThanOrEqual(1_200);
    expect(partial).toBeLessThan(3_000);
    expect((await h.call<SyncStatus>('sync:status')).accounts[0]).toMatchObject({ resumable: true, lastRun: { status: 'cancelled' } });

    const resumed = await sync(h, account.id);
    expect(resumed.status).toBe('completed');
    expect(count(h, 'SELECT count(*) FROM services')).toBe(3_000);
    expect(count(h, 'SELECT count(DISTINCT upstream_id) FROM services')).toBe(3_000);
    expect(count(h, 'SELECT count(*) FROM customers')).toBe(1_500);
    // It continued from the committed cursor: customers (15 pages) were not read again, and
    // the services list (30 pages) was not read again from the start.
    expect(resumed.stats.servicesCreated).toBe(3_000 - partial);
    expect(resumed.stats.skipped).toContain('customers');
    expect(resumed.requests).toBeLessThan(30);
    expect(count(h, "SELECT count(*) FROM sync_events WHERE severity = 'conflict'")).toBe(0);
  });

  it('a port deleted upstream becomes a conflict and is marked, not deleted', async () => {
    h = await createHarness();
    seedLargeAccount(h.sandbox.proxiesSx.db, h.sandbox.clock, { customers: 30, portsPerCustomer: 2 });
    const account = await addAccount(h, 'proxies-sx');
    await sync(h, account.id);
    const victim = h.sandbox.proxiesSx.db.prepare("SELECT id FROM psx_ports WHERE status = 'active' ORDER BY seq LIMIT 1 OFFSET 5").pluck().get() as string;
    h.sandbox.proxiesSx.db.prepare('DELETE FROM psx_ports WHERE id = ?').run(victim);

    const run = await sync(h, account.id);
    expect(run.stats.servicesMissing).toBe(1);
    const row = h.ctx.ledger.sqlite.prepare('SELECT status FROM services WHERE upstream_id = ?').get(victim) as { status: string };
    expect(row.status).toBe('missing_upstream');
    expect(count(h, 'SELECT count(*) FROM services')).toBe(60);
    const events = await h.call<SyncEventView[]>('sync:events', { accountId: account.id, status: 'open' });
    expect(events).toMatchObject([{ kind: 'service_missing_upstream', severity: 'conflict', subject: `port:${victim}` }]);

    // A forced full re-read records it once, not again.
    await sync(h, account.id, true);
    expect(count(h, "SELECT count(*) FROM sync_events WHERE kind = 'service_missing_upstream'")).toBe(1);
  });

  it('waits with the balance while an operation on the account is pending', async () => {
    h = await createHarness();
    const account = await addAccount(h, 'whozex');
    await sync(h, account.id);
    await wzx(h, 'POST', '/users', { email: 'pending@example.com' }).then((u) => wzx(h!, 'POST', `/users/${String(u.id)}/balance`, { action: 'add', amount: 10 }));
    const now = h.clock.now().toISOString();
    h.ctx.ledger.sqlite
      .prepare("INSERT INTO operations (id, idempotency_key, kind, provider_account_id, status, request, created_at, updated_at) VALUES ('op1', 'op1-key-000', 'topup', ?, 'pending', '{}', ?, ?)")
      .run(account.id, now, now);
    const run = await sync(h, account.id);
    expect(run.stats.skipped).toContain('balance');
    expect(count(h, "SELECT count(*) FROM sync_events WHERE kind = 'balance_mismatch'")).toBe(0);
    expect(accountBalance(h.ctx.ledger.sqlite, ledgerAccounts.upstream(account.id))).toBe(15_000);
  });
});
