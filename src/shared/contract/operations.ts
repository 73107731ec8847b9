import { z } from 'zod';
import type { Minor } from '../money';
import { channel, event, id, optionalText, pageFields, positiveMinor } from './define';
import { topUpPaymentFields } from './money';

/**
 * The operations journal (every upstream change: a `pending` row with an idempotency key
 * before the request, completed or failed after it) and the money movements that go
 * through an upstream: top-up and deduct of a customer's upstream balance, and pushing
 * the local pricebook to the Proxies.sx server-side pricebook.
 */

export const OPERATION_STATUSES = ['pending', 'completed', 'failed'] as const;
export type OperationStatusName = (typeof OPERATION_STATUSES)[number];

export interface OperationView {
  id: string;
  kind: string;
  /** One line a reseller understands: "30-day shared port in DE for Ann". */
  description: string;
  accountId: string;
  accountName: string | null;
  customerId: string | null;
  customerName: string | null;
  status: OperationStatusName;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface OperationPage {
  items: OperationView[];
  total: number;
}

export interface ReconcileSummary {
  checked: number;
  completed: number;
  failed: number;
  stillPending: number;
}

/** A sale that an operation posted. */
export interface SaleSummary {
  transactionId: string;
  saleId: string;
  cost: Minor;
  price: Minor;
  margin: Minor;
  /** Part of the price taken from the customer's credit; the rest became receivable. */
  fromCredit: Minor;
  toReceivable: Minor;
}

export interface BalanceMoveResult {
  operationId: string;
  transactionId: string;
  paymentTransactionId: string | null;
  amount: Minor;
  /** The customer's balance at the upstream afterwards, when the upstream says. */
  upstreamCustomerBalance: Minor | null;
  /** The reseller's balance at the upstream afterwards, when the upstream says. */
  upstreamResellerBalance: Minor | null;
  /** The ledger's view of the customer's sub-balance at that upstream account. */
  ledgerSubBalance: Minor;
  /** The customer's position with the reseller (credit − receivable) afterwards. */
  customer: { customerId: string; credit: Minor; receivable: Minor; balance: Minor };
}

export interface PricebookPushResult {
  accounts: { accountId: string; name: string; changed: boolean; operations: number; skippedCountries: string[] }[];
}

export const topUpSchema = z
  .object({
    customerId: id,
    accountId: id,
    amount: positiveMinor,
    /** recordAsPayment: also record that the customer paid this amount (needs `method`). */
    ...topUpPaymentFields,
  })
  .strict()
  .refine((v) => !v.recordAsPayment || v.method !== undefined, { message: 'say how the customer paid', path: ['method'] });

export const deductSchema = z
  .object({
    customerId: id,
    accountId: id,
    amount: positiveMinor,
    note: optionalText(500),
  })
  .strict();

export const operationsChannels = {
  /** Pending and failed operations for the UI (status omitted: both). Newest first. */
  'operations:list': channel<OperationPage>()(
    z
      .object({
        status: z.enum(OPERATION_STATUSES).optional(),
        accountId: id.optional(),
        customerId: id.optional(),
        ...pageFields(200, 50),
      })
      .strict()
      .optional(),
  ),
  /** Checks every pending operation with its upstream now. */
  'operations:reconcile': channel<ReconcileSummary>()(z.object({ operationId: id.optional() }).strict().optional()),
  /** Moves money from the reseller's upstream balance to the customer's (Proxies.sx top-up, Whozex balance add). */
  'money:top-up': channel<BalanceMoveResult>()(topUpSchema),
  /** Returns money from the customer's upstream balance to the reseller's (Whozex deduct). */
  'money:deduct': channel<BalanceMoveResult>()(deductSchema),
  /** Makes the Proxies.sx server-side pricebook agree with the local one (all Proxies.sx accounts, or one). */
  'pricing:push-upstream': channel<PricebookPushResult>()(z.object({ accountId: id.optional() }).strict().optional()),
};

export const operationsEvents = {
  'event:operation-changed': event<{ operationId: string; status: OperationStatusName; kind: string }>(),
  'event:services-changed': event<{ serviceId: string; customerId: string; kind: 'port' | 'package' }>(),
};
