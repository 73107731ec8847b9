import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authOf } from './auth';
import { formatUsd, moveBalance, requireBalance } from './balance';
import { access, mutate, type PsxCtx } from './context';
import { ownCustomer } from './customer-store';
import { badRequest, notFound, PsxError } from './http-error';
import { objectId, randomToken } from './ids';
import { portJson, pricingJson, type PortRow } from './model';
import { countryOverride, customerDiscount, loadPricebook } from './pricebook-store';
import { calculatePrice } from './pricing';
import { allocateGatewayPorts, DAY_MS, EXPIRING_NOTICE_MS, newDevice, ownPort, PORT_DAY_MICROS } from './port-store';
import { objectIdField, parseInput, queryInt } from './validation';

const days = z
  .number({ error: 'days must be a number' })
  .int({ error: 'days must be an integer' })
  .min(1, { error: 'days must not be less than 1' })
  .max(365, { error: 'days must not be greater than 365' });

const createBody = z.strictObject({
  customerId: objectIdField('customerId'),
  countryId: objectIdField('countryId'),
  cityId: objectIdField('cityId').nullable().optional(),
  carrierId: objectIdField('carrierId').nullable().optional(),
  days,
  exclusive: z.boolean({ error: 'exclusive must be a boolean value' }).optional(),
  isPrivate: z.boolean({ error: 'isPrivate must be a boolean value' }).optional(),
});

const extendBody = z.strictObject({ days });

const statusEnum = z.enum(['active', 'suspended', 'expired'], { error: 'status must be one of: active, suspended, expired' });
const listQuery = z.strictObject({
  customerId: objectIdField('customerId').optional(),
  status: statusEnum.optional(),
  countryId: objectIdField('countryId').optional(),
  carrierId: objectIdField('carrierId').optional(),
  type: z.enum(['shared', 'private'], { error: 'type must be one of: shared, private' }).optional(),
  limit: queryInt('limit', 1, 100).optional(),
  skip: queryInt('skip', 0, 10_000_000).optional(),
  page: queryInt('page', 1, 1_000_000).optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
});

interface CountryRow {
  id: string;
  code: string;
  name: string;
  free_device_count: number;
  server_ip: string;
}

