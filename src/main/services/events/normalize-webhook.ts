import type { ProviderKind } from '../../providers/types';
import { crossings, factKeys } from './fact-keys';
import { gbMilli, int, isoDate, minor, obj, plain, str, type JsonObject } from './json-values';
import type { EventDraft } from './types';

/**
 * Turns one verified webhook body into normalized event drafts. The body was parsed
 * losslessly; amounts become cents, GB milli-GB, dates ISO. Unknown event names are kept
 * (type `upstream.<name>`) so nothing a reseller was sent is thrown away.
 */

export interface WebhookInput {
  provider: ProviderKind;
  accountId: string;
  /** The parsed body (lossless numbers). */
  body: unknown;
  raw: string;
  deliveryId: string;
  /** When the app received it (fallback for a body without a time). */
  receivedAt: string;
  /** Proxies.sx `X-Proxies-Event` (design note), used when the body names no event. */
  eventHeader?: string | null;
}

function draft(input: WebhookInput, type: string, subject: string | null, payload: JsonObject, occurredAt: string, fact: EventDraft['fact']): EventDraft {
  return {
    source: 'webhook',
    type,
    accountId: input.accountId,
    subject,
    payload,
    raw: input.raw,
    occurredAt,
    deliveryId: input.deliveryId,
    fact,
  };
}

export function normalizeWebhook(input: WebhookInput): EventDraft[] {
  return input.provider === 'proxies-sx' ? normalizeProxiesSx(input) : normalizeWhozex(input);
}

/**
 * The event name of a delivery. Proxies.sx comes in two shapes, both accepted:
 * the public design note's `{id, type, created, resellerId, data}` (+ `X-Proxies-Event`)
 * and today's `{id, event, createdAt, data}`. Whozex: `{event, data, timestamp}` (seed).
 */
export function webhookEventName(provider: ProviderKind, body: unknown, eventHeader?: string | null): string {
  const b = obj(body);
  if (provider === 'whozex') return str(b.event) ?? 'unknown';
  return str(b.type) ?? str(b.event) ?? (eventHeader && /^[A-Za-z0-9_.-]{1,80}$/.test(eventHeader) ? eventHeader : null) ?? 'unknown';
}

/** `created` of the design note: unix seconds (like the signature's t), or ms, or ISO. */
function createdAt(v: unknown): string | null {
  const n = int(v);
  if (n !== null && typeof v !== 'string' && n > 0 && n < 100_000_000_000) return isoDate(n * 1000);
  return isoDate(v);
}

/** The Proxies.sx port a delivery is about: `data.port._id|id`, `data.portId|port_id`, or `data._id|id` of a port.* event. */
export function proxiesSxPortId(name: string, data: JsonObject): string | null {
  const port = obj(data.port);
  return (
    str(port._id) ?? str(port.id) ?? str(data.portId) ?? str(data.port_id) ?? (name.startsWith('port.') ? (str(data._id) ?? str(data.id)) : null)
  );
}

/** The resource a delivery names (`port:<id>`, `package:<id>`, `customer:<id>`, `account:<acct>`), or null. */
export function webhookSubject(provider: ProviderKind, accountId: string, name: string, body: unknown): string | null {
  const data = obj(obj(body).data);
  if (provider === 'proxies-sx') {
    const portId = proxiesSxPortId(name, data);
    if (portId) return `port:${portId}`;
    const customer = str(data.customerId) ?? str(obj(data.customer)._id);
    if (customer) return `customer:${customer}`;
    return name.startsWith('balance.') ? `account:${accountId}` : null;
  }
  const pkg = str(data.package_id);
  if (pkg) return `package:${pkg}`;
  const user = str(data.user_id);
  return user ? `customer:${user}` : name.startsWith('balance.') ? `account:${accountId}` : null;
}

function normalizeProxiesSx(input: WebhookInput): EventDraft[] {
  const body = obj(input.body);
  const name = webhookEventName('proxies-sx', body, input.eventHeader);
  const data = obj(body.data);
  const at = createdAt(body.created) ?? isoDate(body.createdAt) ?? input.receivedAt;
  const acct = input.accountId;
  const port = obj(data.port);
  const portId = proxiesSxPortId(name, data);
  const portPayload = (): JsonObject => ({
    portId,
    customerUpstreamId: str(data.customerId) ?? str(port.customerId),
    status: str(port.status),
    expiresAt: isoDate(data.expiresAt) ?? isoDate(port.expiresAt),
    displayName: str(port.displayName),
  });

  switch (name) {
    case 'port.created':
      if (!portId) break;
      return [draft(input, 'port.created', `port:${portId}`, portPayload(), at, { key: factKeys.portCreated(acct, portId) })];
    case 'port.expiring': {
      const p = portPayload();
      if (!portId || typeof p.expiresAt !== 'string') break;
      return [
        draft(input, 'port.expiring', `port:${portId}`, { ...p, hoursLeft: int(data.hoursLeft) }, at, {
          key: factKeys.portExpiring(acct, portId, p.expiresAt),
        }),
      ];
    }
    case 'port.expired': {
      const p = portPayload();
      if (!portId) break;
      const expiresAt = isoDate(port.expiresAt) ?? isoDate(data.expiredAt);
      return [
        draft(input, 'port.expired', `port:${portId}`, { ...p, expiresAt, status: 'expired' }, isoDate(data.expiredAt) ?? at, {
          key: factKeys.portExpired(acct, portId, expiresAt),
        }),
      ];
    }
    case 'port.rotated':
      if (!portId) break;
      return [
        draft(input, 'port.rotated', `port:${portId}`, { portId, previousIp: str(data.previousIp), newIp: str(data.newIp) }, at, {
          key: factKeys.byDelivery('port.rotated', acct, input.deliveryId),
        }),
      ];
    case 'customer.quota_exceeded': {
      const customer = str(data.customerId) ?? str(obj(data.customer)._id);
      return [
        draft(input, 'customer.quota_exceeded', customer ? `customer:${customer}` : null, { customerUpstreamId: customer, details: plain(data) }, at, {
          key: factKeys.byDelivery('customer.quota_exceeded', acct, input.deliveryId),
        }),
      ];
    }
    case 'balance.low': {
      const balance = minor(data.balance);
      return [
        draft(input, 'balance.low', `account:${acct}`, { balance, threshold: minor(data.threshold), currency: str(data.currency) ?? 'USD' }, at, {
          crossing: crossings.balanceLow(acct),
        }),
      ];
    }
  }
  return [unknownEvent(input, name, data, at)];
}

