import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { ManualClock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import type { HttpOptions } from '../../../src/main/providers/types';
import type { ProviderFactory } from '../../../src/main/services/accounts/provider-registry';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../src/main/sandbox';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The real app (real SQLite file, real handler table) talking real HTTP to the embedded
 * sandbox on ephemeral loopback ports. Shared by the accounts and sync tests.
 */
export interface Harness {
  ctx: AppContext;
  dispatch: Dispatch;
  sandbox: RunningSandbox;
  secrets: SecretStore;
  clock: ManualClock;
  /** Requests the sandbox's rate limiter saw, and how many it refused with 429. */
  limiter: { seen: number; refused: number };
  /** Call a channel and return its value, or throw with the error's code and message. */
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function createHarness(
  options: { secrets?: SecretStore; sandbox?: StartSandboxOptions; http?: HttpOptions; dataDir?: string; providerFactory?: ProviderFactory } = {},
): Promise<Harness> {
  const temp = options.dataDir ? null : makeTempDir();
  const sandbox = await startSandbox({ autoDeliverWebhooks: false, ...options.sandbox });
  const limiter = { seen: 0, refused: 0 };
  const take = sandbox.rateLimit.take.bind(sandbox.rateLimit);
  sandbox.rateLimit.take = (key: string) => {
    const answer = take(key);
    limiter.seen++;
    if (!answer.allowed) limiter.refused++;
    return answer;
  };
  const secrets = options.secrets ?? new MemorySecretStore();
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 12));
  const ctx = await createAppContext({
    dataDir: options.dataDir ?? temp!.dir,
    secrets,
    version: '0.0.0-test',
    clock,
    // Fast failure in tests: no long backoffs when a fault is injected on purpose.
    providerHttp: options.http ?? { retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 50 } },
    ...(options.providerFactory ? { providerFactory: options.providerFactory } : {}),
  });
  const dispatch = createDispatcher(createHandlers(ctx), { onUnexpectedError: (_c, e) => console.error(e) });
  return {
    ctx,
    dispatch,
    sandbox,
    secrets,
    clock,
    limiter,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const result = await dispatch(channel, input);
      if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
      return result.value as T;
    },
    async close() {
      await ctx.close();
      await sandbox.close();
      temp?.cleanup();
    },
  };
}

/** PUT /__admin/faults on the sandbox (shared by both APIs). */
/** One number read from the harness's ledger (a count, a sum). */
export function count(harness: Harness, sql: string, ...args: unknown[]): number {
  return harness.ctx.ledger.sqlite.prepare(sql).pluck().get(...args) as number;
}

export async function setFaults(sandbox: RunningSandbox, faults: Record<string, number>): Promise<void> {
  const res = await fetch(`${sandbox.whozex.origin}/__admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

export async function clearFaults(sandbox: RunningSandbox): Promise<void> {
  const res = await fetch(`${sandbox.whozex.origin}/__admin/faults`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`faults: ${res.status}`);
}
