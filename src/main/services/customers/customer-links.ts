import type Database from 'better-sqlite3';
import type { CustomerLink } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';

/**
 * A local customer's identity at each upstream account (Proxies.sx customer `_id`,
 * Whozex sub-user id). One link per (customer, account); an upstream id belongs to
 * one local customer.
 */
export function linkCustomer(sqlite: Database.Database, customerId: string, accountId: string, upstreamId: string, now: Date = new Date()): CustomerLink {
  const upstream = upstreamId.trim();
  if (!upstream || upstream.length > 256) throw new AppError('INVALID_INPUT', 'upstreamId: is required', { field: 'upstreamId' });
  const write = () => {
    if (!prepare(sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw new AppError('NOT_FOUND', 'That customer does not exist.', { field: 'customerId' });
    if (!prepare(sqlite, 'SELECT 1 FROM provider_accounts WHERE id = ?').get(accountId)) throw new AppError('NOT_FOUND', 'That upstream account does not exist.', { field: 'accountId' });
    const existing = prepare(sqlite, 'SELECT upstream_id, created_at FROM customer_links WHERE customer_id = ? AND account_id = ?').get(customerId, accountId) as
      | { upstream_id: string; created_at: string }
      | undefined;
    if (existing) {
      if (existing.upstream_id === upstream) return { accountId, upstreamId: upstream, createdAt: existing.created_at };
      throw new AppError('CONFLICT', 'This customer is already linked to another customer at that upstream account.', {
        field: 'upstreamId',
        details: { upstreamId: existing.upstream_id },
      });
    }
    const owner = findCustomerByUpstreamId(sqlite, accountId, upstream);
    if (owner) throw new AppError('CONFLICT', 'That upstream customer is already linked to another local customer.', { field: 'upstreamId', details: { customerId: owner } });
    const at = now.toISOString();
    prepare(sqlite, 'INSERT INTO customer_links (customer_id, account_id, upstream_id, created_at) VALUES (?, ?, ?, ?)').run(customerId, accountId, upstream, at);
    return { accountId, upstreamId: upstream, createdAt: at };
  };
  return sqlite.inTransaction ? write() : sqlite.transaction(write)();
}

/** The local customer id linked to an upstream id at an account, or null. */
export function findCustomerByUpstreamId(sqlite: Database.Database, accountId: string, upstreamId: string): string | null {
  return (prepare(sqlite, 'SELECT customer_id FROM customer_links WHERE account_id = ? AND upstream_id = ?').pluck().get(accountId, upstreamId) as string | undefined) ?? null;
}

/** The customer's upstream id at an account, or null when not linked there. */
export function upstreamIdOf(sqlite: Database.Database, customerId: string, accountId: string): string | null {
  return (prepare(sqlite, 'SELECT upstream_id FROM customer_links WHERE customer_id = ? AND account_id = ?').pluck().get(customerId, accountId) as string | undefined) ?? null;
}

export function listCustomerLinks(sqlite: Database.Database, customerId: string): CustomerLink[] {
  return (
    prepare(sqlite, 'SELECT account_id, upstream_id, created_at FROM customer_links WHERE customer_id = ? ORDER BY created_at').all(customerId) as {
      account_id: string;
      upstream_id: string;
      created_at: string;
    }[]
  ).map((r) => ({ accountId: r.account_id, upstreamId: r.upstream_id, createdAt: r.created_at }));
}
