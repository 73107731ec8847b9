import type { SandboxDb } from '../core/store';
import { DEFAULT_PRICEBOOK, type Pricebook } from './pricing';

export function loadPricebook(db: SandboxDb, resellerId: string): Pricebook {
  const row = db.prepare('SELECT config FROM psx_pricebooks WHERE reseller_id = ?').get(resellerId) as { config: string } | undefined;
  return row ? (JSON.parse(row.config) as Pricebook) : structuredClone(DEFAULT_PRICEBOOK);
}

export function savePricebook(db: SandboxDb, resellerId: string, book: Pricebook, nowMs: number): void {
  db.prepare(
    `INSERT INTO psx_pricebooks (reseller_id, config, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (reseller_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
  ).run(resellerId, JSON.stringify(book), nowMs);
}

export function countryOverride(db: SandboxDb, resellerId: string, countryId: string | null | undefined): string | null {
  if (!countryId) return null;
  const row = db.prepare('SELECT margin_percent FROM psx_country_overrides WHERE reseller_id = ? AND country_id = ?').get(resellerId, countryId) as
    | { margin_percent: string }
    | undefined;
  return row?.margin_percent ?? null;
}

export function customerDiscount(db: SandboxDb, resellerId: string, customerId: string | null | undefined): string | null {
  if (!customerId) return null;
  const row = db.prepare('SELECT discount_percent FROM psx_customer_discounts WHERE reseller_id = ? AND customer_id = ?').get(resellerId, customerId) as
    | { discount_percent: string }
    | undefined;
  return row?.discount_percent ?? null;
}
