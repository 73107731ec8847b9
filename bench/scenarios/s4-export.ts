import { spawn } from 'node:child_process';
import { openSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { journalExport } from '../../src/main/services/exports/kinds/journal';
import { BENCH_NOW } from '../data/generate';
import { runChild } from '../lib/child';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { round } from '../lib/stats';

/**
 * 4. Export: the journal (one CSV row per posting) through the export service vs
 * Debian's `sqlite3 -csv` running the same SQL on the same file. The day range is chosen
 * so it holds about the wanted number of postings. The service runs in a child process
 * (timed inside it, from the request to the complete, fsynced file) whose peak RSS is
 * compared at the small and the large export: flat memory means the same peak.
 */

interface ChildResult {
  ms: number;
  rows: number;
  bytes: number;
  rssBeforeMb: number;
  peakSampledMb: number;
  maxRssMb: number;
}

const DAY_MS = 86_400_000;

function rangeFor(ctx: BenchContext, postings: number): { from: string; to: string } {
  const s = ctx.dataset.summary;
  const first = Date.parse(s.firstAt.slice(0, 10));
  const days = Math.max(1, Math.round((Date.parse(s.lastAt) - first) / DAY_MS));
  const perDay = s.postings / days;
  const span = Math.max(1, Math.ceil(postings / perDay));
  return { from: s.firstAt.slice(0, 10), to: new Date(first + (span - 1) * DAY_MS).toISOString().slice(0, 10) };
}

/** The service's own SQL with its named parameters written in as SQL literals. */
function cliSql(from: string, to: string): string {
  const next = new Date(Date.parse(to) + DAY_MS).toISOString().slice(0, 10);
  const { sql, params } = journalExport.query({ from: `${from}T00:00:00.000Z`, to: `${next}T00:00:00.000Z`, customerId: null, accountId: null, now: BENCH_NOW.toISOString() });
  return sql.replace(/@(\w+)/g, (_, name: string) => `'${String(params[name]).replace(/'/g, "''")}'`);
}

async function sqliteCli(file: string, sql: string, out: string): Promise<number> {
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  const child = spawn('/usr/bin/sqlite3', ['-readonly', '-csv', '-header', file, sql], { stdio: ['ignore', fd, 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  closeSync(fd);
  if (code !== 0) throw new Error(`sqlite3 exited ${code}: ${err.slice(0, 300)}`);
  return ms;
}

export const exportCsv: Scenario = {
  id: '4',
  title: 'Export',
  target: '≤ 1.5×, peak RSS flat',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const file = join(ctx.appDataDir, 'ledger.sqlite3');
    const [smallCount, largeCount] = ctx.scale.exportPostings;
    const runs: { app: ChildResult; cliMs: number; cliBytes: number; from: string; to: string }[] = [];
    for (const count of [smallCount, largeCount]) {
      const { from, to } = rangeFor(ctx, count);
      // sqlite3 first (the first, small one twice: it warms the page cache for both), then the service.
      const cliOut = join(ctx.work, `s4-cli-${count}.csv`);
      if (count === smallCount) await sqliteCli(file, cliSql(from, to), cliOut);
      const cliMs = await sqliteCli(file, cliSql(from, to), cliOut);
      const app = await runChild<ChildResult>(ctx.root, 'export-child.ts', { file, path: join(ctx.work, `s4-app-${count}.csv`), from, to }, { timeoutMs: 600_000 });
      runs.push({ app, cliMs, cliBytes: statSync(cliOut).size, from, to });
    }
    const small = runs[0]!;
    const large = runs[1]!;
    const ratio = ratioOf(large.app.ms, large.cliMs);
    const growth = large.app.maxRssMb - small.app.maxRssMb;
    const flat = growth < 64 && large.app.maxRssMb < 1.5 * small.app.maxRssMb;
    return {
      scenario: '4. Export (journal CSV)',
      app: figure(large.app.ms, `ms / ${large.app.rows.toLocaleString('en-US')} rows`),
      baseline: { ...figure(large.cliMs, 'ms'), what: '/usr/bin/sqlite3 -csv of the same SQL on the same file' },
      ratio,
      target: this.target,
      met: ratio !== null && ratio <= 1.5 && flat,
      notes:
        `${large.app.rows.toLocaleString('en-US')} postings (${large.from}..${large.to}): ${round(large.app.rows / (large.app.ms / 1000))} rows/s, ${round(large.app.bytes / 1e6)} MB (sqlite3: ${round(large.cliBytes / 1e6)} MB). ` +
        `Peak RSS ${round(small.app.maxRssMb)} MB at ${small.app.rows.toLocaleString('en-US')} rows vs ${round(large.app.maxRssMb)} MB at ${large.app.rows.toLocaleString('en-US')} rows ` +
        `(sampled during the export: ${round(small.app.peakSampledMb)} → ${round(large.app.peakSampledMb)} MB): ${flat ? 'flat' : 'NOT flat'}. ` +
        `Small export: ${round(small.app.ms)} ms vs sqlite3 ${round(small.cliMs)} ms.`,
      details: { runs: runs.map((r) => ({ ...r, app: Object.fromEntries(Object.entries(r.app).map(([k, v]) => [k, round(v)])), cliMs: round(r.cliMs) })) },
    };
  },
};
