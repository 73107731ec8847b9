import { systemClock, type Clock } from './clock';
import { ensureDataDir, ledgerPath } from './data-dir';
import { EventBus } from './event-bus';
import { openLedger, type Ledger } from './ledger/database';
import type { SecretStore } from './secrets/secret-store';
import { createSettingsService, type SettingsService } from './services/settings-service';

export interface AppContextOptions {
  dataDir: string;
  secrets: SecretStore;
  version: string;
  clock?: Clock;
  /** better-sqlite3 build for the running ABI (see ledger/native-binding.ts). */
  nativeBinding?: string;
  /** The one audited way to open a link outside the app (the shell supplies it). */
  openExternal?: (url: string) => Promise<void>;
}

/**
 * Everything the services need, built without electron: the shell, the CLI, the e2e
 * harness and the tests all create the app through this one function.
 */
export interface AppContext {
  readonly dataDir: string;
  readonly version: string;
  readonly ledger: Ledger;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  openExternal(url: string): Promise<void>;
  close(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const dataDir = ensureDataDir(options.dataDir);
  const clock = options.clock ?? systemClock;
  const ledgerOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const ledger = await openLedger(ledgerPath(dataDir), ledgerOptions);
  const bus = new EventBus();
  const closers: (() => Promise<void> | void)[] = [() => ledger.close()];
  return {
    dataDir,
    version: options.version,
    ledger,
    secrets: options.secrets,
    clock,
    bus,
    settings: createSettingsService({ ledger, clock, bus }),
    openExternal: options.openExternal ?? (async () => {}),
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
