/** Whozex wire shapes (snake_case, money as JSON numbers) → app types. */
import type { JsonReader } from '../http/reader';
import { listIn } from '../shared-decode';
import type * as T from '../types';

export function account(d: JsonReader): T.UpstreamAccount {
  const stats = d.has('stats') ? d.at('stats') : null;
  const out: T.UpstreamAccount = {
    id: d.optStr('id'),
    name: d.str('name'),
    email: d.optStr('email'),
    balance: d.at('balance').asMinor(),
    currency: d.optStr('currency') ?? 'USD',
    isVip: d.at('is_vip').asOptBool() ?? false,
    customPricePerGbMicros: d.has('pricing') ? d.at('pricing').at('custom_price_per_gb').asOptMicros() : null,
  };
  if (stats) {
    const s: NonNullable<T.UpstreamAccount['stats']> = {};
    const packages = stats.at('packages').asOptInt();
    const subUsers = stats.at('sub_users').asOptInt();
    const spent = stats.at('total_spent').asOptMinor();
    if (packages !== null) s.packages = packages;
    if (subUsers !== null) s.subUsers = subUsers;
    if (spent !== null) s.totalSpent = spent;
    out.stats = s;
  }
  return out;
}

export function user(d: JsonReader): T.UpstreamCustomer {
  return {
    id: d.str('id'),
    email: d.str('email'),
    name: d.optStr('name') ?? d.str('email').split('@')[0]!,
    company: null,
    externalId: null,
    status: d.optStr('status') ?? 'active',
    balance: d.at('balance').asOptMinor(),
    allocatedPortSlots: null,
    usedPortSlots: null,
    allocatedTrafficGbMilli: null,
    packageCount: d.at('package_count').asOptInt(),
    createdAt: d.at('created_at').asOptDate(),
  };
}

export function transaction(d: JsonReader): T.UpstreamTransaction {
  return {
    id: d.str('id'),
    type: d.str('type'),
    amount: d.at('amount').asMinor(),
    balanceAfter: d.at('balance_after').asOptMinor(),
    description: d.optStr('description') ?? d.optStr('note'),
    customerId: d.optStr('user_id'),
    createdAt: d.at('created_at').asOptDate(),
    note: d.optStr('note'),
    packageId: d.optStr('package_id'),
  };
}

export function pkg(d: JsonReader): T.UpstreamPackage {
  const total = d.at('total_gb').asGbMilli();
  const used = d.at('used_gb').asOptGbMilli() ?? 0;
  return {
    id: d.str('id'),
    customerId: d.optStr('user_id'),
    proxyType: d.optStr('proxy_type') ?? 'residential',
    totalGbMilli: total,
    usedGbMilli: used,
    remainingGbMilli: d.at('remaining_gb').asOptGbMilli() ?? Math.max(0, total - used),
    status: d.optStr('status') ?? 'active',
    username: d.optStr('evomi_username') ?? d.optStr('username'),
    password: d.optStr('evomi_password') ?? d.optStr('password'),
    live: d.at('live').asOptBool() ?? false,
    createdAt: d.at('created_at').asOptDate(),
    expiresAt: d.at('expires_at').asOptDate(),
  };
}

/** POST /users/:id/packages and POST /packages/:id/add-gb answers. */
export function purchase(d: JsonReader): T.PackagePurchase {
  const p = d.has('package') && d.at('package').isObject() ? d.at('package') : d;
  return {
    package: pkg(p),
    cost: d.at('cost').asMinor(),
    pricePerGbMicros: d.has('price_per_gb') ? d.at('price_per_gb').asMicros() : p.at('price_per_gb').asOptMicros(),
    customerBalanceAfter: d.at('user_balance_after').asOptMinor(),
  };
}

export function balanceMove(d: JsonReader, customerId: string, action: 'add' | 'deduct'): T.BalanceMove {
  return {
    customerId: d.optStr('user_id') ?? customerId,
    action: (d.optStr('action') as 'add' | 'deduct' | null) ?? action,
    amount: d.at('amount').asMinor(),
    customerBalance: d.at('user_balance').asOptMinor(),
    resellerBalance: d.at('reseller_balance').asOptMinor(),
  };
}

function endpoint(d: JsonReader): T.Endpoint | null {
  if (d.isAbsent()) return null;
  return { host: d.str('host'), port: d.at('port').asInt(), connectionString: d.optStr('connection_string') };
}

export function credentials(d: JsonReader): T.PackageCredentials {
  const t = d.has('targeting') ? d.at('targeting') : null;
  return {
    username: d.str('username'),
    password: d.str('password'),
    http: d.has('http') ? endpoint(d.at('http')) : null,
    socks5: d.has('socks5') ? endpoint(d.at('socks5')) : null,
    targeting: { country: t?.optStr('country') ?? null, city: t?.optStr('city') ?? null },
  };
}

/** Usage history: tolerant of the point list's name and of GB vs bytes. */
export function usage(d: JsonReader, packageId: string): T.PackageUsage {
  const points = listIn(d, 'usage', 'points', 'history', 'series', 'chart').map((p) => {
    const at = p.first('timestamp', 'date', 'time', 'at', 'period').asDate();
    let gb: number;
    if (p.has('used_gb') || p.has('gb') || p.has('usage_gb')) gb = p.first('used_gb', 'gb', 'usage_gb').asGbMilli();
    else if (p.has('used_mb') || p.has('mb')) gb = Math.round(p.first('used_mb', 'mb').asInt());
    else gb = Math.round(p.first('bytes', 'used_bytes').asInt() / 1_000_000);
    return { at, usedGbMilli: gb };
  });
  const total = d.isObject() && (d.has('total_gb') || d.has('total_used_gb')) ? d.first('total_used_gb', 'total_gb').asGbMilli() : null;
  return { packageId: d.isObject() ? (d.optStr('package_id') ?? packageId) : packageId, points, totalGbMilli: total };
}

export function pricebook(d: JsonReader): T.WhozexPricebook {
  return {
    kind: 'whozex',
    isVip: d.at('is_vip').asOptBool() ?? false,
    customPricePerGbMicros: d.at('custom_price_per_gb').asOptMicros(),
    plans: listIn(d, 'plans').map((p) => ({
      gb: p.at('gb').asInt(),
      label: p.optStr('label') ?? `${p.at('gb').asInt()} GB`,
      standardPriceMicros: p.at('standard_price').asMicros(),
      vipPriceMicros: p.at('vip_price').asMicros(),
      yourPriceMicros: p.at('your_price').asMicros(),
      totalCost: p.at('total_cost').asMinor(),
    })),
  };
}

export function quote(d: JsonReader): T.Quote {
  const custom = d.at('custom_price').asOptBool();
  const vip = d.at('is_vip').asOptBool();
  return {
    cost: d.at('total').asMinor(),
    resellerPrice: null,
    margin: null,
    marginBps: null,
    unitPriceMicros: d.at('price_per_gb').asMicros(),
    appliedRules: [custom ? 'Custom price' : vip ? 'VIP price' : 'Standard price', `${d.at('gb').asInt()} GB`],
  };
}

export function webhook(d: JsonReader): T.UpstreamWebhook {
  return {
    id: d.str('id'),
    url: d.str('url'),
    events: d.at('events').asStringList(),
    name: d.optStr('name'),
    active: d.at('active').asOptBool() ?? d.at('is_active').asOptBool(),
  };
}
