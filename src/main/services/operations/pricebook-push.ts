import type { PricebookPushResult } from '../../../shared/contract/operations';
import { divRoundHalfAway } from '../../../shared/money';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import type { Logger } from '../../logging/logger';
import type { PriceRule, PricebookUpdate, Provider, ProxiesSxPricebook } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { readPricingRules, type PricingRules, type ProductRules } from '../pricing';
import type { LocationCache } from '../proxies/locations';
import type { OperationKind } from './types';

/**
 * Makes the Proxies.sx server-side pricebook agree with the local one. Only what differs
 * is sent, each change as one journaled operation. Local margins are ppm (25 % =
 * 250000), the upstream's basis points (2500): a margin finer than 0.01 % is rounded.
 * Overrides that exist only upstream are reported (the adapter has no way to remove one).
 */

const bps = (ppm: number) => Number(divRoundHalfAway(BigInt(ppm), 100n));

function rule(p: ProductRules, defaultMarginPpm: number): PriceRule {
  return { marginBps: bps(p.marginPpm ?? defaultMarginPpm), fixedPriceMicros: p.fixedMicros, multiplier: p.multiplierPpm };
}

export function desiredPricebook(rules: PricingRules): Required<PricebookUpdate> {
  return {
    pricingMode: rules.mode,
    defaultMarginBps: bps(rules.defaultMarginPpm),
    portPricing: rule(rules.port, rules.defaultMarginPpm),
    trafficPricing: rule(rules.traffic, rules.defaultMarginPpm),
  };
}

const same = (a: PriceRule, b: PriceRule) =>
  (a.marginBps ?? null) === (b.marginBps ?? null) && (a.fixedPriceMicros ?? null) === (b.fixedPriceMicros ?? null) && (a.multiplier ?? null) === (b.multiplier ?? null);

export const updatePricebookKind: OperationKind<Required<PricebookUpdate>, { requestId: string | null }, null> = {
  kind: 'pricebook.update',
  resendSafe: true,
  describe: (r) => `Update the upstream pricebook (${r.pricingMode}, default margin ${r.defaultMarginBps / 100}%)`,
  async execute(provider, r, { idempotencyKey }) {
    const b = await provider.updatePricebook(r, { idempotencyKey });
    return { requestId: b.requestId };
  },
  apply: () => null,
};

export const countryOverrideKind: OperationKind<{ countryId: string; country: string; marginBps: number }, { requestId: string | null }, null> = {
  kind: 'pricebook.country-override',
  resendSafe: true,
  describe: (r) => `Set the upstream margin for ${r.country} to ${r.marginBps / 100}%`,
  async execute(provider, r, { idempotencyKey }) {
    const b = await provider.setCountryOverride({ countryId: r.countryId, marginBps: r.marginBps }, { idempotencyKey });
    return { requestId: b.requestId };
  },
  apply: () => null,
};

interface Deps {
  ledger: Ledger;
  providers: ProviderRegistry;
  run: <Req, Res, Out>(kind: OperationKind<Req, Res, Out>, input: { accountId: string; customerId: null; request: Req }) => Promise<unknown>;
  locations: LocationCache;
}

async function pushOne(deps: Deps, accountId: string, name: string, provider: Provider): Promise<PricebookPushResult['accounts'][number]> {
  const rules = readPricingRules(deps.ledger.sqlite);
  const want = desiredPricebook(rules);
  const have = (await provider.getPricebook()) as ProxiesSxPricebook;
  let operations = 0;
  const bookDiffers =
    have.pricingMode !== want.pricingMode || have.defaultMarginBps !== want.defaultMarginBps || !same(have.portPricing, want.portPricing) || !same(have.trafficPricing, want.trafficPricing);
  if (bookDiffers) {
    await deps.run(updatePricebookKind, { accountId, customerId: null, request: want });
    operations++;
  }
  const skipped: string[] = [];
  const upstreamOverrides = new Map(have.countryOverrides.map((o) => [o.countryId, o.marginBps ?? null]));
  const wantedIds = new Set<string>();
  for (const [country, ppm] of rules.countryMarginPpm) {
    const countryId = await deps.locations.countryId(accountId, provider, country);
    if (!countryId) {
      skipped.push(country);
      continue;
    }
    wantedIds.add(countryId);
    if (upstreamOverrides.get(countryId) === bps(ppm)) continue;
    await deps.run(countryOverrideKind, { accountId, customerId: null, request: { countryId, country, marginBps: bps(ppm) } });
    operations++;
  }
  for (const id of upstreamOverrides.keys()) if (!wantedIds.has(id)) skipped.push(id);
  return { accountId, name, changed: operations > 0, operations, skippedCountries: skipped };
}

/** Pushes to one Proxies.sx account, or to every active one. */
export async function pushPricebook(deps: Deps, accountId?: string): Promise<PricebookPushResult> {
  const rows = prepare(deps.ledger.sqlite, "SELECT id, name FROM provider_accounts WHERE provider = 'proxies-sx' AND status = 'active' AND (? IS NULL OR id = ?) ORDER BY name")
    .all(accountId ?? null, accountId ?? null) as { id: string; name: string }[];
  const accounts: PricebookPushResult['accounts'] = [];
  for (const row of rows) accounts.push(await pushOne(deps, row.id, row.name, deps.providers.forAccount(row.id)));
  return { accounts };
}

/** Pushes shortly after each local pricebook change (debounced); failures are logged, not thrown. */
export function autoPushPricebook(deps: Deps & { log: Logger; subscribe: (fn: () => void) => () => void }): { close(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  const unsubscribe = deps.subscribe(() => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = running
        .then(() => pushPricebook(deps))
        .catch((error: unknown) => deps.log.warn('Pushing the pricebook to Proxies.sx failed', { error: error instanceof Error ? error.message : String(error) }));
    }, 500);
    timer.unref();
  });
  return {
    async close() {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
