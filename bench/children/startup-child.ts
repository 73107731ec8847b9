/**
 * Child of scenario 8: a fresh process opens the app on the data folder (createAppContext:
 * restore check, open, pragmas, migrate, services) and answers the Dashboard's first query
 * (dashboard:summary), timing itself. `raw: true` instead opens the file with
 * better-sqlite3, sets the same pragmas and replays the same SQL statements.
 */
import { childArgs, report } from '../lib/child';
import type { RecordedCall } from '../lib/sql-recorder';

const args = childArgs<{ dataDir: string; file: string; raw?: boolean; calls?: RecordedCall[] }>();
const tImport = performance.now();
if (args.raw) {
  const { default: Database } = await import('better-sqlite3');
  const { applyPragmas } = await import('../../src/main/ledger/database');
  const { replayer } = await import('../lib/sql-recorder');
  const t0 = performance.now();
  const db = new Database(args.file);
  applyPragmas(db);
  const tOpen = performance.now();
  replayer(db, args.calls ?? [])();
  const t1 = performance.now();
  db.close();
  report({ importMs: t0 - tImport, openMs: tOpen - t0, totalMs: t1 - t0 });
} else {
  const { createAppContext } = await import('../../src/main/app-context');
  const { ManualClock } = await import('../../src/main/clock');
  const { MemorySecretStore } = await import('../../test/support/memory-secrets');
  const { BENCH_NOW } = await import('../data/generate');
  const t0 = performance.now();
  const ctx = await createAppContext({ dataDir: args.dataDir, secrets: new MemorySecretStore(), version: '0.0.0-bench', clock: new ManualClock(BENCH_NOW) });
  const tOpen = performance.now();
  const summary = ctx.dashboard.summary({ months: 6 });
  const t1 = performance.now();
  await ctx.close();
  report({ importMs: t0 - tImport, openMs: tOpen - t0, totalMs: t1 - t0, months: summary.months.length });
}
