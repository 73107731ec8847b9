import { decimal, iso, money } from './json';

/** Row shapes of the psx_ tables and their JSON forms (Mongo-style `_id`, money as 2-decimal numbers). */

export interface CustomerRow {
  seq: number;
  id: string;
  reseller_id: string;
  email: string;
  name: string;
  company: string | null;
  external_id: string | null;
  allocated_port_slots: number;
  used_port_slots: number;
  allocated_traffic_gb: string;
  balance_cents: number;
  status: 'active' | 'suspended';
  created_at: number;
  updated_at: number;
}

export function customerJson(c: CustomerRow) {
  return {
    _id: c.id,
    resellerId: c.reseller_id,
    email: c.email,
    name: c.name,
    company: c.company,
    externalId: c.external_id,
    allocatedPortSlots: c.allocated_port_slots,
    usedPortSlots: c.used_port_slots,
    allocatedTrafficGB: decimal(c.allocated_traffic_gb),
    usedTrafficGB: 0,
    balance: money(c.balance_cents),
    status: c.status,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
  };
}

export interface PortRow {
  seq: number;
  id: string;
  reseller_id: string;
  customer_id: string;
  country_id: string;
  city_id: string | null;
  carrier_id: string | null;
  display_name: string;
  http_port: number;
  socks_port: number;
  proxy_login: string;
  proxy_password: string;
  server_ip: string;
  device_id: string;
  current_ip: string;
  type: 'shared' | 'private';
  exclusive: number;
  status: 'active' | 'suspended' | 'expired';
  days: number;
  cost_cents: number;
  price_cents: number;
  rotation_count: number;
  last_rotated_at: number | null;
  expiring_notified: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export function portJson(p: PortRow) {
  return {
    _id: p.id,
    displayName: p.display_name,
    httpPort: p.http_port,
    socksPort: p.socks_port,
    proxyLogin: p.proxy_login,
    proxyPassword: p.proxy_password,
    serverIp: p.server_ip,
    expiresAt: p.expires_at,
    status: p.status,
    customerId: p.customer_id,
    countryId: p.country_id,
    cityId: p.city_id,
    carrierId: p.carrier_id,
    type: p.type,
    isPrivate: p.type === 'private',
    exclusive: p.exclusive === 1,
    days: p.days,
    deviceId: p.device_id,
    currentIp: p.current_ip,
    rotationCount: p.rotation_count,
    lastRotatedAt: p.last_rotated_at,
    proxyUrls: {
      http: `http://${p.proxy_login}:${p.proxy_password}@${p.server_ip}:${p.http_port}`,
      socks5: `socks5://${p.proxy_login}:${p.proxy_password}@${p.server_ip}:${p.socks_port}`,
    },
    pricing: pricingJson(p.cost_cents, p.price_cents),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

export function pricingJson(costCents: number, priceCents: number) {
  return { costToReseller: money(costCents), resellerPrice: money(priceCents), margin: money(priceCents - costCents) };
}

export interface TransactionRow {
  seq: number;
  id: string;
  reseller_id: string;
  type: 'deposit' | 'topup' | 'port_purchase' | 'port_extend';
  amount_cents: number;
  balance_after_cents: number;
  description: string;
  reference_id: string | null;
  customer_id: string | null;
  port_id: string | null;
  created_at: number;
}

export function transactionJson(t: TransactionRow) {
  return {
    _id: t.id,
    type: t.type,
    amount: money(t.amount_cents),
    balanceAfter: money(t.balance_after_cents),
    currency: 'USD',
    description: t.description,
    referenceId: t.reference_id,
    customerId: t.customer_id,
    portId: t.port_id,
    createdAt: iso(t.created_at),
  };
}

export interface WebhookRow {
  seq: number;
  id: string;
  reseller_id: string;
  name: string;
  url: string;
  events: string;
  secret: string;
  active: number;
  created_at: number;
}

/** `secret`: 'full' once at creation (extended), 'hint' on reads (extended), 'none' (documented: no document shows one). */
export function webhookJson(w: WebhookRow, secret: 'full' | 'hint' | 'none' = 'hint') {
  return {
    _id: w.id,
    name: w.name,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    active: w.active === 1,
    ...(secret === 'full' ? { secret: w.secret } : secret === 'hint' ? { secretHint: `whsec_…${w.secret.slice(-4)}` } : {}),
    createdAt: iso(w.created_at),
  };
}
