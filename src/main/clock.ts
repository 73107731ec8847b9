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
 * The app's clock while the embedded sandbox runs: it reads the sandbox's time (which
 * runs with the wall clock and jumps forward when the reseller moves it in demo mode),
 * so expiries, alerts and webhook timestamps agree on both sides. Before it follows a
 * source, and after it stops, it is the system clock.
 */
export class FollowingClock implements Clock {
  private source: { now(): number } | null = null;
  now(): Date {
    return this.source ? new Date(this.source.now()) : new Date();
  }
  follow(source: { now(): number } | null): void {
    this.source = source;
  }
}
