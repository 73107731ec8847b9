import { z } from 'zod';
import type { Micros, Minor } from '../money';
import { channel, id, pageFields, text } from './define';
import { chargeRequestFields, type SaleSummary } from './operations';
import type { Quote } from './pricing';

/** Whozex GB packages: quote, create, add GB, live remaining GB, usage history, list. */

export const PROXY_TYPES = ['residential', 'datacenter', 'mobile'] as const;
export type ProxyTypeName = (typeof PROXY_TYPES)[number];

export interface PackageView {
  serviceId: string;
  accountId: string;
  accountName: string | null;
  customerId: string;
  customerName: string | null;
  upstreamId: string;
  /** active | depleted | expired */
  status: string;
  proxyType: string | null;
  /** Milli-GB (1 GB = 1000). */
  totalGbMilli: number;
  usedGbMilli: number;
  remainingGbMilli: number;
  username: string | null;
  expiresAt: string | null;
  createdAt: string;
  /** When the GB figures were last read from the upstream. */
  refreshedAt: string | null;
}

export interface PackagePage {
  items: PackageView[];
  total: number;
}

export interface PackageQuote extends Quote {
  proxyType: ProxyTypeName;
  /** The upstream's price per GB for this purchase (custom, VIP or tier). */
  upstreamRateMicros: Micros;
  /** The customer's balance at the upstream (ledger view) and what is missing to buy this. */
  subBalance: Minor | null;
  topUpNeeded: Minor;
}

export interface PackageResult {
  operationId: string;
  package: PackageView;
  sale: SaleSummary | null;
  /** The top-up of the customer's sub-balance made first, if one was needed. */
  topUp: { operationId: string; amount: Minor } | null;
}

export interface UsageSeries {
  serviceId: string;
  points: { at: string; usedGbMilli: number }[];
  totalGbMilli: number | null;
}

const gb = z.number().int({ message: 'must be a whole number of GB' }).min(1, { message: 'must be at least 1' }).max(100_000);

export const packageQuoteSchema = z
  .object({
    accountId: id,
    gb,
    proxyType: z.enum(PROXY_TYPES).default('residential'),
    customerId: id.optional(),
  })
  .strict();

export const packageCreateSchema = z
  .object({
    accountId: id,
    customerId: id,
    gb,
    proxyType: z.enum(PROXY_TYPES).default('residential'),
    /** Top up the customer's sub-balance by the shortfall first (a separate, journaled top-up). */
    topUpIfNeeded: z.boolean().default(true),
    confirmBelowCost: z.boolean().default(false),
    ...chargeRequestFields,
  })
  .strict();
export type PackageCreateInput = z.output<typeof packageCreateSchema>;

export const packageAddGbSchema = z
  .object({
    serviceId: id,
    gb,
    topUpIfNeeded: z.boolean().default(true),
    confirmBelowCost: z.boolean().default(false),
    ...chargeRequestFields,
  })
  .strict();
export type PackageAddGbInput = z.output<typeof packageAddGbSchema>;

export const packageListSchema = z
  .object({
    customerId: id.optional(),
    accountId: id.optional(),
    status: z.enum(['active', 'depleted', 'expired']).optional(),
    search: text(200).optional(),
    ...pageFields(500, 100),
  })
  .strict();
export type PackageListQuery = z.output<typeof packageListSchema>;

export const packagesChannels = {
  'packages:quote': channel<PackageQuote>()(packageQuoteSchema),
  'packages:create': channel<PackageResult>()(packageCreateSchema),
  'packages:add-gb': channel<PackageResult>()(packageAddGbSchema),
  /** Reads live GB figures from the upstream into the ledger's services row. */
  'packages:refresh': channel<PackageView>()(z.object({ serviceId: id }).strict()),
  'packages:usage': channel<UsageSeries>()(
    z
      .object({
        serviceId: id,
        duration: z.string().regex(/^\d{1,3}[hd]$/, { message: 'must look like 24h, 7d or 30d' }).default('7d'),
        granularity: z.enum(['minute', 'hour', 'day']).default('day'),
      })
      .strict(),
  ),
  'packages:list': channel<PackagePage>()(packageListSchema),
};
