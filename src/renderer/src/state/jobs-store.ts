import { create } from 'zustand';
import type { BulkProgress } from '../../../shared/contract/customer-bulk';
import type { ExportKind, ExportProgress } from '../../../shared/contract/exports';
import type { DemoJobProgress } from '../../../shared/contract/sandbox';
import type { SyncPhase, SyncProgress, SyncRunStatusName, SyncRunView } from '../../../shared/contract/sync';
import { call, onEvent } from '../api/client';

export type JobState = 'running' | 'done' | 'cancelled' | 'failed';

interface JobBase {
  /** Unique across kinds: `export:<jobId>`, …, `sync:<accountId>` (one sync per account at a time). */
  key: string;
  /** What the job's cancel channel takes: the job id, or for a sync the account id. */
  id: string;
  done: number;
  /** null while main does not know how many there are. */
  total: number | null;
  state: JobState;
}

export type Job = JobBase &
  (
    | { kind: 'export'; exportKind: ExportKind }
    | { kind: 'bulk'; bulkKind: BulkProgress['kind']; failed: number }
    | { kind: 'demo'; text: string }
    | { kind: 'sync'; phase: SyncPhase }
  );

/** How long an ended job stays listed, so its last state can be read before it goes. */
export const ENDED_JOB_LINGER_MS = 6_000;

interface JobsState {
  /** In the order the jobs started. */
  jobs: Job[];
  received(job: Job): void;
  /** A sync ended; a sync this window never saw running is not listed. */
  syncEnded(accountId: string, state: JobState): void;
  remove(key: string): void;
}

const removals = new Map<string, ReturnType<typeof setTimeout>>();

function scheduleRemoval(job: Job, remove: (key: string) => void): void {
  clearTimeout(removals.get(job.key));
  removals.delete(job.key);
  if (job.state === 'running') return;
  removals.set(
    job.key,
    setTimeout(() => {
      removals.delete(job.key);
      remove(job.key);
    }, ENDED_JOB_LINGER_MS),
  );
}

/**
 * Every long job main runs (exports, bulk top-ups, demo data, syncs), whichever screen or
 * palette action started it: fed by main's progress events, so the status bar can show
 * and cancel them after the reseller has left the screen that started them.
 */
export const useJobs = create<JobsState>((set, get) => ({
  jobs: [],
  received(job) {
    set((s) => {
      const at = s.jobs.findIndex((j) => j.key === job.key);
      if (at === -1) return { jobs: [...s.jobs, job] };
      const jobs = s.jobs.slice();
      jobs[at] = job;
      return { jobs };
    });
    scheduleRemoval(job, get().remove);
  },
  syncEnded(accountId, state) {
    const current = get().jobs.find((j) => j.key === `sync:${accountId}`);
    if (current) get().received({ ...current, state });
  },
  remove: (key) => set((s) => ({ jobs: s.jobs.filter((j) => j.key !== key) })),
}));

export function exportJob(p: ExportProgress): Job {
  return { key: `export:${p.jobId}`, id: p.jobId, kind: 'export', exportKind: p.kind, done: p.rowsDone, total: p.rowsTotal, state: p.state };
}

export function bulkJob(p: BulkProgress): Job {
  return { key: `bulk:${p.jobId}`, id: p.jobId, kind: 'bulk', bulkKind: p.kind, done: p.done, total: p.total, failed: p.failed, state: p.state };
}

export function demoJob(p: DemoJobProgress): Job {
  return { key: `demo:${p.jobId}`, id: p.jobId, kind: 'demo', text: p.text, done: p.done, total: p.total, state: p.state };
}

export function syncJob(p: SyncProgress): Job {
  // Main reports the 'done' phase just before the run's own end: the run is still running until then.
  return { key: `sync:${p.accountId}`, id: p.accountId, kind: 'sync', phase: p.phase, done: p.done, total: p.total, state: 'running' };
}

const SYNC_STATE: Record<SyncRunStatusName, JobState> = {
  running: 'running',
  completed: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
  interrupted: 'failed',
};

export function syncEndState(run: SyncRunView): JobState {
  return SYNC_STATE[run.status];
}

/** Listens to main's progress events for the life of the window; returns the unsubscribe function. */
export function followJobs(): () => void {
  const { received, syncEnded } = useJobs.getState();
  const stops = [
    onEvent('event:export-progress', (p) => received(exportJob(p))),
    onEvent('event:bulk-progress', (p) => received(bulkJob(p))),
    onEvent('event:demo-progress', (p) => received(demoJob(p))),
    onEvent('event:sync-progress', (p) => received(syncJob(p))),
    onEvent('event:sync-finished', (run) => syncEnded(run.accountId, syncEndState(run))),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Asks main to stop a job; false when it had already ended (too late to cancel). */
export async function cancelJob(job: Job): Promise<boolean> {
  switch (job.kind) {
    case 'export':
      return (await call('exports:cancel', { jobId: job.id })).cancelled;
    case 'bulk':
      return (await call('bulk:cancel', { jobId: job.id })).cancelled;
    case 'demo':
      return (await call('demo:cancel', { jobId: job.id })).cancelled;
    case 'sync':
      return (await call('sync:cancel', { accountId: job.id })).cancelled > 0;
  }
}
