import { z } from 'zod';
import type { Minor } from '../money';
import { channel, event, id, optionalText, pageFields, positiveMinor, text } from './define';
import { topUpPaymentFields } from './money';

/**
 * The operations journal (every upstream change: a `pending` row with an idempotency key
 * before the request, completed or failed after it) and the money movements that go
 * through an upstream: top-up and deduct of a customer's upstream balance, and pushing
 * the local pricebook to the Proxies.sx server-side pricebook.
 */

export const OPERATION_STATUSES = ['pending', 'completed', 'failed'] as const;
export type OperationStatusName = (typeof OPERATION_STATUSES)[number];

/** What the app knew when the upstream's documented reads could not settle an operation. */
export interface OperationReview {
  /** One line: what was asked. */
  asked: string;
  /** What the documented reads showed just before the request (kind-specific). */
  before: unknown;
  /** What they showed when checked. */
  seen: unknown;
  checkedAt: string;
}

export interface OperationView {
  id: string;
  /** Issue 15: the charging form's request id, when it came from one. */
  requestId?: string | null;
  /** Issue 15: set while it needs review (status pending, errorCode NEEDS_REVIEW). */
  review?: OperationReview | null;
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

/**
 * Issue 15: every charge from the window or the CLI carries a request id made when the
 * form opens. The same id is the same operation: a second call returns the first one's
 * outcome (completed, refused, or still being checked) and never charges again. While a
 * charge of the same kind for the same customer is unsettled, a new one is refused
 * (OPERATION_PENDING) unless `confirmSeparate` says it is deliberately another one.
 * Optional for now; the window and the CLI always send it.
 */
export const chargeRequestFields = {
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, { message: 'must be 8 to 128 letters, digits, "_" or "-"' })
    .optional(),
  confirmSeparate: z.boolean().optional(),
};

export const topUpSchema = z
  .object({
    customerId: id,
    accountId: id,
    amount: positiveMinor,
    ...chargeRequestFields,
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
    ...chargeRequestFields,
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
  /**
   * The reseller settles an operation the upstream's lists could not (needs review):
   * landed → booked as if it had succeeded; not landed → failed, nothing booked. A creation
   * settled as landed may need the port/package id it created (`upstreamId`).
   */
  'operations:settle': channel<{ operationId: string; status: OperationStatusName }>()(
    z.object({ operationId: id, landed: z.boolean(), upstreamId: text(128).optional() }).strict(),
  ),
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
