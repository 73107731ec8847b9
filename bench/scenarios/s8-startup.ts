import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ManualClock } from '../../src/main/clock';
import type { Ledger } from '../../src/main/ledger/database';
import { createDashboardService } from '../../src/main/services/dashboard/dashboard-service';
import { BENCH_NOW } from '../data/generate';
import { runChild } from '../lib/child';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { median, round } from '../lib/stats';
import { recordingConnection } from '../lib/sql-recorder';

/**
 * 8. Start-up at 1,000,000 transactions: a fresh process per measurement opens, migrates
 * and answers the first Dashboard query, timing itself from before createAppContext to
 * the answer (module loading is reported apart: the packaged app loads one bundled file,
 * the bench loads TypeScript through tsx). Baseline: a fresh process that opens the same
 * file with better-sqlite3, sets the same pragmas and runs the same SQL statements.
 */

interface StartResult {
  importMs: number;
  openMs: number;
  totalMs: number;
}

export const startup: Scenario = {
  id: '8',
  title: 'Start-up',
  target: '≤ 300 ms',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const file = join(ctx.appDataDir, 'ledger.sqlite3');
    const db = new Database(file, { readonly: true });
    const rec = recordingConnection(db);
    createDashboardService({ ledger: { sqlite: rec.db } as Ledger, clock: new ManualClock(BENCH_NOW) }).summary({ months: 6 });
    db.close();
    const app: StartResult[] = [];
    const raw: StartResult[] = [];
    for (let i = 0; i < ctx.scale.startupRuns; i++) {
      app.push(await runChild<StartResult>(ctx.root, 'startup-child.ts', { dataDir: ctx.appDataDir, file }));
      raw.push(await runChild<StartResult>(ctx.root, 'startup-child.ts', { dataDir: ctx.appDataDir, file, raw: true, calls: rec.calls }));
    }
    const appMs = median(app.map((r) => r.totalMs));
    const rawMs = median(raw.map((r) => r.totalMs));
    return {
      scenario: '8. Start-up to first dashboard answer',
      app: figure(appMs, 'ms'),
      baseline: { ...figure(rawMs, 'ms'), what: 'fresh process: better-sqlite3 open + same pragmas + the same SQL' },
      ratio: ratioOf(appMs, rawMs),
      target: this.target,
      met: appMs <= 300,
      notes:
        `median of ${app.length} fresh processes: createAppContext ${round(median(app.map((r) => r.openMs)))} ms + first dashboard:summary ${round(appMs - median(app.map((r) => r.openMs)))} ms; ` +
        `module loading (tsx, not counted) ${round(median(app.map((r) => r.importMs)))} ms.`,
      details: { runs: app.map((r) => round(r.totalMs)), rawRuns: raw.map((r) => round(r.totalMs)), openMs: app.map((r) => round(r.openMs)) },
    };
  },
};
