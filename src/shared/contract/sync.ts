import { z } from 'zod';
import { channel, event, id, noInput } from './define';

export const SYNC_PHASES = ['account', 'customers', 'services', 'transactions', 'balance', 'done'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export interface SyncProgress {
  accountId: string;
  phase: SyncPhase;
  done: number;
  /** null when the upstream does not say how many there are. */
  total: number | null;
}

export type SyncRunStatusName = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunStats {
  customersCreated: number;
  customersLinked: number;
  customersUpdated: number;
  servicesCreated: number;
  servicesUpdated: number;
  servicesMissing: number;
  transactionsNew: number;
  conflicts: number;
  /** Lists skipped because nothing changed since the last full pass. */
  skipped: string[];
  /** What this upstream does not offer, in words (e.g. no balance through its API: the books are the source). */
  notes?: string[];
}

export interface SyncRunView {
  runId: string;
  accountId: string;
  status: SyncRunStatusName;
  fullPass: boolean;
  startedAt: string;
  finishedAt: string | null;
  /** Upstream calls this run made (retries inside one call count once). */
  requests: number;
  stats: SyncRunStats;
  error: { code: string; message: string } | null;
}

export interface SyncAccountStatus {
  accountId: string;
  name: string;
  isSandbox: boolean;
  running: boolean;
  lastRun: SyncRunView | null;
  /** A sync that stopped part-way will continue from here on the next run. */
  resumable: boolean;
}

export interface SyncEventView {
  id: string;
  accountId: string;
  kind: string;
  severity: 'info' | 'conflict';
  subject: string | null;
  details: Record<string, unknown>;
  transactionId: string | null;
  status: 'open' | 'acknowledged' | 'resolved';
  createdAt: string;
}

export interface SyncStatus {
  accounts: SyncAccountStatus[];
  openConflicts: number;
}

export const syncChannels = {
  /** Syncs one account, or every active account; resolves when done (progress is pushed). */
  'sync:run': channel<SyncRunView[]>()(
    z.object({ accountId: id.optional(), full: z.boolean().optional() }).strict().optional(),
  ),
  'sync:status': channel<SyncStatus>()(noInput),
  'sync:cancel': channel<{ cancelled: number }>()(z.object({ accountId: id.optional() }).strict().optional()),
  'sync:events': channel<SyncEventView[]>()(
    z
      .object({ accountId: id.optional(), status: z.enum(['open', 'acknowledged', 'resolved']).optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict()
      .optional(),
  ),
  'sync:acknowledge': channel<void>()(z.object({ id }).strict()),
};

export const syncEvents = {
  'event:sync-progress': event<SyncProgress>(),
  'event:sync-finished': event<SyncRunView>(),
};
