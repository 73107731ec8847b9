import { describe, expect, it } from 'vitest';
import { FollowingClock } from '../../../src/main/clock';

const AHEAD = 30 * 86_400_000;

describe('FollowingClock', () => {
  const sandbox = { now: () => Date.now() + AHEAD };
  const nearWall = (d: Date) => Math.abs(d.getTime() - Date.now()) < 60_000;

  it('reads sandbox time only while the books hold no real account', () => {
    let real = false;
    const clock = new FollowingClock();
    clock.followOnlyWhile(() => !real);
    expect(nearWall(clock.now())).toBe(true); // no sandbox yet
    clock.follow(sandbox);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(AHEAD - 60_000);
    real = true;
    expect(nearWall(clock.now())).toBe(true);
    // The sandbox's own time stays available for its own accounts' webhook windows.
    expect(clock.sandboxTime.now().getTime() - Date.now()).toBeGreaterThan(AHEAD - 60_000);
  });

  it('reads the wall clock while a real account is being added, and sandbox time again after', async () => {
    const clock = new FollowingClock();
    clock.follow(sandbox);
    let during: Date | null = null;
    await clock.onWallClock(async () => {
      await Promise.resolve();
      during = clock.now();
    });
    expect(nearWall(during!)).toBe(true);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(AHEAD - 60_000);
    await expect(clock.onWallClock(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(clock.followsSandbox()).toBe(true);
  });
});
