import { AppError, isAppError } from '../../../shared/errors';
import { mulberry32 } from '../../../shared/prng';
import type { AccountView } from '../../../shared/contract/accounts';
import type { DemoCounts } from '../../../shared/contract/sandbox';
import type { AppContext } from '../../app-context';
import type { Clock } from '../../clock';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import type { PaymentMethod } from '../../ledger/schema';
import type { RunningSandbox } from '../../sandbox';
import { depositAtSandbox } from './sandbox-funds';

/**
 * The demo business itself: months of a small reseller's days in the embedded sandbox
 * and the books, every step through the app's own services (and operations journal).
 * The sandbox's clock must start `months` back; each step moves it three days forward.
 * Used by `reseller-desk demo` (demo-business.ts) and by the window's "Fill with demo
 * data" job (demo-job.ts).
 */

export interface DemoPlan {
  customers: number;
  months: number;
  seed: number;
}

/** The services the simulation uses (a slice of AppContext). */
export type DemoApp = Pick<AppContext, 'ledger' | 'accounts' | 'providers' | 'money' | 'pricing' | 'operations' | 'customers' | 'proxies' | 'packages' | 'topUps' | 'sync'>;

export interface DemoRun {
  app: DemoApp;
  sandbox: RunningSandbox;
  /** The books' clock: it must follow the sandbox's. */
  clock: Clock;
  plan: DemoPlan;
  say?: (text: string) => void;
  /** Steps done of the total (demoSteps); called after each. */
  progress?: (done: number, total: number) => void;
  /** Checked before each customer and each simulated step: aborting stops with CANCELLED. */
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;
export const STEP_DAYS = 3;

/** Progress steps of a plan: funding, customers, one per three simulated days, the final sync. */
export function demoSteps(plan: Pick<DemoPlan, 'months'>): number {
  return 3 + Math.floor((plan.months * 30) / STEP_DAYS);
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Novak', 'Silva', 'Keller', 'Yilmaz', 'Okafor', 'Tanaka', 'Moreau', 'Jensen', 'Rossi', 'Kowalski', 'Haddad', 'Larsen'];
const COMPANIES = ['Crawlwise', 'AdVerify', 'PriceHawk', 'SocialGrid', 'GeoTest Labs', 'SerpScope', null, null, 'Shopwatch', 'Datamint', null, 'RankFox'];
const COUNTRIES = ['US', 'US', 'US', 'DE', 'DE', 'GB', 'FR', 'NL', 'BR'];
const METHODS: PaymentMethod[] = ['card', 'card', 'crypto', 'bank', 'bank', 'cash', 'other'];

export async function simulateDemoBusiness(run: DemoRun): Promise<{ psx: AccountView; wzx: AccountView }> {
  const { app, sandbox, clock } = run;
  const customerCount = run.plan.customers;
  const days = run.plan.months * 30;
  const steps = Math.floor(days / STEP_DAYS);
  const total = demoSteps(run.plan);
  const rnd = mulberry32(run.plan.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const say = (text: string) => run.say?.(text);
  const progressAt = (done: number) => run.progress?.(done, total);
  const cancelled = () => {
    if (run.signal?.aborted) throw new AppError('CANCELLED', 'The demo was stopped. What it made so far stays in the books.');
  };

  // Accounts: the sandbox's, funded (the seeded balances plus a deposit), mirrored in the books.
  const accounts = app.accounts.list().filter((a) => a.isSandbox);
  const psx = accounts.find((a) => a.provider === 'proxies-sx');
  const wzx = accounts.find((a) => a.provider === 'whozex');
  if (!psx || !wzx) throw new AppError('CONFLICT', 'The demo needs both sandbox accounts (Sandbox · Proxies.sx and Sandbox · Whozex); reset the sandbox in Settings to bring them back.');
  await depositAtSandbox(sandbox, 'proxies-sx', 600_000);
  await depositAtSandbox(sandbox, 'whozex', 200_000);
  for (const account of [psx, wzx]) {
    const upstream = await app.providers.forAccount(account.id).getAccount();
    const books = accountBalance(app.ledger.sqlite, ledgerAccounts.upstream(account.id));
    if (upstream.balance > books) app.money.deposit({ accountId: account.id, amount: upstream.balance - books, note: `Deposit at ${account.name}` });
  }

  // Prices: 25 % on ports, 60 % on traffic, premium countries; pushed to Proxies.sx.
  app.pricing.update({ mode: 'margin', defaultMarginPercent: 250_000, port: { marginPercent: 250_000 }, traffic: { marginPercent: 600_000 } });
  app.pricing.setCountryOverride('US', 350_000);
  app.pricing.setCountryOverride('GB', 300_000);
  await app.operations.pushPricebook(psx.id);
  say('Accounts funded and pricebook set');
  progressAt(1);

  const customers: { id: string; portBuyer: boolean; trafficBuyer: boolean }[] = [];
  for (let i = 0; i < customerCount; i++) {
    cancelled();
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const company = COMPANIES[i % COMPANIES.length] ?? null;
    const portBuyer = rnd() < 0.7;
    const c = app.customers.create({
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      company,
      externalId: `CRM-${1000 + i}`,
      tags: [portBuyer ? 'ports' : 'traffic', ...(rnd() < 0.2 ? ['vip'] : [])],
      portSlotQuota: portBuyer ? 1 + Math.floor(rnd() * 5) : 0,
      trafficGbAllocation: portBuyer ? 0 : 50 + Math.floor(rnd() * 200),
    });
    if (rnd() < 0.15) app.pricing.setCustomerDiscount(c.id, 100_000);
    customers.push({ id: c.id, portBuyer, trafficBuyer: !portBuyer || rnd() < 0.3 });
  }
  say(`${customerCount} customers created`);
  progressAt(2);

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      // A refusal (quota, balance, no devices) is part of a business day; anything else is not.
      if (!isAppError(error)) throw error;
    }
  };
  // Like a reseller does: when an upstream balance runs low, deposit more there (and in the books).
  const refill = async () => {
    for (const [account, low, amount] of [[psx, 150_000, 300_000], [wzx, 50_000, 100_000]] as const) {
      if (accountBalance(app.ledger.sqlite, ledgerAccounts.upstream(account.id)) >= low) continue;
      await depositAtSandbox(sandbox, account.provider, amount);
      app.money.deposit({ accountId: account.id, amount, note: `Deposit at ${account.name}` });
    }
  };
  for (let step = 0; step < steps; step++) {
    cancelled();
    await refill();
    for (const c of customers) {
      const r = rnd();
      if (c.portBuyer && r < 0.22) {
        await attempt(() => app.proxies.create({ accountId: psx.id, customerId: c.id, country: pick(COUNTRIES), days: pick([7, 14, 30, 30, 30]), exclusive: false, isPrivate: rnd() < 0.15, confirmBelowCost: false }));
      }
      if (c.trafficBuyer && rnd() < 0.1) {
        const now = clock.now().toISOString();
        const owned = app.packages.list({ customerId: c.id, status: 'active', limit: 10, offset: 0 }).items.find((p) => p.expiresAt !== null && p.expiresAt > now);
        if (owned && rnd() < 0.5) await attempt(() => app.packages.addGb({ serviceId: owned.serviceId, gb: pick([5, 10, 20]), topUpIfNeeded: true, confirmBelowCost: false }));
        else await attempt(() => app.packages.create({ accountId: wzx.id, customerId: c.id, gb: pick([10, 20, 20, 50]), proxyType: pick(['residential', 'residential', 'mobile', 'datacenter'] as const), topUpIfNeeded: true, confirmBelowCost: false }));
      }
      if (rnd() < (c.portBuyer ? 0.02 : 0.04)) {
        const account = c.portBuyer ? psx : wzx;
        await attempt(() => app.topUps.topUp({ customerId: c.id, accountId: account.id, amount: pick([2_500, 5_000, 10_000]), recordAsPayment: true, method: pick(METHODS) }));
      }
    }
    // Renewals: most ports about to expire are extended.
    const expiring = app.proxies.list({ status: 'active', expiringWithinDays: STEP_DAYS, limit: 500, offset: 0 }).items;
    for (const port of expiring) if (rnd() < 0.65) await attempt(() => app.proxies.extend({ serviceId: port.serviceId, days: 30, confirmBelowCost: false }));
    // Month end-ish: customers who owe pay (most of it).
    if (step % 10 === 9) {
      for (const c of customers) {
        const owes = (app.ledger.sqlite.prepare('SELECT receivable FROM customer_balances WHERE customer_id = ?').pluck().get(c.id) as number | undefined) ?? 0;
        if (owes > 0 && rnd() < 0.8) {
          const amount = rnd() < 0.8 ? owes : Math.max(100, Math.round(owes / 2));
          app.money.recordPayment({ customerId: c.id, amount, method: pick(METHODS), reference: `INV-${step}-${c.id.slice(0, 6)}` });
        }
      }
    }
    sandbox.clock.advance(STEP_DAYS * DAY_MS);
    if (step % 5 === 4) say(`Simulated ${(step + 1) * STEP_DAYS} of ${days} days`);
    progressAt(3 + step);
  }
  await app.operations.reconcilePending();
  // One sync brings expiries and live GB into the books.
  await app.sync.run();
  progressAt(total);
  return { psx, wzx };

}

/** What the books hold after a demo. */
export function demoCounts(app: Pick<AppContext, 'ledger'>, now: Date): DemoCounts {
  const db = app.ledger.sqlite;
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
  const revenue = -accountBalance(db, ledgerAccounts.revenue);
  const cost = one("SELECT coalesce(sum(p.amount), 0) FROM postings p WHERE p.account_id LIKE 'cost:%'");
  return {
    customers: one('SELECT count(*) FROM customers'),
    payments: one("SELECT count(*) FROM transactions WHERE kind = 'payment'"),
    topUps: one("SELECT count(*) FROM transactions WHERE kind = 'topup'"),
    ports: one("SELECT count(*) FROM services WHERE kind = 'port'"),
    activePorts: one("SELECT count(*) FROM services WHERE kind = 'port' AND status = 'active' AND expires_at > ?", now.toISOString()),
    packages: one("SELECT count(*) FROM services WHERE kind = 'package'"),
    sales: one('SELECT count(*) FROM sales'),
    revenue,
    cost,
    profit: revenue - cost,
    operations: {
      completed: one("SELECT count(*) FROM operations WHERE status = 'completed'"),
      failed: one("SELECT count(*) FROM operations WHERE status = 'failed'"),
      pending: one("SELECT count(*) FROM operations WHERE status = 'pending'"),
    },
  };
}
