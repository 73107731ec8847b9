import { FollowingClock, systemClock, type Clock } from './clock';
import { join } from 'node:path';
import { ensureDataDir, ledgerPath } from './data-dir';
import { EventBus } from './event-bus';
import { openLedger, type Ledger } from './ledger/database';
import { createFileLogger, silentLogger, type Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';
import { SandboxKeyFallback } from './secrets/sandbox-key-fallback';
import { getAccountRow } from './services/accounts/account-repository';
import { applyPendingRestore, backupDir, createBackup, newestGoodBackup } from './services/backup/backup-service';
import { createExportService, type ExportService } from './services/exports/export-service';
import { createSettingsService, type SettingsService } from './services/settings-service';
import { createCustomersService, type CustomersService } from './services/customers/customers-service';
import { createMoneyService, type MoneyService } from './services/money/money-service';
import { createPricingService, type PricingService } from './services/pricing/pricing-service';
import { createProvider, proxiesSxAuth, type HttpOptions } from './providers';
import { createAccountsService, type AccountsService } from './services/accounts/accounts-service';
import { createProviderRegistry, type ProviderFactory, type ProviderRegistry } from './services/accounts/provider-registry';
import { createSyncService, type SyncService } from './services/sync/sync-service';
import { createEventServices, type EventServices } from './services/events/event-services';
import { createResellerServices, type ResellerServices } from './services/operations';
import { createDemoJobs, type DemoJobs } from './services/demo/demo-job';
import { createEmbeddedSandbox, realAccountInBooks, type EmbeddedSandbox } from './services/sandbox-control/embedded-sandbox';
import { createCustomerImportService, type CustomerImportService } from './services/customer-import';
import { createBulkService, type BulkService } from './services/bulk';
import { createDashboardService, type DashboardService } from './services/dashboard/dashboard-service';
import { createUpstreamStatusService, type UpstreamStatusService } from './services/dashboard/upstream-status';
import { createUpstreamReportsService, type UpstreamReportsService } from './services/upstream-reports';

export type SaveDialog = (options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }) => Promise<string | null>;

/** What only the desktop shell can do; absent under plain Node (CLI, tests). */
export interface DesktopHooks {
  /** Shows a folder in the system's file manager. */
  openFolder(path: string): Promise<void>;
  /** The native folder picker; null when cancelled. */
  chooseFolder(defaultPath: string): Promise<string | null>;
  /** Quits and starts the app again. */
  relaunch(): void;
}

export interface AppContextOptions {
  dataDir: string;
  secrets: SecretStore;
  version: string;
  clock?: Clock;
  /** The one audited way to open a link outside the app (the shell supplies it). */
  openExternal?: (url: string) => Promise<void>;
  /** The native save dialog (the shell supplies it; the e2e harness a stand-in). */
  chooseSavePath?: SaveDialog;
  /** Folder, picker and restart from the shell (Settings → Your data). */
  desktop?: DesktopHooks;
  /** The data folder comes from RESELLER_DESK_DATA_DIR (it cannot be moved from the window). */
  dataDirFromEnv?: boolean;
  /** Write structured logs under <dataDir>/logs (the app and CLI do; most tests don't). */
  fileLogs?: boolean;
  /** The embedded upstream sandbox (not started here; see services/app-services.ts). */
  embeddedSandbox?: { tickMs?: number; stateDir?: string | null };
  /** Upstream adapters (tests may wrap them); default providers/index.ts createProvider. */
  providerFactory?: ProviderFactory;
  /** HTTP settings for every upstream adapter (tests: request budget, retries). */
  providerHttp?: HttpOptions;
  /** Operations journal tuning (tests: no background check, no automatic pricebook push). */
  operations?: { reconcileDelayMs?: number; autoPushPricebook?: boolean };
}

/**
 * Everything the services need, built without electron: the shell, the CLI, the e2e
 * harness and the tests all create the app through this one function.
 */
