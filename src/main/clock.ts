/** Services take a clock so tests and demos can move time forward. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and the sandbox. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | number = Date.UTC(2026, 0, 1)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A clock only moves forward');
    this.ms += ms;
  }
  set(date: Date): void {
    if (date.getTime() < this.ms) throw new RangeError('A clock only moves forward');
    this.ms = date.getTime();
  }
}

/**
 * The app's clock while the embedded sandbox runs. Sandbox time (which runs with the wall
 * clock and jumps when the reseller moves it) is a demo tool for books that hold ONLY
 * sandbox accounts: while `allowed()` says so, this clock reads the sandbox's time so
 * expiries, alerts and webhook timestamps agree on both sides. As soon as the books hold a
 * real account (or one is being added, see `onWallClock`) it is the wall clock again, so
 * no booking, signature window, retry window or alert of a real account ever sees a moved
 * sandbox clock. Before it follows a source, and after it stops, it is the system clock.
 *
 * `sandboxTime` always reads the sandbox's own time (wall clock when none runs): only for
 * what a sandbox account exchanges with its simulated upstream (its webhook signatures).
 */
export class FollowingClock implements Clock {
  private source: { now(): number } | null = null;
  private allowed: () => boolean = () => true;
  private wallHolds = 0;
  readonly sandboxTime: Clock = { now: () => (this.source ? new Date(this.source.now()) : new Date()) };

  now(): Date {
    return this.followsSandbox() ? new Date(this.source!.now()) : new Date();
  }
  /** Whether the app reads sandbox time right now. */
  followsSandbox(): boolean {
    return this.source !== null && this.wallHolds === 0 && this.allowed();
  }
  follow(source: { now(): number } | null): void {
    this.source = source;
  }
  /** Sandbox time only while this holds (the app: "the books hold no real account"). */
  followOnlyWhile(allowed: () => boolean): void {
    this.allowed = allowed;
  }
  /** The wall clock while `work` runs: adding a real account, before its row exists. */
  async onWallClock<T>(work: () => Promise<T>): Promise<T> {
    this.wallHolds += 1;
    try {
      return await work();
    } finally {
      this.wallHolds -= 1;
    }
  }
}
