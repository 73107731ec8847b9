import { z } from 'zod';
import type { Minor } from '../money';
import { channel, event, id, minorAmount, optionalText, pageFields, text } from './define';

export const CUSTOMER_STATUSES = ['active', 'suspended', 'archived'] as const;
export type CustomerStatusName = (typeof CUSTOMER_STATUSES)[number];

export interface Customer {
  id: string;
  email: string;
  name: string;
  company: string | null;
  externalId: string | null;
  notes: string | null;
  tags: string[];
  status: CustomerStatusName;
  portSlotQuota: number;
  trafficGbAllocation: number;
  createdAt: string;
  updatedAt: string;
}

/** Money position with the reseller: credit (prepaid, owed to the customer) and receivable (owed by them). */
export interface CustomerMoney {
  credit: Minor;
  receivable: Minor;
  /** credit − receivable: positive in credit, negative owes. */
  balance: Minor;
}

export type CustomerListItem = Omit<Customer, 'notes'> & CustomerMoney;

export interface CustomerLink {
  accountId: string;
  upstreamId: string;
  createdAt: string;
}

export interface CustomerDetail extends Customer, CustomerMoney {
  discountPercent: string | null;
  links: CustomerLink[];
  counts: {
    services: number;
    activeServices: number;
    ports: number;
    packages: number;
    /** Services whose expiry is within the next 7 days. */
    expiringSoon: number;
    sales: number;
    transactions: number;
  };
}

export interface CustomerPage {
  items: CustomerListItem[];
  /** Exact count of matches, or the cap when `totalIsCapped` (there are at least this many). */
  total: number;
  /**
   * True when a search or filter matches more than CUSTOMER_COUNT_CAP customers: counting
   * them all costs what reading them does, so the count stops there ("1,000+ customers").
   */
  totalIsCapped: boolean;
  /** Pass back as `cursor` for the next page (keyset paging); null on the last page. */
  nextCursor: string | null;
}

const email = z
  .string()
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'is not a valid email address' });
const name = text(200).refine((s) => s.length > 0, { message: 'is required' });
const tags = z.array(text(50).refine((s) => s.length > 0, { message: 'must not be empty' })).max(50);
const quota = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' }).max(1_000_000);

/** The optional fields a customer is created with and may change later. */
const profileFields = {
  company: optionalText(200),
  externalId: optionalText(128),
  notes: optionalText(10_000),
  tags: tags.optional(),
  portSlotQuota: quota.optional(),
  trafficGbAllocation: quota.optional(),
};

export const customerCreateSchema = z
  .object({
    email,
    name,
    ...profileFields,
  })
  .strict();
export type CustomerCreate = z.output<typeof customerCreateSchema>;

export const customerUpdateSchema = z
  .object({
    id,
    email: email.optional(),
    name: name.optional(),
    ...profileFields,
  })
  .strict();
export type CustomerUpdate = z.output<typeof customerUpdateSchema>;

/** Matches of a search or filter are counted exactly up to this many; beyond, the list says "1,000+". */
export const CUSTOMER_COUNT_CAP = 1000;

export const CUSTOMER_SORTS = ['name', 'email', 'created', 'balance'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** What narrows the list: the same fields for a page of it and for every id in it. */
const customerFilterFields = {
  /** Prefix of name, email, company or external id (case-insensitive). */
  search: text(200).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  /** Only customers linked to this upstream account. */
  accountId: id.optional(),
  creditMin: minorAmount.optional(),
  creditMax: minorAmount.optional(),
  receivableMin: minorAmount.optional(),
  receivableMax: minorAmount.optional(),
  balanceMin: minorAmount.optional(),
  balanceMax: minorAmount.optional(),
  /** Only customers with a service expiring within this many days from now. */
  expiringWithinDays: z.number().int().min(0).max(3650).optional(),
};

export const customerListSchema = z
  .object({
    ...customerFilterFields,
    sort: z.enum(CUSTOMER_SORTS).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    /** Offset paging (page N of M); the offset is ignored when a cursor is given. */
    ...pageFields(100, 100),
    cursor: z.string().max(1000).optional(),
  })
  .strict();
export type CustomerListQuery = z.output<typeof customerListSchema>;

/**
 * "Select all N customers that match" returns at most this many ids: a bulk action on
 * more at once is a narrower filter's job (100,000 ids are about 4 MB over IPC).
 */
export const CUSTOMER_IDS_CAP = 100_000;

export const customerIdsSchema = z.object(customerFilterFields).strict();
export type CustomerFilters = z.output<typeof customerIdsSchema>;

export interface CustomerIdList {
  /** Every customer the filters match, in no particular order. */
  ids: string[];
}

export interface StatementLine {
  transactionId: string;
  occurredAt: string;
  kind: string;
  description: string;
  reference: string | null;
  paymentMethod: string | null;
  /** Effect on the customer's balance (credit − receivable): payments positive, sales negative. */
  amount: Minor;
  /** Running balance after this line. */
  balance: Minor;
}

export interface Statement {
  customerId: string;
  customerName: string;
  from: string;
  to: string;
  openingBalance: Minor;
  lines: StatementLine[];
  closingBalance: Minor;
  totals: { charges: Minor; payments: Minor };
}

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const customerStatementSchema = z
  .object({
    customerId: id,
    /** Inclusive start; default: the beginning. */
    from: isoDate.optional(),
    /** Exclusive end; default: now. */
    to: isoDate.optional(),
  })
  .strict();

export const customerChannels = {
  'customers:list': channel<CustomerPage>()(customerListSchema),
  /**
   * The id of every customer `customers:list` would list with these filters (no paging),
   * for a bulk action on all of them. More than CUSTOMER_IDS_CAP matches: TOO_MANY_MATCHES.
   */
  'customers:ids': channel<CustomerIdList>()(customerIdsSchema),
  'customers:get': channel<CustomerDetail>()(z.object({ id }).strict()),
  'customers:create': channel<CustomerDetail>()(customerCreateSchema),
  'customers:update': channel<CustomerDetail>()(customerUpdateSchema),
  /** suspend (active → suspended), reactivate (suspended/archived → active), archive. */
  'customers:set-status': channel<CustomerDetail>()(z.object({ id, status: z.enum(CUSTOMER_STATUSES) }).strict()),
  'customers:statement': channel<Statement>()(customerStatementSchema),
};

export const customerEvents = {
  'event:customer-changed': event<{ customerId: string }>(),
};
