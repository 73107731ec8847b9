import type Database from 'better-sqlite3';
import type { CustomerDiscount, Pricebook, PricebookDraft, PricebookPatch, Quote, QuoteRequest } from '../../../shared/contract/pricing';
import { ppmToPercent } from '../../../shared/contract/pricing';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import {
  applyPatch,
  customerDiscountPpm,
  readPricebook,
  readPricingRules,
  setCountryOverride,
  savePricebook,
  setCustomerDiscount,
  updatePricebook,
} from './pricebook-store';
import { quote } from './quote';

/**
 * Quotes with the saved pricebook (or an unsaved draft over it) and the customer's
 * discount. Synchronous so the sale flow can quote and post in one SQLite transaction.
 */
export function quoteWithPricebook(sqlite: Database.Database, request: QuoteRequest): Quote {
  const saved = readPricingRules(sqlite);
  const rules = request.draft ? applyPatch(saved, request.draft) : saved;
  let discountPpm: number | null = request.discountPercent ?? null;
  if (request.discountPercent === undefined && request.customerId) {
    const exists = prepare(sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(request.customerId);
    if (!exists) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
    discountPpm = customerDiscountPpm(sqlite, request.customerId);
  }
  return quote(rules, {
    product: request.product,
    baseRateMicros: request.baseRateMicros,
    quantity: request.quantity,
    country: request.country ?? null,
    discountPpm,
  });
}

export interface PricingService {
  get(): Pricebook;
  update(patch: PricebookPatch): Pricebook;
  quote(request: QuoteRequest): Quote;
  setCountryOverride(country: string, marginPpm: number | null): Pricebook;
  /** The editor's save: patch and the full override list, all or nothing. */
  save(draft: PricebookDraft): Pricebook;
  setCustomerDiscount(customerId: string, discountPpm: number | null): CustomerDiscount;
}

export function createPricingService(deps: { ledger: Ledger; clock: Clock; bus: EventBus }): PricingService {
  const { sqlite } = deps.ledger;
  const changed = (): Pricebook => {
    const book = readPricebook(sqlite);
    deps.bus.emit('event:pricebook-changed', book);
    return book;
  };
  return {
    get: () => readPricebook(sqlite),
    update(patch) {
      updatePricebook(sqlite, patch, deps.clock.now());
      return changed();
    },
    quote: (request) => quoteWithPricebook(sqlite, request),
    save(draft) {
      savePricebook(sqlite, draft, deps.clock.now());
      return changed();
    },
    setCountryOverride(country, marginPpm) {
      setCountryOverride(sqlite, country, marginPpm, deps.clock.now());
      return changed();
    },
    setCustomerDiscount(customerId, discountPpm) {
      setCustomerDiscount(sqlite, customerId, discountPpm, deps.clock.now());
      const saved = customerDiscountPpm(sqlite, customerId);
      // Screens showing this customer (their page, open quotes) reload their figures.
      deps.bus.emit('event:customer-changed', { customerId });
      return { customerId, discountPercent: saved === null ? null : ppmToPercent(saved) };
    },
  };
}
