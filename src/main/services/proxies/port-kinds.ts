import type { SaleSummary } from '../../../shared/contract/operations';
import { AppError } from '../../../shared/errors';
import type { Minor } from '../../../shared/money';
import { prepare } from '../../ledger/sql';
import type { PortPricing, UpstreamPort } from '../../providers/types';
import { postSale, type AgreedPrice } from '../operations/post-sale';
import { factKeys } from '../events/fact-keys';
import type { LookupResult, OperationKind } from '../operations/types';
import { refreshPortRow, upsertPortRow } from './port-rows';

/**
 * Proxies.sx port operations. Each request holds everything a retry needs (upstream
 * ids, days, the agreed price), so the same body goes out with the same key.
 */

export interface CreatePortRequest {
  upstreamCustomerId: string;
  countryId: string;
  cityId: string | null;
  carrierId: string | null;
  days: number;
  exclusive: boolean;
  isPrivate: boolean;
  /** Local names for the services row. */
  country: string;
  city: string | null;
  carrier: string | null;
  agreed: AgreedPrice;
}

export interface PortAnswer {
  port: UpstreamPort;
  pricing: PortPricing | null;
  requestId: string | null;
}

export interface PortLocal {
  serviceId: string;
  sale: SaleSummary | null;
}

const kindLabel = (isPrivate: boolean) => (isPrivate ? 'private' : 'shared');

export const createPortKind: OperationKind<CreatePortRequest, PortAnswer, PortLocal> = {
  kind: 'port.create',
  describe: (r) => `${r.days}-day ${kindLabel(r.isPrivate)} port in ${r.country}`,
  async execute(provider, r, { idempotencyKey }) {
    const created = await provider.createPort(
      {
        customerId: r.upstreamCustomerId,
        countryId: r.countryId,
        ...(r.cityId ? { cityId: r.cityId } : {}),
        ...(r.carrierId ? { carrierId: r.carrierId } : {}),
        days: r.days,
        exclusive: r.exclusive,
        isPrivate: r.isPrivate,
      },
      { idempotencyKey },
    );
    return { port: created.port, pricing: created.pricing, requestId: created.requestId };
  },
  apply(sqlite, op, res, now) {
    const r = op.request;
    const serviceId = upsertPortRow(
      sqlite,
      { customerId: op.customerId!, accountId: op.accountId, port: res.port, country: r.country, city: r.city, carrier: r.carrier, exclusive: r.exclusive },
      now,
    );
    const cost: Minor = res.pricing?.costToReseller ?? r.agreed.quotedCost;
    const sale = postSale(
      sqlite,
      { agreed: r.agreed, actualCost: cost, customerId: op.customerId!, accountId: op.accountId, serviceId, costFrom: 'reseller', operationId: op.id, unit: 'day' },
      now,
    );
    return { serviceId, sale };
  },
  fact: (op, res) => ({
    type: 'port.created',
    subject: `port:${res.port.id}`,
    factKey: factKeys.portCreated(op.accountId, res.port.id),
    payload: { portId: res.port.id, days: op.request.days, country: op.request.country, expiresAt: res.port.expiresAt, operationId: op.id },
  }),
  /** Past the key's lifetime: a port of this customer, country and type that the books do not know yet. */
  async lookup(provider, op, sqlite): Promise<LookupResult<PortAnswer>> {
    const r = op.request;
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const p = await provider.listPorts({ customerId: r.upstreamCustomerId, limit: 100, cursor });
      for (const port of p.items) {
        if (port.countryId !== r.countryId || (port.isPrivate ?? false) !== r.isPrivate) continue;
        const known = prepare(sqlite, "SELECT 1 FROM sales s JOIN services v ON v.id = s.service_id WHERE v.provider_account_id = ? AND v.kind = 'port' AND v.upstream_id = ?").get(op.accountId, port.id);
        if (known) continue;
        return { status: 'found', result: { port, pricing: null, requestId: null } };
      }
      if (!p.nextCursor) return { status: 'absent' };
      cursor = p.nextCursor;
    }
    return { status: 'unknown' };
  },
};

export interface ExtendPortRequest {
  serviceId: string;
  upstreamPortId: string;
  days: number;
  agreed: AgreedPrice;
}

export const extendPortKind: OperationKind<ExtendPortRequest, PortAnswer, PortLocal> = {
  kind: 'port.extend',
  describe: (r) => `Extend port ${r.upstreamPortId} by ${r.days} days`,
  async execute(provider, r, { idempotencyKey }) {
    const extended = await provider.extendPort(r.upstreamPortId, { days: r.days }, { idempotencyKey });
    return { port: extended.port, pricing: extended.pricing, requestId: extended.requestId };
  },
  apply(sqlite, op, res, now) {
    const r = op.request;
    refreshPortRow(sqlite, r.serviceId, res.port, {}, now);
    const customerId = prepare(sqlite, 'SELECT customer_id FROM services WHERE id = ?').pluck().get(r.serviceId) as string | undefined;
    if (!customerId) throw new AppError('NOT_FOUND', 'That port is not in the books.');
    const sale = postSale(
      sqlite,
      {
        agreed: r.agreed,
        actualCost: res.pricing?.costToReseller ?? r.agreed.quotedCost,
        customerId,
        accountId: op.accountId,
        serviceId: r.serviceId,
        costFrom: 'reseller',
        operationId: op.id,
        unit: 'day',
        description: `Renewal: ${r.agreed.saleProduct}${r.agreed.country ? ` (${r.agreed.country})` : ''}, ${r.days} ${r.days === 1 ? 'day' : 'days'}`,
      },
      now,
    );
    return { serviceId: r.serviceId, sale };
  },
  fact: (op, res) =>
    res.port.expiresAt
      ? {
          type: 'port.extended',
          subject: `port:${res.port.id}`,
          factKey: factKeys.portExtended(op.accountId, res.port.id, res.port.expiresAt),
          payload: { portId: res.port.id, days: op.request.days, expiresAt: res.port.expiresAt, operationId: op.id },
        }
      : null,
};

export interface RotatePortRequest {
  serviceId: string;
  upstreamPortId: string;
}

export const rotatePortKind: OperationKind<RotatePortRequest, { newIp: string | null; rotatedAt: string | null; rotated: boolean; requestId: string | null }, PortLocal> = {
  kind: 'port.rotate',
  resendSafe: true,
  describe: (r) => `Rotate the IP of port ${r.upstreamPortId}`,
  async execute(provider, r, { idempotencyKey }) {
    const x = await provider.rotatePort(r.upstreamPortId, { idempotencyKey });
    return { newIp: x.newIp, rotatedAt: x.rotatedAt, rotated: x.rotated, requestId: x.requestId };
  },
  apply(sqlite, op, res, now) {
    refreshPortRow(sqlite, op.request.serviceId, null, { currentIp: res.newIp, lastRotatedAt: res.rotatedAt ?? now.toISOString() }, now);
    return { serviceId: op.request.serviceId, sale: null };
  },
};
