import { randomUUID } from 'node:crypto';
import type { BulkStatusResult, BulkTopUpInput, BulkTopUpResult } from '../../../shared/contract/customer-bulk';
import type { CustomerStatusName } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import { createJobRegistry } from '../job-registry';
import type { TopUpsService } from '../topups/topups-service';
import { bulkSetStatus } from './bulk-status';
import { runBulkTopUp } from './bulk-top-up';

export interface BulkService {
  setStatus(ids: string[], status: CustomerStatusName): BulkStatusResult;
  /** Resolves when every customer was tried or the job was cancelled. */
  topUp(input: BulkTopUpInput): Promise<BulkTopUpResult>;
  /** Stops a running job before its next customer; false when no such job runs. */
  cancel(jobId: string): boolean;
  runningJobs(): string[];
}

export function createBulkService(deps: { ledger: Ledger; clock: Clock; bus: EventBus; log: Logger; topUps: Pick<TopUpsService, 'topUp'> }): BulkService {
  const jobs = createJobRegistry();
  return {
    setStatus(ids, status) {
      const result = bulkSetStatus(deps.ledger.sqlite, ids, status, deps.clock.now());
      if (result.counts.changed > 0) deps.bus.emit('event:customers-bulk-changed', { reason: 'status', count: result.counts.changed });
      return result;
    },

    async topUp(input) {
      const jobId = input.jobId ?? randomUUID();
      if (jobs.has(jobId)) throw new AppError('CONFLICT', 'A bulk job with this id is already running.', { field: 'jobId' });
      const controller = new AbortController();
      jobs.add(jobId, controller);
      try {
        return await runBulkTopUp(jobId, input, {
          topUps: deps.topUps,
          signal: controller.signal,
          onProgress: (p) => deps.bus.emit('event:bulk-progress', { jobId, kind: 'top-up', ...p }),
          onUnexpectedError: (error) => deps.log.error('Bulk top-up item failed unexpectedly', { jobId, error: String(error) }),
        });
      } finally {
        jobs.remove(jobId);
      }
    },

    cancel: (jobId) => jobs.cancel(jobId),
    runningJobs: () => jobs.running(),
  };
}
