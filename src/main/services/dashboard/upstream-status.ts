import type { ConnectionState, UpstreamStatus } from '../../../shared/contract/app';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';

/**
 * Each active upstream account's connection state, from the last thing that talked to it:
 * the poller's last look (`poll_state`) or the last finished sync (`sync_runs`), whichever
 * is newer.
 *
 * - never polled nor synced → 'unknown'
 * - the latest attempt succeeded → 'connected'
 * - it failed because the upstream could not be reached or refused the key → 'offline'
 * - it failed otherwise (rate limit, a 5xx, an answer not understood) → 'degraded'
 *
 * `refresh()` recomputes and pushes `event:upstream-status` when anything changed; it runs
 * when a sync finishes, accounts change, new events arrive, and when a poll finishes (the
 * poller's `onFinished` hook, wired in app-context).
 */

const OFFLINE_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'INVALID_API_KEY', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'KEYCHAIN_UNAVAILABLE']);
const REFRESH_ON = new Set(['event:sync-finished', 'event:accounts-changed', 'event:inbox']);

interface Attempt {
  at: string;
  ok: boolean;
  code: string | null;
  message: string | null;
}

export function connectionState(attempts: (Attempt | null)[]): { state: ConnectionState; latest: Attempt | null } {
  const latest = attempts.filter((a): a is Attempt => a !== null).sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
  if (!latest) return { state: 'unknown', latest };
  if (latest.ok) return { state: 'connected', latest };
  return { state: latest.code && OFFLINE_CODES.has(latest.code) ? 'offline' : 'degraded', latest };
}

export interface UpstreamStatusService {
  list(): UpstreamStatus[];
  /** Recomputes; emits `event:upstream-status` if a state changed. */
  refresh(): void;
  close(): void;
}

export function createUpstreamStatusService(deps: { ledger: Ledger; bus: EventBus }): UpstreamStatusService {
  const { sqlite } = deps.ledger;
  let lastKey: string | null = null;

  function list(): UpstreamStatus[] {
    const rows = prepare(
      sqlite,
      `SELECT a.id, a.name, a.provider, a.is_sandbox, p.last_run_at, p.last_ok_at, p.last_error_code, p.last_error_message
       FROM provider_accounts a LEFT JOIN poll_state p ON p.account_id = a.id
       WHERE a.status = 'active' ORDER BY a.is_sandbox, a.created_at`,
    ).all() as {
      id: string;
      name: string;
      provider: string;
      is_sandbox: number;
      last_run_at: string | null;
      last_ok_at: string | null;
      last_error_code: string | null;
      last_error_message: string | null;
    }[];
    const lastSync = prepare(
      sqlite,
      `SELECT status, coalesce(finished_at, started_at) AS at, error_code, error_message FROM sync_runs
       WHERE account_id = ? AND status IN ('completed', 'failed') ORDER BY started_at DESC LIMIT 1`,
    );
    return rows.map((r) => {
      const poll: Attempt | null = r.last_run_at
        ? { at: r.last_run_at, ok: r.last_ok_at === r.last_run_at && !r.last_error_code, code: r.last_error_code, message: r.last_error_message }
        : null;
      const s = lastSync.get(r.id) as { status: string; at: string; error_code: string | null; error_message: string | null } | undefined;
      const sync: Attempt | null = s ? { at: s.at, ok: s.status === 'completed', code: s.error_code, message: s.error_message } : null;
      const { state, latest } = connectionState([poll, sync]);
      return {
        accountId: r.id,
        name: r.name,
        provider: r.provider,
        isSandbox: r.is_sandbox === 1,
        state,
        checkedAt: latest?.at ?? null,
        message: latest && !latest.ok ? (latest.message ?? latest.code) : null,
      };
    });
  }

  function refresh(): void {
    let now: UpstreamStatus[];
    try {
      now = list();
    } catch {
      return; // the ledger is closing
    }
    const key = JSON.stringify(now.map((u) => [u.accountId, u.name, u.state, u.message]));
    if (key === lastKey) return;
    lastKey = key;
    deps.bus.emit('event:upstream-status', now);
  }

  const unsubscribe = deps.bus.subscribe((name) => {
    if (REFRESH_ON.has(name)) refresh();
  });

  return {
    list() {
      const now = list();
      lastKey ??= JSON.stringify(now.map((u) => [u.accountId, u.name, u.state, u.message]));
      return now;
    },
    refresh,
    close: unsubscribe,
  };
}
