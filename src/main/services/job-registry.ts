/**
 * Long jobs that a reseller can cancel from the window (bulk top-ups, exports): each runs
 * under an AbortController kept by its job id while it runs.
 */
export interface JobRegistry {
  has(jobId: string): boolean;
  add(jobId: string, controller: AbortController): void;
  remove(jobId: string): void;
  /** Aborts a running job; false when no such job runs. */
  cancel(jobId: string): boolean;
  running(): string[];
  abortAll(): void;
}

export function createJobRegistry(): JobRegistry {
  const jobs = new Map<string, AbortController>();
  return {
    has: (jobId) => jobs.has(jobId),
    add: (jobId, controller) => void jobs.set(jobId, controller),
    remove: (jobId) => void jobs.delete(jobId),
    cancel(jobId) {
      const controller = jobs.get(jobId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    running: () => [...jobs.keys()],
    abortAll() {
      for (const controller of jobs.values()) controller.abort();
    },
  };
}
