import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Customer, CustomerCreate, CustomerDetail, CustomerStatusName, CustomerUpdate } from '../../../shared/contract/customers';
import { ppmToPercent } from '../../../shared/contract/pricing';
import { AppError } from '../../../shared/errors';
import type { CustomersTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { customerPosition } from '../money/guards';
import { listCustomerLinks } from './customer-links';

/** Customer records: create, edit, status changes and the profile with money and counts. */

const EMAIL_TAKEN = 'A customer with this email already exists';
const DAY_MS = 86_400_000;

export function toCustomer(row: CustomersTable): Customer {
  let tags: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    // A damaged tags value shows as no tags rather than breaking the list.
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    company: row.company,
    externalId: row.external_id,
    notes: row.notes,
    tags,
    status: row.status,
    portSlotQuota: row.port_slot_quota,
    trafficGbAllocation: row.traffic_gb_allocation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function customerRow(sqlite: Database.Database, id: string): CustomersTable {
  const row = prepare(sqlite, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomersTable | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'id' });
  return row;
}

function assertEmailFree(sqlite: Database.Database, email: string, exceptId: string | null): void {
  const other = prepare(sqlite, 'SELECT id FROM customers WHERE email = ?').pluck().get(email) as string | undefined;
  if (other !== undefined && other !== exceptId) throw new AppError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
}

function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns a UNIQUE violation on the email index (a race past the check) into the same CONFLICT. */
function guardUnique<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /email/.test(e.message)) {
      throw new AppError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
    }
    throw e;
  }
}

export function createCustomer(sqlite: Database.Database, input: CustomerCreate, now: Date): Customer {
  const id = randomUUID();
  const at = now.toISOString();
  return guardUnique(() =>
    sqlite.transaction(() => {
      assertEmailFree(sqlite, input.email, null);
      prepare(
        sqlite,
        `INSERT INTO customers (id, email, name, company, external_id, notes, tags, status, port_slot_quota, traffic_gb_allocation, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
      ).run(
        id,
        input.email,
        input.name,
        input.company ?? null,
        input.externalId ?? null,
        input.notes ?? null,
        JSON.stringify(uniqueTags(input.tags ?? [])),
        input.portSlotQuota ?? 0,
        input.trafficGbAllocation ?? 0,
        at,
        at,
      );
      return toCustomer(customerRow(sqlite, id));
    })(),
  );
}

export function updateCustomer(sqlite: Database.Database, input: CustomerUpdate, now: Date): Customer {
  return guardUnique(() =>
    sqlite.transaction(() => {
      const row = customerRow(sqlite, input.id);
      if (input.email !== undefined) assertEmailFree(sqlite, input.email, row.id);
      const next: CustomersTable = {
        ...row,
        email: input.email ?? row.email,
        name: input.name ?? row.name,
        company: input.company === undefined ? row.company : input.company,
        external_id: input.externalId === undefined ? row.external_id : input.externalId,
        notes: input.notes === undefined ? row.notes : input.notes,
        tags: input.tags === undefined ? row.tags : JSON.stringify(uniqueTags(input.tags)),
        port_slot_quota: input.portSlotQuota ?? row.port_slot_quota,
        traffic_gb_allocation: input.trafficGbAllocation ?? row.traffic_gb_allocation,
        updated_at: now.toISOString(),
      };
      prepare(
        sqlite,
        `UPDATE customers SET email = ?, name = ?, company = ?, external_id = ?, notes = ?, tags = ?, port_slot_quota = ?, traffic_gb_allocation = ?, updated_at = ?
         WHERE id = ?`,
      ).run(next.email, next.name, next.company, next.external_id, next.notes, next.tags, next.port_slot_quota, next.traffic_gb_allocation, next.updated_at, row.id);
      return toCustomer(next);
    })(),
  );
}

/**
 * suspend: active → suspended; reactivate: suspended or archived → active; archive: any → archived.
 * Setting the status a customer already has changes nothing.
 */
export function setCustomerStatus(sqlite: Database.Database, id: string, status: CustomerStatusName, now: Date): Customer {
  return sqlite.transaction(() => {
    const row = customerRow(sqlite, id);
    if (row.status === status) return toCustomer(row);
    if (status === 'suspended' && row.status === 'archived') {
      throw new AppError('CONFLICT', `${row.name} is archived. Reactivate them before suspending.`, { field: 'status' });
    }
    const at = now.toISOString();
    prepare(sqlite, 'UPDATE customers SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    return toCustomer({ ...row, status, updated_at: at });
  })();
}

export function getCustomer(sqlite: Database.Database, id: string): Customer {
  return toCustomer(customerRow(sqlite, id));
}

/** The profile: the record, money position, discount, upstream links and counts. */
export function getCustomerDetail(sqlite: Database.Database, id: string, now: Date): CustomerDetail {
  const customer = toCustomer(customerRow(sqlite, id));
  const { credit, receivable, balance } = customerPosition(sqlite, id);
  const discount = prepare(sqlite, 'SELECT discount_ppm FROM customer_discounts WHERE customer_id = ?').pluck().get(id) as number | undefined;
  const services = prepare(
    sqlite,
    `SELECT count(*) AS services,
       coalesce(sum(status = 'active'), 0) AS active,
       coalesce(sum(kind = 'port'), 0) AS ports,
       coalesce(sum(kind = 'package'), 0) AS packages,
       coalesce(sum(expires_at > ? AND expires_at <= ?), 0) AS expiring
     FROM services WHERE customer_id = ?`,
  ).get(now.toISOString(), new Date(now.getTime() + 7 * DAY_MS).toISOString(), id) as {
    services: number;
    active: number;
    ports: number;
    packages: number;
    expiring: number;
  };
  const sales = prepare(sqlite, 'SELECT count(*) FROM sales WHERE customer_id = ? AND reverses_id IS NULL').pluck().get(id) as number;
  const transactions = prepare(sqlite, 'SELECT count(*) FROM transactions WHERE customer_id = ?').pluck().get(id) as number;
  return {
    ...customer,
    credit,
    receivable,
    balance,
    discountPercent: discount === undefined ? null : ppmToPercent(discount),
    links: listCustomerLinks(sqlite, id),
    counts: {
      services: services.services,
      activeServices: services.active,
      ports: services.ports,
      packages: services.packages,
      expiringSoon: services.expiring,
      sales,
      transactions,
    },
  };
}
