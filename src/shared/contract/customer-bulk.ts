import { z } from 'zod';
import type { Minor } from '../money';
import { CUSTOMER_IDS_CAP, CUSTOMER_STATUSES, type CustomerStatusName } from './customers';
import { channel, event, id, positiveMinor } from './define';
import { EXPORT_DELIMITERS, timeZoneName, type ExportResult } from './exports';
import { topUpPaymentFields } from './money';

/**
 * Customers page, many at once: CSV import of customers (preview, then apply) and bulk
 * actions on a selection (status, upstream top-up, export).
 *
 * Import rules are the create form's rules: every row is validated with
 * `customerCreateSchema` (contract/customers.ts). Rows match existing customers by email
 * (case-insensitive, as the customers table does).
 */

// ───────────────────────────── CSV import ─────────────────────────────

/** The customer fields a CSV column can fill. */
export const CUSTOMER_IMPORT_FIELDS = ['email', 'name', 'company', 'externalId', 'notes', 'tags', 'portSlotQuota', 'trafficGbAllocation'] as const;
export type CustomerImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number];
/** Columns that must be mapped for any row to be imported. */
export const REQUIRED_IMPORT_FIELDS = ['email', 'name'] as const satisfies readonly CustomerImportField[];

export const IMPORT_DELIMITERS = ['auto', 'comma', 'semicolon', 'tab'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];
export type DetectedDelimiter = Exclude<ImportDelimiter, 'auto'>;

/** 10 MB of CSV text (checked again in bytes by main). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const importFile = {
  /** The whole file as text (the page reads it; main never opens a path the page names). */
  csv: z.string().min(1, { message: 'the file is empty' }).max(IMPORT_MAX_BYTES, { message: 'the file is larger than 10 MB' }),
  delimiter: z.enum(IMPORT_DELIMITERS).default('auto'),
  /**
   * Header text as in the file (matched case-insensitively) → field, or null to ignore
   * that column. Columns not named here are mapped automatically from their header
   * ("E-mail" → email, "Full name" → name, "CRM id" → externalId, "Traffic GB" → …).
   */
  mapping: z
    .record(z.string().max(200), z.enum(CUSTOMER_IMPORT_FIELDS).nullable())
    .refine((m) => Object.keys(m).length <= 200, { message: 'must name at most 200 columns' })
    .optional(),
  /** An email that already exists: update that customer (true) or skip the row (false). */
  updateExisting: z.boolean().default(false),
};

