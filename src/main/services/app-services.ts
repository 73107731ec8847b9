import type { AppContext } from '../app-context';
import { ensureSandboxAccounts } from './accounts/sandbox-accounts';
import { createBackup, dailyBackupDue } from './backup/backup-service';
import { startEventServices, type StartEventServicesOptions } from './events/start';
import { wantsEmbeddedSandbox } from './sandbox-control/embedded-sandbox';

type Stop = () => Promise<void> | void;

export interface AppServicesOptions {
  /** How often to check whether the daily backup is due (0 = only at start). */
  backupCheckMs?: number;
  /** Webhook listener and poller options (tests: port 0, no timers). */
  events?: StartEventServicesOptions;
}

/**
 * What runs in the background of the app, in plain Node (the shell calls this; so can
 * the e2e harness): the embedded sandbox on first run or while sandbox accounts exist,
 * reconciliation of interrupted upstream calls, the webhook listener, poller and alert
 * rules, the daily ledger backup. Returns one function that stops everything in reverse order.
 */
export async function startAppServices(ctx: AppContext, options: AppServicesOptions = {}): Promise<Stop> {
  const stops: Stop[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        ctx.log.error('A background service failed to stop', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  try {
    // Asked once at start, so Settings can say plainly when real keys cannot be stored.
    if (!(await ctx.secrets.probe())) ctx.log.warn('The system keychain is not available: only the embedded sandbox can be used until it is');
    if (wantsEmbeddedSandbox(ctx.ledger.sqlite)) {
      const running = await ctx.sandbox.start();
      stops.push(() => ctx.sandbox.stop());
      await ensureSandboxAccounts(ctx, running);
    }

    // Upstream calls a crash interrupted are settled before anything new is sent.
    // Not awaited: an unreachable upstream must not hold up the window.
    void ctx.operations
      .reconcilePending()
      .then((summary) => ctx.log.info('Start-up reconciliation', { ...summary }))
      .catch((error: unknown) => ctx.log.warn('Start-up reconciliation failed; it runs again after the next network error', { error: error instanceof Error ? error.message : String(error) }));

    // Webhook listener, poller and alert rules: after the accounts exist.
    const events = await startEventServices(ctx, options.events ?? {});
    stops.push(() => events.stop());
    if (events.listenerError) ctx.log.warn('Webhook listener not started; polling covers it', { reason: events.listenerError });

    const backupIfDue = async () => {
      if (!dailyBackupDue(ctx.dataDir, ctx.clock.now())) return;
      try {
        await createBackup(ctx.ledger.sqlite, ctx.dataDir, 'daily', ctx.clock.now());
      } catch (error) {
        ctx.log.error('Daily backup failed', { error: error instanceof Error ? error.message : String(error) });
      }
    };
    await backupIfDue();
    const every = options.backupCheckMs ?? 3_600_000;
    if (every > 0) {
      const timer = setInterval(() => void backupIfDue(), every);
      timer.unref();
      stops.push(() => clearInterval(timer));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
