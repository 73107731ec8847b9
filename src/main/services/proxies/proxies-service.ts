import type { PortPage, PortResult, ProxyCreateInput, ProxyListQuery, ProxyQuote } from '../../../shared/contract/proxies';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import type { Provider } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import type { OperationsJournal } from '../operations/operations-journal';
import { ensureUpstreamCustomer, setPortSlotsKind } from '../operations/upstream-customers';
import { quoteWithPricebook } from '../pricing/pricing-service';
import { LocationCache } from './locations';
import { createPortKind, extendPortKind, rotatePortKind, type PortLocal } from './port-kinds';
import { absentMessage } from '../../providers/capability-messages';
import { UPSTREAM_LABEL } from '../accounts/capability-check';
import { listPorts, portServiceRow, portsInUse, portView } from './port-rows';

/** Proxies.sx wholesale rates (the guide: $2/day shared, $3/day private), in micro-USD per day. */
export const PORT_BASE_RATE_MICROS = { shared: 2_000_000, private: 3_000_000 } as const;

export interface ProxiesService {
  quote(input: { country: string | null; days: number; isPrivate: boolean; customerId?: string | undefined }): ProxyQuote;
  create(input: ProxyCreateInput): Promise<PortResult>;
  rotate(serviceId: string): Promise<PortResult>;
  extend(input: { serviceId: string; days: number; confirmBelowCost: boolean; requestId?: string | undefined; confirmSeparate?: boolean | undefined }): Promise<PortResult>;
  list(query: ProxyListQuery): PortPage;
  readonly locations: LocationCache;
}

export interface ProxiesServiceDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
  operations: OperationsJournal;
}

