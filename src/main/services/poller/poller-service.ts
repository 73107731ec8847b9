import type { PollerSettingsView, PollRunResult } from '../../../shared/contract/events';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import { prepare } from '../../ledger/sql';
import type { SettingsService } from '../settings-service';
import type { ProviderRegistry } from '../accounts/provider-registry';
import type { EventsService } from '../events/events-service';
import { pollAccount } from './poll-account';

/**
 * The polling fallback: every `pollIntervalMinutes` (Settings), each active upstream
 * account is looked at once (accounts in parallel, each within its own request budget)
 * and what changed goes through the event pipeline. `runNow` is the same look on demand
 * (the UI's button, the tests). A look already running for an account is joined, never
 * doubled.
 */

export const POLLER_SETTINGS_KEY = 'poller.enabled';

export interface PollerServiceDeps {
  ledger: Ledger;
  clock: Clock;
  providers: ProviderRegistry;
  events: EventsService;
  settings: SettingsService;
  log: Logger;
  /** Upstream calls per account per look (default 60). */
  maxRequestsPerRun?: number;
}

export interface PollerService {
  runNow(accountId?: string): Promise<PollRunResult[]>;
  start(): void;
  /** The interval changed (Settings): the next look is one new interval from now. */
  reschedule(): void;
  stop(): Promise<void>;
  view(): PollerSettingsView;
  update(patch: { enabled?: boolean | undefined; intervalMinutes?: number | undefined }): PollerSettingsView;
  /** Called after each account's look (success or failure) is saved; returns an unsubscribe. */
  onFinished(listener: (result: PollRunResult) => void): () => void;
}

export function createPollerService(deps: PollerServiceDeps): PollerService {
  const { sqlite } = deps.ledger;
  const running = new Map<string, Promise<PollRunResult>>();
  const finishedListeners = new Set<(result: PollRunResult) => void>();
  const controller = { current: new AbortController() };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;

  const enabled = (): boolean => {
    const v = prepare(sqlite, 'SELECT value FROM settings WHERE key = ?').pluck().get(POLLER_SETTINGS_KEY) as string | undefined;
    return v === undefined ? true : v !== 'false';
  };
  const now = () => deps.clock.now().toISOString();

  function saveState(accountId: string, result: PollRunResult, packageCursor: string | null | undefined): void {
    const at = now();
    prepare(
      sqlite,
      `INSERT INTO poll_state (account_id, package_cursor, last_run_at, last_ok_at, last_error_code, last_error_message, requests)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET
         package_cursor = CASE WHEN ? THEN excluded.package_cursor ELSE poll_state.package_cursor END,
         last_run_at = excluded.last_run_at, last_ok_at = coalesce(excluded.last_ok_at, poll_state.last_ok_at),
         last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message,
         requests = poll_state.requests + excluded.requests`,
    ).run(
      accountId,
      packageCursor ?? null,
      at,
      result.ok ? at : null,
      result.error?.code ?? null,
      result.error?.message ?? null,
      result.requests,
      packageCursor !== undefined ? 1 : 0,
    );
  }

  async function pollOne(accountId: string): Promise<PollRunResult> {
    const result: PollRunResult = { accountId, ok: false, newEvents: 0, requests: 0, error: null };
    let packageCursor: string | null | undefined;
    try {
      const provider = deps.providers.forAccount(accountId);
      const look = await pollAccount({
        sqlite,
        clock: deps.clock,
        provider,
        accountId,
        maxRequests: deps.maxRequestsPerRun ?? 60,
        signal: controller.current.signal,
      });
      result.requests = look.requests;
      packageCursor = look.packageCursor;
      const ingested = deps.events.ingest(look.drafts, { resets: look.resets });
      result.newEvents = ingested.inserted.length;
      result.ok = true;
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('INTERNAL', 'The check stopped on an unexpected error; it runs again at the next interval.', { cause: error });
      result.error = { code: e.code, message: e.message };
      deps.log.warn('Polling an upstream account failed', { accountId, code: e.code, error: error instanceof Error ? error.message : String(error) });
    }
    saveState(accountId, result, packageCursor);
    for (const listener of [...finishedListeners]) {
      try {
        listener(result);
      } catch (error) {
        deps.log.warn('A poll listener failed', { error: String(error) });
      }
    }
    return result;
  }

  async function runNow(accountId?: string): Promise<PollRunResult[]> {
    const ids = accountId
      ? [accountId]
      : (prepare(sqlite, "SELECT id FROM provider_accounts WHERE status = 'active' ORDER BY created_at").pluck().all() as string[]);
    if (accountId && !prepare(sqlite, "SELECT 1 FROM provider_accounts WHERE id = ? AND status = 'active'").get(accountId)) {
      throw new AppError('NOT_FOUND', 'That upstream account does not exist or was removed. Refresh the list of accounts.');
    }
    return Promise.all(
      ids.map((id) => {
        const current = running.get(id);
        if (current) return current;
        const p = pollOne(id).finally(() => running.delete(id));
        running.set(id, p);
        return p;
      }),
    );
  }

  function schedule(): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const ms = deps.settings.get().pollIntervalMinutes * 60_000;
    timer = setTimeout(() => {
      timer = null;
      const tick = enabled() ? runNow().then(() => undefined) : Promise.resolve();
      void tick.catch((error: unknown) => deps.log.warn('A scheduled poll failed', { error: String(error) })).finally(schedule);
    }, ms);
    timer.unref?.();
  }

  function view(): PollerSettingsView {
    const rows = prepare(
      sqlite,
      `SELECT a.id, a.name, p.last_run_at, p.last_ok_at, p.last_error_code, p.last_error_message, o.balance
       FROM provider_accounts a LEFT JOIN poll_state p ON p.account_id = a.id LEFT JOIN upstream_observations o ON o.account_id = a.id
       WHERE a.status = 'active' ORDER BY a.is_sandbox, a.created_at`,
    ).all() as {
      id: string;
      name: string;
      last_run_at: string | null;
      last_ok_at: string | null;
      last_error_code: string | null;
      last_error_message: string | null;
      balance: number | null;
    }[];
    return {
      enabled: enabled(),
      intervalMinutes: deps.settings.get().pollIntervalMinutes,
      running: running.size > 0,
      accounts: rows.map((r) => ({
        accountId: r.id,
        accountName: r.name,
        lastRunAt: r.last_run_at,
        lastOkAt: r.last_ok_at,
        lastError: r.last_error_code ? { code: r.last_error_code, message: r.last_error_message ?? '' } : null,
        lastBalance: r.balance,
      })),
    };
  }

  return {
    runNow,
    start() {
      if (started) return;
      started = true;
      schedule();
    },
    reschedule: schedule,
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      controller.current.abort();
      await Promise.allSettled([...running.values()]);
      // "Run now" still works after a stop (the CLI, tests).
      controller.current = new AbortController();
    },
    view,
    onFinished(listener) {
      finishedListeners.add(listener);
      return () => finishedListeners.delete(listener);
    },
    update(patch) {
      if (patch.intervalMinutes !== undefined) deps.settings.update({ pollIntervalMinutes: patch.intervalMinutes });
      if (patch.enabled !== undefined) {
        prepare(
          sqlite,
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        ).run(POLLER_SETTINGS_KEY, JSON.stringify(patch.enabled), now());
      }
      schedule(); // the new interval counts from now
      return view();
    },
  };
}
