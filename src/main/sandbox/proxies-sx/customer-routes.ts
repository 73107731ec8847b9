import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authOf } from './auth';
import { formatUsd, moveBalance, requireBalance } from './balance';
import { access, mutate, type PsxCtx } from './context';
import { ownCustomer } from './customer-store';
import { PsxError } from './http-error';
import { objectId } from './ids';
import { money } from './json';
import { customerJson, type CustomerRow } from './model';
import { amountCents, decimalText, optionalText, parseInput, queryInt } from './validation';

const email = z
  .string({ error: 'email must be a string' })
  .trim()
  .max(254, { error: 'email must be at most 254 characters' })
  .pipe(z.email({ error: 'email must be an email' }));
const name = z.string({ error: 'name must be a string' }).trim().min(1, { error: 'name should not be empty' }).max(200, { error: 'name must be at most 200 characters' });
const slots = z
  .number({ error: 'allocatedPortSlots must be a number' })
  .int({ error: 'allocatedPortSlots must be an integer' })
  .min(0, { error: 'allocatedPortSlots must not be less than 0' })
  .max(100_000, { error: 'allocatedPortSlots must not be greater than 100000' });
const trafficGb = decimalText('allocatedTrafficGB', { min: 0, max: 1_000_000, digits: 3 });

const createBody = z.strictObject({
  email,
  name,
  company: optionalText('company', 200).nullable().optional(),
  allocatedPortSlots: slots.optional(),
  allocatedTrafficGB: trafficGb.optional(),
  externalId: optionalText('externalId', 200).nullable().optional(),
  initialBalance: amountCents('initialBalance').optional(),
});

const updateBody = z
  .strictObject({
    email: email.optional(),
    name: name.optional(),
    company: optionalText('company', 200).nullable().optional(),
    allocatedPortSlots: slots.optional(),
    allocatedTrafficGB: trafficGb.optional(),
    externalId: optionalText('externalId', 200).nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    error: 'Nothing to update: send at least one of email, name, company, allocatedPortSlots, allocatedTrafficGB, externalId',
  });

const topupBody = z.strictObject({
  amount: amountCents('amount', { positive: true }),
  description: optionalText('description', 500).optional(),
  referenceId: optionalText('referenceId', 200).optional(),
});

const listQuery = z.strictObject({
  status: z.enum(['active', 'suspended'], { error: 'status must be one of: active, suspended' }).optional(),
  search: z.string().max(200, { error: 'search must be at most 200 characters' }).optional(),
  externalId: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
  limit: queryInt('limit', 1, 100).optional(),
  skip: queryInt('skip', 0, 10_000_000).optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
});

