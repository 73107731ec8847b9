import type Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';
import type { Logger } from '../../logging/logger';
import { SandboxClock, startSandbox, type RunningSandbox } from '../../sandbox';
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
  /**
   * Wipes the simulated upstreams (accounts, balances, ports, packages, deliveries) and
   * starts them again freshly seeded. Sandbox time is kept unless `startAt` is given (the
   * demo starts months back to write a history); with `holdTime` the sandbox does not
   * follow the wall clock until `releaseTime()`.
   */
  reset(options?: { startAt?: number; holdTime?: boolean }): Promise<RunningSandbox>;
  /** Ends a hold: sandbox time catches up with the wall clock and follows it again. */
  releaseTime(): void;
  stop(): Promise<void>;
}

/** The files a sandbox state folder holds besides clock.json. */
const STATE_FILES = ['proxies-sx.sqlite', 'whozex.sqlite', 'webhooks.sqlite'];

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
  /**
   * The real (non-sandbox) account the books hold, if any: while there is one, sandbox
   * time cannot be moved (see `timeTravelRefusal`) and a reset realigns it with the wall clock.
   */
  realAccount?: () => string | null;
}

export function createEmbeddedSandbox(options: EmbeddedSandboxOptions): EmbeddedSandbox {
  let sandbox: RunningSandbox | null = null;
  let starting: Promise<RunningSandbox> | null = null;
  let ticker: NodeJS.Timeout | null = null;
  const wallNow = options.wallNow ?? Date.now;
  const realAccount = options.realAccount ?? (() => null);

  const stateDirOf = () => (options.stateDir === null ? undefined : (options.stateDir ?? join(options.dataDir, 'sandbox')));
  let held = false;
  let lastWall = wallNow();

  /** Sandbox time never lags the wall clock (unless held): it catches up at once. */
  function catchUp(running: RunningSandbox): void {
    lastWall = wallNow();
    if (running.clock.now() < lastWall) running.clock.set(lastWall);
  }

  function startTicker(running: RunningSandbox): void {
    if ((options.tickMs ?? 30_000) <= 0 || ticker) return;
    ticker = setInterval(() => {
      const wall = wallNow();
      const elapsed = wall - lastWall;
      lastWall = wall;
      if (elapsed > 0 && !held) running.clock.advance(elapsed);
    }, options.tickMs ?? 30_000);
    ticker.unref();
  }

  async function launch(clock?: SandboxClock): Promise<RunningSandbox> {
    const stateDir = stateDirOf();
    const running = await startSandbox({ ...(stateDir ? { stateDir } : {}), ...(clock ? { clock } : {}) });
    if (!held) catchUp(running);
    startTicker(running);
    options.follow?.(running.clock);
    options.log.info('Embedded sandbox started', { proxiesSx: running.proxiesSx.baseUrl, whozex: running.whozex.baseUrl, time: running.clock.nowIso() });
    sandbox = running;
    return running;
  }

  async function start(): Promise<RunningSandbox> {
    if (sandbox) return sandbox;
    if (starting) return starting;
    starting = launch();
    try {
      return await starting;
    } finally {
      starting = null;
    }
  }

  async function stop(): Promise<void> {
    if (ticker) clearInterval(ticker);
    ticker = null;
    const running = sandbox;
    sandbox = null;
    options.follow?.(null);
    if (running) await running.close();
  }

  async function reset(opts: { startAt?: number; holdTime?: boolean } = {}): Promise<RunningSandbox> {
    if (starting) await starting.catch(() => undefined);
    // With a real account in the books a saved offset is dropped here: the sandbox rejoins the wall clock.
    const real = realAccount();
    if (real !== null && opts.startAt !== undefined) throw timeTravelRefusal(real);
    const keptTime = real !== null ? wallNow() : (sandbox?.clock.now() ?? wallNow());
    const time = opts.startAt ?? keptTime;
    if (!Number.isSafeInteger(time)) throw new AppError('INVALID_INPUT', 'The sandbox needs a whole-millisecond start time.');
    await stop();
    const stateDir = stateDirOf();
    let clock: SandboxClock | undefined;
    if (stateDir) {
      mkdirSync(stateDir, { recursive: true });
      for (const name of STATE_FILES) for (const suffix of ['', '-wal', '-shm']) rmSync(join(stateDir, name + suffix), { force: true });
      writeFileSync(join(stateDir, 'clock.json'), JSON.stringify({ now: time, iso: new Date(time).toISOString() }));
    } else {
      clock = new SandboxClock(time);
    }
    held = opts.holdTime ?? false;
    options.log.info('Embedded sandbox reset', { time: new Date(time).toISOString(), holdTime: held });
    starting = launch(clock);
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
      const real = realAccount();
      if (real !== null) throw timeTravelRefusal(real);
      sandbox.clock.advance(ms);
      await sandbox.webhooks.flush();
      return sandbox.clock.nowIso();
    },
    reset,
    releaseTime() {
      held = false;
      if (sandbox) catchUp(sandbox);
    },
    stop,
  };
}

/** Why sandbox time cannot move: the books hold a real account, which keeps the wall clock. */
export function timeTravelRefusal(accountName: string): AppError {
  return new AppError(
    'CONFLICT',
    `Sandbox time can only be moved while the books hold sandbox accounts only, and they hold the real account '${accountName}': its payments, webhooks and pending operations run on the real clock. To try time travel, start Reseller Desk with an empty data folder (RESELLER_DESK_DATA_DIR) or run \`reseller-desk demo\`.`,
  );
}

/**
 * The first real (non-sandbox) account the books hold, removed ones included (their
 * postings stay in the books): null while every account is a sandbox one.
 */
export function realAccountInBooks(sqlite: Database.Database): string | null {
  // Asked on every read of the app clock: a cached statement over a table of a few rows.
  const row = prepare(sqlite, 'SELECT name FROM provider_accounts WHERE is_sandbox = 0 ORDER BY created_at LIMIT 1').get() as { name: string } | undefined;
  return row?.name ?? null;
}

/** Whether the app should run the embedded sandbox: first run, or sandbox accounts in use. */
export function wantsEmbeddedSandbox(sqlite: Database.Database): boolean {
  const active = sqlite.prepare("SELECT count(*) FROM provider_accounts WHERE is_sandbox = 1 AND status = 'active'").pluck().get() as number;
  if (active > 0) return true;
  return !sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(SANDBOX_ACCOUNTS_SETTING);
}
