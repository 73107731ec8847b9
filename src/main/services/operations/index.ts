import type { PricebookPushResult } from '../../../shared/contract/operations';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { createCredentialsService, type CredentialsService } from '../credentials/credentials-service';
import { addGbKind, createPackageKind } from '../packages/package-kinds';
import { createPackagesService, type PackagesService } from '../packages/packages-service';
import { createPortKind, extendPortKind, rotatePortKind } from '../proxies/port-kinds';
import { createProxiesService, type ProxiesService } from '../proxies/proxies-service';
import { deductKind, topUpKind } from '../topups/balance-kinds';
import { createTopUpsService, type TopUpsService } from '../topups/topups-service';
import { createOperationsJournal, type OperationsJournal, type OperationsJournalDeps } from './operations-journal';
import { autoPushPricebook, countryOverrideKind, pushPricebook, updatePricebookKind } from './pricebook-push';
import { createUpstreamCustomerKind, setPortSlotsKind } from './upstream-customers';

export type { OperationsJournal } from './operations-journal';

export interface OperationsService extends OperationsJournal {
  /** Makes the Proxies.sx server-side pricebook(s) agree with the local one. */
  pushPricebook(accountId?: string): Promise<PricebookPushResult>;
}

/** The reseller's upstream operations, all through one operations journal. */
export interface ResellerServices {
  operations: OperationsService;
  topUps: TopUpsService;
  proxies: ProxiesService;
  packages: PackagesService;
  credentials: CredentialsService;
  close(): Promise<void>;
}

export interface ResellerServicesDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
  log: Logger;
  /** Push the pricebook to Proxies.sx after each local change (default true). */
  autoPushPricebook?: boolean;
  /** Background check delay after a network error (ms; 0 disables). */
  reconcileDelayMs?: number;
  /** The event inbox, for the facts of completed operations (source 'local'). */
  recordFact?: OperationsJournalDeps['recordFact'];
}

export function createResellerServices(deps: ResellerServicesDeps): ResellerServices {
  const journal = createOperationsJournal({
    ledger: deps.ledger,
    clock: deps.clock,
    bus: deps.bus,
    providers: deps.providers,
    log: deps.log,
    ...(deps.reconcileDelayMs !== undefined ? { reconcileDelayMs: deps.reconcileDelayMs } : {}),
    ...(deps.recordFact ? { recordFact: deps.recordFact } : {}),
  });
  // Every kind is known up front, so pending rows left by a crash can be reconciled at start-up.
  for (const kind of [
    createUpstreamCustomerKind,
    setPortSlotsKind,
    topUpKind,
    deductKind,
    createPortKind,
    extendPortKind,
    rotatePortKind,
    createPackageKind,
    addGbKind,
    updatePricebookKind,
    countryOverrideKind,
  ]) {
    journal.register(kind);
  }
  const base = { ledger: deps.ledger, clock: deps.clock, bus: deps.bus, providers: deps.providers, operations: journal };
  const topUps = createTopUpsService(base);
  const proxies = createProxiesService(base);
  const packages = createPackagesService({ ...base, topUps });
  const credentials = createCredentialsService(base);
  const pushDeps = { ledger: deps.ledger, providers: deps.providers, locations: proxies.locations, run: journal.run };
  const auto =
    deps.autoPushPricebook === false
      ? null
      : autoPushPricebook({
          ...pushDeps,
          log: deps.log,
          subscribe: (fn) => deps.bus.subscribe((name) => {
            if (name === 'event:pricebook-changed') fn();
          }),
        });
  const operations: OperationsService = { ...journal, pushPricebook: (accountId) => pushPricebook(pushDeps, accountId) };
  return {
    operations,
    topUps,
    proxies,
    packages,
    credentials,
    async close() {
      await auto?.close();
      await journal.close();
    },
  };
}
