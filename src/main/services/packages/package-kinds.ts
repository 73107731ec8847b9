import type { SaleSummary } from '../../../shared/contract/operations';
import type { Micros, Minor } from '../../../shared/money';
import { prepare } from '../../ledger/sql';
import type { ProxyType, UpstreamPackage } from '../../providers/types';
import { postSale, type AgreedPrice } from '../operations/post-sale';
import { factKeys } from '../events/fact-keys';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Provider } from '../../providers/types';
import type { LookupResult, OperationKind, OperationRecord } from '../operations/types';
import { customerEmail, refTag, requireUpstreamCustomer, taggedByApp, taggedWith, transactionsSince } from '../operations/upstream-reads';
import { upsertPackageRow } from './package-rows';

/**
 * Whozex package purchases. The upstream takes the cost from the customer's sub-balance,
 * so the sale's cost leg is `upstream:<acct>:sub:<cust>`.
 *
 * A lost answer is settled by looking in documented reads (issue 15):
 * - a new package: a `purchase` in `GET /account/transactions` for this sub-user whose
 *   package the books do not know (then `GET /packages/:id`); none, and the sub-user's
 *   package count in `GET /users` unchanged since just before → it did not land;
 * - add GB: the `note` (documented to appear in the transaction log) carries the
 *   operation's key; no tagged entry and nothing that could be it → it did not land.
 * Anything short of proof waits for the reseller (needs review).
 */

export interface PurchaseAnswer {
  pkg: UpstreamPackage;
  cost: Minor;
  pricePerGbMicros: Micros | null;
  customerBalanceAfter: Minor | null;
  requestId: string | null;
}

export interface PackageLocal {
  serviceId: string;
  sale: SaleSummary | null;
}

export interface CreatePackageRequest {
  upstreamCustomerId: string;
  gb: number;
  proxyType: ProxyType;
  agreed: AgreedPrice;
}

const packageInBooks = (sqlite: Database.Database, accountId: string, packageId: string) =>
  prepare(sqlite, "SELECT 1 FROM services WHERE provider_account_id = ? AND kind = 'package' AND upstream_id = ?").get(accountId, packageId) !== undefined;

interface PackageBaseline {
  email: string | null;
  packageCount: number | null;
}

async function purchased(provider: Provider, packageId: string, cost: Minor): Promise<PurchaseAnswer> {
  const pkg = await provider.getPackage(packageId);
  return { pkg, cost, pricePerGbMicros: null, customerBalanceAfter: null, requestId: null };
}

async function findCreatedPackage(provider: Provider, op: OperationRecord<CreatePackageRequest>, sqlite: Database.Database): Promise<LookupResult<PurchaseAnswer>> {
  const r = op.request;
  const txs = (await transactionsSince(provider, op.createdAt, 'purchase')).filter((t) => t.type === 'purchase' && t.customerId === r.upstreamCustomerId);
  const unbooked = txs.filter((t) => !t.packageId || !packageInBooks(sqlite, op.accountId, t.packageId));
  if (unbooked.length === 1 && unbooked[0]!.packageId) return { status: 'found', result: await purchased(provider, unbooked[0]!.packageId, Math.abs(unbooked[0]!.amount)) };
  if (unbooked.length > 0) return { status: 'unknown', facts: { purchases: unbooked.map((t) => ({ id: t.id, packageId: t.packageId ?? null, amount: t.amount })) } };
  const before = op.baseline as PackageBaseline | null;
  if (!before || before.packageCount === null) return { status: 'absent' };
  const now = await requireUpstreamCustomer(provider, r.upstreamCustomerId, before.email);
  if (now.packageCount === before.packageCount) return { status: 'absent' };
  return { status: 'unknown', facts: { packageCountBefore: before.packageCount, packageCountNow: now.packageCount } };
}