/** Body `{"event","data","timestamp"}` (the Whozex seed). */
function normalizeWhozex(input: WebhookInput): EventDraft[] {
  const body = obj(input.body);
  const name = str(body.event) ?? 'unknown';
  const data = obj(body.data);
  const at = isoDate(body.timestamp) ?? input.receivedAt;
  const acct = input.accountId;
  const userId = str(data.user_id);
  const pkg = str(data.package_id);

  switch (name) {
    case 'user.created':
      if (!userId) break;
      return [
        draft(input, 'customer.created', `customer:${userId}`, { customerUpstreamId: userId, email: str(data.email), name: str(data.name) }, at, {
          key: factKeys.customerCreated(acct, userId),
        }),
      ];
    case 'balance.added':
    case 'balance.deducted': {
      const type = name === 'balance.added' ? 'customer.balance_added' : 'customer.balance_deducted';
      return [
        draft(
          input,
          type,
          userId ? `customer:${userId}` : null,
          {
            customerUpstreamId: userId,
            amount: minor(data.amount),
            customerBalance: minor(data.user_balance),
            // The reseller balance after the move: a balance observation for the ledger check.
            balance: minor(data.reseller_balance),
          },
          at,
          { key: factKeys.byDelivery(type, acct, input.deliveryId) },
        ),
      ];
    }
    case 'package.created':
      if (!pkg) break;
      return [
        draft(
          input,
          'package.created',
          `package:${pkg}`,
          {
            packageId: pkg,
            customerUpstreamId: userId,
            totalGbMilli: gbMilli(data.gb),
            usedGbMilli: 0,
            cost: minor(data.cost),
            proxyType: str(data.proxy_type),
          },
          at,
          { key: factKeys.packageCreated(acct, pkg) },
        ),
      ];
    case 'package.gb_added': {
      if (!pkg) break;
      const total = gbMilli(data.total_gb);
      return [
        draft(
          input,
          'package.gb_added',
          `package:${pkg}`,
          { packageId: pkg, customerUpstreamId: userId, addedGbMilli: gbMilli(data.gb), totalGbMilli: total, cost: minor(data.cost) },
          at,
          { key: factKeys.packageGbAdded(acct, pkg, total) },
        ),
      ];
    }
    case 'package.low_gb':
      if (!pkg) break;
      return [
        draft(
          input,
          'package.low_gb',
          `package:${pkg}`,
          {
            packageId: pkg,
            customerUpstreamId: userId,
            totalGbMilli: gbMilli(data.total_gb),
            usedGbMilli: gbMilli(data.used_gb),
            remainingGbMilli: gbMilli(data.remaining_gb),
            remainingPercent: int(data.remaining_percent),
          },
          at,
          { crossing: crossings.packageLow(acct, pkg) },
        ),
      ];
    case 'package.depleted': {
      if (!pkg) break;
      const total = gbMilli(data.total_gb);
      return [
        draft(input, 'package.depleted', `package:${pkg}`, { packageId: pkg, customerUpstreamId: userId, totalGbMilli: total }, at, {
          key: factKeys.packageDepleted(acct, pkg, total),
        }),
      ];
    }
    case 'package.expired':
      if (!pkg) break;
      return [
        draft(
          input,
          'package.expired',
          `package:${pkg}`,
          { packageId: pkg, customerUpstreamId: userId, expiresAt: isoDate(data.expires_at), remainingGbMilli: gbMilli(data.remaining_gb) },
          at,
          { key: factKeys.packageExpired(acct, pkg) },
        ),
      ];
  }
  return [unknownEvent(input, name, data, at)];
}

function unknownEvent(input: WebhookInput, name: string, data: JsonObject, at: string): EventDraft {
  const type = `upstream.${name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60)}`;
  return draft(input, type, null, { event: name, data: plain(data) }, at, { key: factKeys.byDelivery(type, input.accountId, input.deliveryId) });
}
