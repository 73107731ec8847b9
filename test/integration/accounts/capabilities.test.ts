/**
 * Capabilities per account (issue 15), over real HTTP: against an upstream that serves only
 * what the documents promise (the sandbox's `documented` profile, with a request recorder in
 * front to see what the app asked) and against the full sandbox, whose extras are detected
 * as present.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountCapabilitiesView, AccountCheck, AccountView, BooksBalancePreview } from '../../../src/shared/contract/accounts';
import type { PortResult } from '../../../src/shared/contract/proxies';
import type { SyncRunView } from '../../../src/shared/contract/sync';
import { startRequestRecorder, type RequestRecorder } from '../../support/request-recorder';
import { createOpsHarness, ledgerAccounts, psxResellerBalance, type OpsHarness } from '../operations/harness';

let h: OpsHarness | null = null;
let proxy: RequestRecorder | null = null;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = null;
  proxy = null;
});

const BOOKS = /Proxies\.sx does not report your balance through its API: the balance shown is from your books/;
const state = (caps: AccountCapabilitiesView, id: string) => caps.assumed?.find((c) => c.id === id)?.state;
const journalCount = (x: OpsHarness) => x.ctx.ledger.sqlite.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
const writes = (p: RequestRecorder) => p.refused.filter((r) => !r.startsWith('GET '));

describe('a Proxies.sx account on an upstream that offers only the documented routes', () => {
  it('learns from its OpenAPI document what is absent, without probing, and refuses an unlisted write without asking or charging', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    proxy = await startRequestRecorder(h.sandbox.proxiesSx.baseUrl);
    const account = await h.call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'Documented', baseUrl: proxy.baseUrl, apiKey: h.sandbox.proxiesSx.apiKey, openingBalance: 50_000 });
    // The document (seed: GET /v1/reseller/docs/openapi) lists only the documented routes, so
    // nothing undocumented was asked at all, not even as a read.
    expect(proxy.seen).toContain('GET /reseller/docs/openapi');
    expect(proxy.refused).toEqual([]);
    const caps = await h.call<AccountCapabilitiesView>('accounts:capabilities', { id: account.id });
    expect(caps).toMatchObject({ balanceReport: false, transactionsReport: false, portExtend: false, balanceSource: 'books', checkSource: 'openapi', ports: true, rotation: true });
    for (const id of ['balance', 'transactions', 'webhookList', 'portExtend']) expect(caps.assumed?.find((c) => c.id === id)).toMatchObject({ state: 'absent', source: 'openapi' });
    expect(h.ledger(ledgerAccounts.upstream(account.id))).toBe(50_000);

    const ivy = await h.customer({ email: 'ivy@example.com', name: 'Ivy', portSlotQuota: 2 });
    const created = await h.call<PortResult>('proxies:create', { accountId: account.id, customerId: ivy.id, country: 'DE', days: 3 });
    const upstreamBefore = psxResellerBalance(h.sandbox);
    const journalBefore = journalCount(h);
    const seenBefore = proxy.seen.length;
    const refused = await h.refuse('proxies:extend', { serviceId: created.port.serviceId, days: 5 });
    expect(refused.code).toBe('UNSUPPORTED');
    expect(refused.message).toMatch(/Proxies\.sx does not offer extending a port through its API .*nothing was charged, booked or changed/);
    expect(proxy.seen.length).toBe(seenBefore); // refused before any request
    expect(psxResellerBalance(h.sandbox)).toBe(upstreamBefore);
    expect(journalCount(h)).toBe(journalBefore);
  });

  it('without a readable OpenAPI document: is added with a documented read, probes what is absent, books the opening balance, and refuses an absent write without charging', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    proxy = await startRequestRecorder(h.sandbox.proxiesSx.baseUrl, { withhold: ['GET /reseller/docs/openapi'] });
    const account = await h.call<AccountView>('accounts:add', {
      provider: 'proxies-sx',
      name: 'Documented Proxies.sx',
      baseUrl: proxy.baseUrl,
      apiKey: h.sandbox.proxiesSx.apiKey,
      openingBalance: 50_000,
    });
    // Nothing undocumented was written while learning: only reads were probed.
    expect(writes(proxy)).toEqual([]);
    expect(proxy.refused).toContain('GET /reseller/account');

    const caps = await h.call<AccountCapabilitiesView>('accounts:capabilities', { id: account.id });
    expect(caps).toMatchObject({ balanceReport: false, transactionsReport: false, balanceSource: 'books', checkSource: 'probe', ports: true, rotation: true });
    expect(state(caps, 'balance')).toBe('absent');
    expect(state(caps, 'transactions')).toBe('absent');
    expect(state(caps, 'webhookList')).toBe('absent');
    expect(state(caps, 'portExtend')).toBe('unknown'); // a write: tried on first use
    expect(caps.assumed?.find((c) => c.id === 'balance')?.message).toMatch(BOOKS);

    // The opening balance the reseller typed is the books' figure, against owner's equity.
    expect(h.ledger(ledgerAccounts.upstream(account.id))).toBe(50_000);
    const check = await h.call<AccountCheck>('accounts:test', { id: account.id });
    expect(check).toMatchObject({ ok: true, upstreamBalance: null, balanceSource: 'books', booksBalance: 50_000 });
    expect(check.notes?.join(' ')).toMatch(BOOKS);

    // A port (documented: create) …
    const ivy = await h.customer({ email: 'ivy@example.com', name: 'Ivy', portSlotQuota: 2 });
    const created = await h.call<PortResult>('proxies:create', { accountId: account.id, customerId: ivy.id, country: 'DE', days: 3 });
    const portId = created.port.upstreamId;
    const expiresBefore = h.sandbox.proxiesSx.db.prepare('SELECT expires_at FROM psx_ports WHERE id = ?').pluck().get(portId);
    const upstreamBefore = psxResellerBalance(h.sandbox);
    const booksBefore = h.ledger(ledgerAccounts.upstream(account.id));
    const journalBefore = journalCount(h);

    // … cannot be extended here: the upstream does not know the route. Clear words, nothing changed.
    const refused = await h.refuse('proxies:extend', { serviceId: created.port.serviceId, days: 5 });
    expect(refused.code).toBe('UNSUPPORTED');
    expect(refused.message).toMatch(/Proxies\.sx does not offer extending a port through its API .*nothing was charged, booked or changed/);
    expect(proxy.refused).toContain(`POST /reseller/ports/${portId}/extend`);
    expect(psxResellerBalance(h.sandbox)).toBe(upstreamBefore);
    expect(h.sandbox.proxiesSx.db.prepare('SELECT expires_at FROM psx_ports WHERE id = ?').pluck().get(portId)).toBe(expiresBefore);
    expect(h.ledger(ledgerAccounts.upstream(account.id))).toBe(booksBefore);
    expect(journalCount(h)).toBe(journalBefore);

    // The capability is now off for this account: the window stops offering it, and a
    // second try is refused without asking the upstream again.
    const after = await h.call<AccountCapabilitiesView>('accounts:capabilities', { id: account.id });
    expect(after.portExtend).toBe(false);
    expect(after.assumed?.find((c) => c.id === 'portExtend')).toMatchObject({ state: 'absent', source: 'first-use' });
    const refusedBefore = proxy.refused.length;
    expect((await h.refuse('proxies:extend', { serviceId: created.port.serviceId, days: 5 })).code).toBe('UNSUPPORTED');
    expect(proxy.refused.length).toBe(refusedBefore);
  });

  it('syncs without the balance and statement endpoints, skipping them and saying so', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    proxy = await startRequestRecorder(h.sandbox.proxiesSx.baseUrl);
    const account = await h.call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'Documented', baseUrl: proxy.baseUrl, apiKey: h.sandbox.proxiesSx.apiKey, openingBalance: 12_345 });
    const [run] = await h.call<SyncRunView[]>('sync:run', { accountId: account.id });
    expect(run).toMatchObject({ status: 'completed', error: null });
    expect(run!.stats.skipped).toEqual(expect.arrayContaining(['transactions', 'balance']));
    expect(run!.stats.notes?.join(' ')).toMatch(BOOKS);
    // The books stay the source: the sync did not open or adjust the balance.
    expect(h.ledger(ledgerAccounts.upstream(account.id))).toBe(12_345);
    expect(writes(proxy)).toEqual([]);
  });

  it('corrects the books balance with an adjusting entry shown first, refusing a stale preview', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    proxy = await startRequestRecorder(h.sandbox.proxiesSx.baseUrl);
    const account = await h.call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'Documented', baseUrl: proxy.baseUrl, apiKey: h.sandbox.proxiesSx.apiKey, openingBalance: 40_000 });
    const upstream = ledgerAccounts.upstream(account.id);
    const journalBefore = journalCount(h);

    const preview = await h.call<BooksBalancePreview>('accounts:preview-books-balance', { id: account.id, balance: 37_550 });
    expect(preview).toMatchObject({ current: 40_000, target: 37_550, difference: -2_450, kind: 'adjustment' });
    expect(preview.reason).toMatch(BOOKS);
    expect(journalCount(h)).toBe(journalBefore); // a preview posts nothing

    const stale = await h.refuse('accounts:set-books-balance', { id: account.id, balance: 37_550, expectedCurrent: 41_000 });
    expect(stale.code).toBe('CONFLICT');
    expect(h.ledger(upstream)).toBe(40_000);

    await h.call('accounts:set-books-balance', { id: account.id, balance: 37_550, expectedCurrent: 40_000 });
    expect(h.ledger(upstream)).toBe(37_550);
    expect(h.ledger(ledgerAccounts.equity)).toBe(-37_550);
    expect(journalCount(h)).toBe(journalBefore + 1);
  });
});

describe('the full sandbox (every assumed extra served)', () => {
  it('detects the extras as present and keeps the upstream as the balance source', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'extended' } });
    const account = await h.addAccount('proxies-sx');
    const caps = await h.call<AccountCapabilitiesView>('accounts:capabilities', { id: account.id });
    expect(caps).toMatchObject({ balanceReport: true, transactionsReport: true, portExtend: true, balanceSource: 'upstream', checkSource: 'openapi' });
    // The extended sandbox's OpenAPI document lists its extras, the by-id customer read included.
    for (const id of ['balance', 'transactions', 'webhookList', 'customerRead']) expect(state(caps, id)).toBe('present');
    expect((await h.call<AccountCheck>('accounts:test', { id: account.id })).upstreamBalance).toBe(50_000);
    // The books follow the upstream here: entering a balance by hand is refused, nothing posted.
    expect((await h.refuse('accounts:set-books-balance', { id: account.id, balance: 1, expectedCurrent: 0 })).code).toBe('UNSUPPORTED');
    // On demand, again: with a customer upstream, the by-id read is probed with its id.
    const upstream = h.ctx.providers.forAccount(account.id);
    await upstream.createCustomer({ email: 'probe@example.com', name: 'Probe' }, { idempotencyKey: 'probe-customer-0001' });
    const again = await h.call<AccountCapabilitiesView>('accounts:check-capabilities', { id: account.id });
    expect(state(again, 'balance')).toBe('present');
    expect(state(again, 'customerRead')).toBe('present');
  });
});

describe('a Whozex account on a documented-only upstream', () => {
  it('is added with GET /account and learns the undocumented reads are absent', async () => {
    h = await createOpsHarness({ sandbox: { profile: 'documented' } });
    proxy = await startRequestRecorder(h.sandbox.whozex.baseUrl);
    const account = await h.call<AccountView>('accounts:add', { provider: 'whozex', name: 'Documented Whozex', baseUrl: proxy.baseUrl, apiKey: h.sandbox.whozex.apiKey });
    expect(writes(proxy)).toEqual([]);
    const caps = await h.call<AccountCapabilitiesView>('accounts:capabilities', { id: account.id });
    expect(caps).toMatchObject({ balanceReport: true, balanceSource: 'upstream' });
    expect(state(caps, 'webhookList')).toBe('absent');
    expect((await h.call<AccountCheck>('accounts:test', { id: account.id })).upstreamBalance).toEqual(expect.any(Number));
  });
});
