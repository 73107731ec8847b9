import type Database from 'better-sqlite3';
import { AppError, isAppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';
import type { Provider, UpstreamCustomer } from '../../providers/types';
import { linkCustomer, upstreamIdOf } from '../customers/customer-links';
import type { OperationsJournal } from './operations-journal';
import type { LookupResult, OperationKind } from './types';

/**
 * A local customer's counterpart at an upstream account (Proxies.sx customer, Whozex
 * sub-user), created there on first use through the operations journal and linked in
 * the same SQLite transaction that completes the operation.
 */

export interface CreateUpstreamCustomerRequest {
  email: string;
  name: string;
  company: string | null;
  externalId: string | null;
  /** Proxies.sx: the customer's port slots (the local quota). */
  allocatedPortSlots: number | null;
}

export interface CreateUpstreamCustomerResult {
  upstreamId: string;
  /** True when the upstream already had a customer with this email and it was adopted. */
  adopted: boolean;
  requestId: string | null;
}

async function findByEmail(provider: Provider, email: string): Promise<UpstreamCustomer | null> {
  const page = await provider.listCustomers({ search: email, limit: 100 });
  return page.items.find((c) => c.email.toLowerCase() === email.toLowerCase()) ?? null;
}

export const createUpstreamCustomerKind: OperationKind<CreateUpstreamCustomerRequest, CreateUpstreamCustomerResult, { upstreamId: string }> = {
  kind: 'customer.create',
  describe: (req) => `Create ${req.name} <${req.email}> upstream`,
  async execute(provider, req, { idempotencyKey }) {
    try {
      const created = await provider.createCustomer(
        {
          email: req.email,
          name: req.name,
          ...(req.company && provider.kind === 'proxies-sx' ? { company: req.company } : {}),
          ...(req.externalId && provider.kind === 'proxies-sx' ? { externalId: req.externalId } : {}),
          ...(req.allocatedPortSlots !== null && provider.kind === 'proxies-sx' ? { allocatedPortSlots: req.allocatedPortSlots } : {}),
        },
        { idempotencyKey },
      );
      return { upstreamId: created.id, adopted: false, requestId: created.requestId };
    } catch (error) {
      // The email is taken upstream (made outside the app, or by a lost earlier attempt): adopt it.
      if (isAppError(error) && error.code === 'CONFLICT' && error.field === 'email') {
        const existing = await findByEmail(provider, req.email);
        if (existing) return { upstreamId: existing.id, adopted: true, requestId: null };
      }
      throw error;
    }
  },
  apply(sqlite, op, res, now) {
    if (!op.customerId) throw new AppError('INTERNAL', 'A customer operation without a customer.');
    try {
      linkCustomer(sqlite, op.customerId, op.accountId, res.upstreamId, now);
    } catch (error) {
      // Linked meanwhile (e.g. by a sync matching the email): keep the existing link.
      if (!(isAppError(error) && error.code === 'CONFLICT')) throw error;
    }
    return { upstreamId: upstreamIdOf(sqlite, op.customerId, op.accountId) ?? res.upstreamId };
  },
  async lookup(provider, op): Promise<LookupResult<CreateUpstreamCustomerResult>> {
    const existing = await findByEmail(provider, op.request.email);
    return existing ? { status: 'found', result: { upstreamId: existing.id, adopted: true, requestId: null } } : { status: 'absent' };
  },
};

function customerFacts(sqlite: Database.Database, customerId: string) {
  const row = prepare(sqlite, 'SELECT email, name, company, external_id, status, port_slot_quota FROM customers WHERE id = ?').get(customerId) as
    | { email: string; name: string; company: string | null; external_id: string | null; status: string; port_slot_quota: number }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
  return row;
}

const linking = new Map<string, Promise<string>>();

/**
 * The customer's upstream id at this account: the existing link, the result of a pending
 * creation (reconciled first, so a crash never leaves two upstream customers), or a new
 * upstream customer. One creation per (customer, account) at a time in this process.
 */
export function ensureUpstreamCustomer(sqlite: Database.Database, journal: OperationsJournal, customerId: string, accountId: string): Promise<string> {
  const linked = upstreamIdOf(sqlite, customerId, accountId);
  if (linked) return Promise.resolve(linked);
  const slot = `${customerId}|${accountId}`;
  const running = linking.get(slot);
  if (running) return running;
  const work = (async () => {
    const pending = prepare(sqlite, "SELECT id FROM operations WHERE kind = 'customer.create' AND status = 'pending' AND customer_id = ? AND provider_account_id = ?")
      .pluck()
      .all(customerId, accountId) as string[];
    for (const id of pending) await journal.reconcileOne(id);
    const after = upstreamIdOf(sqlite, customerId, accountId);
    if (after) return after;
    const c = customerFacts(sqlite, customerId);
    const outcome = await journal.run(createUpstreamCustomerKind, {
      accountId,
      customerId,
      request: { email: c.email, name: c.name, company: c.company, externalId: c.external_id, allocatedPortSlots: c.port_slot_quota },
    });
    return outcome.local.upstreamId;
  })().finally(() => linking.delete(slot));
  linking.set(slot, work);
  return work;
}

export interface SetPortSlotsRequest {
  upstreamCustomerId: string;
  allocatedPortSlots: number;
}

/** Proxies.sx: raise the upstream customer's port slots to the local quota. */
export const setPortSlotsKind: OperationKind<SetPortSlotsRequest, { allocatedPortSlots: number | null; requestId: string | null }, null> = {
  kind: 'customer.set-port-slots',
  resendSafe: true,
  describe: (req) => `Set port slots to ${req.allocatedPortSlots} upstream`,
  async execute(provider, req, { idempotencyKey }) {
    const c = await provider.updateCustomer(req.upstreamCustomerId, { allocatedPortSlots: req.allocatedPortSlots }, { idempotencyKey });
    return { allocatedPortSlots: c.allocatedPortSlots, requestId: c.requestId };
  },
  apply: () => null,
};
