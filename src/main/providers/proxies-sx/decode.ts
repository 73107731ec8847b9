/** Proxies.sx wire shapes (Mongo-style `_id`, camelCase, money as JSON numbers) → app types. */
import type { JsonReader } from '../http/reader';
import { listIn } from '../shared-decode';
import type * as T from '../types';

const id = (d: JsonReader): string => d.first('_id', 'id').asString();

/** An object that may arrive wrapped ({customer: {...}}) or bare. */
export function unwrap(d: JsonReader, name: string): JsonReader {
  return d.isObject() && d.has(name) && d.at(name).isObject() ? d.at(name) : d;
}

export function account(d: JsonReader): T.UpstreamAccount {
  const stats = d.has('stats') ? d.at('stats') : null;
  const out: T.UpstreamAccount = {
    id: d.has('_id') || d.has('id') ? id(d) : null,
    name: d.optStr('name') ?? d.optStr('email') ?? 'Proxies.sx',
    email: d.optStr('email'),
    balance: d.at('balance').asMinor(),
    currency: d.optStr('currency') ?? 'USD',
  };
  if (stats?.isObject()) {
    const customers = stats.at('customers').asOptInt();
    out.stats = customers === null ? {} : { customers };
  }
  return out;
}

export function transaction(d: JsonReader): T.UpstreamTransaction {
  return {
    id: id(d),
    type: d.str('type'),
    amount: d.at('amount').asMinor(),
    balanceAfter: d.at('balanceAfter').asOptMinor(),
    description: d.optStr('description'),
    customerId: d.optStr('customerId'),
    createdAt: d.at('createdAt').asOptDate(),
  };
}

export function customer(d: JsonReader): T.UpstreamCustomer {
  return {
    id: id(d),
    email: d.str('email'),
    name: d.str('name'),
    company: d.optStr('company'),
    externalId: d.optStr('externalId'),
    status: d.optStr('status') ?? 'active',
    balance: d.at('balance').asOptMinor(),
    allocatedPortSlots: d.at('allocatedPortSlots').asOptInt(),
    usedPortSlots: d.at('usedPortSlots').asOptInt(),
    allocatedTrafficGbMilli: d.at('allocatedTrafficGB').asOptGbMilli(),
    packageCount: null,
    createdAt: d.at('createdAt').asOptDate(),
  };
}

export function port(d: JsonReader): T.UpstreamPort {
  const type = d.optStr('type');
  return {
    id: id(d),
    displayName: d.optStr('displayName'),
    customerId: d.optStr('customerId'),
    countryId: d.optStr('countryId'),
    cityId: d.optStr('cityId'),
    carrierId: d.optStr('carrierId'),
    status: d.optStr('status') ?? 'active',
    isPrivate: d.at('isPrivate').asOptBool() ?? (type === null ? null : type === 'private'),
    serverIp: d.optStr('serverIp'),
    httpPort: d.at('httpPort').asOptInt(),
    socksPort: d.at('socksPort').asOptInt(),
    proxyLogin: d.optStr('proxyLogin'),
    proxyPassword: d.optStr('proxyPassword'),
    expiresAt: d.at('expiresAt').asOptDate(),
    createdAt: d.at('createdAt').asOptDate(),
  };
}

export function pricing(d: JsonReader): T.PortPricing {
  return {
    costToReseller: d.at('costToReseller').asMinor(),
    resellerPrice: d.at('resellerPrice').asOptMinor(),
    margin: d.at('margin').asOptMinor(),
  };
}

/** `{port, pricing}` (documented) or a bare port carrying `pricing`. */
export function portWithPricing(d: JsonReader): { port: T.UpstreamPort; pricing: T.PortPricing | null } {
  const p = unwrap(d, 'port');
  const pr = d.has('pricing') ? d.at('pricing') : p.has('pricing') ? p.at('pricing') : null;
  return { port: port(p), pricing: pr ? pricing(pr) : null };
}

function rule(d: JsonReader): T.PriceRule {
  if (!d.isObject()) return {};
  return {
    marginBps: d.at('marginPercent').asOptBps(),
    fixedPriceMicros: d.first('fixedPrice', 'fixedPricePerDay').asOptMicros(),
    multiplier: d.at('multiplier').asOptMillionths(),
  };
}

export function pricebook(d0: JsonReader): T.ProxiesSxPricebook {
  const d = unwrap(d0, 'pricebook');
  const overrides = d.has('countryOverrides') ? listIn(d.at('countryOverrides')) : [];
  return {
    kind: 'proxies-sx',
    pricingMode: (d.optStr('pricingMode') ?? 'margin') as T.PricingMode,
    defaultMarginBps: d.at('defaultMarginPercent').asOptBps() ?? 0,
    portPricing: d.has('portPricing') ? rule(d.at('portPricing')) : {},
    trafficPricing: d.has('trafficPricing') ? rule(d.at('trafficPricing')) : {},
    countryOverrides: overrides.map((o) => ({ countryId: o.str('countryId'), ...rule(o) })),
  };
}

export function quote(d: JsonReader): T.Quote {
  const rules = d.has('appliedRules') ? d.at('appliedRules').asStringList() : [];
  return {
    cost: d.at('basePrice').asMinor(),
    resellerPrice: d.at('resellerPrice').asMinor(),
    margin: d.at('marginAmount').asOptMinor(),
    marginBps: d.at('marginPercent').asOptBps(),
    unitPriceMicros: null,
    appliedRules: rules,
  };
}

export function webhook(d: JsonReader): T.UpstreamWebhook {
  return {
    id: id(d),
    url: d.str('url'),
    events: d.at('events').asStringList(),
    name: d.optStr('name'),
    active: d.at('active').asOptBool() ?? d.at('isActive').asOptBool(),
  };
}

export function country(d: JsonReader): T.Country {
  return {
    id: id(d),
    name: d.str('name'),
    code: d.str('code'),
    iso3: d.optStr('iso3'),
    phoneCode: d.optStr('phoneCode'),
    freeDeviceCount: d.at('freeDeviceCount').asOptInt(),
  };
}

export function city(d: JsonReader, countryId: string): T.City {
  return { id: id(d), name: d.str('name'), countryId: d.optStr('countryId') ?? countryId };
}

export function carrier(d: JsonReader, countryId: string): T.Carrier {
  return { id: id(d), name: d.str('name'), countryId: d.optStr('countryId') ?? countryId };
}
