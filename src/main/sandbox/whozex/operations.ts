import type { Database } from 'better-sqlite3';
import { minorToDecimal } from '../../../shared/money';
import { INSUFFICIENT_BALANCE_STATUS, invalidParams, notFound, WhozexError } from './envelope';
import type { PendingEvent } from './events';
import * as ids from './ids';
import { gbFromMb, money, rate } from './json';
import { costCents, effectivePriceMicros, type ProxyType } from './pricing';
import { sql, type PackageRow, type ResellerRow, type TransactionType, type UserRow } from './rows';
import { DAY_MS, dailyRateMb, MB_PER_GB } from './usage-model';
import { packageView, userView } from './views';

/**
 * The state changes of the API. Each runs inside the caller's DB transaction, re-reads
 * what it checks, and returns its answer plus the events to publish after the commit.
 */

export const PACKAGE_LIFETIME_MS = 30 * DAY_MS;
export const MAX_GB_PER_ORDER = 100_000;

export interface Outcome<T> {
  data: T;
  events: PendingEvent[];
}

const dollars = (cents: number): string => `$${minorToDecimal(cents)}`;

function insufficient(message: string): WhozexError {
  return new WhozexError(INSUFFICIENT_BALANCE_STATUS, 'INSUFFICIENT_BALANCE', message);
}

export function loadReseller(db: Database, id: string): ResellerRow {
  const r = sql(db, 'SELECT * FROM wzx_resellers WHERE id = ?').get(id) as ResellerRow | undefined;
  if (!r) throw new WhozexError(401, 'INVALID_API_KEY', 'Invalid API key');
  return r;
}

/** A sub-user of this reseller; anyone else's is NOT_FOUND, never FORBIDDEN. */
export function loadUser(db: Database, resellerId: string, userId: string): UserRow {
  const u = sql(db, 'SELECT * FROM wzx_users WHERE id = ? AND reseller_id = ?').get(userId, resellerId) as UserRow | undefined;
  if (!u) throw notFound('User', userId);
  return u;
}

export function loadPackage(db: Database, resellerId: string, packageId: string): PackageRow {
  const p = sql(db, 'SELECT * FROM wzx_packages WHERE id = ? AND reseller_id = ?').get(packageId, resellerId) as PackageRow | undefined;
  if (!p) throw notFound('Package', packageId);
  return p;
}

export function packageCount(db: Database, userId: string): number {
  return (sql(db, 'SELECT COUNT(*) AS n FROM wzx_packages WHERE user_id = ?').get(userId) as { n: number }).n;
}

interface TxInput {
  resellerId: string;
  type: TransactionType;
  amountCents: number;
  userId?: string;
  packageId?: string;
  gb?: number;
  proxyType?: string;
  note?: string;
  description: string;
  resellerBalanceAfter: number;
  userBalanceAfter?: number;
  at: number;
}