function emailTaken(e: string): PsxError {
  return new PsxError(409, `A customer with email ${e} already exists`, 'EMAIL_TAKEN');
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function registerCustomerRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db, clock } = ctx;
  const byEmail = db.prepare('SELECT id FROM psx_customers WHERE reseller_id = ? AND email = ?');

  app.post('/reseller/customers', access(['customers:write']), async (request, reply) => {
    const body = parseInput(createBody, request.body);
    const { resellerId } = authOf(request);
    return mutate(ctx, request, reply, 201, (events) => {
      if (byEmail.get(resellerId, body.email)) throw emailTaken(body.email);
      const initial = body.initialBalance ?? 0;
      if (initial > 0) requireBalance(db, resellerId, initial, `An initial balance of ${formatUsd(initial)}`);
      const now = clock.now();
      const id = objectId(now);
      db.prepare(
        `INSERT INTO psx_customers (id, reseller_id, email, name, company, external_id, allocated_port_slots, used_port_slots, allocated_traffic_gb, balance_cents, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'active', ?, ?)`,
      ).run(id, resellerId, body.email, body.name, body.company ?? null, body.externalId ?? null, body.allocatedPortSlots ?? 0, body.allocatedTrafficGB ?? '0', initial, now, now);
      if (initial > 0) {
        moveBalance(db, resellerId, { type: 'topup', amountCents: -initial, description: `Initial balance for ${body.email}`, customerId: id }, now, events);
      }
      return customerJson(ownCustomer(db, resellerId, id));
    });
  });

  app.get('/reseller/customers', access(['customers:read']), async (request) => {
    const { resellerId } = authOf(request);
    const q = parseInput(listQuery, request.query);
    const limit = q.limit ?? 20;
    const skip = q.skip ?? 0;
    const where = ['reseller_id = @resellerId'];
    if (q.status) where.push('status = @status');
    if (q.externalId) where.push('external_id = @externalId');
    if (q.email) where.push('email = @email');
    if (q.search && q.search.trim() !== '') {
      where.push(`(email LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\' OR company LIKE @like ESCAPE '\\' OR external_id LIKE @like ESCAPE '\\')`);
    }
    const params = {
      resellerId,
      status: q.status ?? null,
      externalId: q.externalId ?? null,
      email: q.email ?? null,
      like: `%${likeEscape((q.search ?? '').trim())}%`,
      limit,
      skip,
    };
    const sql = where.join(' AND ');
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM psx_customers WHERE ${sql}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(`SELECT * FROM psx_customers WHERE ${sql} ORDER BY seq ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT @limit OFFSET @skip`)
      .all(params) as CustomerRow[];
    return { customers: rows.map(customerJson), total, limit, skip };
  });

  app.get('/reseller/customers/:id', access(['customers:read']), async (request) => {
    const { resellerId } = authOf(request);
    return customerJson(ownCustomer(db, resellerId, (request.params as { id: string }).id));
  });

  const update = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = parseInput(updateBody, request.body);
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    return mutate(ctx, request, reply, 200, () => {
      const c = ownCustomer(db, resellerId, id);
      if (body.email !== undefined && body.email.toLowerCase() !== c.email.toLowerCase() && byEmail.get(resellerId, body.email)) throw emailTaken(body.email);
      db.prepare(
        `UPDATE psx_customers SET email = ?, name = ?, company = ?, external_id = ?, allocated_port_slots = ?, allocated_traffic_gb = ?, updated_at = ?
         WHERE id = ?`,
      ).run(
        body.email ?? c.email,
        body.name ?? c.name,
        body.company !== undefined ? body.company : c.company,
        body.externalId !== undefined ? body.externalId : c.external_id,
        body.allocatedPortSlots ?? c.allocated_port_slots,
        body.allocatedTrafficGB ?? c.allocated_traffic_gb,
        clock.now(),
        id,
      );
      return customerJson(ownCustomer(db, resellerId, id));
    });
  };
  app.patch('/reseller/customers/:id', access(['customers:write']), update);
  app.put('/reseller/customers/:id', access(['customers:write']), update);

  const setStatus = (to: 'active' | 'suspended') => async (request: FastifyRequest, reply: FastifyReply) => {
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    return mutate(ctx, request, reply, 200, () => {
      ownCustomer(db, resellerId, id);
      const now = clock.now();
      db.prepare('UPDATE psx_customers SET status = ?, updated_at = ? WHERE id = ?').run(to, now, id);
      // A suspended customer's proxies stop working; they run again on reactivation if not expired.
      if (to === 'suspended') {
        db.prepare(`UPDATE psx_ports SET status = 'suspended', updated_at = ? WHERE customer_id = ? AND status = 'active'`).run(now, id);
      } else {
        db.prepare(`UPDATE psx_ports SET status = 'active', updated_at = ? WHERE customer_id = ? AND status = 'suspended' AND expires_at > ?`).run(now, id, now);
      }
      return customerJson(ownCustomer(db, resellerId, id));
    });
  };
  app.post('/reseller/customers/:id/suspend', access(['customers:write']), setStatus('suspended'));
  app.post('/reseller/customers/:id/reactivate', access(['customers:write']), setStatus('active'));
  app.post('/reseller/customers/:id/activate', access(['customers:write']), setStatus('active'));

  app.post('/reseller/customers/:id/topup', access(['customers:write', 'billing:write']), async (request, reply) => {
    const body = parseInput(topupBody, request.body);
    const { resellerId } = authOf(request);
    const id = (request.params as { id: string }).id;
    return mutate(ctx, request, reply, 200, (events) => {
      const c = ownCustomer(db, resellerId, id);
      requireBalance(db, resellerId, body.amount, `A top-up of ${formatUsd(body.amount)}`);
      const now = clock.now();
      const tx = moveBalance(
        db,
        resellerId,
        { type: 'topup', amountCents: -body.amount, description: body.description || `Top-up for ${c.email}`, referenceId: body.referenceId ?? null, customerId: id },
        now,
        events,
      );
      db.prepare('UPDATE psx_customers SET balance_cents = balance_cents + ?, updated_at = ? WHERE id = ?').run(body.amount, now, id);
      const after = ownCustomer(db, resellerId, id);
      return {
        success: true,
        transactionId: tx.id,
        amount: money(body.amount),
        resellerBalance: money(tx.balance_after_cents),
        customerBalance: money(after.balance_cents),
        customer: customerJson(after),
      };
    });
  });
}
