import type Database from 'better-sqlite3';
import {
  ppmToMultiplier,
  ppmToPercent,
  type Pricebook,
  type PricebookDraft,
  type PricebookPatch,
  type ProductPricing,
} from '../../../shared/contract/pricing';
import { AppError } from '../../../shared/errors';
import type { PricebookTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { validateRules, type PricingRules, type ProductRules } from './quote';

/** Reads and writes the pricebook tables of migration 0003. Synchronous, for use inside transactions. */

function pricebookRow(sqlite: Database.Database): PricebookTable {
  const row = prepare(sqlite, 'SELECT * FROM pricebook WHERE id = 1').get() as PricebookTable | undefined;
  if (!row) throw new AppError('INTERNAL', 'The pricebook is missing from the ledger file.');
  return row;
}

function countryRows(sqlite: Database.Database): { country: string; margin_ppm: number }[] {
  return prepare(sqlite, 'SELECT country, margin_ppm FROM pricebook_country_overrides ORDER BY country').all() as { country: string; margin_ppm: number }[];
}

export function readPricingRules(sqlite: Database.Database): PricingRules {
  const row = pricebookRow(sqlite);
  return {
    mode: row.mode,
    defaultMarginPpm: row.default_margin_ppm,
    port: { marginPpm: row.port_margin_ppm, fixedMicros: row.port_fixed_micros, multiplierPpm: row.port_multiplier_ppm },
    traffic: { marginPpm: row.traffic_margin_ppm, fixedMicros: row.traffic_fixed_micros, multiplierPpm: row.traffic_multiplier_ppm },
    countryMarginPpm: new Map(countryRows(sqlite).map((r) => [r.country, r.margin_ppm])),
  };
}

function productPricing(p: ProductRules): ProductPricing {
  return {
    marginPercent: p.marginPpm === null ? null : ppmToPercent(p.marginPpm),
    fixedPriceMicros: p.fixedMicros,
    multiplier: p.multiplierPpm === null ? null : ppmToMultiplier(p.multiplierPpm),
  };
}

export function readPricebook(sqlite: Database.Database): Pricebook {
  const rules = readPricingRules(sqlite);
  return {
    mode: rules.mode,
    defaultMarginPercent: ppmToPercent(rules.defaultMarginPpm),
    port: productPricing(rules.port),
    traffic: productPricing(rules.traffic),
    countryOverrides: [...rules.countryMarginPpm].map(([country, ppm]) => ({ country, marginPercent: ppmToPercent(ppm) })),
    updatedAt: pricebookRow(sqlite).updated_at,
  };
}

function patchProduct(p: ProductRules, patch: PricebookPatch['port']): ProductRules {
  if (!patch) return p;
  return {
    marginPpm: patch.marginPercent === undefined ? p.marginPpm : patch.marginPercent,
    fixedMicros: patch.fixedPriceMicros === undefined ? p.fixedMicros : patch.fixedPriceMicros,
    multiplierPpm: patch.multiplier === undefined ? p.multiplierPpm : patch.multiplier,
  };
}

/** The rules after a patch (or an unsaved draft), validated; nothing is written. */
export function applyPatch(rules: PricingRules, patch: PricebookPatch | PricebookDraft): PricingRules {
  const next: PricingRules = {
    mode: patch.mode ?? rules.mode,
    defaultMarginPpm: patch.defaultMarginPercent ?? rules.defaultMarginPpm,
    port: patchProduct(rules.port, patch.port),
    traffic: patchProduct(rules.traffic, patch.traffic),
    countryMarginPpm:
      'countryOverrides' in patch && patch.countryOverrides
        ? new Map(patch.countryOverrides.map((o) => [o.country, o.marginPercent]))
        : rules.countryMarginPpm,
  };
  validateRules(next);
  return next;
}

export function updatePricebook(sqlite: Database.Database, patch: PricebookPatch, now: Date): PricingRules {
  return sqlite.transaction(() => {
    const next = applyPatch(readPricingRules(sqlite), patch);
    prepare(
      sqlite,
      `UPDATE pricebook SET mode = ?, default_margin_ppm = ?,
         port_margin_ppm = ?, port_fixed_micros = ?, port_multiplier_ppm = ?,
         traffic_margin_ppm = ?, traffic_fixed_micros = ?, traffic_multiplier_ppm = ?, updated_at = ?
       WHERE id = 1`,
    ).run(
      next.mode,
      next.defaultMarginPpm,
      next.port.marginPpm,
      next.port.fixedMicros,
      next.port.multiplierPpm,
      next.traffic.marginPpm,
      next.traffic.fixedMicros,
      next.traffic.multiplierPpm,
      now.toISOString(),
    );
    return next;
  })();
}

/**
 * The whole editor's save: the patch, then (when given) the override list replacing every
 * override, in one transaction. A country listed twice is refused before anything changes.
 */
export function savePricebook(sqlite: Database.Database, draft: PricebookDraft, now: Date): void {
  const { countryOverrides, ...patch } = draft;
  if (countryOverrides) {
    const seen = new Set<string>();
    for (const [i, o] of countryOverrides.entries()) {
      if (seen.has(o.country)) {
        throw new AppError('INVALID_INPUT', `countryOverrides.${i}.country: ${o.country} is listed twice; keep one margin per country`, { field: `countryOverrides.${i}.country` });
      }
      seen.add(o.country);
    }
  }
  sqlite.transaction(() => {
    updatePricebook(sqlite, patch, now);
    if (!countryOverrides) return;
    const keep = new Set(countryOverrides.map((o) => o.country));
    for (const country of prepare(sqlite, 'SELECT country FROM pricebook_country_overrides').pluck().all() as string[]) {
      if (!keep.has(country)) setCountryOverride(sqlite, country, null, now);
    }
    for (const o of countryOverrides) setCountryOverride(sqlite, o.country, o.marginPercent, now);
  })();
}

/** marginPpm null removes the override. */
export function setCountryOverride(sqlite: Database.Database, country: string, marginPpm: number | null, now: Date): void {
  const code = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new AppError('INVALID_INPUT', 'country: must be a two-letter country code', { field: 'country' });
  sqlite.transaction(() => {
    if (marginPpm === null) prepare(sqlite, 'DELETE FROM pricebook_country_overrides WHERE country = ?').run(code);
    else
      prepare(
        sqlite,
        'INSERT INTO pricebook_country_overrides (country, margin_ppm, updated_at) VALUES (?, ?, ?) ON CONFLICT (country) DO UPDATE SET margin_ppm = excluded.margin_ppm, updated_at = excluded.updated_at',
      ).run(code, marginPpm, now.toISOString());
    prepare(sqlite, 'UPDATE pricebook SET updated_at = ? WHERE id = 1').run(now.toISOString());
  })();
}

export function customerDiscountPpm(sqlite: Database.Database, customerId: string): number | null {
  return (prepare(sqlite, 'SELECT discount_ppm FROM customer_discounts WHERE customer_id = ?').pluck().get(customerId) as number | undefined) ?? null;
}

/** discountPpm null or 0 removes the discount. */
export function setCustomerDiscount(sqlite: Database.Database, customerId: string, discountPpm: number | null, now: Date): void {
  const exists = prepare(sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(customerId);
  if (!exists) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
  if (discountPpm === null || discountPpm === 0) {
    prepare(sqlite, 'DELETE FROM customer_discounts WHERE customer_id = ?').run(customerId);
    return;
  }
  if (!Number.isSafeInteger(discountPpm) || discountPpm < 0 || discountPpm > 1_000_000) {
    throw new AppError('INVALID_INPUT', 'discountPercent: must be between 0 and 100', { field: 'discountPercent' });
  }
  prepare(
    sqlite,
    'INSERT INTO customer_discounts (customer_id, discount_ppm, updated_at) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET discount_ppm = excluded.discount_ppm, updated_at = excluded.updated_at',
  ).run(customerId, discountPpm, now.toISOString());
}
