import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/main/providers/http/token-bucket';

describe('token bucket', () => {
  it('grants the burst at once and then refills with time', async () => {
    let now = 0;
    const b = new TokenBucket({ perSecond: 10, burst: 3, now: () => now });
    const granted: number[] = [];
    for (let i = 0; i < 3; i++) await b.take().then(() => granted.push(i));
    expect(granted).toEqual([0, 1, 2]);
    let fourth = false;
    const p = b.take().then(() => (fourth = true));
    await Promise.resolve();
    expect(fourth).toBe(false);
    now = 100; // one token's worth of time
    await p;
    expect(fourth).toBe(true);
  });

  it('a waiting caller can be cancelled without taking a token', async () => {
    const now = 0;
    const b = new TokenBucket({ perSecond: 1, burst: 1, now: () => now });
    await b.take();
    const a = new AbortController();
    const p = b.take(a.signal);
    a.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a nonsensical rate', () => {
    expect(() => new TokenBucket({ perSecond: 0 })).toThrow(RangeError);
  });
});
