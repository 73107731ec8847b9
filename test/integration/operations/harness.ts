import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { ManualClock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { accountBalance, ledgerAccounts } from '../../../src/main/ledger/journal';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../src/main/sandbox';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { CustomerDetail } from '../../../src/shared/contract/customers';
import type { ProviderFactory } from '../../../src/main/services/accounts/provider-registry';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The real app (real SQLite file, real handler table) over real HTTP to the embedded
 * sandbox, for the operations, proxies, packages and crash tests. Counts the upstream
 * requests each API saw.
 */
export interface OpsHarness {
  ctx: AppContext;
  dispatch: Dispatch;
  sandbox: RunningSandbox;
  clock: ManualClock;
  dataDir: string;
  requests: { count: number };
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  /** Call expecting a refusal; returns the error. */
  refuse(channel: string, input?: unknown): Promise<{ code: string; message: string; details?: Record<string, unknown> }>;
  addAccount(provider: 'proxies-sx' | 'whozex', options?: { deposit?: number }): Promise<AccountView>;
  customer(input: { email: string; name: string; portSlotQuota?: number }): Promise<CustomerDetail>;
  ledger(account: string): number;
  /** Moves the sandbox's clock and the app's together. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function createOpsHarness(
  options: { sandbox?: StartSandboxOptions; sandboxInstance?: RunningSandbox; dataDir?: string; autoPushPricebook?: boolean; retries?: number; providerFactory?: ProviderFactory } = {},
): Promise<OpsHarness> {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? temp!.dir;
  const sandbox = options.sandboxInstance ?? (await startSandbox({ autoDeliverWebhooks: false, rateLimit: { perSecond: 10_000, burst: 10_000 }, ...options.sandbox }));
  const requests = { count: 0 };
  const take = sandbox.rateLimit.take.bind(sandbox.rateLimit);
  sandbox.rateLimit.take = (key: string) => {
    requests.count++;
    return take(key);
  };
  // The app's clock starts where the sandbox's is, so expiries agree on both sides.
  const clock = new ManualClock(sandbox.clock.now());
  const ctx = await createAppContext({
    dataDir,
    secrets: new MemorySecretStore(),
    version: '0.0.0-test',
    clock,
    providerHttp: { retry: { retries: options.retries ?? 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 }, budget: { perSecond: 10_000 }, headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 },
    operations: { reconcileDelayMs: 0, autoPushPricebook: options.autoPushPricebook ?? false },
    ...(options.providerFactory ? { providerFactory: options.providerFactory } : {}),
  });
  const dispatch = createDispatcher(createHandlers(ctx), { onUnexpectedError: (_c, e) => console.error(e) });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), r.error);
    return r.value as T;
  };
  return {
    ctx,
    dispatch,
    sandbox,
    clock,
    dataDir,
    requests,
    call,
    async refuse(channel, input) {
      const r = await dispatch(channel, input);
      if (r.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(r.value)}`);
      return r.error as { code: string; message: string; details?: Record<string, unknown> };
    },
    async addAccount(provider, opts = {}) {
      const s = provider === 'whozex' ? sandbox.whozex : sandbox.proxiesSx;
      const account = await call<AccountView>('accounts:add', { provider, name: `Sandbox ${provider}`, baseUrl: s.baseUrl, apiKey: s.apiKey });
      if (opts.deposit) await call('money:deposit', { accountId: account.id, amount: opts.deposit, note: 'Opening deposit' });
      return account;
    },
    customer: (input) => call<CustomerDetail>('customers:create', input),
    ledger: (account) => accountBalance(ctx.ledger.sqlite, account),
    advance(ms) {
      sandbox.clock.advance(ms);
      clock.advance(ms);
    },
    async close() {
      await ctx.close();
      if (!options.sandboxInstance) await sandbox.close();
      temp?.cleanup();
    },
  };
}

export { ledgerAccounts };

/** The sandbox's own figures, read straight from its store (the upstream's truth). */
export function psxResellerBalance(sandbox: RunningSandbox): number {
  return sandbox.proxiesSx.db.prepare('SELECT balance_cents FROM psx_resellers LIMIT 1').pluck().get() as number;
}

export function psxPortIds(sandbox: RunningSandbox): string[] {
  return (sandbox.proxiesSx.db.prepare('SELECT id FROM psx_ports ORDER BY id').pluck().all() as string[]);
}

export async function setFaults(sandbox: RunningSandbox, faults: Record<string, number>): Promise<void> {
  sandbox.faults.configure(faults);
}
