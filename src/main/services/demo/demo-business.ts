import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { createAppContext, type AppContext } from '../../app-context';
import type { Clock } from '../../clock';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import type { SecretStore } from '../../secrets/secret-store';
import { ensureSandboxAccounts } from '../accounts/sandbox-accounts';
import { DemoSecretStore } from './demo-secrets';
import type { DemoCounts } from '../../../shared/contract/sandbox';
import { demoCounts, simulateDemoBusiness } from './demo-simulation';

/**
 * `reseller-desk demo`: a realistic small business in the embedded sandbox and the
 * ledger, so the screens and the exports have something to show. The sandbox's clock
 * starts `months` before today and moves forward in steps; at each step customers pay,
 * get topped up, buy and renew ports and packages, and ports expire. Everything goes
 * through the same services (and operations journal) as the app (demo-simulation.ts).
 */

export interface DemoOptions {
  dataDir: string;
  /** The system keychain (the demo falls back to memory for the sandbox's public keys). */
  keychain: SecretStore;
  version: string;
  customers?: number;
  months?: number;
  seed?: number;
  onProgress?: (text: string) => void;
  signal?: AbortSignal;
}

export interface DemoSummary extends DemoCounts {
  dataDir: string;
  sandboxStateDir: string;
  from: string;
  to: string;
  accounts: { id: string; name: string; provider: string }[];
  keysInMemoryOnly: boolean;
}

const DAY_MS = 86_400_000;

/** Where the embedded sandbox keeps its state inside a data folder (the app uses the same). */
export const sandboxStateDir = (dataDir: string) => join(dataDir, 'sandbox');

/** The sandbox's clock starts `days` ago (only on a fresh sandbox state). */
function startClockInThePast(stateDir: string, days: number): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'clock.json');
  if (existsSync(file)) return;
  const start = Math.floor((Date.now() - days * DAY_MS) / DAY_MS) * DAY_MS + 9 * 3_600_000;
  writeFileSync(file, JSON.stringify({ now: start, iso: new Date(start).toISOString() }));
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const months = options.months ?? 4;
  const customerCount = options.customers ?? 40;
  const stateDir = sandboxStateDir(options.dataDir);
  const days = months * 30;
  startClockInThePast(stateDir, days);

  const sandbox: RunningSandbox = await startSandbox({ stateDir, autoDeliverWebhooks: false, rateLimit: { perSecond: 5_000, burst: 5_000 } });
  const secrets = new DemoSecretStore(options.keychain);
  // The books follow the sandbox's clock, so sales and expiries are dated in the simulated months.
  const clock: Clock = { now: () => new Date(sandbox.clock.now()) };
  let ctx: AppContext | null = null;
  try {
    ctx = await createAppContext({
      dataDir: options.dataDir,
      secrets,
      version: options.version,
      clock,
      fileLogs: true,
      providerHttp: { budget: { perSecond: 5_000 }, retry: { retries: 2, baseDelayMs: 20, maxDelayMs: 200 } },
      operations: { autoPushPricebook: false, reconcileDelayMs: 0 },
    });
    const existing = ctx.ledger.sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    if (existing > 0) {
      throw new AppError('CONFLICT', `This data folder already holds ${existing} customers. Run the demo with an empty folder, e.g. RESELLER_DESK_DATA_DIR=/tmp/reseller-demo.`);
    }
    const from = clock.now().toISOString();
    const app = ctx;

    await ensureSandboxAccounts({ ledger: app.ledger, clock, accounts: app.accounts }, sandbox);
    const { psx, wzx } = await simulateDemoBusiness({
      app,
      sandbox,
      clock,
      plan: { customers: customerCount, months, seed: options.seed ?? 2026 },
      say: (text) => options.onProgress?.(`${text}\n`),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const summary: DemoSummary = {
      dataDir: options.dataDir,
      sandboxStateDir: stateDir,
      from,
      to: clock.now().toISOString(),
      accounts: [psx, wzx].map((a) => ({ id: a.id, name: a.name, provider: a.provider })),
      ...demoCounts(app, clock.now()),
      keysInMemoryOnly: secrets.fellBack,
    };
    return summary;
  } finally {
    await ctx?.close();
    await sandbox.close();
  }
}
