import type { PackageAddGbInput, PackageCreateInput, PackageListQuery, PackagePage, PackageQuote, PackageResult, PackageView, ProxyTypeName, UsageSeries } from '../../../shared/contract/packages';
import { AppError } from '../../../shared/errors';
import { divRoundHalfAway, formatMoney, MICROS_PER_MINOR, type Minor } from '../../../shared/money';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import type { Provider } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { upstreamIdOf } from '../customers/customer-links';
import type { OperationsJournal } from '../operations/operations-journal';
import { ensureUpstreamCustomer } from '../operations/upstream-customers';
import { quoteWithPricebook } from '../pricing/pricing-service';
import type { TopUpsService } from '../topups/topups-service';
import { addGbKind, createPackageKind, type PackageLocal } from './package-kinds';
import { listPackages, packageServiceRow, packageView, upsertPackageRow } from './package-rows';

export interface PackagesService {
  quote(input: { accountId: string; gb: number; proxyType: ProxyTypeName; customerId?: string | undefined }): Promise<PackageQuote>;
  create(input: PackageCreateInput): Promise<PackageResult>;
  addGb(input: PackageAddGbInput): Promise<PackageResult>;
  refresh(serviceId: string): Promise<PackageView>;
  usage(input: { serviceId: string; duration: string; granularity: 'minute' | 'hour' | 'day' }): Promise<UsageSeries>;
  list(query: PackageListQuery): PackagePage;
}

export interface PackagesServiceDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
  operations: OperationsJournal;
  topUps: TopUpsService;
}

