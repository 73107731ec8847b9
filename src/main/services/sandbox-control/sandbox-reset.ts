import type { AccountView } from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import type { RunningSandbox } from '../../sandbox';
import type { SandboxKeyFallback } from '../../secrets/sandbox-key-fallback';
import type { AccountsService } from '../accounts/accounts-service';
import { ensureSandboxAccounts, SANDBOX_ACCOUNTS_SETTING } from '../accounts/sandbox-accounts';
import { MISSING_UPSTREAM } from '../sync/service-sync';
import { recordEvent } from '../sync/sync-state';
import type { EmbeddedSandbox } from './embedded-sandbox';

export interface SandboxResetDeps {
  ledger: Ledger;
  clock: Clock;
  accounts: AccountsService;
  sandbox: EmbeddedSandbox;
  log: Logger;
  /** Holds the fresh sandbox's keys even without a keychain. */
  secrets?: Pick<SandboxKeyFallback, 'admitPublicKey' | 'hold'>;
}

export interface SandboxResetResult {
  running: RunningSandbox;
  /** The fresh "Sandbox · Proxies.sx" and "Sandbox · Whozex". */
  accounts: AccountView[];
  /** Services of the old sandbox accounts that were still live and are now marked gone upstream. */
  servicesEnded: number;
}

/** Pending upstream operations on sandbox accounts: a reset must wait for them to settle. */
export function pendingSandboxOperations(ledger: Ledger): number {
  return ledger.sqlite
    .prepare(
      `SELECT count(*) FROM operations o JOIN provider_accounts a ON a.id = o.provider_account_id
       WHERE o.status = 'pending' AND a.is_sandbox = 1`,
    )
    .pluck()
    .get() as number;
}

/**
 * Starts the sandbox over: the simulated upstreams are wiped and seeded afresh, and the
 * app's sandbox accounts are replaced by fresh ones for the fresh state. The old ones are
 * removed like any account (their history stays in the books, under the removed account);
 * their services still live in the app are marked gone upstream, with one event per account
 * saying why, so nothing pretends to run on an upstream that no longer has it. Keeping
 * the old accounts instead would mix two upstream histories in one account's books.
 * Refused while an upstream call on a sandbox account is still being settled.
 */
export async function resetSandbox(deps: SandboxResetDeps, options: { startAt?: number; holdTime?: boolean } = {}): Promise<SandboxResetResult> {
  const pending = pendingSandboxOperations(deps.ledger);
  if (pending > 0) {
    throw new AppError(
      'CONFLICT',
      `${pending === 1 ? 'One upstream operation' : `${pending} upstream operations`} on the sandbox accounts ${pending === 1 ? 'is' : 'are'} still being settled. Try the reset again in a minute.`,
    );
  }
  const running = await deps.sandbox.reset(options);
  const { sqlite } = deps.ledger;
  const old = sqlite.prepare("SELECT id, name FROM provider_accounts WHERE is_sandbox = 1 AND status = 'active'").all() as { id: string; name: string }[];
  let servicesEnded = 0;
  const now = deps.clock.now().toISOString();
  sqlite.transaction(() => {
    for (const account of old) {
      const ended = sqlite
        .prepare(`UPDATE services SET status = ?, updated_at = ? WHERE provider_account_id = ? AND status NOT IN (?, 'expired')`)
        .run(MISSING_UPSTREAM, now, account.id, MISSING_UPSTREAM).changes;
      servicesEnded += ended;
      recordEvent(
        sqlite,
        {
          accountId: account.id,
          runId: null,
          kind: 'sandbox_reset',
          severity: 'info',
          subject: null,
          dedupeKey: `${account.id}:sandbox-reset:${now}`,
          details: { account: account.name, servicesEnded: ended },
        },
        now,
      );
    }
    // The first-run accounts are offered again, for the fresh sandbox.
    sqlite.prepare('DELETE FROM settings WHERE key = ?').run(SANDBOX_ACCOUNTS_SETTING);
  })();
  for (const account of old) await deps.accounts.remove(account.id);
  const accounts = await ensureSandboxAccounts(deps, running);
  deps.log.info('Sandbox reset', { removedAccounts: old.length, servicesEnded, time: running.clock.nowIso() });
  return { running, accounts, servicesEnded };
}
