import { describe, expect, it } from 'vitest';
import { runSoak } from '../../soak/driver';
import { formatFigures } from '../../soak/run';

/**
 * The CI-sized soak (the full one is `npm run soak`): 100 operations against the sandbox
 * with ~20 % of upstream requests faulted (5xx, timeouts, connections dropped after
 * commit, 429 storms) and 3 SIGKILLs of the app process, each followed by a restart that
 * reconciles what was pending. Nothing may be charged twice, no proxy may be left
 * unbooked, and the ledger must equal the upstream's own tables.
 */
describe('soak (CI size): faults and SIGKILLs lose nothing', () => {
  it('100 operations, 20 % faults, 3 kills: zero double charges, zero orphans, ledger = upstream, integrity ok', async () => {
    const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
    const figures = await runSoak({ ops: 100, kills: 3, seed });
    console.info(formatFigures(figures));
    const v = figures.verdict;
    expect(figures.kills).toBe(3);
    expect(figures.restarts).toBe(3);
    expect(Object.values(figures.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(figures.unexpected).toEqual([]);
    expect(v.integrityCheck).toBe('ok');
    expect(v.foreignKeyProblems).toBe(0);
    expect(v.postingsSum).toBe(0);
    expect(v.pendingOperations).toBe(0);
    expect(v.doubleCharges).toBe(0);
    expect(v.chargeMismatches).toEqual([]);
    expect(v.orphanProxies).toEqual([]);
    expect(v.orphanPackages).toEqual([]);
    expect(v.phantomServices).toEqual([]);
    expect(v.balanceDifferences).toEqual([]);
    // The soak did real business, not 100 refusals.
    expect(Object.values(v.completedOperations).reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
  }, 300_000);
});
