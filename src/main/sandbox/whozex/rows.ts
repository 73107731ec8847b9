import type { Database, Statement } from 'better-sqlite3';
import type { ProxyType } from './pricing';

/** Row shapes of the wzx_ tables (see schema.ts). */

export interface ResellerRow {
  id: string;
  name: string;
  email: string;
  balance_cents: number;
  is_vip: number;
  custom_price_micros: number | null;
  api_key: string;
  api_key_last_used_at: number | null;
  status: 'active' | 'disabled';
  created_at: number;
}

export interface UserRow {
  seq: number;
  id: string;
  reseller_id: string;
  name: string;
  email: string;
  balance_cents: number;
  created_at: number;
}

export type PackageStatus = 'active' | 'depleted' | 'expired';

export interface PackageRow {
  seq: number;
  id: string;
  reseller_id: string;
  user_id: string;
  proxy_type: ProxyType;
  total_mb: number;
  used_mb: number;
  status: PackageStatus;
  evomi_username: string;
  evomi_password: string;
  price_micros: number;
  cost_cents: number;
  low_gb_notified: number;
  created_at: number;
  expires_at: number;
}

export interface SegmentRow {
  package_id: string;
  start_at: number;
  used_start_mb: number;
  cap_mb: number;
  rate_mb_per_day: number;
}

export const TRANSACTION_TYPES = ['deposit', 'purchase', 'add_gb', 'balance_add', 'balance_deduct'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export interface TransactionRow {
  seq: number;
  id: string;
  reseller_id: string;
  type: TransactionType;
  amount_cents: number;
  user_id: string | null;
  package_id: string | null;
  gb: number | null;
  proxy_type: string | null;
  note: string | null;
  description: string;
  reseller_balance_after_cents: number;
  user_balance_after_cents: number | null;
  created_at: number;
}

export interface WebhookRow {
  seq: number;
  id: string;
  reseller_id: string;
  url: string;
  events: string;
  secret: string;
  created_at: number;
}

const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements, cached per database (preparing is the costly part). */
export function sql(db: Database, text: string): Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let s = byText.get(text);
  if (!s) {
    s = db.prepare(text);
    byText.set(text, s);
  }
  return s;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
