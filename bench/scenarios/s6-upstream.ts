import { Pool } from 'undici';
import { createProvider } from '../../src/main/providers';
import { startChild } from '../lib/child';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { median, round, runConcurrent } from '../lib/stats';

/**
 * 6. Upstream client: GET /reseller/account on the Proxies.sx sandbox (in its own
 * process, rate limit raised) through the adapter (getAccount: budget, retry policy,
 * lossless JSON, decoding into the app's types) vs raw undici requests to the same
 * endpoint (a Pool with the adapter's 8 connections, body parsed with JSON.parse). Same
 * concurrency on both sides; alternated in rounds so both see the same noise.
 */

const ROUNDS = 10;

export const upstream: Scenario = {
  id: '6',
  title: 'Upstream client',
  target: '≤ 1.1×',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const sandbox = await startChild<{ baseUrl: string; apiKey: string }>(ctx.root, 'sandbox-child.ts', {});
    const { baseUrl, apiKey } = sandbox.value;
    const n = ctx.scale.upstreamGets;
    const c = ctx.scale.upstreamConcurrency;
    const provider = createProvider('proxies-sx', {
      accountName: 'Bench',
      baseUrl,
      apiKey: async () => apiKey,
      http: { budget: { perSecond: 1_000_000, burst: 1_000_000 } },
    });
    const url = new URL(baseUrl);
    const pool = new Pool(url.origin, { connections: 8 });
    const path = `${url.pathname}/reseller/account`;
    const raw = async () => {
      const res = await pool.request({ path, method: 'GET', headers: { accept: 'application/json', 'x-api-key': apiKey } });
      const body = JSON.parse(await res.body.text()) as unknown;
      if (res.statusCode !== 200 || body === null) throw new Error(`raw GET answered ${res.statusCode}`);
    };
    let balance: number | null = null;
    const viaAdapter = async () => {
      balance = (await provider.getAccount()).balance;
    };
    try {
      // Warm connections and JIT on both paths.
      await runConcurrent(200, c, viaAdapter);
      await runConcurrent(200, c, raw);
      let appMs = 0;
      let rawMs = 0;
      const ratios: number[] = [];
      // Client CPU per request (user + system of this process): on two cores the client's
      // CPU is taken from the sandbox's, so it shows where a gap comes from.
      let appCpu = 0;
      let rawCpu = 0;
      const per = Math.ceil(n / ROUNDS);
      for (let i = 0; i < ROUNDS; i++) {
        // Alternate which side goes first; the ratio is the median of the rounds' ratios.
        const sides = i % 2 === 0 ? [viaAdapter, raw] : [raw, viaAdapter];
        const times = new Map<unknown, number>();
        for (const side of sides) {
          const t0 = performance.now();
          const cpu0 = process.cpuUsage();
          await runConcurrent(per, c, side);
          const cpu = process.cpuUsage(cpu0);
          times.set(side, performance.now() - t0);
          if (side === raw) rawCpu += cpu.user + cpu.system;
          else appCpu += cpu.user + cpu.system;
        }
        appMs += times.get(viaAdapter)!;
        rawMs += times.get(raw)!;
        ratios.push(times.get(viaAdapter)! / times.get(raw)!);
      }
      const total = per * ROUNDS;
      const ratio = round(median(ratios));
      return {
        scenario: '6. Upstream client',
        app: figure(appMs, `ms / ${total.toLocaleString('en-US')} GETs`),
        baseline: { ...figure(rawMs, 'ms'), what: 'raw undici Pool requests to the same sandbox endpoint' },
        ratio,
        target: this.target,
        met: ratio !== null && ratio <= 1.1,
        notes: `${c} in flight, ${ROUNDS} alternating rounds (ratio = median of the rounds' time ratios; totals ×${ratioOf(appMs, rawMs)}); adapter ${round((total / appMs) * 1000)} req/s (${round((appMs * 1000) / total)} µs/req) vs raw ${round((total / rawMs) * 1000)} req/s; client CPU ${round(appCpu / total)} vs ${round(rawCpu / total)} µs/request; last balance read ${balance} cents.`,
        details: { requests: total, concurrency: c, appMs: round(appMs), rawMs: round(rawMs), roundRatios: ratios.map(round), clientCpuUsPerRequest: { app: round(appCpu / total), raw: round(rawCpu / total) } },
      };
    } finally {
      await pool.close();
      await provider.close();
      await sandbox.stop();
    }
  },
};
