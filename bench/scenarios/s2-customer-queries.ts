import { customerListSchema, type CustomerListQuery } from '../../src/shared/contract/customers';
import { listCustomers } from '../../src/main/services/customers';
import { BENCH_NOW } from '../data/generate';
import { openBenchApp } from '../lib/app';
import type { BenchContext, Scenario } from '../lib/context';
import { prng } from '../lib/prng';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { percentile, round } from '../lib/stats';
import { recordingConnection, replayer } from '../lib/sql-recorder';

/**
 * 2. Customer queries at 100,000 customers and 1,000,000 services: search-as-you-type
 * (prefixes of 1..4 characters of real names, emails and companies, sorted by name) and
 * every sort in both directions (first page, the cursor's next page, a deep offset page),
 * 100 rows each. Each query: through the service (customers.list) and as the raw SQL the
 * service ran for it, replayed from prepared statements; interleaved so both see the
 * same noise.
 */

const REPEATS = 5;

function queries(ctx: BenchContext, sample: { name: string; email: string; company: string | null }[]): { label: string; query: CustomerListQuery }[] {
  const r = prng(ctx.seed + 2);
  const out: { label: string; query: CustomerListQuery }[] = [];
  for (let len = 1; len <= 4; len++) {
    for (let i = 0; i < 12; i++) {
      const c = sample[Math.floor(r() * sample.length)]!;
      const source = i % 3 === 0 ? c.email : i % 3 === 1 || !c.company ? c.name : c.company;
      const term = source.slice(0, len);
      out.push({ label: `search:${len}`, query: customerListSchema.parse({ search: term }) });
    }
  }
  const deep = Math.floor(ctx.scale.customers / 2);
  for (const sort of ['name', 'email', 'created', 'balance'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      out.push({ label: 'sort:first', query: customerListSchema.parse({ sort, direction }) });
      out.push({ label: 'sort:deep', query: customerListSchema.parse({ sort, direction, offset: deep }) });
    }
  }
  return out;
}

export const customerQueries: Scenario = {
  id: '2',
  title: 'Customer queries',
  target: 'p95 ≤ 5 ms and ≤ 1.5×',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const app = await openBenchApp(ctx.appDataDir);
    try {
      const sqlite = app.ctx.ledger.sqlite;
      const sample = sqlite.prepare('SELECT name, email, company FROM customers ORDER BY random() LIMIT 500').all() as { name: string; email: string; company: string | null }[];
      const list = queries(ctx, sample);
      // Cursor pages: the next page after each sort's first page.
      for (const q of list.filter((x) => x.label === 'sort:first')) {
        const next = app.ctx.customers.list(q.query).nextCursor;
        if (next) list.push({ label: 'sort:cursor', query: { ...q.query, cursor: next } });
      }
      const appSamples: number[] = [];
      const rawSamples: number[] = [];
      const byLabel = new Map<string, { app: number[]; raw: number[] }>();
      let statements = 0;
      for (const { label, query } of list) {
        const rec = recordingConnection(sqlite);
        listCustomers(rec.db, query, BENCH_NOW);
        statements += rec.calls.length;
        const replay = replayer(sqlite, rec.calls);
        app.ctx.customers.list(query); // warm: statement cache and pages
        replay();
        const slot = byLabel.get(label) ?? { app: [], raw: [] };
        byLabel.set(label, slot);
        for (let i = 0; i < REPEATS; i++) {
          const t0 = performance.now();
          app.ctx.customers.list(query);
          const t1 = performance.now();
          replay();
          const t2 = performance.now();
          appSamples.push(t1 - t0);
          rawSamples.push(t2 - t1);
          slot.app.push(t1 - t0);
          slot.raw.push(t2 - t1);
        }
      }
      const p95 = percentile(appSamples, 95);
      const rawP95 = percentile(rawSamples, 95);
      const ratio = ratioOf(p95, rawP95);
      const perLabel = Object.fromEntries(
        [...byLabel].map(([k, v]) => [k, { appP50: round(percentile(v.app, 50)), appP95: round(percentile(v.app, 95)), rawP50: round(percentile(v.raw, 50)), rawP95: round(percentile(v.raw, 95)) }]),
      );
      const worst = Object.entries(perLabel).sort((a, b) => b[1].appP95 - a[1].appP95)[0];
      return {
        scenario: '2. Customer queries (p95)',
        app: figure(p95, 'ms'),
        baseline: { ...figure(rawP95, 'ms'), what: 'the same SQL statements the service ran, replayed from prepared statements' },
        ratio,
        target: this.target,
        met: p95 <= 5 && ratio !== null && ratio <= 1.5,
        notes:
          `${list.length} queries × ${REPEATS} (${(statements / list.length).toFixed(1)} statements each on average): p50 ${round(percentile(appSamples, 50))} ms vs raw ${round(percentile(rawSamples, 50))} ms; ` +
          `slowest kind ${worst?.[0]} p95 ${worst?.[1].appP95} ms (raw ${worst?.[1].rawP95} ms).`,
        details: { queries: list.length, repeats: REPEATS, p50: round(percentile(appSamples, 50)), rawP50: round(percentile(rawSamples, 50)), perKind: perLabel },
      };
    } finally {
      await app.close();
    }
  },
};
