import { z } from 'zod';
import { CUSTOMER_IDS_CAP } from './customers';
import { channel, event, id, noInput } from './define';

/**
 * CSV exports for the reseller's accountant. One request shape serves the window (the
 * shell's save dialog supplies `path`) and the CLI (`reseller-desk export <kind>`).
 */
export const EXPORT_KINDS = ['journal', 'sales', 'payments', 'statements', 'customers', 'inventory'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_DELIMITERS = [',', ';'] as const;
export type ExportDelimiter = (typeof EXPORT_DELIMITERS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 is refused). */
export const calendarDay = z
  .string()
  .regex(DAY, { message: 'must be a date written YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'is not a day of the calendar' });

/** True when the runtime knows this IANA time zone ("Europe/Berlin", "UTC"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneName = z
  .string()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, { message: 'is not a time zone name such as UTC or Europe/Berlin' });

export const exportRequestSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    /** First day included, in `timeZone`. */
    from: calendarDay.optional(),
    /** Last day included, in `timeZone` (a month-end job passes the month's last day). */
    to: calendarDay.optional(),
    customerId: id.optional(),
    /** Only these customers (kind 'customers' only; the Customers page's export of a selection). */
    customerIds: z.array(id).min(1).max(CUSTOMER_IDS_CAP).optional(),
    accountId: id.optional(),
    delimiter: z.enum(EXPORT_DELIMITERS).default(','),
    /** A UTF-8 byte order mark so Excel opens accents and emoji correctly. */
    bom: z.boolean().default(false),
    /**
     * Dates are ISO 8601. `UTC` (the default) writes `2026-01-31T23:30:00.000Z`; another
     * IANA zone writes the local time with its offset, `2026-02-01T00:30:00.000+01:00`,
     * and also sets the day boundaries of `from` and `to`.
     */
    timeZone: timeZoneName.default('UTC'),
    /** Absolute path of the file to write (chosen in the shell's save dialog). */
    path: z.string().min(1).max(4096),
    /** Supplied by the caller to cancel the job while it runs; generated otherwise. */
    jobId: id.optional(),
  })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => !r.customerIds || r.kind === 'customers', { message: 'only the customers export takes a list of customers', path: ['customerIds'] });

export type ExportRequestInput = z.input<typeof exportRequestSchema>;
export type ExportRequest = z.output<typeof exportRequestSchema>;

export interface ExportResult {
  jobId: string;
  kind: ExportKind;
  path: string;
  rows: number;
  bytes: number;
}

export type ExportJobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ExportProgress {
  jobId: string;
  kind: ExportKind;
  rowsDone: number;
  rowsTotal: number;
  state: ExportJobState;
}

export const exportsChannels = {
  /** Writes the export and resolves when the file is complete under its final name. */
  'exports:run': channel<ExportResult>()(exportRequestSchema),
  /** Cancels a running job; its temporary file is removed and `exports:run` fails with CANCELLED. */
  'exports:cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: id }).strict()),
  /** The folder of the last successful export, for the save dialog to open in. */
  'exports:last-folder': channel<{ folder: string | null }>()(noInput),
};

export const exportsEvents = {
  'event:export-progress': event<ExportProgress>(),
};
