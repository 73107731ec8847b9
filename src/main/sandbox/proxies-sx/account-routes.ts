import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issueToken, jwtSecret, PSX_SCOPES, sha256, verifyPassword, authOf } from './auth';
import { LOW_BALANCE_CENTS, resellerBalance } from './balance';
import { access, mutate, type PsxCtx } from './context';
import { PsxError } from './http-error';
import { objectId, randomToken } from './ids';
import { iso, money } from './json';
import { transactionJson, type TransactionRow } from './model';
import { objectIdField, parseInput, queryInt } from './validation';

const signinBody = z.strictObject({
  email: z.string({ error: 'email must be a string' }).trim().min(1, { error: 'email should not be empty' }),
  password: z.string({ error: 'password must be a string' }).min(1, { error: 'password should not be empty' }),
});

const apiKeyBody = z.strictObject({
  name: z.string({ error: 'name must be a string' }).trim().min(1, { error: 'name should not be empty' }).max(100, { error: 'name must be at most 100 characters' }),
  scopes: z
    .array(z.enum(PSX_SCOPES, { error: `each value in scopes must be one of: ${PSX_SCOPES.join(', ')}` }), { error: 'scopes must be an array' })
    .min(1, { error: 'scopes should not be empty' }),
});

const transactionsQuery = z.strictObject({
  limit: queryInt('limit', 1, 100).optional(),
  skip: queryInt('skip', 0, 10_000_000).optional(),
  type: z.enum(['deposit', 'topup', 'port_purchase', 'port_extend'], { error: 'type must be one of: deposit, topup, port_purchase, port_extend' }).optional(),
  customerId: objectIdField('customerId').optional(),
});

interface ResellerRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  balance_cents: number;
  created_at: number;
}

export function registerAccountRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db, clock } = ctx;
  const secret = jwtSecret(db);
  const userJson = (r: ResellerRow) => ({ _id: r.id, email: r.email, name: r.name, role: 'reseller', balance: money(r.balance_cents), createdAt: iso(r.created_at) });

  app.post('/login/signin', access([], 'public'), async (request, reply) => {
    const body = parseInput(signinBody, request.body);
    const r = db.prepare('SELECT * FROM psx_resellers WHERE email = ?').get(body.email) as ResellerRow | undefined;
    if (!r || !verifyPassword(body.password, r.password_hash)) throw new PsxError(401, 'Invalid email or password', 'INVALID_CREDENTIALS');
    const { token, expiresAt } = issueToken(secret, r, clock.now());
    return reply.code(200).send({ token, access_token: token, expiresAt, user: userJson(r) });
  });

  app.post('/api-keys', access([], 'bearer'), async (request, reply) => {
    const body = parseInput(apiKeyBody, request.body);
    const { resellerId } = authOf(request);
    const key = `psx_${randomToken(40, '0123456789abcdef')}`;
    const scopes = [...new Set(body.scopes)];
    return mutate(ctx, request, reply, 201, () => {
      const id = objectId(clock.now());
      db.prepare('INSERT INTO psx_api_keys (id, reseller_id, name, key_hash, key_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id, resellerId, body.name, sha256(key), key.slice(0, 8), JSON.stringify(scopes), clock.now(),
      );
      return { apiKey: key, keyInfo: { _id: id, name: body.name, scopes, keyPrefix: key.slice(0, 8), lastFour: key.slice(-4), createdAt: clock.nowIso() } };
    });
  });

  app.get('/api-keys', access([], 'bearer'), async (request) => {
    const { resellerId } = authOf(request);
    const rows = db.prepare('SELECT id, name, scopes, key_prefix, created_at, last_used_at FROM psx_api_keys WHERE reseller_id = ? ORDER BY created_at').all(resellerId) as {
      id: string; name: string; scopes: string; key_prefix: string; created_at: number; last_used_at: number | null;
    }[];
    return rows.map((k) => ({ _id: k.id, name: k.name, scopes: JSON.parse(k.scopes) as string[], keyPrefix: k.key_prefix, createdAt: iso(k.created_at), lastUsedAt: iso(k.last_used_at) }));
  });

  const balanceBody = (resellerId: string) => {
    const cents = resellerBalance(db, resellerId);
    return { balance: money(cents), currency: 'USD', lowBalanceThreshold: money(LOW_BALANCE_CENTS), isLow: cents < LOW_BALANCE_CENTS };
  };
  app.get('/reseller/balance', access(['billing:read']), async (request) => balanceBody(authOf(request).resellerId));
  app.get('/reseller/account', access(['billing:read']), async (request) => {
    const { resellerId } = authOf(request);
    const r = db.prepare('SELECT * FROM psx_resellers WHERE id = ?').get(resellerId) as ResellerRow;
    const counts = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM psx_customers WHERE reseller_id = @id) AS customers,
                (SELECT COUNT(*) FROM psx_ports WHERE reseller_id = @id AND status = 'active') AS activePorts`,
      )
      .get({ id: resellerId }) as { customers: number; activePorts: number };
    return { ...userJson(r), ...balanceBody(resellerId), stats: counts };
  });

  app.get('/reseller/transactions', access(['billing:read']), async (request) => {
    const { resellerId } = authOf(request);
    const q = parseInput(transactionsQuery, request.query);
    const limit = q.limit ?? 20;
    const skip = q.skip ?? 0;
    const where = ['reseller_id = @resellerId'];
    if (q.type) where.push('type = @type');
    if (q.customerId) where.push('customer_id = @customerId');
    const params = { resellerId, type: q.type ?? null, customerId: q.customerId ?? null, limit, skip };
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM psx_transactions WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(`SELECT * FROM psx_transactions WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit OFFSET @skip`)
      .all(params) as TransactionRow[];
    return { transactions: rows.map(transactionJson), total, limit, skip };
  });
}
