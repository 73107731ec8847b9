import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import type { RouteContext } from '../context';
import { optionalEnum, requiredQueryInt } from '../input';
import { money, rate } from '../json';
import { MAX_GB_PER_ORDER } from '../operations';
import { costCents, effectivePriceMicros, PROXY_TYPES, TIERS, type PricingProfile } from '../pricing';
import type { ResellerRow } from '../rows';

const profileOf = (r: ResellerRow): PricingProfile => ({ isVip: r.is_vip === 1, customPriceMicros: r.custom_price_micros });

/**
 * `proxy_type` on these two routes is an extended assumption (facts:63). In `documented` the
 * gate drops the parameter (residential prices) and the answer has the seed's fields only.
 */
export function pricingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const typed = ctx.profile === 'extended';
  app.get('/pricing', async (request) => {
    const r = resellerOf(request);
    const q = request.query as Record<string, unknown>;
    const proxyType = optionalEnum(q, 'proxy_type', PROXY_TYPES, 'residential');
    const profile = profileOf(r);
    return ctx.ok({
      is_vip: profile.isVip,
      custom_price_per_gb: profile.customPriceMicros === null ? null : rate(profile.customPriceMicros),
      ...(typed ? { proxy_type: proxyType } : {}),
      plans: TIERS[proxyType].map((t) => {
        const yours = effectivePriceMicros(profile, proxyType, t.gb);
        return {
          gb: t.gb,
          label: `${t.gb} GB`,
          standard_price: rate(t.standardMicros),
          vip_price: rate(t.vipMicros),
          your_price: rate(yours),
          total_cost: money(costCents(t.gb, yours)),
        };
      }),
    });
  });

  app.get('/pricing/calculate', async (request) => {
    const r = resellerOf(request);
    const q = request.query as Record<string, unknown>;
    const gb = requiredQueryInt(q, 'gb', 1, MAX_GB_PER_ORDER);
    const proxyType = optionalEnum(q, 'proxy_type', PROXY_TYPES, 'residential');
    const profile = profileOf(r);
    const price = effectivePriceMicros(profile, proxyType, gb);
    return ctx.ok({
      gb,
      ...(typed ? { proxy_type: proxyType } : {}),
      price_per_gb: rate(price),
      total: money(costCents(gb, price)),
      is_vip: profile.isVip,
      custom_price: profile.customPriceMicros !== null,
    });
  });
}
