import type Database from 'better-sqlite3';
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
    expect(v.rotations.upstream).toBeGreaterThanOrEqual(v.rotations.booked);
    expect(v.chargeMismatches).toEqual([]);
    expect(v.orphanProxies).toEqual([]);
    expect(v.orphanPackages).toEqual([]);
    expect(v.phantomServices).toEqual([]);
    expect(v.balanceDifferences).toEqual([]);
    // The soak did real business, not 100 refusals.
    expect(Object.values(v.completedOperations).reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
  }, 300_000);

  it('the check can fail: a port charged twice upstream and a port nobody booked are caught', async () => {
    const figures = await runSoak({
      ops: 15,
      kills: 0,
      seed: 11,
      faults: { timeoutRate: 0.001, rateLimitStormRate: 0.002, errorRate: 0.003, dropAfterCommitRate: 0.004 },
      tamperBeforeVerify: (sandbox) => {
        const db = sandbox.proxiesSx.db;
        const copy = (table: string, id: string, where = '1') => {
          const cols = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => c !== 'seq');
          const list = cols.join(', ');
          const values = cols.map((c) => (c === 'id' ? '?' : c)).join(', ');
          return (db as Database.Database).prepare(`INSERT INTO ${table} (${list}) SELECT ${values} FROM ${table} WHERE ${where} ORDER BY seq DESC LIMIT 1`).run(id);
        };
        copy('psx_ports', 'tampered-orphan-port');
        copy('psx_transactions', 'tampered-double-charge', "type = 'port_purchase'");
        const amount = db.prepare("SELECT amount_cents FROM psx_transactions WHERE id = 'tampered-double-charge'").pluck().get() as number;
        db.prepare('UPDATE psx_resellers SET balance_cents = balance_cents + ?').run(amount);
      },
    });
    const v = figures.verdict;
    expect(v.ok).toBe(false);
    expect(v.orphanProxies).toEqual(['tampered-orphan-port']);
    expect(v.doubleCharges).toBeGreaterThanOrEqual(1);
    expect(v.balanceDifferences.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
