import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { formatMoney, type Minor } from '../../../shared/money';
import { ledgerAccounts as A, postTransaction, type PostingInput } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import { assertNonNegative, customerPosition, inTransaction, occurred, requireAccount, requireCustomer, txMeta, type RecordOptions } from './guards';

export interface SaleInput extends RecordOptions {
  customerId: string;
  /** The upstream account that charged the wholesale cost. */
  accountId: string;
  /** What was sold, e.g. 'port', 'package:residential'. */
  product: string;
  country?: string | null;
  quantity: number;
  unit: 'day' | 'GB';
  /** Wholesale cost in cents (what the upstream charged). */
  cost: Minor;
  /** Resale price in cents (what the customer is charged). */
  price: Minor;
  serviceId?: string | null;
  /**
   * 'reseller' (Proxies.sx ports: the reseller's balance pays) or 'sub-balance'
   * (Whozex packages: the customer's sub-balance at the upstream pays).
   */
  costFrom?: 'reseller' | 'sub-balance';
  /** A sale below cost is refused with BELOW_COST unless this is set. */
  allowBelowCost?: boolean;
  description?: string;
  reference?: string | null;
}

export interface RecordedSale {
  transactionId: string;
  saleId: string;
  /** Part of the price taken from the customer's credit; the rest became receivable. */
  fromCredit: Minor;
  toReceivable: Minor;
}

/**
 * A sale: cost(a) +C / upstream(a) −C (or upstreamSub(a,c) −C), and credit(c)
 * +min(P, credit available) / receivable(c) +rest / revenue −P, plus one `sales` row.
 */
export function recordSale(sqlite: Database.Database, input: SaleInput, now: Date): RecordedSale {
  assertNonNegative(input.cost, 'cost');
  assertNonNegative(input.price, 'price');
  if (input.cost === 0 && input.price === 0) throw new AppError('INVALID_INPUT', 'price: a sale needs a price or a cost', { field: 'price' });
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) throw new AppError('INVALID_INPUT', 'quantity: must be a whole number greater than zero', { field: 'quantity' });
  if (input.unit !== 'day' && input.unit !== 'GB') throw new AppError('INVALID_INPUT', 'unit: must be day or GB', { field: 'unit' });
  const product = input.product?.trim();
  if (!product) throw new AppError('INVALID_INPUT', 'product: is required', { field: 'product' });
  const country = input.country ? input.country.trim().toUpperCase() : null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) throw new AppError('INVALID_INPUT', 'country: must be a two-letter country code', { field: 'country' });
  if (input.price < input.cost && !input.allowBelowCost) {
    throw new AppError(
      'BELOW_COST',
      `This sale's price (${formatMoney(input.price)}) is below its cost (${formatMoney(input.cost)}). Raise the price, or confirm that you want to sell at a loss of ${formatMoney(input.cost - input.price)}.`,
      { field: 'price', details: { cost: input.cost, price: input.price } },
    );
  }
  const costFrom = input.costFrom ?? 'reseller';

  return inTransaction(sqlite, () => {
    requireCustomer(sqlite, input.customerId);
    requireAccount(sqlite, input.accountId);
    if (input.serviceId && !prepare(sqlite, 'SELECT 1 FROM services WHERE id = ?').get(input.serviceId)) {
      throw new AppError('NOT_FOUND', 'That service does not exist.', { field: 'serviceId' });
    }
    const { credit } = customerPosition(sqlite, input.customerId);
    const fromCredit = Math.min(input.price, Math.max(0, credit));
    const toReceivable = input.price - fromCredit;
    const postings: PostingInput[] = [];
    if (input.cost > 0) {
      postings.push({ account: A.cost(input.accountId), amount: input.cost });
      postings.push({
        account: costFrom === 'sub-balance' ? A.upstreamSub(input.accountId, input.customerId) : A.upstream(input.accountId),
        amount: -input.cost,
      });
    }
    if (fromCredit > 0) postings.push({ account: A.credit(input.customerId), amount: fromCredit });
    if (toReceivable > 0) postings.push({ account: A.receivable(input.customerId), amount: toReceivable });
    if (input.price > 0) postings.push({ account: A.revenue, amount: -input.price });

    const occurredAt = occurred(input, now);
    const tx = postTransaction(
      sqlite,
      {
        ...txMeta(input),
        kind: 'sale',
        description: input.description?.trim() || `Sale: ${product}${country ? ` (${country})` : ''}, ${input.quantity} ${input.unit === 'day' ? (input.quantity === 1 ? 'day' : 'days') : 'GB'}`,
        occurredAt,
        customerId: input.customerId,
        providerAccountId: input.accountId,
        reference: input.reference ?? null,
        postings,
      },
      now,
    );
    const saleId = randomUUID();
    prepare(
      sqlite,
      `INSERT INTO sales (id, transaction_id, occurred_at, customer_id, provider_account_id, service_id, product, country, quantity, unit, cost, price, reverses_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(
      saleId,
      tx.id,
      new Date(occurredAt).toISOString(),
      input.customerId,
      input.accountId,
      input.serviceId ?? null,
      product,
      country,
      input.quantity,
      input.unit,
      input.cost,
      input.price,
    );
    return { transactionId: tx.id, saleId, fromCredit, toReceivable };
  });
}
