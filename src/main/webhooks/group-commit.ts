import type Database from 'better-sqlite3';

/**
 * Group commit for webhook deliveries: the writes of every delivery that arrives in the
 * same turn of the event loop run in ONE transaction (each in its own savepoint, so one
 * delivery that throws rolls back alone), committed once (one fsync under
 * synchronous=FULL), and only then does each delivery's promise settle — every 2xx still
 * follows the commit of that delivery's writes. Work after the commit (`after`, e.g.
 * telling the renderer) runs once the batch is durable.
 */

interface Job<T> {
  write: () => T;
  after: (value: T) => void;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class GroupCommitter {
  private queue: Job<never>[] = [];
  private scheduled = false;

  constructor(private readonly sqlite: Database.Database) {}

  /** Runs `write` in the next group transaction; resolves after that transaction committed. */
  submit<T>(write: () => T, after: (value: T) => void = () => undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, after, resolve, reject } as unknown as Job<never>);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.sqlite.transaction(() => {
        for (const job of jobs) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: this.sqlite.transaction(job.write)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed: nothing of this batch is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) {
        job.reject(outcome.error);
        return;
      }
      try {
        (job.after as (value: unknown) => void)(outcome.value);
      } catch {
        // Announcing is best effort; the delivery is stored.
      }
      (job.resolve as (value: unknown) => void)(outcome.value);
    });
  }
}
