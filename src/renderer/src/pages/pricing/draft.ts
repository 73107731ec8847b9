import type { z } from 'zod';
import type { Pricebook, pricebookDraftSchema, PricingMode, ProductPricing } from '../../../../shared/contract/pricing';
import { decimalToMicros, microsToDecimal } from '../../../../shared/money';

/** The editor's text fields for one product (ports per day, traffic per GB). */
export interface ProductDraft {
  marginPercent: string;
  /** Dollars per unit, as typed ("3", "2.405"). */
  fixedPrice: string;
  multiplier: string;
}

export interface Draft {
  mode: PricingMode;
  defaultMarginPercent: string;
  port: ProductDraft;
  traffic: ProductDraft;
  countryOverrides: { country: string; marginPercent: string }[];
}

function productDraft(p: ProductPricing): ProductDraft {
  return {
    marginPercent: p.marginPercent ?? '',
    fixedPrice: p.fixedPriceMicros === null ? '' : microsToDecimal(p.fixedPriceMicros),
    multiplier: p.multiplier ?? '',
  };
}

export function draftFromPricebook(b: Pricebook): Draft {
  return {
    mode: b.mode,
    defaultMarginPercent: b.defaultMarginPercent,
    port: productDraft(b.port),
    traffic: productDraft(b.traffic),
    countryOverrides: b.countryOverrides.map((o) => ({ ...o })),
  };
}

/** A fixed price typed in dollars, as exact micro-units; the text itself when it is not a price (the schema then says why). */
function priceMicros(text: string): number | null | string {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') return null;
  try {
    return decimalToMicros(t);
  } catch {
    return t;
  }
}

type ProductInput = { marginPercent: string | null; fixedPriceMicros: number | null | string; multiplier: string | null };

function productInput(p: ProductDraft): ProductInput {
  return {
    marginPercent: p.marginPercent.trim() === '' ? null : p.marginPercent.trim(),
    fixedPriceMicros: priceMicros(p.fixedPrice),
    multiplier: p.multiplier.trim() === '' ? null : p.multiplier.trim(),
  };
}

export type DraftInput = z.input<typeof pricebookDraftSchema>;

/** The draft as the contract's `pricebookDraftSchema` input (what `pricing:quote` previews). */
export function draftInput(d: Draft): DraftInput {
  return {
    mode: d.mode,
    defaultMarginPercent: d.defaultMarginPercent.trim(),
    port: productInput(d.port),
    traffic: productInput(d.traffic),
    countryOverrides: d.countryOverrides.map((o) => ({ country: o.country.trim(), marginPercent: o.marginPercent.trim() })),
  } as DraftInput; // an unparseable fixed price stays text, for the schema to name
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(draftInput(a)) === JSON.stringify(draftInput(b));
}
