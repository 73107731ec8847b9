import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../logging/logger';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { SANDBOX_ACCOUNTS_SETTING } from '../accounts/sandbox-accounts';

/**
 * The upstream sandbox embedded in the desktop app: both simulated APIs on 127.0.0.1,
 * state kept under <data>/sandbox so it survives restarts. Its time runs with the wall
 * clock (a ticker moves it forward) and jumps when the reseller moves it in demo mode.
 */
export interface EmbeddedSandbox {
  running(): RunningSandbox | null;
  start(): Promise<RunningSandbox>;
  /** Moves sandbox time forward, delivers the webhooks that fall due, returns the new time. */
  advance(ms: number): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedSandboxOptions {
  dataDir: string;
  log: Logger;
  /** Ticker period for following the wall clock; 0 turns it off (tests). */
  tickMs?: number;
  /** The app clock to point at the sandbox's time while it runs. */
  follow?: (source: { now(): number } | null) => void;
  /** Wall time (injectable for tests). */
  wallNow?: () => number;
  stateDir?: string | null;
}

export function createEmbeddedSandbox(options: EmbeddedSandboxOptions): EmbeddedSandbox {
  let sandbox: RunningSandbox | null = null;
  let starting: Promise<RunningSandbox> | null = null;
  let ticker: NodeJS.Timeout | null = null;
  const wallNow = options.wallNow ?? Date.now;

  async function start(): Promise<RunningSandbox> {
    if (sandbox) return sandbox;
    if (starting) return starting;
    starting = (async () => {
      const stateDir = options.stateDir === null ? undefined : (options.stateDir ?? join(options.dataDir, 'sandbox'));
      const running = await startSandbox(stateDir ? { stateDir } : {});
      // Sandbox time never lags the wall clock: on a later start it catches up at once.
      if (running.clock.now() < wallNow()) running.clock.set(wallNow());
      let lastWall = wallNow();
      if ((options.tickMs ?? 30_000) > 0) {
        ticker = setInterval(() => {
          const wall = wallNow();
          const elapsed = wall - lastWall;
          lastWall = wall;
          if (elapsed > 0) running.clock.advance(elapsed);
        }, options.tickMs ?? 30_000);
        ticker.unref();
      }
      options.follow?.(running.clock);
      options.log.info('Embedded sandbox started', { proxiesSx: running.proxiesSx.baseUrl, whozex: running.whozex.baseUrl });
      sandbox = running;
      return running;
    })();
    try {
      return await starting;
    } finally {
      starting = null;
    }
  }

  return {
    running: () => sandbox,
    start,
    async advance(ms) {
      if (!sandbox) throw new AppError('NOT_FOUND', 'The sandbox is not running. It starts with the app while sandbox accounts exist.');
      sandbox.clock.advance(ms);
      await sandbox.webhooks.flush();
      return sandbox.clock.nowIso();
    },
    async stop() {
      if (ticker) clearInterval(ticker);
      ticker = null;
      const running = sandbox;
      sandbox = null;
      options.follow?.(null);
      if (running) await running.close();
    },
  };
}

/** Whether the app should run the embedded sandbox: first run, or sandbox accounts in use. */
export function wantsEmbeddedSandbox(sqlite: Database.Database): boolean {
  const active = sqlite.prepare("SELECT count(*) FROM provider_accounts WHERE is_sandbox = 1 AND status = 'active'").pluck().get() as number;
  if (active > 0) return true;
  return !sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(SANDBOX_ACCOUNTS_SETTING);
}
