import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import type { RouteContext } from '../context';
import { credentialsView, parseTargeting } from '../credentials';
import { invalidParams } from '../envelope';
import { bodyObject, optionalEnum, optionalString, requiredInt } from '../input';
import { gbFromMb } from '../json';
import { addGb, loadPackage, MAX_GB_PER_ORDER } from '../operations';
import { iso } from '../rows';
import { segmentsOf } from '../usage-ticker';
import { DAY_MS, GRANULARITY_MS, HOUR_MS, usageSeries, type Granularity } from '../usage-model';
import { packageView } from '../views';

/** 30 days at minute granularity: every combination the seed names (1d/7d/30d × minute/hour/day, whozex:156-157). */
const MAX_POINTS = 30 * 24 * 60;
const MAX_DURATION_MS = 90 * DAY_MS;

function parseDuration(raw: unknown): { text: string; ms: number } {
  if (raw === undefined || raw === '') return { text: '7d', ms: 7 * DAY_MS };
  const m = typeof raw === 'string' ? /^(\d{1,4})([hd])$/.exec(raw.trim()) : null;
  if (!m) throw invalidParams('duration must look like 1d, 7d, 30d or 12h');
  const ms = Number(m[1]) * (m[2] === 'd' ? DAY_MS : HOUR_MS);
  if (ms <= 0 || ms > MAX_DURATION_MS) throw invalidParams('duration must be between 1h and 90d');
  return { text: `${m[1]}${m[2]}`, ms };
}

export function packageRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  app.get('/packages/:id', async (request) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    // Usage is brought up to date on every move of the sandbox clock, so the stored figures are live.
    return ctx.ok({ ...packageView(loadPackage(db, r.id, id)), live: true });
  });

  app.post('/packages/:id/add-gb', async (request, reply) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const body = bodyObject(request.body);
    const gb = requiredInt(body, 'gb', 1, MAX_GB_PER_ORDER);
    const note = optionalString(body, 'note', 500);
    return ctx.mutate(request, reply, 200, (now) => addGb(db, now, r.id, id, { gb, ...(note !== undefined ? { note } : {}) }));
  });

  app.get('/packages/:id/credentials', async (request) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const q = request.query as Record<string, unknown>;
    const targeting = parseTargeting(q.country, q.city);
    const p = loadPackage(db, r.id, id);
    return ctx.ok({ package_id: p.id, ...credentialsView(p.proxy_type, p.evomi_username, p.evomi_password, targeting) });
  });

  app.get('/packages/:id/usage', async (request) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const q = request.query as Record<string, unknown>;
    const duration = parseDuration(q.duration);
    const granularity = optionalEnum(q, 'granularity', ['minute', 'hour', 'day'] as const, 'day') as Granularity;
    const points = Math.ceil(duration.ms / GRANULARITY_MS[granularity]);
    if (points > MAX_POINTS) {
      throw invalidParams(`${duration.text} at ${granularity} granularity is ${points} points (max ${MAX_POINTS}): use a coarser granularity`);
    }
    const p = loadPackage(db, r.id, id);
    const to = ctx.clock.now();
    const from = to - duration.ms;
    const series = usageSeries(segmentsOf(db, p.id), p.expires_at, from, to, granularity);
    const totalMb = series.reduce((a, s) => a + s.usedMb, 0);
    return ctx.ok({
      package_id: p.id,
      duration: duration.text,
      granularity,
      from: iso(from),
      to: iso(to),
      total_used_gb: gbFromMb(totalMb),
      usage: series.map((s) => ({ timestamp: iso(s.start), used_gb: gbFromMb(s.usedMb), used_mb: s.usedMb })),
    });
  });
}
