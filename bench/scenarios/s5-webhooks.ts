import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { secretNames } from '../../src/main/secrets/secret-store';
import { insertRegistration } from '../../src/main/webhooks/endpoints';
import { workingCopy } from '../data/dataset';
import { makeSmallLedger } from '../data/small-ledger';
import { ACCOUNTS, BENCH_NOW } from '../data/generate';
import { openBenchApp } from '../lib/app';
import { runChild } from '../lib/child';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { round } from '../lib/stats';

/**
 * 5. Webhook ingest: signed Whozex deliveries (user.created, a new fact each) per second
 * over loopback, through the app's listener (token check, HMAC over the raw bytes,
 * lossless JSON, normalize, inbox insert committed before the 200, effects, then the
 * alert rules re-run) vs a bare node:http server that only checks the HMAC; both driven
 * by the same load generator in a child process. Measured twice:
 * - on a copy of the full data set (the headline: the alert rules then look at 100,000
 *   customers and 1,000,000 services after every delivery), one delivery at a time for
 *   a time budget (no new delivery starts after it);
 * - on a fresh ledger (the listener and inbox alone), N deliveries, C in flight.
 * Zero lost: every 200 must be an inbox row, applied.
 */

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
const WEBHOOK_ID = 'wh-bench-1';

interface LoadResult {
  ms: number;
  ok: number;
  sent: number;
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

interface Run {
  app: LoadResult;
  bare: LoadResult;
  appRate: number;
  bareRate: number;
  inboxRows: number;
  accepted: number;
  lost: number;
  notApplied: number;
  evaluateMs: number;
}

/** One app on `dataDir`: warm, then `count` deliveries (or until `durationMs`), and the bare server with the same load. */
async function measure(ctx: BenchContext, dataDir: string, bareUrl: string, load: { count: number; concurrency: number; durationMs?: number }, tag: string): Promise<Run> {
  const app = await openBenchApp(dataDir);
  try {
    const sqlite = app.ctx.ledger.sqlite;
    insertRegistration(sqlite, { account_id: ACCOUNTS.wzx.id, upstream_id: WEBHOOK_ID, url: 'http://127.0.0.1/registered-by-bench', events: '[]', created_at: BENCH_NOW.toISOString() });
    await app.secrets.set(secretNames.webhookSecret(ACCOUNTS.wzx.id, WEBHOOK_ID), SECRET);
    await app.ctx.webhooks.start({ port: 0, host: '127.0.0.1' });
    const url = app.ctx.webhooks.endpointUrl(ACCOUNTS.wzx.id);
    if (!url) throw new Error('the listener gave no endpoint URL');
    const t0 = performance.now();
    app.ctx.alerts.evaluate();
    const evaluateMs = performance.now() - t0;
    const send = (target: string, prefix: string, count: number, durationMs?: number) =>
      runChild<LoadResult>(ctx.root, 'load-child.ts', { url: target, secret: SECRET, count, concurrency: load.concurrency, prefix, ...(durationMs ? { durationMs } : {}) }, { timeoutMs: 600_000 });
    const inbox = () => sqlite.prepare("SELECT count(*) FROM event_inbox WHERE type = 'customer.created'").pluck().get() as number;
    const before = inbox();
    const warm = await send(url, `${tag}-warm`, Math.min(load.concurrency * 2, load.count));
    const got = await send(url, `${tag}-run`, load.count, load.durationMs);
    const bare = await send(bareUrl, `${tag}-bare`, Math.max(got.sent, 1));
    const inboxRows = inbox() - before;
    const notApplied = sqlite.prepare("SELECT count(*) FROM event_inbox WHERE status != 'applied'").pluck().get() as number;
    const accepted = warm.ok + got.ok;
    return {
      app: got,
      bare,
      appRate: (got.ok / got.ms) * 1000,
      bareRate: (bare.ok / bare.ms) * 1000,
      inboxRows,
      accepted,
      lost: accepted - inboxRows,
      notApplied,
      evaluateMs,
    };
  } finally {
    await app.close();
  }
}

export const webhooks: Scenario = {
  id: '5',
  title: 'Webhook ingest',
  target: '≥ 0.5×, zero lost',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const bare = await bareServer();
    try {
      const scaledDir = join(ctx.work, 's5-scaled');
      workingCopy(ctx.dataset, scaledDir);
      const scaled = await measure(ctx, scaledDir, bare.url, { count: ctx.scale.webhookDeliveries, concurrency: 1, durationMs: ctx.scale.webhookScaledBudgetMs }, 'scaled');
      await makeSmallLedger(join(ctx.work, 's5-fresh'), 100, ctx.seed + 5);
      const small = await measure(ctx, join(ctx.work, 's5-fresh'), bare.url, { count: ctx.scale.webhookDeliveries, concurrency: ctx.scale.webhookConcurrency }, 'fresh');
      const ratio = ratioOf(scaled.appRate, scaled.bareRate);
      const ratioSmall = ratioOf(small.appRate, small.bareRate);
      const clean = (r: Run) => r.lost === 0 && r.notApplied === 0 && r.app.errors === 0 && r.app.ok === r.app.sent;
      const describe = (r: Run) =>
        `${r.app.ok}/${r.app.sent} answered 200 (${JSON.stringify(r.app.statuses)}, ${r.app.errors} errors) in ${round(r.app.ms)} ms, ` +
        `inbox rows ${r.inboxRows} for ${r.accepted} accepted → lost ${r.lost}, not applied ${r.notApplied}; one alerts.evaluate() ${round(r.evaluateMs)} ms`;
      return {
        scenario: '5. Webhook ingest (at data-set scale)',
        app: figure(scaled.appRate, 'deliveries/s'),
        baseline: { ...figure(scaled.bareRate, 'deliveries/s'), what: 'bare node:http server that only checks the HMAC, same load' },
        ratio,
        target: this.target,
        met: ratio !== null && ratio >= 0.5 && ratioSmall !== null && ratioSmall >= 0.5 && clean(scaled) && clean(small),
        notes:
          `At scale (${ctx.dataset.summary.customers.toLocaleString('en-US')} customers, ${ctx.dataset.summary.services.toLocaleString('en-US')} services, 1 in flight, ${ctx.scale.webhookScaledBudgetMs / 1000} s budget): ${describe(scaled)}. ` +
          `Fresh ledger (${ctx.scale.webhookConcurrency} in flight): ${round(small.appRate)} vs bare ${round(small.bareRate)} deliveries/s (×${ratioSmall}); ${describe(small)}. ` +
          `Durable: each 200 follows the inbox commit (WAL, synchronous=FULL).`,
        details: { scaled, fresh: small },
      };
    } finally {
      await new Promise<void>((ok) => bare.server.close(() => ok()));
    }
  },
};
