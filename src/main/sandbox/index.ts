import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerAdmin } from './core/admin';
import { SandboxClock } from './core/clock';
import { FaultInjector, type FaultSettings } from './core/faults';
import { DEFAULT_PROFILE, parseProfile, type SandboxProfile } from './core/profile';
import { RateLimiter, type RateLimitSettings } from './core/rate-limit';
import { openSandboxStore, type SandboxDb } from './core/store';
import { WebhookSender } from './core/webhook-sender';
import { createProxiesSxApp } from './proxies-sx/app';
import { PSX_SEED, seedProxiesSx } from './proxies-sx/seed';
import { createWhozexApp, seedWhozex, WHOZEX_SANDBOX_KEY } from './whozex';

/**
 * The embedded upstream sandbox: both simulated reseller APIs on real HTTP (127.0.0.1),
 * sharing one sandbox clock, one fault injector, one webhook sender and one rate limiter.
 * With `stateDir` everything (including sandbox time) survives a restart; without it,
 * state lives in memory.
 */
export interface StartSandboxOptions {
  /** Folder for proxies-sx.sqlite, whozex.sqlite, webhooks.sqlite and clock.json. Omit for in-memory. */
  stateDir?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  proxiesSxPort?: number;
  whozexPort?: number;
  clock?: SandboxClock;
  rateLimit?: Partial<RateLimitSettings>;
  faults?: Partial<FaultSettings>;
  /** Seed the fixed reseller accounts on an empty store. Default true. */
  seed?: boolean;
  /** Deliver webhooks on real timers (default true); false → only on webhooks.flush(). */
  autoDeliverWebhooks?: boolean;
  /**
   * `documented`: only what the upstream documents promise (everything else 404, Idempotency-Key
   * ignored, documented webhook shapes); `extended`: plus the sandbox's labelled assumptions.
   * Default: RESELLER_DESK_SANDBOX_PROFILE when set (so a whole test run can switch profile), else
   * DEFAULT_PROFILE ('extended'). See core/profile.ts and core/profile-routes.ts.
   */
  profile?: SandboxProfile;
}

export interface RunningSandbox {
  /** The profile both APIs serve. */
  profile: SandboxProfile;
  proxiesSx: {
    /** http://127.0.0.1:PORT/v1 */
    baseUrl: string;
    /** http://127.0.0.1:PORT (admin lives at /__admin) */
    origin: string;
    apiKey: string;
    email: string;
    password: string;
    db: SandboxDb;
  };
  whozex: { baseUrl: string; origin: string; apiKey: string; db: SandboxDb };
  clock: SandboxClock;
  faults: FaultInjector;
  webhooks: WebhookSender;
  rateLimit: RateLimiter;
  close(): Promise<void>;
}

function loadClock(stateDir: string | undefined): { clock: SandboxClock; persist: (() => void) | null } {
  if (!stateDir) return { clock: new SandboxClock(), persist: null };
  const file = join(stateDir, 'clock.json');
  let start: number | undefined;
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { now?: unknown };
    if (typeof saved.now === 'number' && Number.isSafeInteger(saved.now)) start = saved.now;
  }
  const clock = new SandboxClock(start);
  const persist = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ now: clock.now(), iso: clock.nowIso() }));
    renameSync(`${file}.tmp`, file);
  };
  return { clock, persist };
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('The sandbox server has no TCP address');
  const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return `http://${h}:${addr.port}`;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const profile = parseProfile(options.profile ?? (process.env.RESELLER_DESK_SANDBOX_PROFILE || DEFAULT_PROFILE));
  if (options.stateDir) mkdirSync(options.stateDir, { recursive: true });
  const file = (name: string) => (options.stateDir ? join(options.stateDir, name) : undefined);

  const loaded = options.clock ? { clock: options.clock, persist: null } : loadClock(options.stateDir);
  const { clock } = loaded;
  const unpersist = loaded.persist ? clock.onAdvance(loaded.persist) : () => undefined;
  loaded.persist?.();

  const psxDb = openSandboxStore(file('proxies-sx.sqlite'));
  const wzxDb = openSandboxStore(file('whozex.sqlite'));
  const hookDb = openSandboxStore(file('webhooks.sqlite'));
  const faults = new FaultInjector(options.faults);
  const rateLimit = new RateLimiter(options.rateLimit);
  const webhooks = new WebhookSender({ db: hookDb, clock, autoDeliver: options.autoDeliverWebhooks ?? true });

  let whozexKey: string = WHOZEX_SANDBOX_KEY;
  if (options.seed ?? true) {
    seedProxiesSx(psxDb, clock);
    whozexKey = seedWhozex(wzxDb, clock).apiKey;
  }

  const psxApp = createProxiesSxApp({ db: psxDb, clock, faults, webhooks, rateLimit, profile });
  const wzxApp = createWhozexApp({ db: wzxDb, clock, faults, webhooks, rateLimit, profile });
  registerAdmin(wzxApp, { clock, faults, webhooks, rateLimit });

  const apps: FastifyInstance[] = [];
  const shutdown = async () => {
    unpersist();
    faults.close();
    await Promise.allSettled(apps.map((a) => a.close()));
    await webhooks.close();
    for (const db of [psxDb, wzxDb, hookDb]) if (db.open) db.close();
  };

  try {
    apps.push(psxApp);
    const psxOrigin = await listen(psxApp, host, options.proxiesSxPort ?? 0);
    apps.push(wzxApp);
    const wzxOrigin = await listen(wzxApp, host, options.whozexPort ?? 0);
    let closed: Promise<void> | null = null;
    return {
      profile,
      proxiesSx: { baseUrl: `${psxOrigin}/v1`, origin: psxOrigin, apiKey: PSX_SEED.apiKey, email: PSX_SEED.email, password: PSX_SEED.password, db: psxDb },
      whozex: { baseUrl: `${wzxOrigin}/v1`, origin: wzxOrigin, apiKey: whozexKey, db: wzxDb },
      clock,
      faults,
      webhooks,
      rateLimit,
      close: () => (closed ??= shutdown()),
    };
  } catch (e) {
    await shutdown();
    throw e;
  }
}

export { SandboxClock } from './core/clock';
export { DEFAULT_PROFILE, SANDBOX_PROFILES, type SandboxProfile } from './core/profile';
export { PSX_ROUTES, WHOZEX_ROUTES, WHOZEX_DOCUMENTED_EVENTS } from './core/profile-routes';
export { FaultInjector, type FaultSettings } from './core/faults';
export { RateLimiter, type RateLimitSettings } from './core/rate-limit';
export { WebhookSender, type Delivery } from './core/webhook-sender';
export { PSX_SEED, PSX_COUNTRY_IDS, seedLargeAccount } from './proxies-sx/seed';