export function registerPortRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db, clock } = ctx;

  const priceFor = (resellerId: string, type: 'shared' | 'private', countryId: string, customerId: string, nDays: number, countryCode: string) => {
    const cost = Number(PORT_DAY_MICROS[type] / 10_000n) * nDays;
    const r = calculatePrice(loadPricebook(db, resellerId), {
      type: 'port',
      basePriceMicros: PORT_DAY_MICROS[type],
      quantityMilli: BigInt(nDays) * 1000n,
      countryMarginPercent: countryOverride(db, resellerId, countryId),
      countryLabel: countryCode,
      customerDiscountPercent: customerDiscount(db, resellerId, customerId),
    });
    return { cost, price: r.resellerCents };
  };

  app.post('/reseller/ports', access(['ports:write']), async (request, reply) => {
    const body = parseInput(createBody, request.body);
    const { resellerId } = authOf(request);

    // 1. The customer is this reseller's and active.
    const customer = ownCustomer(db, resellerId, body.customerId);
    if (customer.status !== 'active') {
      throw new PsxError(400, `Customer ${customer.email} is ${customer.status}: reactivate the customer before creating proxies`, 'CUSTOMER_NOT_ACTIVE');
    }
    const country = db.prepare('SELECT * FROM psx_countries WHERE id = ?').get(body.countryId) as CountryRow | undefined;
    if (!country) throw notFound(`Country ${body.countryId} not found`);
    if (body.cityId && !db.prepare('SELECT 1 FROM psx_cities WHERE id = ? AND country_id = ?').get(body.cityId, country.id)) {
      throw badRequest(`City ${body.cityId} is not in ${country.name}`, 'INVALID_CITY');
    }
    const carrier = body.carrierId
      ? (db.prepare('SELECT id, name, free_device_count FROM psx_carriers WHERE id = ? AND country_id = ?').get(body.carrierId, country.id) as
          | { id: string; name: string; free_device_count: number }
          | undefined)
      : undefined;
    if (body.carrierId && !carrier) throw badRequest(`Carrier ${body.carrierId} is not in ${country.name}`, 'INVALID_CARRIER');

    // 2. A free port slot.
    if (customer.used_port_slots >= customer.allocated_port_slots) {
      ctx.emit([
        {
          resellerId,
          event: 'customer.quota_exceeded',
          data: { customerId: customer.id, email: customer.email, allocatedPortSlots: customer.allocated_port_slots, usedPortSlots: customer.used_port_slots },
        },
      ]);
      throw new PsxError(
        403,
        `Customer ${customer.email} has no free port slots (${customer.used_port_slots} of ${customer.allocated_port_slots} used). Raise allocatedPortSlots or wait for a port to expire.`,
        'QUOTA_EXCEEDED',
      );
    }

    // 3. The reseller's balance covers basePrice × days.
    const type = body.isPrivate ? 'private' : 'shared';
    const { cost, price } = priceFor(resellerId, type, country.id, customer.id, body.days, country.code);
    requireBalance(db, resellerId, cost, `A ${body.days}-day ${type} port (${formatUsd(cost)})`);

    // 4. A free device in the country (and carrier, if one was asked for).
    if (country.free_device_count <= 0 || (carrier && carrier.free_device_count <= 0)) {
      throw new PsxError(409, `No free devices in ${carrier ? `${carrier.name}, ` : ''}${country.name} right now: choose another country or carrier`, 'NO_DEVICES_AVAILABLE');
    }
    const chosenCarrier =
      carrier ??
      (db.prepare('SELECT id, name, free_device_count FROM psx_carriers WHERE country_id = ? AND free_device_count > 0 ORDER BY free_device_count DESC, id LIMIT 1').get(country.id) as
        | { id: string; name: string; free_device_count: number }
        | undefined);

    return mutate(ctx, request, reply, 201, (events) => {
      const now = clock.now();
      const id = objectId(now);
      const gw = allocateGatewayPorts(db);
      const device = newDevice(country.code);
      db.prepare(
        `INSERT INTO psx_ports (id, reseller_id, customer_id, country_id, city_id, carrier_id, display_name, http_port, socks_port, proxy_login, proxy_password,
           server_ip, device_id, current_ip, type, exclusive, status, days, cost_cents, price_cents, created_at, updated_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
      ).run(
        id, resellerId, customer.id, country.id, body.cityId ?? null, chosenCarrier?.id ?? null, `psx_${randomToken(3)}_${randomToken(3)}`, gw.http, gw.socks,
        `user${randomToken(6)}`, randomToken(12), country.server_ip, device.deviceId, device.ip, type, body.exclusive ? 1 : 0, body.days, cost, price, now, now,
        now + body.days * DAY_MS,
      );
      db.prepare('UPDATE psx_customers SET used_port_slots = used_port_slots + 1, updated_at = ? WHERE id = ?').run(now, customer.id);
      db.prepare('UPDATE psx_countries SET free_device_count = free_device_count - 1 WHERE id = ?').run(country.id);
      if (chosenCarrier) db.prepare('UPDATE psx_carriers SET free_device_count = MAX(free_device_count - 1, 0) WHERE id = ?').run(chosenCarrier.id);
      moveBalance(
        db,
        resellerId,
        { type: 'port_purchase', amountCents: -cost, description: `${body.days}-day ${type} port in ${country.name} for ${customer.email}`, customerId: customer.id, portId: id },
        now,
        events,
      );
      const port = portJson(ownPort(db, resellerId, id));
      const pricing = pricingJson(cost, price);
      events.push({ resellerId, event: 'port.created', data: { port, customerId: customer.id, pricing } });
      return { port, pricing };
    });
  });

  const listPorts = (request: FastifyRequest) => {
    const { resellerId } = authOf(request);
    const q = parseInput(listQuery, request.query);
    const limit = q.limit ?? 20;
    const skip = q.page !== undefined ? (q.page - 1) * limit : (q.skip ?? 0);
    const where = ['reseller_id = @resellerId'];
    if (q.customerId) where.push('customer_id = @customerId');
    if (q.status) where.push('status = @status');
    if (q.countryId) where.push('country_id = @countryId');
    if (q.carrierId) where.push('carrier_id = @carrierId');
    if (q.type) where.push('type = @type');
    const params = { resellerId, customerId: q.customerId ?? null, status: q.status ?? null, countryId: q.countryId ?? null, carrierId: q.carrierId ?? null, type: q.type ?? null, limit, skip };
    const sql = where.join(' AND ');
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM psx_ports WHERE ${sql}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(`SELECT * FROM psx_ports WHERE ${sql} ORDER BY seq ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT @limit OFFSET @skip`)
      .all(params) as PortRow[];
    return { ports: rows.map(portJson), total, limit, skip, page: Math.floor(skip / limit) + 1, pages: Math.ceil(total / limit) };
  };
  app.get('/reseller/ports', access(['ports:read']), async (request) => listPorts(request));
  app.get('/ports', access(['ports:read']), async (request) => listPorts(request));

  const getPort = async (request: FastifyRequest) => portJson(ownPort(db, authOf(request).resellerId, (request.params as { id: string }).id));
  app.get('/reseller/ports/:id', access(['ports:read']), getPort);
  app.get('/ports/:id', access(['ports:read']), getPort);

  const canRotate = (p: PortRow): string | null =>
    p.status === 'expired' ? 'The port has expired' : p.status === 'suspended' ? 'The port is suspended (its customer is suspended)' : null;

  app.get('/ports/:id/can-rotate', access(['ports:read']), async (request) => {
    const p = ownPort(db, authOf(request).resellerId, (request.params as { id: string }).id);
    const reason = canRotate(p);
    return { canRotate: reason === null, ...(reason ? { reason } : {}) };
  });

  const rotate = async (request: FastifyRequest, reply: FastifyReply) => {
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    const p = ownPort(db, resellerId, id);
    const reason = canRotate(p);
    if (reason) throw new PsxError(400, `${reason}: it cannot be rotated`, 'PORT_NOT_ACTIVE');
    const code = (db.prepare('SELECT code FROM psx_countries WHERE id = ?').get(p.country_id) as { code: string } | undefined)?.code ?? '';
    return mutate(ctx, request, reply, 200, (events) => {
      const now = clock.now();
      const device = newDevice(code);
      db.prepare('UPDATE psx_ports SET device_id = ?, current_ip = ?, rotation_count = rotation_count + 1, last_rotated_at = ?, updated_at = ? WHERE id = ?').run(
        device.deviceId, device.ip, now, now, id,
      );
      const port = portJson(ownPort(db, resellerId, id));
      const result = { success: true, port, previousIp: p.current_ip, newIp: device.ip, rotatedAt: now };
      events.push({ resellerId, event: 'port.rotated', data: { port, previousIp: p.current_ip, newIp: device.ip } });
      return result;
    });
  };
  app.post('/reseller/ports/:id/rotate', access(['ports:rotate', 'ports:write']), rotate);
  app.post('/ports/:id/rotate', access(['ports:rotate', 'ports:write']), rotate);

  app.post('/reseller/ports/:id/extend', access(['ports:write']), async (request, reply) => {
    const body = parseInput(extendBody, request.body);
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    const p = ownPort(db, resellerId, id);
    if (p.status === 'expired') throw new PsxError(400, 'The port has expired and its device was released: create a new port instead', 'PORT_EXPIRED');
    const country = db.prepare('SELECT code, name FROM psx_countries WHERE id = ?').get(p.country_id) as { code: string; name: string };
    const { cost, price } = priceFor(resellerId, p.type, p.country_id, p.customer_id, body.days, country.code);
    requireBalance(db, resellerId, cost, `Extending by ${body.days} days (${formatUsd(cost)})`);
    return mutate(ctx, request, reply, 200, (events) => {
      const now = clock.now();
      const expires = p.expires_at + body.days * DAY_MS;
      db.prepare(
        `UPDATE psx_ports SET days = days + ?, cost_cents = cost_cents + ?, price_cents = price_cents + ?, expires_at = ?,
           expiring_notified = CASE WHEN ? - ? > ? THEN 0 ELSE expiring_notified END, updated_at = ? WHERE id = ?`,
      ).run(body.days, cost, price, expires, expires, now, EXPIRING_NOTICE_MS, now, id);
      moveBalance(
        db,
        resellerId,
        { type: 'port_extend', amountCents: -cost, description: `Extended port ${p.display_name} by ${body.days} days`, customerId: p.customer_id, portId: id },
        now,
        events,
      );
      return { port: portJson(ownPort(db, resellerId, id)), pricing: pricingJson(cost, price) };
    });
  });
}
