/**
 * Long jobs that a reseller can cancel from the window (bulk top-ups, exports): each runs
 * under an AbortController kept by its job id while it runs.
 *
 * The page chooses a job's id and may press Cancel before main has started that job (the
 * start call is still on its way, or still checking its input). Such a cancel is
 * remembered for a minute and stops the job as it starts, instead of being lost.
 */
export interface JobRegistry {
  has(jobId: string): boolean;
  /** Registers a running job; aborts it at once when its cancel came first. */
  add(jobId: string, controller: AbortController): void;
  remove(jobId: string): void;
  /** Aborts a running job; false when no such job runs (then it is stopped if it starts within a minute). */
  cancel(jobId: string): boolean;
  running(): string[];
  abortAll(): void;
}

const EARLY_CANCEL_MS = 60_000;
const EARLY_CANCEL_MAX = 100;

export function createJobRegistry(now: () => number = Date.now): JobRegistry {
  const jobs = new Map<string, AbortController>();
  /** Cancels that arrived before their job: id → when. */
  const early = new Map<string, number>();
  const forgetOld = () => {
    for (const [id, at] of early) if (now() - at > EARLY_CANCEL_MS || early.size > EARLY_CANCEL_MAX) early.delete(id);
  };
  return {
    has: (jobId) => jobs.has(jobId),
    add(jobId, controller) {
      jobs.set(jobId, controller);
      forgetOld();
      if (early.delete(jobId)) controller.abort();
    },
    remove: (jobId) => void jobs.delete(jobId),
    cancel(jobId) {
      const controller = jobs.get(jobId);
      if (!controller) {
        forgetOld();
        early.set(jobId, now());
        return false;
      }
      controller.abort();
      return true;
    },
    running: () => [...jobs.keys()],
    abortAll() {
      for (const controller of jobs.values()) controller.abort();
    },
  };
}
