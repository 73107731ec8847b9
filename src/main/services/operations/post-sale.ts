import type Database from 'better-sqlite3';
import type { SaleSummary } from '../../../shared/contract/operations';
import { divRoundHalfAway, MICROS_PER_MINOR, type Micros, type Minor } from '../../../shared/money';
import { recordSale } from '../money/sales';
import { quoteWithPricebook } from '../pricing/pricing-service';

/** The price agreed before the request, kept in the operation's request. */
export interface AgreedPrice {
  product: 'port' | 'traffic';
  /** Sales line product name, e.g. 'port:shared', 'package:residential'. */
  saleProduct: string;
  quantity: number;
  country: string | null;
  /** What the quote said the upstream would charge, and the resale price for it. */
  quotedCost: Minor;
  quotedPrice: Minor;
}

/**
 * Posts the sale of a completed upstream purchase: the wholesale cost the upstream
 * actually charged, and the resale price agreed at the quote. When the upstream charged
 * something else than quoted, the price is re-quoted from the actual unit rate with the
 * same pricebook, so the margin rule still holds. Never refuses (the purchase happened):
 * the margin guard ran before the request.
 */
export function postSale(
  sqlite: Database.Database,
  input: {
    agreed: AgreedPrice;
    actualCost: Minor;
    customerId: string;
    accountId: string;
    serviceId: string;
    costFrom: 'reseller' | 'sub-balance';
    operationId: string;
    unit: 'day' | 'GB';
    description?: string;
  },
  now: Date,
): SaleSummary {
  const { agreed } = input;
  let price = agreed.quotedPrice;
  if (input.actualCost !== agreed.quotedCost) {
    const rate: Micros = Number(divRoundHalfAway(BigInt(input.actualCost) * BigInt(MICROS_PER_MINOR), BigInt(agreed.quantity)));
    price = quoteWithPricebook(sqlite, { product: agreed.product, baseRateMicros: rate, quantity: agreed.quantity, country: agreed.country, customerId: input.customerId }).price;
  }
  const sale = recordSale(
    sqlite,
    {
      customerId: input.customerId,
      accountId: input.accountId,
      product: agreed.saleProduct,
      country: agreed.country,
      quantity: agreed.quantity,
      unit: input.unit,
      cost: input.actualCost,
      price,
      serviceId: input.serviceId,
      costFrom: input.costFrom,
      allowBelowCost: true,
      operationId: input.operationId,
      occurredAt: now,
      ...(input.description ? { description: input.description } : {}),
    },
    now,
  );
  return { transactionId: sale.transactionId, saleId: sale.saleId, cost: input.actualCost, price, margin: price - input.actualCost, fromCredit: sale.fromCredit, toReceivable: sale.toReceivable };
}
