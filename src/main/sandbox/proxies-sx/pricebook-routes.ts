import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseDecimal } from '../../../shared/money';
import { authOf } from './auth';
import { access, mutate, type PsxCtx } from './context';
import { notFound } from './http-error';
import { decimal, iso, money } from './json';
import { countryOverride, customerDiscount, loadPricebook, savePricebook } from './pricebook-store';
import { calculatePrice, type Pricebook, type SectionPricing } from './pricing';
import { decimalText, objectIdField, parseInput } from './validation';

const percent = (field: string) => decimalText(field, { min: 0, max: 1000, digits: 4 });
const section = (name: string) =>
  z.strictObject(
    {
      // null clears a value: no margin of its own (the default margin applies), no fixed price, no multiplier.
      marginPercent: percent(`${name}.marginPercent`).nullable().optional(),
      fixedPrice: decimalText(`${name}.fixedPrice`, { min: 0, max: 100_000, digits: 6 }).nullable().optional(),
      multiplier: decimalText(`${name}.multiplier`, { min: 0, max: 100, digits: 4, exclusiveMin: true }).nullable().optional(),
    },
    { error: `${name} must be an object` },
  );

const putBody = z
  .strictObject({
    pricingMode: z.enum(['margin', 'fixed', 'multiplier'], { error: 'pricingMode must be one of: margin, fixed, multiplier' }).optional(),
    defaultMarginPercent: percent('defaultMarginPercent').optional(),
    portPricing: section('portPricing').optional(),
    trafficPricing: section('trafficPricing').optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    error: 'Nothing to update: send at least one of pricingMode, defaultMarginPercent, portPricing, trafficPricing',
  });

const overrideBody = z.strictObject({
  countryId: objectIdField('countryId'),
  marginPercent: percent('marginPercent'),
});

const discountBody = z.strictObject({
  customerId: objectIdField('customerId'),
  discountPercent: percent('discountPercent').refine((t) => parseDecimal(t, 4) <= 1_000_000n, { error: 'discountPercent must be between 0 and 100' }),
});

const calculateBody = (types: readonly ['port', ...('port' | 'traffic')[]]) => z
  .strictObject({
    type: z.enum(types, { error: `type must be one of: ${types.join(', ')}` }),
    basePrice: decimalText('basePrice', { min: 0, max: 100_000, digits: 6 }),
    days: z.number({ error: 'days must be a number' }).int({ error: 'days must be an integer' }).min(1, { error: 'days must be at least 1' }).max(3650, { error: 'days must not exceed 3650' }).optional(),
    gb: decimalText('gb', { min: 0, max: 1_000_000, digits: 3, exclusiveMin: true }).optional(),
    countryId: objectIdField('countryId').optional(),
    customerId: objectIdField('customerId').optional(),
  })
  .superRefine((b, c) => {
    if (b.type === 'port' && b.days === undefined) c.addIssue({ code: 'custom', path: ['days'], message: 'days is required when type is "port"' });
    if (b.type === 'traffic' && b.gb === undefined) c.addIssue({ code: 'custom', path: ['gb'], message: 'gb is required when type is "traffic"' });
  });

function sectionJson(s: SectionPricing) {
  return {
    marginPercent: s.marginPercent === null ? null : decimal(s.marginPercent),
    fixedPrice: s.fixedPrice === null ? null : decimal(s.fixedPrice),
    multiplier: s.multiplier === null ? null : decimal(s.multiplier),
  };
}

