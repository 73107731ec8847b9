import type { SaleSummary } from '../../../shared/contract/operations';
import type { Micros, Minor } from '../../../shared/money';
import { prepare } from '../../ledger/sql';
import type { ProxyType, UpstreamPackage } from '../../providers/types';
import { postSale, type AgreedPrice } from '../operations/post-sale';
import { factKeys } from '../events/fact-keys';
import type { OperationKind } from '../operations/types';
import { upsertPackageRow } from './package-rows';

/**
 * Whozex package purchases. The upstream takes the cost from the customer's sub-balance,
 * so the sale's cost leg is `upstream:<acct>:sub:<cust>`.
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

export const createPackageKind: OperationKind<CreatePackageRequest, PurchaseAnswer, PackageLocal> = {
  kind: 'package.create',
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
  describe: (r) => `Add ${r.gb} GB to package ${r.upstreamPackageId}`,
  async execute(provider, r, { idempotencyKey }) {
    const p = await provider.addGb(r.upstreamPackageId, { gb: r.gb }, { idempotencyKey });
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
