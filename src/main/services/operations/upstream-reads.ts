import type Database from 'better-sqlite3';
import { AppError, isAppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';
import type { Provider, UpstreamCustomer, UpstreamTransaction } from '../../providers/types';

/**
 * The documented reads a lost answer is settled with (issue 15): the Proxies.sx customer
 * list (`GET /reseller/customers?search&limit&skip`: balance, used port slots), the Whozex
 * sub-user list (`GET /users`: balance, package count) and transaction history
 * (`GET /account/transactions`, where the `note` the app sent shows up). Nothing here
 * relies on an upstream honouring Idempotency-Key.
 */

/** The tag the app writes into every documented `note`/`description` of a charge. */
export const refTag = (key: string) => `ref ${key}`;
const ANY_REF = /\bref rd_[0-9a-f]{32}\b/;

/** How far before the operation's start the upstream's clock may lag ours. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;
const MAX_PAGES = 50;

export function customerEmail(sqlite: Database.Database, customerId: string | null): string | null {
  if (!customerId) return null;
  return (prepare(sqlite, 'SELECT email FROM customers WHERE id = ?').pluck().get(customerId) as string | undefined) ?? null;
}

/** One upstream customer from the documented list: searched by email, else paged through. */
export async function findUpstreamCustomer(provider: Provider, upstreamId: string, email: string | null): Promise<UpstreamCustomer | null> {
  if (email) {
    const hit = (await provider.listCustomers({ search: email, limit: 100 })).items.find((c) => c.id === upstreamId);
    if (hit) return hit;
  }
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const p = await provider.listCustomers({ limit: 100, cursor });
    const hit = p.items.find((c) => c.id === upstreamId);
    if (hit) return hit;
    if (!p.nextCursor) return null;
    cursor = p.nextCursor;
  }
  return null;
}

/** Like findUpstreamCustomer, but a missing customer is a read failure (nothing can be compared). */
export async function requireUpstreamCustomer(provider: Provider, upstreamId: string, email: string | null): Promise<UpstreamCustomer> {
  const c = await findUpstreamCustomer(provider, upstreamId, email);
  if (!c) {
    throw new AppError('UPSTREAM_ERROR', `${provider.accountName} does not list this customer (${upstreamId}) in its customer list, so the charge cannot be checked afterwards. Nothing was sent; sync the account and try again.`, {
      details: { upstreamCustomerId: upstreamId },
    });
  }
  return c;
}

/**
 * The upstream's transactions (newest first) from about `sinceIso` on, optionally of one
 * type. Stops at the first page that reaches back before it.
 */
export async function transactionsSince(provider: Provider, sinceIso: string, type?: string): Promise<UpstreamTransaction[]> {
  const since = Date.parse(sinceIso) - CLOCK_SKEW_MS;
  const out: UpstreamTransaction[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const p = await provider.listTransactions({ limit: 100, cursor, ...(type ? { type } : {}) });
    let older = false;
    for (const t of p.items) {
      if (t.createdAt && Date.parse(t.createdAt) < since) {
        older = true;
        continue;
      }
      out.push(t);
    }
    if (older || !p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new AppError('UPSTREAM_ERROR', `${provider.accountName}'s transaction history since this operation is too long to search; check it in the upstream's dashboard.`);
}

const textOf = (t: UpstreamTransaction) => `${t.note ?? ''} ${t.description ?? ''}`;
/** The transaction carries this operation's tag. */
export const taggedWith = (t: UpstreamTransaction, key: string) => textOf(t).includes(refTag(key));
/** The transaction carries the tag of some (other) Reseller Desk operation. */
export const taggedByApp = (t: UpstreamTransaction) => ANY_REF.test(textOf(t));

/** A read that the upstream does not offer (route unknown, capability absent), as opposed to one that failed. */
export function isMissingRead(error: unknown): boolean {
  return isAppError(error) && (error.code === 'UPSTREAM_PROTOCOL' || error.code === 'UNSUPPORTED' || (error.code === 'NOT_FOUND' && !error.field));
}
