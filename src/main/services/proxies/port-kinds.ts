import type { SaleSummary } from '../../../shared/contract/operations';
import { AppError } from '../../../shared/errors';
import type { Minor } from '../../../shared/money';
import { prepare } from '../../ledger/sql';
import type Database from 'better-sqlite3';
import type { PortPricing, Provider, UpstreamPort } from '../../providers/types';
import { upstreamIdOf } from '../customers/customer-links';
import { postSale, type AgreedPrice } from '../operations/post-sale';
import { factKeys } from '../events/fact-keys';
import type { LookupResult, OperationKind, OperationRecord } from '../operations/types';
import { customerEmail, isMissingRead, requireUpstreamCustomer } from '../operations/upstream-reads';
import { refreshPortRow, upsertPortRow } from './port-rows';

/**
 * Proxies.sx port operations. Each request holds everything a resend needs (upstream
 * ids, days, the agreed price). A lost answer is settled by looking (issue 15): the port
 * list shows a port of this customer the books do not know, or the customer's used port
 * slots (documented customer list) did not move since just before the request.
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
  charge: 'port',
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
  baseline: async (provider, r, ctx) => portBaseline(provider, r.upstreamCustomerId, customerEmail(ctx.sqlite, ctx.customerId)),
  lookup: (provider, op, sqlite) => findCreatedPort(provider, op, sqlite),
  async landed(provider, op, sqlite, upstreamId) {
    if (!upstreamId) {
      const found = await findCreatedPort(provider, op, sqlite);
      if (found.status === 'found') return found.result;
      throw new AppError('INVALID_INPUT', 'Say which port it created: give its port id from the Proxies.sx dashboard.', { field: 'upstreamId' });
    }
    return { port: await findPort(provider, upstreamId, op.request.upstreamCustomerId), pricing: null, requestId: null };
  },
};

interface PortBaseline {
  email: string | null;
  usedPortSlots: number | null;
}

async function portBaseline(provider: Provider, upstreamCustomerId: string, email: string | null): Promise<PortBaseline> {
  const c = await requireUpstreamCustomer(provider, upstreamCustomerId, email);
  return { email, usedPortSlots: c.usedPortSlots };
}

const inBooks = (sqlite: Database.Database, accountId: string, portId: string) =>
  prepare(sqlite, "SELECT 1 FROM services WHERE provider_account_id = ? AND kind = 'port' AND upstream_id = ?").get(accountId, portId) !== undefined;

/** The customer's ports in the upstream's port list; null when the upstream offers no port list. */
async function customerPorts(provider: Provider, upstreamCustomerId: string): Promise<UpstreamPort[] | null> {
  const out: UpstreamPort[] = [];
  let cursor: string | null = null;
  try {
    for (let page = 0; page < 50; page++) {
      const p = await provider.listPorts({ customerId: upstreamCustomerId, limit: 100, cursor });
      out.push(...p.items.filter((port) => port.customerId === upstreamCustomerId));
      if (!p.nextCursor) return out;
      cursor = p.nextCursor;
    }
  } catch (error) {
    if (isMissingRead(error)) return null;
    throw error;
  }
  throw new AppError('UPSTREAM_ERROR', `${provider.accountName}'s port list for this customer is too long to search; check it in the upstream's dashboard.`);
}

/** One port by id: from the customer's port list, else by id. */
async function findPort(provider: Provider, portId: string, upstreamCustomerId: string | null): Promise<UpstreamPort> {
  const listed = upstreamCustomerId ? await customerPorts(provider, upstreamCustomerId) : null;
  const hit = listed?.find((p) => p.id === portId);
  if (hit) return hit;
  return provider.getPort(portId);
}

async function findCreatedPort(provider: Provider, op: OperationRecord<CreatePortRequest>, sqlite: Database.Database): Promise<LookupResult<PortAnswer>> {
  const r = op.request;
  const before = op.baseline as PortBaseline | null;
  const ports = await customerPorts(provider, r.upstreamCustomerId);
  if (ports) {
    const unbooked = ports.filter((p) => !inBooks(sqlite, op.accountId, p.id) && p.countryId === r.countryId && (p.isPrivate ?? false) === r.isPrivate);
    if (unbooked.length === 1) return { status: 'found', result: { port: unbooked[0]!, pricing: null, requestId: null } };
    if (unbooked.length > 1) return { status: 'unknown', facts: { unbookedPorts: unbooked.map((p) => p.id) } };
    return { status: 'absent' };
  }
  // No port list: the used port slots (documented customer list) still tell "did not land".
  if (!before || before.usedPortSlots === null) return { status: 'unknown', facts: { reason: 'No port list and no used-slot count from before the request.' } };
  const now = await requireUpstreamCustomer(provider, r.upstreamCustomerId, before.email);
  if (now.usedPortSlots === before.usedPortSlots) return { status: 'absent' };
  return { status: 'unknown', facts: { usedPortSlotsBefore: before.usedPortSlots, usedPortSlotsNow: now.usedPortSlots } };
}

export interface ExtendPortRequest {
  serviceId: string;
  upstreamPortId: string;
  days: number;
  agreed: AgreedPrice;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function portCustomer(sqlite: Database.Database, serviceId: string, accountId: string): string | null {
  const customerId = prepare(sqlite, 'SELECT customer_id FROM services WHERE id = ?').pluck().get(serviceId) as string | undefined;
  return customerId ? upstreamIdOf(sqlite, customerId, accountId) : null;
}

export const extendPortKind: OperationKind<ExtendPortRequest, PortAnswer, PortLocal> = {
  kind: 'port.extend',
  charge: 'extension',
  /** The port's expiry before the request: an extension moves it by exactly the days. */
  async baseline(provider, r, ctx) {
    const port = await findPort(provider, r.upstreamPortId, portCustomer(ctx.sqlite, r.serviceId, ctx.accountId));
    return { expiresAt: port.expiresAt };
  },
  async lookup(provider, op, sqlite) {
    const before = (op.baseline as { expiresAt: string | null } | null)?.expiresAt ?? null;
    const port = await findPort(provider, op.request.upstreamPortId, portCustomer(sqlite, op.request.serviceId, op.accountId));
    const facts = { expiresBefore: before, expiresNow: port.expiresAt, days: op.request.days };
    if (!before || !port.expiresAt) return { status: 'unknown', facts };
    const moved = Date.parse(port.expiresAt) - Date.parse(before);
    if (moved === op.request.days * DAY_MS) return { status: 'found', result: { port, pricing: null, requestId: null } };
    if (moved === 0) return { status: 'absent' };
    return { status: 'unknown', facts };
  },
  async landed(provider, op, sqlite) {
    return { port: await findPort(provider, op.request.upstreamPortId, portCustomer(sqlite, op.request.serviceId, op.accountId)), pricing: null, requestId: null };
  },
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