export function recordTransaction(db: Database, t: TxInput): string {
  const id = ids.newTransactionId();
  sql(
    db,
    `INSERT INTO wzx_transactions (id, reseller_id, type, amount_cents, user_id, package_id, gb, proxy_type, note, description,
       reseller_balance_after_cents, user_balance_after_cents, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    t.resellerId,
    t.type,
    t.amountCents,
    t.userId ?? null,
    t.packageId ?? null,
    t.gb ?? null,
    t.proxyType ?? null,
    t.note ?? null,
    t.description,
    t.resellerBalanceAfter,
    t.userBalanceAfter ?? null,
    t.at,
  );
  return id;
}

export function createUser(db: Database, now: number, resellerId: string, input: { email: string; name?: string }): Outcome<ReturnType<typeof userView>> {
  const taken = sql(db, 'SELECT 1 FROM wzx_users WHERE email = ?').get(input.email);
  if (taken) throw new WhozexError(409, 'EMAIL_TAKEN', `A user with email ${input.email} already exists`);
  const name = input.name ?? input.email.split('@')[0]!;
  const id = ids.newUserId();
  sql(db, 'INSERT INTO wzx_users (id, reseller_id, name, email, balance_cents, created_at) VALUES (?, ?, ?, ?, 0, ?)').run(
    id,
    resellerId,
    name,
    input.email,
    now,
  );
  const user = loadUser(db, resellerId, id);
  return {
    data: userView(user, 0),
    events: [{ resellerId, event: 'user.created', at: now, data: { user_id: id, email: user.email, name: user.name } }],
  };
}

export function changeUserBalance(
  db: Database,
  now: number,
  resellerId: string,
  userId: string,
  input: { action: 'add' | 'deduct'; cents: number; note?: string },
): Outcome<Record<string, unknown>> {
  const user = loadUser(db, resellerId, userId);
  const reseller = loadReseller(db, resellerId);
  const { action, cents } = input;
  let userAfter: number;
  let resellerAfter: number;
  if (action === 'add') {
    if (reseller.balance_cents < cents) {
      throw insufficient(`Reseller balance (${dollars(reseller.balance_cents)}) is insufficient. Amount: ${dollars(cents)}`);
    }
    userAfter = user.balance_cents + cents;
    resellerAfter = reseller.balance_cents - cents;
  } else {
    if (user.balance_cents < cents) {
      throw insufficient(`User balance (${dollars(user.balance_cents)}) is insufficient. Amount: ${dollars(cents)}`);
    }
    userAfter = user.balance_cents - cents;
    resellerAfter = reseller.balance_cents + cents;
  }
  sql(db, 'UPDATE wzx_users SET balance_cents = ? WHERE id = ?').run(userAfter, userId);
  sql(db, 'UPDATE wzx_resellers SET balance_cents = ? WHERE id = ?').run(resellerAfter, resellerId);
  recordTransaction(db, {
    resellerId,
    type: action === 'add' ? 'balance_add' : 'balance_deduct',
    amountCents: cents,
    userId,
    ...(input.note !== undefined ? { note: input.note } : {}),
    description: action === 'add' ? `Balance added to ${user.email}` : `Balance returned from ${user.email}`,
    resellerBalanceAfter: resellerAfter,
    userBalanceAfter: userAfter,
    at: now,
  });
  const data = {
    user_id: userId,
    action,
    amount: money(cents),
    user_balance: money(userAfter),
    reseller_balance: money(resellerAfter),
  };
  return {
    data,
    events: [
      {
        resellerId,
        event: action === 'add' ? 'balance.added' : 'balance.deducted',
        at: now,
        data: { ...data, note: input.note ?? null },
      },
    ],
  };
}

function uniquePackageId(db: Database): string {
  for (;;) {
    const id = ids.newPackageId();
    if (!sql(db, 'SELECT 1 FROM wzx_packages WHERE id = ?').get(id)) return id;
  }
}

export function purchasePackage(
  db: Database,
  now: number,
  resellerId: string,
  userId: string,
  input: { gb: number; proxyType: ProxyType },
): Outcome<Record<string, unknown>> {
  const user = loadUser(db, resellerId, userId);
  const reseller = loadReseller(db, resellerId);
  const price = effectivePriceMicros({ isVip: reseller.is_vip === 1, customPriceMicros: reseller.custom_price_micros }, input.proxyType, input.gb);
  const cost = costCents(input.gb, price);
  if (user.balance_cents < cost) {
    throw insufficient(`User balance (${dollars(user.balance_cents)}) is insufficient. Cost: ${dollars(cost)}`);
  }
  const userAfter = user.balance_cents - cost;
  const id = uniquePackageId(db);
  const totalMb = input.gb * MB_PER_GB;
  sql(db, 'UPDATE wzx_users SET balance_cents = ? WHERE id = ?').run(userAfter, userId);
  sql(
    db,
    `INSERT INTO wzx_packages (id, reseller_id, user_id, proxy_type, total_mb, used_mb, status, evomi_username, evomi_password,
       price_micros, cost_cents, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, 0, 'active', ?, ?, ?, ?, ?, ?)`,
  ).run(id, resellerId, userId, input.proxyType, totalMb, ids.newProxyUsername(), ids.newProxyPassword(), price, cost, now, now + PACKAGE_LIFETIME_MS);
  sql(db, 'INSERT INTO wzx_usage_segments (package_id, start_at, used_start_mb, cap_mb, rate_mb_per_day) VALUES (?, ?, 0, ?, ?)').run(
    id,
    now,
    totalMb,
    dailyRateMb(id, totalMb),
  );
  recordTransaction(db, {
    resellerId,
    type: 'purchase',
    amountCents: cost,
    userId,
    packageId: id,
    gb: input.gb,
    proxyType: input.proxyType,
    description: `${input.gb} GB ${input.proxyType} package for ${user.email}`,
    resellerBalanceAfter: reseller.balance_cents,
    userBalanceAfter: userAfter,
    at: now,
  });
  const pkg = loadPackage(db, resellerId, id);
  const view = packageView(pkg);
  return {
    data: {
      id: view.id,
      user_id: userId,
      proxy_type: view.proxy_type,
      total_gb: view.total_gb,
      used_gb: view.used_gb,
      remaining_gb: view.remaining_gb,
      status: view.status,
      evomi_username: view.evomi_username,
      evomi_password: view.evomi_password,
      cost: money(cost),
      price_per_gb: rate(price),
      user_balance_after: money(userAfter),
      created_at: view.created_at,
      expires_at: view.expires_at,
    },
    events: [
      {
        resellerId,
        event: 'package.created',
        at: now,
        data: { user_id: userId, package_id: id, gb: input.gb, cost: money(cost), proxy_type: input.proxyType },
      },
    ],
  };
}

export function addGb(
  db: Database,
  now: number,
  resellerId: string,
  packageId: string,
  input: { gb: number; note?: string },
): Outcome<Record<string, unknown>> {
  const pkg = loadPackage(db, resellerId, packageId);
  if (pkg.status === 'expired') {
    throw invalidParams(`Package ${packageId} expired on ${new Date(pkg.expires_at).toISOString()}; buy a new package instead`);
  }
  const user = loadUser(db, resellerId, pkg.user_id);
  const reseller = loadReseller(db, resellerId);
  // Top-ups are priced like a purchase of that many GB of the package's type.
  const price = effectivePriceMicros({ isVip: reseller.is_vip === 1, customPriceMicros: reseller.custom_price_micros }, pkg.proxy_type, input.gb);
  const cost = costCents(input.gb, price);
  if (user.balance_cents < cost) {
    throw insufficient(`User balance (${dollars(user.balance_cents)}) is insufficient. Cost: ${dollars(cost)}`);
  }
  const userAfter = user.balance_cents - cost;
  const totalMb = pkg.total_mb + input.gb * MB_PER_GB;
  // Usage goes on from where it is now, towards the new cap (a depleted package revives).
  const stillLow = (totalMb - pkg.used_mb) * 10 <= totalMb;
  sql(db, 'UPDATE wzx_users SET balance_cents = ? WHERE id = ?').run(userAfter, user.id);
  sql(db, "UPDATE wzx_packages SET total_mb = ?, status = 'active', low_gb_notified = ? WHERE id = ?").run(
    totalMb,
    stillLow ? pkg.low_gb_notified : 0,
    packageId,
  );
  sql(
    db,
    `INSERT INTO wzx_usage_segments (package_id, start_at, used_start_mb, cap_mb, rate_mb_per_day) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (package_id, start_at) DO UPDATE SET used_start_mb = excluded.used_start_mb, cap_mb = excluded.cap_mb,
       rate_mb_per_day = excluded.rate_mb_per_day`,
  ).run(packageId, now, pkg.used_mb, totalMb, dailyRateMb(packageId, totalMb));
  recordTransaction(db, {
    resellerId,
    type: 'add_gb',
    amountCents: cost,
    userId: user.id,
    packageId,
    gb: input.gb,
    proxyType: pkg.proxy_type,
    ...(input.note !== undefined ? { note: input.note } : {}),
    description: `${input.gb} GB added to ${packageId} for ${user.email}`,
    resellerBalanceAfter: reseller.balance_cents,
    userBalanceAfter: userAfter,
    at: now,
  });
  const view = packageView(loadPackage(db, resellerId, packageId));
  return {
    data: {
      ...view,
      gb_added: input.gb,
      cost: money(cost),
      price_per_gb: rate(price),
      user_balance_after: money(userAfter),
    },
    events: [
      {
        resellerId,
        event: 'package.gb_added',
        at: now,
        data: { user_id: user.id, package_id: packageId, gb: input.gb, cost: money(cost), total_gb: gbFromMb(totalMb) },
      },
    ],
  };
}
