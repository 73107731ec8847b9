/**
 * The sandbox's own time. It only moves when told to (admin endpoint, tests, demos), so
 * a 30-day proxy can expire in a second. Moving it runs the listeners synchronously:
 * each API expires what is due, drains usage and queues its webhooks before advance()
 * returns.
 */
export type AdvanceListener = (from: number, to: number) => void;

export const SANDBOX_EPOCH = Date.UTC(2026, 0, 1);

export class SandboxClock {
  private ms: number;
  private readonly listeners = new Set<AdvanceListener>();

  constructor(startMs: number = SANDBOX_EPOCH) {
    if (!Number.isSafeInteger(startMs)) throw new RangeError('The sandbox clock starts at an integer millisecond');
    this.ms = startMs;
  }

  /** Milliseconds since the Unix epoch, sandbox time. */
  now(): number {
    return this.ms;
  }

  nowIso(): string {
    return new Date(this.ms).toISOString();
  }

  /** Moves time forward by `ms` and runs every listener with (from, to). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The sandbox clock only moves forward');
    const from = this.ms;
    const to = from + Math.round(ms);
    this.ms = to;
    for (const fn of [...this.listeners]) fn(from, to);
  }

  /** Jumps to an absolute time (never backwards). */
  set(ms: number): void {
    if (ms < this.ms) throw new RangeError('The sandbox clock only moves forward');
    this.advance(ms - this.ms);
  }

  /** Registers a listener; returns the function that removes it. */
  onAdvance(fn: AdvanceListener): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }
}