export function registerPricebookRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db, clock } = ctx;
  // The guide quotes ports only (guide:60); traffic quotes are an extended assumption (facts:56).
  const calculateInput = calculateBody(ctx.profile === 'documented' ? ['port'] : ['port', 'traffic']);

  const pricebookJson = (resellerId: string) => {
    const book = loadPricebook(db, resellerId);
    const overrides = db.prepare('SELECT country_id, margin_percent FROM psx_country_overrides WHERE reseller_id = ? ORDER BY country_id').all(resellerId) as {
      country_id: string; margin_percent: string;
    }[];
    const discounts = db.prepare('SELECT customer_id, discount_percent FROM psx_customer_discounts WHERE reseller_id = ? ORDER BY customer_id').all(resellerId) as {
      customer_id: string; discount_percent: string;
    }[];
    const updated = db.prepare('SELECT updated_at FROM psx_pricebooks WHERE reseller_id = ?').get(resellerId) as { updated_at: number } | undefined;
    return {
      pricingMode: book.pricingMode,
      defaultMarginPercent: decimal(book.defaultMarginPercent),
      portPricing: sectionJson(book.portPricing),
      trafficPricing: sectionJson(book.trafficPricing),
      countryOverrides: overrides.map((o) => ({ countryId: o.country_id, marginPercent: decimal(o.margin_percent) })),
      customerDiscounts: discounts.map((d) => ({ customerId: d.customer_id, discountPercent: decimal(d.discount_percent) })),
      basePrices: { portSharedPerDay: money(200), portPrivatePerDay: money(300) },
      updatedAt: iso(updated?.updated_at ?? null),
    };
  };

  app.get('/reseller/pricebook', access(['billing:read']), async (request) => pricebookJson(authOf(request).resellerId));

  const put = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = parseInput(putBody, request.body);
    const { resellerId } = authOf(request);
    return mutate(ctx, request, reply, 200, () => {
      const book: Pricebook = loadPricebook(db, resellerId);
      if (body.pricingMode) book.pricingMode = body.pricingMode;
      if (body.defaultMarginPercent !== undefined) book.defaultMarginPercent = body.defaultMarginPercent;
      for (const key of ['portPricing', 'trafficPricing'] as const) {
        const patch = body[key];
        if (!patch) continue;
        if (patch.marginPercent !== undefined) book[key].marginPercent = patch.marginPercent;
        if (patch.fixedPrice !== undefined) book[key].fixedPrice = patch.fixedPrice;
        if (patch.multiplier !== undefined) book[key].multiplier = patch.multiplier;
      }
      savePricebook(db, resellerId, book, clock.now());
      return pricebookJson(resellerId);
    });
  };
  app.put('/reseller/pricebook', access(['billing:write']), put);
  app.patch('/reseller/pricebook', access(['billing:write']), put);

  app.post('/reseller/pricebook/country-override', access(['billing:write']), async (request, reply) => {
    const body = parseInput(overrideBody, request.body);
    const { resellerId } = authOf(request);
    if (!db.prepare('SELECT 1 FROM psx_countries WHERE id = ?').get(body.countryId)) throw notFound(`Country ${body.countryId} not found`);
    return mutate(ctx, request, reply, 201, () => {
      db.prepare(
        `INSERT INTO psx_country_overrides (reseller_id, country_id, margin_percent) VALUES (?, ?, ?)
         ON CONFLICT (reseller_id, country_id) DO UPDATE SET margin_percent = excluded.margin_percent`,
      ).run(resellerId, body.countryId, body.marginPercent);
      return pricebookJson(resellerId);
    });
  });
  app.delete('/reseller/pricebook/country-override/:countryId', access(['billing:write']), async (request, reply) => {
    const { resellerId } = authOf(request);
    const { countryId } = request.params as { countryId: string };
    return mutate(ctx, request, reply, 200, () => {
      const r = db.prepare('DELETE FROM psx_country_overrides WHERE reseller_id = ? AND country_id = ?').run(resellerId, countryId);
      if (r.changes === 0) throw notFound(`No country override for ${countryId}`);
      return pricebookJson(resellerId);
    });
  });

  app.post('/reseller/pricebook/customer-discount', access(['billing:write', 'customers:write']), async (request, reply) => {
    const body = parseInput(discountBody, request.body);
    const { resellerId } = authOf(request);
    if (!db.prepare('SELECT 1 FROM psx_customers WHERE id = ? AND reseller_id = ?').get(body.customerId, resellerId)) {
      throw notFound(`Customer ${body.customerId} not found`);
    }
    return mutate(ctx, request, reply, 201, () => {
      db.prepare(
        `INSERT INTO psx_customer_discounts (reseller_id, customer_id, discount_percent) VALUES (?, ?, ?)
         ON CONFLICT (reseller_id, customer_id) DO UPDATE SET discount_percent = excluded.discount_percent`,
      ).run(resellerId, body.customerId, body.discountPercent);
      return pricebookJson(resellerId);
    });
  });

  app.post('/reseller/pricebook/calculate', access(['billing:read']), async (request) => {
    const body = parseInput(calculateInput, request.body);
    const { resellerId } = authOf(request);
    const country = body.countryId
      ? (db.prepare('SELECT code FROM psx_countries WHERE id = ?').get(body.countryId) as { code: string } | undefined)
      : undefined;
    const quantityMilli = body.type === 'port' ? BigInt(body.days!) * 1000n : parseDecimal(body.gb!, 3);
    const r = calculatePrice(loadPricebook(db, resellerId), {
      type: body.type,
      basePriceMicros: parseDecimal(body.basePrice, 6),
      quantityMilli,
      countryMarginPercent: countryOverride(db, resellerId, body.countryId),
      countryLabel: country?.code ?? null,
      customerDiscountPercent: customerDiscount(db, resellerId, body.customerId),
    });
    return {
      basePrice: money(r.baseCents),
      resellerPrice: money(r.resellerCents),
      marginAmount: money(r.marginCents),
      marginPercent: decimal(r.marginPercent),
      appliedRules: r.appliedRules,
    };
  });
}