export interface AppContext {
  readonly dataDir: string;
  readonly version: string;
  readonly ledger: Ledger;
  /** The OS keychain; the embedded sandbox's published keys are held without one (see sandbox-key-fallback.ts). */
  readonly secrets: SandboxKeyFallback;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly customers: CustomersService;
  readonly money: MoneyService;
  readonly pricing: PricingService;
  readonly exports: ExportService;
  /** One Provider per upstream account: `providers.forAccount(id)`. */
  readonly providers: ProviderRegistry;
  readonly accounts: AccountsService;
  readonly sync: SyncService;
  /** Event inbox (`recordLocalEvent`), alert rules, webhook listener, poller (issue 6). */
  readonly events: EventServices['events'];
  readonly alerts: EventServices['alerts'];
  readonly webhooks: EventServices['webhooks'];
  readonly poller: EventServices['poller'];
  /** Upstream operations (issue 5): the operations journal and what goes through it. */
  readonly operations: ResellerServices['operations'];
  readonly topUps: ResellerServices['topUps'];
  readonly proxies: ResellerServices['proxies'];
  readonly packages: ResellerServices['packages'];
  readonly credentials: ResellerServices['credentials'];
  /** CSV import of customers (preview, apply). */
  readonly customerImport: CustomerImportService;
  /** Bulk actions on a selection of customers (status, top-up job). */
  readonly bulk: BulkService;
  /** The dashboard's figures (balances, burn and runway, months, expiring, alerts). */
  readonly dashboard: DashboardService;
  /** Each upstream account's connection state (pushed as `event:upstream-status`). */
  readonly upstreamStatus: UpstreamStatusService;
  /** The upstreams' own documented reports and statements, beside the books (issue 15). */
  readonly upstreamReports: UpstreamReportsService;
  readonly log: Logger;
  /** The embedded upstream sandbox, started on first run or while sandbox accounts exist. */
  readonly sandbox: EmbeddedSandbox;
  /** "Fill with demo data": a demo business simulated in the sandbox into empty books. */
  readonly demo: DemoJobs;
  openExternal(url: string): Promise<void>;
  readonly chooseSavePath: SaveDialog | null;
  readonly desktop: DesktopHooks | null;
  readonly dataDirFromEnv: boolean;
  close(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const dataDir = ensureDataDir(options.dataDir);
  const clock = options.clock ?? systemClock;
  const log = options.fileLogs ? createFileLogger({ dir: join(dataDir, 'logs'), now: () => clock.now() }) : silentLogger;
  const file = ledgerPath(dataDir);
  const restored = applyPendingRestore(dataDir, file, clock.now());
  if (restored) log.warn('Ledger restored from backup', { backup: restored });
  const ledger = await openLedger(file, {
    newestGoodBackup: () => {
      const good = newestGoodBackup(dataDir);
      return good ? { name: good.name, createdAt: good.createdAt, path: join(backupDir(dataDir), good.name) } : null;
    },
    // A ledger that already holds data is backed up before any schema change.
    beforeMigrate: async (sqlite, pending) => {
      const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kysely_migration'").get();
      const applied = table ? (sqlite.prepare('SELECT count(*) FROM kysely_migration').pluck().get() as number) : 0;
      if (applied > 0) await createBackup(sqlite, dataDir, 'pre-migration', clock.now());
      log.info('Migrating ledger', { pending });
    },
  });
  const bus = new EventBus();
  const secrets = new SandboxKeyFallback(options.secrets, (id) => getAccountRow(ledger, id)?.is_sandbox === 1);
  const closers: (() => Promise<void> | void)[] = [() => ledger.close()];
  const providers = createProviderRegistry({
    ledger,
    secrets,
    clock,
    factory: options.providerFactory ?? createProvider,
    auth: proxiesSxAuth,
    ...(options.providerHttp ? { http: options.providerHttp } : {}),
  });
  // Sandbox time is for sandbox-only books: with a real account in them the app reads the
  // wall clock (README "Sandbox time never touches real books"), and adding the first one already runs on it.
  // Accounts are never deleted nor turned into sandbox ones, so once seen a real account stays.
  let realSeen: string | null = null;
  const realAccount = (): string | null => {
    if (realSeen === null && ledger.sqlite.open) realSeen = realAccountInBooks(ledger.sqlite);
    return realSeen;
  };
  const following = clock instanceof FollowingClock ? clock : null;
  following?.followOnlyWhile(() => realAccount() === null);
  const accountsService = createAccountsService({ ledger, secrets, clock, bus, providers });
  const accounts: AccountsService = following
    ? {
        ...accountsService,
        add: (input) => following.onWallClock(() => accountsService.add(input)),
        addUnverified: (input) => (input.isSandbox ? accountsService.addUnverified(input) : following.onWallClock(() => accountsService.addUnverified(input))),
        loginProxiesSx: (input) => following.onWallClock(() => accountsService.loginProxiesSx(input)),
      }
    : accountsService;
  // What each upstream offers beyond its documents is re-checked daily (hourly look, 24 h age).
  const capabilityTimer = setInterval(() => void accounts.refreshStaleCapabilities().catch(() => undefined), 3_600_000);
  capabilityTimer.unref();
  closers.push(() => clearInterval(capabilityTimer));
  const sync = createSyncService({ ledger, clock, bus, providers });
  const settings = createSettingsService({ ledger, clock, bus });
  const eventServices = createEventServices({ ledger, clock, bus, secrets, providers, settings, log, ...(following ? { sandboxClock: following.sandboxTime } : {}) });
  closers.push(async () => {
    await sync.stop();
    await providers.close();
  });
  // Runs before the providers close (closers run in reverse).
  closers.push(() => eventServices.close());
  const reseller = createResellerServices({
    ledger,
    clock,
    bus,
    providers,
    log,
    ...options.operations,
    recordFact: (f) => void eventServices.events.recordLocal({ type: f.type, accountId: f.accountId, subject: f.subject, factKey: f.factKey, payload: f.payload }),
  });
  closers.push(() => reseller.close());
  const sandbox = createEmbeddedSandbox({
    dataDir,
    log,
    ...(options.embeddedSandbox ?? {}),
    realAccount,
    ...(following ? { follow: (source) => following.follow(source) } : {}),
  });
  // Stops first: nothing upstream-facing should outlive it.
  closers.push(() => sandbox.stop());
  const exportService = createExportService({ ledger, clock, bus });
  closers.push(() => exportService.close()); // running exports are cancelled (their .part removed) before the ledger closes
  const upstreamStatus = createUpstreamStatusService({ ledger, bus });
  const stopPollHook = eventServices.poller.onFinished(() => upstreamStatus.refresh());
  closers.push(() => (stopPollHook(), upstreamStatus.close()));
  const context: Omit<AppContext, 'demo'> = {
    dataDir,
    version: options.version,
    ledger,
    secrets,
    clock,
    bus,
    settings,
    customers: createCustomersService({ ledger, clock, bus }),
    money: createMoneyService({ ledger, clock, bus }),
    pricing: createPricingService({ ledger, clock, bus }),
    providers,
    accounts,
    sync,
    events: eventServices.events,
    alerts: eventServices.alerts,
    webhooks: eventServices.webhooks,
    poller: eventServices.poller,
    sandbox,
    operations: reseller.operations,
    topUps: reseller.topUps,
    proxies: reseller.proxies,
    packages: reseller.packages,
    credentials: reseller.credentials,
    customerImport: createCustomerImportService({ ledger, clock, bus }),
    bulk: createBulkService({ ledger, clock, bus, log, topUps: reseller.topUps }),
    exports: exportService,
    dashboard: createDashboardService({ ledger, clock }),
    upstreamStatus,
    upstreamReports: createUpstreamReportsService({ ledger, clock, providerFor: (id) => providers.forAccount(id) }),
    log,
    openExternal: options.openExternal ?? (async () => {}),
    chooseSavePath: options.chooseSavePath ?? null,
    desktop: options.desktop ?? null,
    dataDirFromEnv: options.dataDirFromEnv ?? false,
    async close() {
      demo.cancelRunning();
      for (const close of closers.reverse()) await close();
    },
  };
  // The window's "Fill with demo data" job runs the same services the window uses.
  const demo = createDemoJobs({ ledger, clock, accounts, sandbox, log, bus, secrets, app: context });
  return { ...context, demo };
}
