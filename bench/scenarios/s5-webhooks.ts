import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { secretNames } from '../../src/main/secrets/secret-store';
import { insertRegistration } from '../../src/main/webhooks/endpoints';
import { workingCopy } from '../data/dataset';
import { ACCOUNTS, BENCH_NOW } from '../data/generate';
import { openBenchApp } from '../lib/app';
import { runChild } from '../lib/child';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { round } from '../lib/stats';

/**
 * 5. Webhook ingest: signed Whozex deliveries (user.created, a new fact each) per second
 * over loopback, through the app's listener (token check, HMAC over the raw bytes,
 * lossless JSON, normalize, inbox insert committed before the 200, effects, alert
 * rules) vs a bare node:http server that only checks the HMAC. Both driven by the same
 * load generator in a child process. The app runs on a copy of the full data set
 * (100,000 customers: the alert rules re-run after each new event). Zero lost: every
 * 200 must be an inbox row.
 */

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
const WEBHOOK_ID = 'wh-bench-1';

interface LoadResult {
  ms: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
}

async function bareServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const given = Buffer.from(String(req.headers['x-whozex-signature'] ?? '').replace(/^sha256=/, ''), 'utf8');
      const expected = Buffer.from(createHmac('sha256', SECRET).update(raw).digest('hex'), 'utf8');
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      const text = JSON.stringify(ok ? { received: true } : { error: 'Invalid signature' });
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/bench`, server };
}

export const webhooks: Scenario = {
  id: '5',
  title: 'Webhook ingest',
  target: '≥ 0.5×, zero lost',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const dir = join(ctx.work, 's5-app');
    workingCopy(ctx.dataset, dir);
    const app = await openBenchApp(dir);
    const bare = await bareServer();
    try {
      const sqlite = app.ctx.ledger.sqlite;
      insertRegistration(sqlite, { account_id: ACCOUNTS.wzx.id, upstream_id: WEBHOOK_ID, url: 'http://127.0.0.1/registered-by-bench', events: '[]', created_at: BENCH_NOW.toISOString() });
      await app.secrets.set(secretNames.webhookSecret(ACCOUNTS.wzx.id, WEBHOOK_ID), SECRET);
      await app.ctx.webhooks.start({ port: 0, host: '127.0.0.1' });
      const url = app.ctx.webhooks.endpointUrl(ACCOUNTS.wzx.id);
      if (!url) throw new Error('the listener gave no endpoint URL');
      const n = ctx.scale.webhookDeliveries;
      const c = ctx.scale.webhookConcurrency;
      const load = (target: string, prefix: string, count: number) => runChild<LoadResult>(ctx.root, 'load-child.ts', { url: target, secret: SECRET, count, concurrency: c, prefix });
      const before = sqlite.prepare("SELECT count(*) FROM event_inbox WHERE type = 'customer.created'").pluck().get() as number;
      // Warm both (JIT, statement caches), then measure.
      const warm = Math.min(200, n);
      await load(bare.url, 'warm-bare', warm);
      const appWarm = await load(url, 'warm', warm);
      const base = await load(bare.url, 'bare', n);
      const got = await load(url, 'run', n);
      const rows = (sqlite.prepare("SELECT count(*) FROM event_inbox WHERE type = 'customer.created'").pluck().get() as number) - before;
      const failed = sqlite.prepare("SELECT count(*) FROM event_inbox WHERE status != 'applied'").pluck().get() as number;
      const appRate = (got.ok / got.ms) * 1000;
      const baseRate = (base.ok / base.ms) * 1000;
      const lost = appWarm.ok + got.ok - rows;
      const ratio = ratioOf(appRate, baseRate);
      return {
        scenario: '5. Webhook ingest',
        app: figure(appRate, 'deliveries/s'),
        baseline: { ...figure(baseRate, 'deliveries/s'), what: 'bare node:http server that only checks the HMAC' },
        ratio,
        target: this.target,
        met: ratio !== null && ratio >= 0.5 && lost === 0 && got.ok === n && failed === 0,
        notes:
          `${n.toLocaleString('en-US')} deliveries, ${c} in flight: app ${got.ok} × 200 (${JSON.stringify(got.statuses)}, ${got.errors} errors) in ${round(got.ms)} ms; ` +
          `inbox rows ${rows} for ${appWarm.ok + got.ok} accepted → lost ${lost}; not applied ${failed}. ` +
          `Durable: each answer follows the inbox commit (WAL, synchronous=FULL).`,
        details: { deliveries: n, concurrency: c, app: got, baseline: base, inboxRows: rows, lost, notApplied: failed },
      };
    } finally {
      await new Promise<void>((ok) => bare.server.close(() => ok()));
      await app.close();
    }
  },
};