export function createPackagesService(deps: PackagesServiceDeps): PackagesService {
  const { sqlite } = deps.ledger;

  function packagesProvider(accountId: string): Provider {
    const provider = deps.providers.forAccount(accountId);
    if (!provider.capabilities.packages) {
      throw new AppError('INVALID_INPUT', `'${provider.accountName}' does not sell GB packages; choose a Whozex account.`, { field: 'accountId' });
    }
    return provider;
  }

  function activeCustomer(customerId: string): { id: string; name: string } {
    const c = prepare(sqlite, 'SELECT id, name, status FROM customers WHERE id = ?').get(customerId) as { id: string; name: string; status: string } | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
    if (c.status !== 'active') throw new AppError('CONFLICT', `${c.name} is ${c.status}. Reactivate the customer before buying packages.`, { field: 'customerId' });
    return c;
  }

  /** The customer's balance at the upstream: read live when linked, else nothing yet. */
  async function subBalance(provider: Provider, accountId: string, customerId: string): Promise<Minor | null> {
    const upstreamId = upstreamIdOf(sqlite, customerId, accountId);
    if (!upstreamId) return null;
    const c = await provider.getCustomer(upstreamId);
    return c.balance ?? accountBalance(sqlite, ledgerAccounts.upstreamSub(accountId, customerId));
  }

  async function quote(input: { accountId: string; gb: number; proxyType: ProxyTypeName; customerId?: string | undefined }): Promise<PackageQuote> {
    const provider = packagesProvider(input.accountId);
    const upstream = await provider.quote({ type: 'traffic', gb: input.gb, proxyType: input.proxyType });
    const rate = upstream.unitPriceMicros ?? Number(divRoundHalfAway(BigInt(upstream.cost) * BigInt(MICROS_PER_MINOR), BigInt(input.gb)));
    const local = quoteWithPricebook(sqlite, { product: 'traffic', baseRateMicros: rate, quantity: input.gb, customerId: input.customerId ?? null });
    // The upstream's total is what it will charge; the resale price comes from the local pricebook.
    const cost = upstream.cost;
    const margin = local.price - cost;
    const balance = input.customerId ? await subBalance(provider, input.accountId, input.customerId) : null;
    return {
      ...local,
      cost,
      margin,
      belowCost: local.price < cost,
      appliedRules: [...upstream.appliedRules.map((r) => `Whozex: ${r}`), ...local.appliedRules],
      proxyType: input.proxyType,
      upstreamRateMicros: rate,
      subBalance: balance,
      topUpNeeded: Math.max(0, cost - (balance ?? 0)),
    };
  }

  function guard(q: PackageQuote, confirmed: boolean): void {
    if (q.belowCost && !confirmed) {
      throw new AppError('BELOW_COST', `This price (${formatMoney(q.price)}) is below your cost (${formatMoney(q.cost)}). Confirm to sell at a loss anyway.`, {
        details: { cost: q.cost, price: q.price },
      });
    }
  }

  /** Whozex buys from the sub-user's balance: top it up first (its own journaled operation) when asked to. */
  async function fund(provider: Provider, accountId: string, customerId: string, q: PackageQuote, topUpIfNeeded: boolean, what: string): Promise<PackageResult['topUp']> {
    const balance = (await subBalance(provider, accountId, customerId)) ?? 0;
    const shortfall = q.cost - balance;
    if (shortfall <= 0) return null;
    if (!topUpIfNeeded) {
      throw new AppError(
        'INSUFFICIENT_BALANCE',
        `This customer's ${provider.accountName} balance (${formatMoney(balance)}) is too low for ${what} (${formatMoney(q.cost)}). Top up the customer at least ${formatMoney(shortfall)}.`,
        { details: { balance, required: q.cost, shortfall, balanceOf: 'customer' } },
      );
    }
    const t = await deps.topUps.topUp({ customerId, accountId, amount: shortfall, note: `Funds for ${what}` });
    return { operationId: t.operationId, amount: shortfall };
  }

  function result(out: { operationId: string; local: PackageLocal }, topUp: PackageResult['topUp']): PackageResult {
    const view = packageView(sqlite, out.local.serviceId);
    deps.bus.emit('event:services-changed', { serviceId: view.serviceId, customerId: view.customerId, kind: 'package' });
    return { operationId: out.operationId, package: view, sale: out.local.sale, topUp };
  }

  return {
    quote,

    async create(input) {
      const charge = { accountId: input.accountId, customerId: input.customerId, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      // The same request id again: that package's outcome, without funding it a second time.
      const again = await deps.operations.replay<unknown, PackageLocal>(createPackageKind.kind, charge);
      if (again) return result(again, null);
      activeCustomer(input.customerId);
      const provider = packagesProvider(input.accountId);
      const q = await quote(input);
      guard(q, input.confirmBelowCost);
      const upstreamCustomerId = await ensureUpstreamCustomer(sqlite, deps.operations, input.customerId, input.accountId);
      const what = `a ${input.gb} GB ${input.proxyType} package`;
      const topUp = await fund(provider, input.accountId, input.customerId, q, input.topUpIfNeeded, what);
      const out = await deps.operations.run(createPackageKind, {
        ...charge,
        request: {
          upstreamCustomerId,
          gb: input.gb,
          proxyType: input.proxyType,
          agreed: { product: 'traffic', saleProduct: `package:${input.proxyType}`, quantity: input.gb, country: null, quotedCost: q.cost, quotedPrice: q.price },
        },
      });
      return result(out, topUp);
    },

    async addGb(input) {
      const row = packageServiceRow(sqlite, input.serviceId);
      const charge = { accountId: row.provider_account_id, customerId: row.customer_id, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      const again = await deps.operations.replay<unknown, PackageLocal>(addGbKind.kind, charge);
      if (again) return result(again, null);
      activeCustomer(row.customer_id);
      const provider = packagesProvider(row.provider_account_id);
      const proxyType = (row.proxy_type ?? 'residential') as ProxyTypeName;
      const q = await quote({ accountId: row.provider_account_id, gb: input.gb, proxyType, customerId: row.customer_id });
      guard(q, input.confirmBelowCost);
      const topUp = await fund(provider, row.provider_account_id, row.customer_id, q, input.topUpIfNeeded, `${input.gb} GB more`);
      const out = await deps.operations.run(addGbKind, {
        ...charge,
        request: {
          serviceId: row.id,
          upstreamPackageId: row.upstream_id,
          gb: input.gb,
          agreed: { product: 'traffic', saleProduct: `package:${proxyType}`, quantity: input.gb, country: null, quotedCost: q.cost, quotedPrice: q.price },
        },
      });
      return result(out, topUp);
    },

    async refresh(serviceId) {
      const row = packageServiceRow(sqlite, serviceId);
      const provider = packagesProvider(row.provider_account_id);
      const live = await provider.getPackage(row.upstream_id);
      upsertPackageRow(sqlite, { customerId: row.customer_id, accountId: row.provider_account_id, pkg: live }, deps.clock.now());
      deps.bus.emit('event:services-changed', { serviceId, customerId: row.customer_id, kind: 'package' });
      return packageView(sqlite, serviceId);
    },

    async usage(input) {
      const row = packageServiceRow(sqlite, input.serviceId);
      const provider = packagesProvider(row.provider_account_id);
      const u = await provider.getUsage(row.upstream_id, { duration: input.duration, granularity: input.granularity });
      return { serviceId: row.id, points: u.points, totalGbMilli: u.totalGbMilli };
    },

    list: (query) => listPackages(sqlite, query),
  };
}
