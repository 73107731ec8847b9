import type { FastifyInstance } from 'fastify';
import { resellerOf } from '../auth';
import type { RouteContext } from '../context';
import { bodyObject, optionalEnum, optionalInt, optionalString, requiredAmount, requiredEmail, requiredEnum, requiredInt } from '../input';
import { changeUserBalance, createUser, loadUser, MAX_GB_PER_ORDER, packageCount, purchasePackage } from '../operations';
import { PROXY_TYPES } from '../pricing';
import { sql, type PackageRow, type UserRow } from '../rows';
import { packageView, pagination, userView } from '../views';

type UserListRow = UserRow & { package_count: number };

/** LIKE pattern for a substring, with the wildcards of the search text escaped. */
const likePattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function userRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  app.get('/users', async (request) => {
    const r = resellerOf(request);
    const q = request.query as Record<string, unknown>;
    const page = optionalInt(q, 'page', 1, 1, 1_000_000);
    const limit = optionalInt(q, 'limit', 20, 1, 100);
    const search = optionalString(q, 'search', 254);
    const where = search ? "reseller_id = ? AND (name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')" : 'reseller_id = ?';
    const args: string[] = search ? [r.id, likePattern(search), likePattern(search)] : [r.id];
    const total = (sql(db, `SELECT COUNT(*) AS n FROM wzx_users WHERE ${where}`).get(...args) as { n: number }).n;
    // Oldest first: a client paging through while users are added sees new ones at the end.
    const rows = sql(
      db,
      `SELECT u.*, (SELECT COUNT(*) FROM wzx_packages p WHERE p.user_id = u.id) AS package_count
       FROM wzx_users u WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`,
    ).all(...args, limit, (page - 1) * limit) as UserListRow[];
    return ctx.ok({ users: rows.map((u) => userView(u, u.package_count)), pagination: pagination(total, page, limit) });
  });

  app.post('/users', async (request, reply) => {
    const r = resellerOf(request);
    const body = bodyObject(request.body);
    const email = requiredEmail(body, 'email');
    const name = optionalString(body, 'name', 100);
    optionalString(body, 'note', 500); // accepted and validated, never stored (as documented)
    return ctx.mutate(request, reply, 201, (now) => createUser(db, now, r.id, { email, ...(name !== undefined ? { name } : {}) }));
  });

  app.get('/users/:id', async (request) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const u = loadUser(db, r.id, id);
    return ctx.ok(userView(u, packageCount(db, u.id)));
  });

  // Extension: the packages of one sub-user, newest first (the seed lists no such route).
  app.get('/users/:id/packages', async (request) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const u = loadUser(db, r.id, id);
    const q = request.query as Record<string, unknown>;
    const page = optionalInt(q, 'page', 1, 1, 1_000_000);
    const limit = optionalInt(q, 'limit', 20, 1, 100);
    const total = packageCount(db, u.id);
    const rows = sql(db, 'SELECT * FROM wzx_packages WHERE user_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?').all(
      u.id,
      limit,
      (page - 1) * limit,
    ) as PackageRow[];
    return ctx.ok({ packages: rows.map(packageView), pagination: pagination(total, page, limit) });
  });

  app.post('/users/:id/balance', async (request, reply) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const body = bodyObject(request.body);
    const action = requiredEnum(body, 'action', ['add', 'deduct'] as const);
    const cents = requiredAmount(body, 'amount');
    const note = optionalString(body, 'note', 500);
    return ctx.mutate(request, reply, 200, (now) =>
      changeUserBalance(db, now, r.id, id, { action, cents, ...(note !== undefined ? { note } : {}) }),
    );
  });

}

/** POST /users/:id/packages: registered on the scope that carries the tighter per-key limit. */
export function purchaseRoute(heavy: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;
  heavy.post('/users/:id/packages', async (request, reply) => {
    const r = resellerOf(request);
    const { id } = request.params as { id: string };
    const body = bodyObject(request.body);
    const gb = requiredInt(body, 'gb', 1, MAX_GB_PER_ORDER);
    const proxyType = optionalEnum(body, 'proxy_type', PROXY_TYPES, 'residential');
    return ctx.mutate(request, reply, 201, (now) => purchasePackage(db, now, r.id, id, { gb, proxyType }));
  });
}