export const createPackageKind: OperationKind<CreatePackageRequest, PurchaseAnswer, PackageLocal> = {
  kind: 'package.create',
  charge: 'package',
  async baseline(provider, r, ctx): Promise<PackageBaseline> {
    const email = customerEmail(ctx.sqlite, ctx.customerId);
    const c = await requireUpstreamCustomer(provider, r.upstreamCustomerId, email);
    return { email, packageCount: c.packageCount };
  },
  lookup: findCreatedPackage,
  async landed(provider, op, sqlite, upstreamId) {
    if (upstreamId) return purchased(provider, upstreamId, op.request.agreed.quotedCost);
    const found = await findCreatedPackage(provider, op, sqlite);
    if (found.status === 'found') return found.result;
    throw new AppError('INVALID_INPUT', 'Say which package it created: give its package id (PKG-…) from the Whozex dashboard.', { field: 'upstreamId' });
  },
  describe: (r) => `${r.gb} GB ${r.proxyType} package`,
  async execute(provider, r, { idempotencyKey }) {
    const p = await provider.createPackage({ customerId: r.upstreamCustomerId, gb: r.gb, proxyType: r.proxyType }, { idempotencyKey });
    return { pkg: p.package, cost: p.cost, pricePerGbMicros: p.pricePerGbMicros, customerBalanceAfter: p.customerBalanceAfter, requestId: p.requestId };
  },
  apply(sqlite, op, res, now) {
    const serviceId = upsertPackageRow(sqlite, { customerId: op.customerId!, accountId: op.accountId, pkg: res.pkg }, now);
    const sale = postSale(
      sqlite,
      { agreed: op.request.agreed, actualCost: res.cost, customerId: op.customerId!, accountId: op.accountId, serviceId, costFrom: 'sub-balance', operationId: op.id, unit: 'GB' },
      now,
    );
    return { serviceId, sale };
  },
  fact: (op, res) => ({
    type: 'package.created',
    subject: `package:${res.pkg.id}`,
    factKey: factKeys.packageCreated(op.accountId, res.pkg.id),
    payload: {
      packageId: res.pkg.id,
      customerUpstreamId: op.request.upstreamCustomerId,
      totalGbMilli: res.pkg.totalGbMilli,
      usedGbMilli: res.pkg.usedGbMilli,
      cost: res.cost,
      proxyType: res.pkg.proxyType,
      operationId: op.id,
    },
  }),
};

export interface AddGbRequest {
  serviceId: string;
  upstreamPackageId: string;
  gb: number;
  agreed: AgreedPrice;
}

export const addGbKind: OperationKind<AddGbRequest, PurchaseAnswer, PackageLocal> = {
  kind: 'package.add-gb',
  charge: 'add GB',
  describe: (r) => `Add ${r.gb} GB to package ${r.upstreamPackageId}`,
  /** The package's total before the request: a lost add-GB that landed moved it. */
  async baseline(provider, r) {
    return { totalGbMilli: (await provider.getPackage(r.upstreamPackageId)).totalGbMilli };
  },
  async lookup(provider, op) {
    const r = op.request;
    const txs = await transactionsSince(provider, op.createdAt, 'add_gb');
    const hit = txs.find((t) => taggedWith(t, op.idempotencyKey));
    if (hit) return { status: 'found', result: await purchased(provider, r.upstreamPackageId, Math.abs(hit.amount)) };
    const lookalike = txs.find((t) => t.type === 'add_gb' && (t.packageId ?? r.upstreamPackageId) === r.upstreamPackageId && !taggedByApp(t));
    const before = (op.baseline as { totalGbMilli: number } | null)?.totalGbMilli ?? null;
    if (lookalike) return { status: 'unknown', facts: { lookalike: { id: lookalike.id, amount: lookalike.amount, note: lookalike.note ?? lookalike.description }, totalGbMilliBefore: before } };
    if (before !== null) {
      const now = (await provider.getPackage(r.upstreamPackageId)).totalGbMilli;
      if (now !== before) return { status: 'unknown', facts: { totalGbMilliBefore: before, totalGbMilliNow: now } };
    }
    return { status: 'absent' };
  },
  landed: (provider, op) => purchased(provider, op.request.upstreamPackageId, op.request.agreed.quotedCost),
  async execute(provider, r, { idempotencyKey }) {
    // The documented note lands in the transaction log: it is how a lost answer is found.
    const p = await provider.addGb(r.upstreamPackageId, { gb: r.gb, note: `Add ${r.gb} GB from Reseller Desk (${refTag(idempotencyKey)})` }, { idempotencyKey });
    return { pkg: p.package, cost: p.cost, pricePerGbMicros: p.pricePerGbMicros, customerBalanceAfter: p.customerBalanceAfter, requestId: p.requestId };
  },
  apply(sqlite, op, res, now) {
    const customerId = prepare(sqlite, 'SELECT customer_id FROM services WHERE id = ?').pluck().get(op.request.serviceId) as string;
    const serviceId = upsertPackageRow(sqlite, { customerId, accountId: op.accountId, pkg: res.pkg }, now);
    const sale = postSale(
      sqlite,
      {
        agreed: op.request.agreed,
        actualCost: res.cost,
        customerId,
        accountId: op.accountId,
        serviceId,
        costFrom: 'sub-balance',
        operationId: op.id,
        unit: 'GB',
        description: `Sale: ${op.request.gb} GB added to ${op.request.upstreamPackageId} (${op.request.agreed.saleProduct})`,
      },
      now,
    );
    return { serviceId, sale };
  },
  fact: (op, res) => ({
    type: 'package.gb_added',
    subject: `package:${res.pkg.id}`,
    factKey: factKeys.packageGbAdded(op.accountId, res.pkg.id, res.pkg.totalGbMilli),
    payload: { packageId: res.pkg.id, addedGbMilli: op.request.gb * 1000, totalGbMilli: res.pkg.totalGbMilli, cost: res.cost, operationId: op.id },
  }),
};