export const customerImportPreviewSchema = z.object(importFile).strict();
export const customerImportSchema = z
  .object({
    ...importFile,
    /** Plan only: returns what would happen, writes nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type CustomerImportPreviewInput = z.output<typeof customerImportPreviewSchema>;
export type CustomerImportInput = z.output<typeof customerImportSchema>;

export interface ImportColumn {
  /** 0-based position in the file. */
  index: number;
  header: string;
  /** The field this column fills, or null when it is ignored. */
  field: CustomerImportField | null;
  /** auto: recognised from the header; mapping: as the request said; none: not recognised. */
  source: 'auto' | 'mapping' | 'none';
}

export type ImportRowStatus = 'create' | 'update' | 'skip' | 'error';

export interface ImportFieldError {
  /** The field at fault, or 'row' for the row as a whole (wrong number of cells). */
  field: CustomerImportField | 'row';
  message: string;
}

/** A row's values after validation (what would be written). Absent: the cell was empty. */
export interface ImportValues {
  email: string;
  name: string;
  company?: string | null;
  externalId?: string | null;
  notes?: string | null;
  tags?: string[];
  portSlotQuota?: number;
  trafficGbAllocation?: number;
}

export interface ImportPreviewRow {
  /** Line in the file where the record starts (1 = header); quoted newlines counted. */
  line: number;
  status: ImportRowStatus;
  /** The mapped cells as text, as in the file. */
  raw: Partial<Record<CustomerImportField, string>>;
  /** Validated values; null when the row has errors. */
  fields: ImportValues | null;
  /** Empty unless status is 'error'. */
  errors: ImportFieldError[];
  /** The existing customer with this email (update, or skip because it exists). */
  existingCustomerId: string | null;
  /** Why a row is skipped ("already a customer", "no changes"). */
  reason: string | null;
}

export interface ImportCounts {
  rows: number;
  create: number;
  update: number;
  skip: number;
  error: number;
}

export interface CustomerImportPreview {
  delimiter: DetectedDelimiter;
  columns: ImportColumn[];
  /** field → header of the column used for it. */
  mapping: Partial<Record<CustomerImportField, string>>;
  /** Required fields no column fills (every row is then an error). */
  missingFields: CustomerImportField[];
  rows: ImportPreviewRow[];
  counts: ImportCounts;
}

export type ImportOutcome = 'created' | 'updated' | 'skipped' | 'error';

export interface ImportResultRow {
  line: number;
  outcome: ImportOutcome;
  /** Created or updated customer; for a skipped existing email, that customer; null otherwise (and for a dry run's creates). */
  customerId: string | null;
  email: string | null;
  errors: ImportFieldError[];
  reason: string | null;
}

export interface CustomerImportResult {
  /** false for a dry run: nothing was written, outcomes say what would happen. */
  applied: boolean;
  delimiter: DetectedDelimiter;
  columns: ImportColumn[];
  mapping: Partial<Record<CustomerImportField, string>>;
  missingFields: CustomerImportField[];
  rows: ImportResultRow[];
  counts: { rows: number; created: number; updated: number; skipped: number; errors: number };
}

// ──────────────────────────── bulk actions ────────────────────────────

/** Status changes (one transaction each) and top-ups (one upstream request each) take at most this many customers a call. */
export const BULK_MAX_IDS = 10_000;
/** The export streams from its own read connection: every customer "select all matching" can return. */
export const BULK_EXPORT_MAX_IDS = CUSTOMER_IDS_CAP;
const customerIdList = (max: number) =>
  z
    .array(id)
    .min(1, { message: 'select at least one customer' })
    .max(max, { message: `select at most ${max.toLocaleString('en-US')} customers` });
const customerIds = customerIdList(BULK_MAX_IDS);

export interface BulkItemError {
  code: string;
  message: string;
}

export interface BulkStatusItem {
  customerId: string;
  outcome: 'changed' | 'unchanged' | 'failed';
  /** Status before the change; null when the customer does not exist. */
  previousStatus: CustomerStatusName | null;
  error: BulkItemError | null;
}

export interface BulkStatusResult {
  status: CustomerStatusName;
  counts: { changed: number; unchanged: number; failed: number };
  /** One per distinct id, in the order given. */
  results: BulkStatusItem[];
}

export const bulkTopUpSchema = z
  .object({
    ids: customerIds,
    accountId: id,
    /** Per customer, in cents. */
    amount: positiveMinor,
    ...topUpPaymentFields,
    /** Chosen by the page so it can call `bulk:cancel` while this call is pending; generated otherwise. */
    jobId: id.optional(),
  })
  .strict()
  .refine((v) => !v.recordAsPayment || v.method !== undefined, { message: 'say how the customers paid', path: ['method'] });
export type BulkTopUpInput = z.output<typeof bulkTopUpSchema>;

export interface BulkTopUpItem {
  customerId: string;
  /** cancelled: not attempted because the job was cancelled first. */
  outcome: 'done' | 'failed' | 'cancelled';
  operationId: string | null;
  transactionId: string | null;
  error: BulkItemError | null;
}

export interface BulkTopUpResult {
  jobId: string;
  total: number;
  succeeded: number;
  failed: number;
  /** Not attempted because the job was cancelled. */
  cancelled: number;
  /** Sum moved for the customers that succeeded. */
  amountMoved: Minor;
  /** One per distinct id, in the order given. */
  results: BulkTopUpItem[];
}

export const bulkExportSchema = z
  .object({
    ids: customerIdList(BULK_EXPORT_MAX_IDS),
    /** Absolute path of the .csv file (from the shell's save dialog). */
    path: z.string().min(1).max(4096),
    delimiter: z.enum(EXPORT_DELIMITERS).default(','),
    bom: z.boolean().default(false),
    timeZone: timeZoneName.default('UTC'),
    /** For `exports:cancel` while it runs; progress arrives as `event:export-progress`. */
    jobId: id.optional(),
  })
  .strict();

export type BulkJobState = 'running' | 'done' | 'cancelled';

export interface BulkProgress {
  jobId: string;
  kind: 'top-up';
  /** Attempted so far (succeeded + failed). */
  done: number;
  total: number;
  failed: number;
  state: BulkJobState;
}

export const customerBulkChannels = {
  /** Parses and validates a CSV of customers; writes nothing. */
  'customers:import-preview': channel<CustomerImportPreview>()(customerImportPreviewSchema),
  /** Applies every valid row in one transaction (all or none of them); invalid rows are reported and skipped. */
  'customers:import': channel<CustomerImportResult>()(customerImportSchema),
  /** Sets one status on many customers in one transaction; a customer that cannot change is reported, the others change. */
  'customers:bulk-set-status': channel<BulkStatusResult>()(z.object({ ids: customerIds, status: z.enum(CUSTOMER_STATUSES) }).strict()),
  /**
   * Tops up each customer's upstream balance, one after another through the operations
   * journal. A failure is reported and the others continue. Resolves when finished or
   * cancelled; progress arrives as `event:bulk-progress`.
   */
  'money:bulk-top-up': channel<BulkTopUpResult>()(bulkTopUpSchema),
  /** Stops a running bulk job after the item in flight; false when no such job runs. */
  'bulk:cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: id }).strict()),
  /** The customers export (exports:run kind 'customers') restricted to the selection. */
  'customers:export-selection': channel<ExportResult & { requested: number }>()(bulkExportSchema),
};

export const customerBulkEvents = {
  'event:bulk-progress': event<BulkProgress>(),
  /** Many customers changed at once (import, bulk status): reload lists instead of one customer. */
  'event:customers-bulk-changed': event<{ reason: 'import' | 'status' | 'demo'; count: number }>(),
};
