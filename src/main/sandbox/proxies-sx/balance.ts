import type { SandboxDb } from '../core/store';
import type { PendingEvent } from './events';
import { PsxError } from './http-error';
import { objectId } from './ids';
import { money } from './json';
import type { TransactionRow } from './model';

/** Below this the reseller gets one balance.low per crossing. */
export const LOW_BALANCE_CENTS = 5_000;

export function resellerBalance(db: SandboxDb, resellerId: string): number {
  const row = db.prepare('SELECT balance_cents FROM psx_resellers WHERE id = ?').get(resellerId) as { balance_cents: number } | undefined;
  if (!row) throw new PsxError(401, 'Unknown reseller', 'UNAUTHORIZED');
  return row.balance_cents;
}

export function formatUsd(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** 402 with the numbers a reseller needs to act. */
export function requireBalance(db: SandboxDb, resellerId: string, neededCents: number, what: string): void {
  const have = resellerBalance(db, resellerId);
  if (have < neededCents) {
    throw new PsxError(
      402,
      `Insufficient reseller balance: ${what} costs ${formatUsd(neededCents)} but your balance is ${formatUsd(have)}. Add at least ${formatUsd(neededCents - have)} to your Proxies.sx account.`,
      'INSUFFICIENT_BALANCE',
    );
  }
}

export interface Movement {
  type: TransactionRow['type'];
  amountCents: number;
  description: string;
  referenceId?: string | null;
  customerId?: string | null;
  portId?: string | null;
}

/**
 * Moves the reseller balance and writes the transaction row; call inside a transaction.
 * Queues balance.low when the balance crosses below $50 (re-armed when it rises again).
 */
export function moveBalance(db: SandboxDb, resellerId: string, m: Movement, nowMs: number, events: PendingEvent[]): TransactionRow {
  const before = resellerBalance(db, resellerId);
  const after = before + m.amountCents;
  if (after < 0) throw new PsxError(402, `Insufficient reseller balance (${formatUsd(before)})`, 'INSUFFICIENT_BALANCE');
  const flag = (db.prepare('SELECT low_balance FROM psx_resellers WHERE id = ?').get(resellerId) as { low_balance: number }).low_balance;
  let low = flag;
  if (after < LOW_BALANCE_CENTS && flag === 0) {
    low = 1;
    events.push({ resellerId, event: 'balance.low', data: { balance: money(after), threshold: money(LOW_BALANCE_CENTS), currency: 'USD' } });
  } else if (after >= LOW_BALANCE_CENTS && flag === 1) {
    low = 0;
  }
  db.prepare('UPDATE psx_resellers SET balance_cents = ?, low_balance = ? WHERE id = ?').run(after, low, resellerId);
  const row: Omit<TransactionRow, 'seq'> = {
    id: objectId(nowMs),
    reseller_id: resellerId,
    type: m.type,
    amount_cents: m.amountCents,
    balance_after_cents: after,
    description: m.description,
    reference_id: m.referenceId ?? null,
    customer_id: m.customerId ?? null,
    port_id: m.portId ?? null,
    created_at: nowMs,
  };
  const info = db
    .prepare(
      `INSERT INTO psx_transactions (id, reseller_id, type, amount_cents, balance_after_cents, description, reference_id, customer_id, port_id, created_at)
       VALUES (@id, @reseller_id, @type, @amount_cents, @balance_after_cents, @description, @reference_id, @customer_id, @port_id, @created_at)`,
    )
    .run(row);
  return { ...row, seq: Number(info.lastInsertRowid) };
}
