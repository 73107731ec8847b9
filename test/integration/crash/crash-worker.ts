/**
 * The crash test's child process: reconciles what a previous (killed) run left pending,
 * then runs the remaining workload steps against the sandbox in the parent process.
 * The parent SIGKILLs it at random points and starts it again.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppContext } from '../../../src/main/app-context';
import { ManualClock } from '../../../src/main/clock';
import { FileSecretStore, runStep, STEPS } from './workload';

const dataDir = process.env.CRASH_DATA_DIR!;
const ids = JSON.parse(readFileSync(join(dataDir, 'ids.json'), 'utf8')) as { psx: string; wzx: string; customers: string[] };
const progressFile = join(dataDir, 'progress.txt');
const done = () => {
  try {
    return Number(readFileSync(progressFile, 'utf8')) || 0;
  } catch {
    return 0;
  }
};

const ctx = await createAppContext({
  dataDir,
  secrets: new FileSecretStore(join(dataDir, 'secrets.json')),
  version: '0.0.0-crash',
  // The sandbox's time (it does not move during the test), so expiries agree on both sides.
  clock: new ManualClock(Number(process.env.CRASH_CLOCK_MS)),
  providerHttp: { retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 }, budget: { perSecond: 10_000 }, headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 },
  operations: { reconcileDelayMs: 0, autoPushPricebook: false },
});
const summary = await ctx.operations.reconcilePending();
process.stdout.write(`reconciled ${JSON.stringify(summary)}\n`);
for (let i = done(); i < STEPS; i++) {
  // Counted before it runs: a step interrupted by the kill is not repeated (its operation, if any, is reconciled).
  // Atomically (a kill mid-write must not reset the count).
  writeFileSync(`${progressFile}.tmp`, String(i + 1));
  renameSync(`${progressFile}.tmp`, progressFile);
  process.stdout.write(`step ${i}\n`);
  const what = await runStep(ctx, i, ids);
  process.stdout.write(`did ${i} ${what}\n`);
}
await ctx.close();
process.stdout.write('finished\n');
