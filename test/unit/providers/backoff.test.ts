import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../src/main/providers/http/backoff';

describe('retry timing', () => {
  const s = { baseDelayMs: 250, maxDelayMs: 4000 };

  it('draws full jitter under an exponentially growing ceiling capped at the max', () => {
    expect(backoffDelay(0, s, () => 0.999)).toBe(249);
    expect(backoffDelay(1, s, () => 0.999)).toBe(499);
    expect(backoffDelay(3, s, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, s, () => 0.999)).toBe(3996);
    expect(backoffDelay(2, s, () => 0)).toBe(0);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(['7'], now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
