import { z } from 'zod';
import type { Minor } from '../money';
import { channel, event, id, optionalText, positiveMinor } from './define';

export const PAYMENT_METHODS = ['card', 'crypto', 'bank', 'cash', 'other'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];

/** What a recorded money movement returns. */
export interface MoneyResult {
  transactionId: string;
  /** The customer's position afterwards (when the movement concerns a customer). */
  customer: { customerId: string; credit: Minor; receivable: Minor; balance: Minor } | null;
}

export interface UpstreamBalance {
  accountId: string;
  name: string;
  provider: string;
  /** The reseller's own balance at this upstream account (ledger view). */
  balance: Minor;
  /** Sum of customers' sub-balances parked at this account (Whozex). */
  subBalances: Minor;
  /** Wholesale cost charged by this account within the period. */
  cost: Minor;
}

export interface LedgerBalances {
  from: string | null;
  to: string;
  /** Balances as of `to`. */
  cash: Minor;
  upstreams: UpstreamBalance[];
  customerCredit: Minor;
  receivables: Minor;
  equity: Minor;
  /** Flows within [from, to). */
  revenue: Minor;
  cost: Minor;
  profit: Minor;
}

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const paymentSchema = z
  .object({
    customerId: id,
    amount: positiveMinor,
    method: z.enum(PAYMENT_METHODS),
    reference: optionalText(200),
    note: optionalText(500),
    occurredAt: isoDate.optional(),
  })
  .strict();

/**
 * A top-up that can also be recorded as the customer's payment (one customer or many):
 * `method` is needed when `recordAsPayment` is set (each schema says so in its own words).
 */
export const topUpPaymentFields = {
  recordAsPayment: z.boolean().default(false),
  method: z.enum(PAYMENT_METHODS).optional(),
  reference: optionalText(200),
  note: optionalText(500),
};

export const refundSchema = z
  .object({
    customerId: id,
    amount: positiveMinor,
    method: z.enum(PAYMENT_METHODS).optional(),
    /** The sale this refund concerns (its transaction id). */
    saleTransactionId: id.nullable().optional(),
    reference: optionalText(200),
    note: optionalText(500),
  })
  .strict();

export const CREDIT_NOTE_TARGETS = ['auto', 'credit', 'receivable'] as const;

export const creditNoteSchema = z
  .object({
    customerId: id,
    amount: positiveMinor,
    /** auto: settles what the customer owes first, the rest becomes credit. */
    against: z.enum(CREDIT_NOTE_TARGETS).default('auto'),
    saleTransactionId: id.nullable().optional(),
    reason: optionalText(500),
  })
  .strict();

export const depositSchema = z
  .object({
    accountId: id,
    amount: positiveMinor,
    reference: optionalText(200),
    note: optionalText(500),
    occurredAt: isoDate.optional(),
  })
  .strict();

export const moneyChannels = {
  'payments:record': channel<MoneyResult>()(paymentSchema),
  'money:refund': channel<MoneyResult>()(refundSchema),
  'money:credit-note': channel<MoneyResult>()(creditNoteSchema),
  /** Posts the mirror image of a transaction (and of its sale lines). */
  'money:reverse': channel<MoneyResult>()(z.object({ transactionId: id, reason: optionalText(500) }).strict()),
  /** The reseller added money to an upstream account themselves. */
  'money:deposit': channel<MoneyResult>()(depositSchema),
  'ledger:balances': channel<LedgerBalances>()(
    z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict().optional(),
  ),
};

export const moneyEvents = {
  'event:money-changed': event<{ transactionId: string; customerId: string | null; accountId: string | null }>(),
};
