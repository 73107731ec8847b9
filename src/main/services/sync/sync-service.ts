import type { SyncEventView, SyncProgress, SyncRunView, SyncStatus } from '../../../shared/contract/sync';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import { listAccountRows, requireActiveAccount } from '../accounts/account-repository';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { countingProvider } from './counting-provider';
import { SyncRunner } from './sync-runner';
import { countOpenConflicts, emptyStats, finishRun, getRun, hasPassInProgress, lastRun, listEvents, startRun } from './sync-state';

export interface SyncServiceDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
  /** Items per upstream page (upstreams cap it at 100). */
  pageSize?: number;
  /** A list whose count did not change is still re-read completely this often (default 6 h). */
  fullEveryMs?: number;
}

export interface RunOptions {
  accountId?: string | undefined;
  /** Re-read and diff every list completely. */
  full?: boolean | undefined;
  /** Called for each progress step besides the push event (tests, the CLI). */
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncService {
  /** Syncs one account or every active one (in parallel; each upstream has its own budget). */
  run(options?: RunOptions): Promise<SyncRunView[]>;
  /** Stops running syncs (all, or one account's); they resume from their cursor next time. */
  cancel(accountId?: string): number;
  status(): SyncStatus;
  events(filter?: { accountId?: string | undefined; status?: 'open' | 'acknowledged' | 'resolved' | undefined; limit?: number | undefined }): SyncEventView[];
  acknowledge(eventId: string): void;
  isRunning(accountId: string): boolean;
  /** Cancels every running sync and waits for them to record where they stopped. */
  stop(): Promise<void>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { ledger, clock, bus, providers } = deps;
  const running = new Map<string, { controller: AbortController; promise: Promise<SyncRunView> }>();

  async function runAccount(accountId: string, options: RunOptions): Promise<SyncRunView> {
    const row = requireActiveAccount(ledger, accountId);
    const controller = new AbortController();
    const counter = { requests: 0 };
    const stats = emptyStats();
    const runId = startRun(ledger.sqlite, row.id, options.full === true, clock.now().toISOString());
    const progress = (p: SyncProgress) => {
      bus.emit('event:sync-progress', p);
      options.onProgress?.(p);
    };
    const promise = (async (): Promise<SyncRunView> => {
      let outcome: Parameters<typeof finishRun>[2];
      try {
        const provider = countingProvider(providers.forAccount(row.id), counter);
        await new SyncRunner({
          sqlite: ledger.sqlite,
          clock,
          provider,
          accountId: row.id,
          accountName: row.name,
          runId,
          signal: controller.signal,
          stats,
          progress,
          forceFull: options.full === true,
          fullEveryMs: deps.fullEveryMs ?? 6 * 3_600_000,
          pageSize: deps.pageSize ?? 100,
        }).run();
        outcome = { status: 'completed', requests: counter.requests, stats };
      } catch (error) {
        const cancelled = controller.signal.aborted;
        const appError =
          error instanceof AppError
            ? error
            : new AppError('INTERNAL', 'The sync stopped on an unexpected error. It continues where it stopped next time.', { cause: error });
        outcome = {
          status: cancelled ? 'cancelled' : 'failed',
          requests: counter.requests,
          stats,
          error: cancelled ? { code: 'CANCELLED', message: 'The sync was cancelled. It continues where it stopped next time.' } : { code: appError.code, message: appError.message },
        };
      }
      finishRun(ledger.sqlite, runId, outcome, clock.now().toISOString());
      const view = getRun(ledger.sqlite, runId);
      bus.emit('event:sync-finished', view);
      return view;
    })();
    running.set(row.id, { controller, promise });
    try {
      return await promise;
    } finally {
      running.delete(row.id);
    }
  }

  return {
    async run(options = {}) {
      const ids = options.accountId ? [requireActiveAccount(ledger, options.accountId).id] : listAccountRows(ledger).map((r) => r.id);
      // A second request for an account already syncing joins the running sync.
      return Promise.all(ids.map((id) => running.get(id)?.promise ?? runAccount(id, options)));
    },
    cancel(accountId) {
      let n = 0;
      for (const [id, entry] of running) {
        if (accountId && id !== accountId) continue;
        entry.controller.abort();
        n++;
      }
      return n;
    },
    status() {
      return {
        accounts: listAccountRows(ledger).map((row) => ({
          accountId: row.id,
          name: row.name,
          isSandbox: row.is_sandbox === 1,
          running: running.has(row.id),
          lastRun: lastRun(ledger.sqlite, row.id),
          resumable: hasPassInProgress(ledger.sqlite, row.id),
        })),
        openConflicts: countOpenConflicts(ledger.sqlite),
      };
    },
    events: (filter = {}) => listEvents(ledger.sqlite, filter),
    acknowledge(eventId) {
      const result = prepare(ledger.sqlite, "UPDATE sync_events SET status = 'acknowledged', resolved_at = ? WHERE id = ? AND status = 'open'").run(
        clock.now().toISOString(),
        eventId,
      );
      if (result.changes === 0) throw new AppError('NOT_FOUND', 'That sync event does not exist or was already acknowledged.');
    },
    isRunning: (accountId) => running.has(accountId),
    async stop() {
      const pending = [...running.values()];
      for (const entry of pending) entry.controller.abort();
      await Promise.allSettled(pending.map((entry) => entry.promise));
    },
  };
}
