import type { BulkItemError, BulkJobState, BulkTopUpInput, BulkTopUpItem, BulkTopUpResult } from '../../../shared/contract/customer-bulk';
import { isAppError } from '../../../shared/errors';
import type { Minor } from '../../../shared/money';
import type { TopUpsService } from '../topups/topups-service';

/**
 * Tops up many customers, strictly one after another through the single top-up use case
 * (each one its own operations-journal entry), so the upstream's rate limit and the
 * journal's crash-safety hold exactly as for a single top-up. A failure is recorded and
 * the job goes on; a cancel stops it before the next customer (the one in flight
 * finishes: money half-moved upstream is not something to abandon).
 */

export interface BulkTopUpDeps {
  topUps: Pick<TopUpsService, 'topUp'>;
  signal: AbortSignal;
  onProgress(progress: { done: number; total: number; failed: number; state: BulkJobState }): void;
  onUnexpectedError(error: unknown): void;
}

const UNEXPECTED: BulkItemError = {
  code: 'INTERNAL',
  message: 'Something went wrong inside Reseller Desk with this top-up. Check the operations list before retrying this customer.',
};

export async function runBulkTopUp(jobId: string, input: BulkTopUpInput, deps: BulkTopUpDeps): Promise<BulkTopUpResult> {
  const ids = [...new Set(input.ids)];
  const total = ids.length;
  const results: BulkTopUpItem[] = [];
  let failed = 0;
  let amountMoved: Minor = 0;
  deps.onProgress({ done: 0, total, failed, state: 'running' });
  for (const customerId of ids) {
    if (deps.signal.aborted) {
      results.push({ customerId, outcome: 'cancelled', operationId: null, transactionId: null, error: null });
      continue;
    }
    try {
      const r = await deps.topUps.topUp({
        customerId,
        accountId: input.accountId,
        amount: input.amount,
        recordAsPayment: input.recordAsPayment,
        method: input.method,
        reference: input.reference ?? null,
        note: input.note ?? null,
      });
      amountMoved += input.amount;
      results.push({ customerId, outcome: 'done', operationId: r.operationId, transactionId: r.transactionId, error: null });
    } catch (error) {
      failed++;
      if (!isAppError(error)) deps.onUnexpectedError(error);
      const itemError = isAppError(error) ? { code: error.code, message: error.message } : UNEXPECTED;
      results.push({ customerId, outcome: 'failed', operationId: null, transactionId: null, error: itemError });
    }
    const done = results.length;
    if (done < total) deps.onProgress({ done, total, failed, state: 'running' });
  }
  const cancelled = results.filter((r) => r.outcome === 'cancelled').length;
  deps.onProgress({ done: total - cancelled, total, failed, state: cancelled > 0 ? 'cancelled' : 'done' });
  return { jobId, total, succeeded: total - failed - cancelled, failed, cancelled, amountMoved, results };
}
