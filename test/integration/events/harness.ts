import { randomUUID } from 'node:crypto';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import type { Clock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import type { Provider } from '../../../src/main/providers/types';
import { PSX_COUNTRY_IDS, SandboxClock, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import type { AccountView } from '../../../src/shared/contract/accounts';
import type { AlertView, InboxEventView } from '../../../src/shared/contract/events';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The real app on a real SQLite file and the embedded sandbox on loopback, sharing ONE
 * time source: the sandbox's clock drives the app's Clock, so signature timestamps,
 * expiries and usage agree. Webhooks are delivered only on `flush()`.
 */
export interface EventsHarness {
  ctx: AppContext;
  dispatch: Dispatch;
  sandbox: RunningSandbox;
  clock: SandboxClock;
  secrets: MemorySecretStore;
  psx: AccountView;
  wzx: AccountView;
  raised: AlertView[];
  cleared: AlertView[];
  inbox: InboxEventView[];
  call<T>(channel: string, input?: unknown): Promise<T>;
  provider(account: AccountView): Provider;
  key(): { idempotencyKey: string };
  /** POST /__admin/clock/advance on the sandbox. */
  advance(body: { days?: number; hours?: number }): Promise<void>;
  /** POST /__admin/flush: deliver every due webhook now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function createEventsHarness(): Promise<EventsHarness> {
  const temp = makeTempDir();
  const clock = new SandboxClock(Date.UTC(2026, 0, 10, 9));
  const sandbox = await startSandbox({ clock, autoDeliverWebhooks: false });
  const appClock: Clock = { now: () => new Date(clock.now()) };
  const secrets = new MemorySecretStore();
  const ctx = await createAppContext({
    dataDir: temp.dir,
    secrets,
    version: '0.0.0-test',
    clock: appClock,
    providerHttp: { retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 50 } },
  });
  const dispatch = createDispatcher(createHandlers(ctx), { onUnexpectedError: (_c, e) => console.error(e) });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
    return result.value as T;
  };
  const psx = await call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'Sandbox PSX', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
  const wzx = await call<AccountView>('accounts:add', { provider: 'whozex', name: 'Sandbox WZX', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
  const raised: AlertView[] = [];
  const cleared: AlertView[] = [];
  const inbox: InboxEventView[] = [];
  ctx.bus.subscribe((name, payload) => {
    if (name === 'event:alert-raised') raised.push(payload as AlertView);
    if (name === 'event:alert-cleared') cleared.push(payload as AlertView);
    if (name === 'event:inbox') inbox.push(payload as InboxEventView);
  });
  const admin = async (path: string, body: unknown) => {
    const res = await fetch(`${sandbox.whozex.origin}/__admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    ctx,
    dispatch,
    sandbox,
    clock,
    secrets,
    psx,
    wzx,
    raised,
    cleared,
    inbox,
    call,
    provider: (account) => ctx.providers.forAccount(account.id),
    key: () => ({ idempotencyKey: `test-${randomUUID()}` }),
    advance: (body) => admin('/clock/advance', body),
    flush: () => admin('/flush', {}),
    async close() {
      await ctx.close();
      await sandbox.close();
      temp.cleanup();
    },
  };
}

export const US = PSX_COUNTRY_IDS.US!;

/** Adds $ to the Proxies.sx sandbox reseller as a deposit on its site would. */
export async function psxDeposit(h: EventsHarness, cents: number): Promise<void> {
  const res = await fetch(`${h.sandbox.proxiesSx.origin}/__admin/proxies-sx/deposit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: cents / 100 }),
  });
  if (!res.ok) throw new Error(`deposit: ${res.status} ${await res.text()}`);
}

export function countRows(h: EventsHarness, sql: string, ...args: unknown[]): number {
  return h.ctx.ledger.sqlite.prepare(sql).pluck().get(...args) as number;
}