export function createProxiesService(deps: ProxiesServiceDeps): ProxiesService {
  const { sqlite } = deps.ledger;
  const locations = new LocationCache();
  const now = () => deps.clock.now();

  function customerRow(customerId: string) {
    const c = prepare(sqlite, 'SELECT id, name, status, port_slot_quota FROM customers WHERE id = ?').get(customerId) as
      | { id: string; name: string; status: string; port_slot_quota: number }
      | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
    return c;
  }

  function portsProvider(accountId: string): Provider {
    const provider = deps.providers.forAccount(accountId);
    if (!provider.capabilities.ports) {
      throw new AppError('INVALID_INPUT', `'${provider.accountName}' does not sell dedicated ports; choose a Proxies.sx account.`, { field: 'accountId' });
    }
    return provider;
  }

  function quote(input: { country: string | null; days: number; isPrivate: boolean; customerId?: string | undefined }): ProxyQuote {
    const baseRateMicros = input.isPrivate ? PORT_BASE_RATE_MICROS.private : PORT_BASE_RATE_MICROS.shared;
    const q = quoteWithPricebook(sqlite, {
      product: 'port',
      baseRateMicros,
      quantity: input.days,
      country: input.country,
      customerId: input.customerId ?? null,
    });
    let quota: ProxyQuote['quota'] = null;
    if (input.customerId) quota = { used: portsInUse(sqlite, input.customerId, now()), allocated: customerRow(input.customerId).port_slot_quota };
    return { ...q, baseRateMicros, isPrivate: input.isPrivate, country: input.country?.toUpperCase() ?? '', quota };
  }

  function belowCostGuard(q: { belowCost: boolean; price: number; cost: number; warning: string | null }, confirmed: boolean): void {
    if (q.belowCost && !confirmed) {
      throw new AppError('BELOW_COST', `${q.warning ?? 'This sale is below cost.'} Confirm to sell at a loss anyway.`, { details: { cost: q.cost, price: q.price } });
    }
  }

  /** The upstream customer's port slots follow the local quota (raised through the journal when lower). */
  async function alignPortSlots(provider: Provider, accountId: string, customerId: string, upstreamId: string, quota: number): Promise<void> {
    const upstream = await provider.getCustomer(upstreamId);
    if (upstream.allocatedPortSlots !== null && upstream.allocatedPortSlots >= quota) return;
    await deps.operations.run(setPortSlotsKind, { accountId, customerId, request: { upstreamCustomerId: upstreamId, allocatedPortSlots: quota } });
  }

  function result(out: { operationId: string; local: PortLocal }): PortResult {
    const port = portView(sqlite, out.local.serviceId, now());
    deps.bus.emit('event:services-changed', { serviceId: port.serviceId, customerId: port.customerId, kind: 'port' });
    return { operationId: out.operationId, port, sale: out.local.sale };
  }

  return {
    locations,
    quote,

    async create(input) {
      const charge = { accountId: input.accountId, customerId: input.customerId, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      // The same request id again: that port's outcome (before the quota check its own port would fail).
      const again = await deps.operations.replay<unknown, PortLocal>(createPortKind.kind, charge);
      if (again) return result(again);
      // Everything local first: no upstream request for a sale that cannot happen.
      const customer = customerRow(input.customerId);
      if (customer.status !== 'active') {
        throw new AppError('CONFLICT', `${customer.name} is ${customer.status}. Reactivate the customer before creating proxies.`, { field: 'customerId' });
      }
      const used = portsInUse(sqlite, customer.id, now());
      if (used + 1 > customer.port_slot_quota) {
        throw new AppError(
          'QUOTA_EXCEEDED',
          `${customer.name} already uses ${used} of ${customer.port_slot_quota} port slots. Raise the customer's port-slot quota or let a port expire, then try again.`,
          { field: 'customerId', details: { used, allocated: customer.port_slot_quota, requested: 1 } },
        );
      }
      const q = quote({ country: input.country, days: input.days, isPrivate: input.isPrivate, customerId: customer.id });
      belowCostGuard(q, input.confirmBelowCost);
      const provider = portsProvider(input.accountId);

      const where = await locations.resolve(input.accountId, provider, input);
      const linkedBefore = prepare(sqlite, 'SELECT 1 FROM customer_links WHERE customer_id = ? AND account_id = ?').get(customer.id, input.accountId) !== undefined;
      const upstreamCustomerId = await ensureUpstreamCustomer(sqlite, deps.operations, customer.id, input.accountId);
      if (linkedBefore) await alignPortSlots(provider, input.accountId, customer.id, upstreamCustomerId, customer.port_slot_quota);

      const type = input.isPrivate ? 'private' : 'shared';
      const out = await deps.operations.run(createPortKind, {
        ...charge,
        request: {
          upstreamCustomerId,
          countryId: where.countryId,
          cityId: where.cityId,
          carrierId: where.carrierId,
          days: input.days,
          exclusive: input.exclusive,
          isPrivate: input.isPrivate,
          country: input.country,
          city: where.city,
          carrier: where.carrier,
          agreed: { product: 'port', saleProduct: `port:${type}`, quantity: input.days, country: input.country, quotedCost: q.cost, quotedPrice: q.price },
        },
      });
      return result(out);
    },

    async rotate(serviceId) {
      const row = portServiceRow(sqlite, serviceId);
      const provider = portsProvider(row.provider_account_id);
      if (!provider.capabilities.rotation) throw new AppError('UNSUPPORTED', `'${provider.accountName}' cannot rotate IPs.`);
      const out = await deps.operations.run(rotatePortKind, {
        accountId: row.provider_account_id,
        customerId: row.customer_id,
        request: { serviceId, upstreamPortId: row.upstream_id },
      });
      return result(out);
    },

    async extend(input) {
      const row = portServiceRow(sqlite, input.serviceId);
      const charge = { accountId: row.provider_account_id, customerId: row.customer_id, requestId: input.requestId, confirmSeparate: input.confirmSeparate };
      const again = await deps.operations.replay<unknown, PortLocal>(extendPortKind.kind, charge);
      if (again) return result(again);
      if (row.status === 'expired' || (row.expires_at !== null && row.expires_at <= now().toISOString())) {
        throw new AppError('CONFLICT', 'This port has expired and its device was released. Create a new port instead.', { field: 'serviceId' });
      }
      const provider = portsProvider(row.provider_account_id);
      // An extend the upstream is known not to offer is refused before anything is asked
      // (not even the operation's baseline read): nothing charged, booked or sent.
      if (provider.capabilities.portExtend === false) {
        throw new AppError('UNSUPPORTED', absentMessage(UPSTREAM_LABEL[provider.kind], provider.accountName, 'portExtend'), { details: { capability: 'portExtend' } });
      }
      const isPrivate = row.is_private === 1;
      const q = quote({ country: row.country, days: input.days, isPrivate, customerId: row.customer_id });
      belowCostGuard(q, input.confirmBelowCost);
      const out = await deps.operations.run(extendPortKind, {
        ...charge,
        request: {
          serviceId: row.id,
          upstreamPortId: row.upstream_id,
          days: input.days,
          agreed: {
            product: 'port',
            saleProduct: `port:${isPrivate ? 'private' : 'shared'}`,
            quantity: input.days,
            country: row.country,
            quotedCost: q.cost,
            quotedPrice: q.price,
          },
        },
      });
      return result(out);
    },

    list: (query) => listPorts(sqlite, query, now()),
  };
}
