import { formatMoney } from '../../shared/money';
import type { AppContext } from '../app-context';
import { ledgerAccounts, naturalBalance } from '../ledger/journal';
import type { TrayBalance, TrayService, TrayState } from './tray-service';

/** Each active upstream account with its balance as the ledger holds it (equal to the upstream's after a sync). */
export function trayBalances(ctx: Pick<AppContext, 'accounts' | 'ledger'>): TrayBalance[] {
  return ctx.accounts.list().map((account) => ({
    accountName: account.name,
    balanceText: formatMoney(naturalBalance(ctx.ledger.sqlite, ledgerAccounts.upstream(account.id))),
    isSandbox: account.isSandbox,
  }));
}

export interface TrayFeedOptions {
  /** The open alerts to show; LEAD: the alerts service plugs in here. */
  openAlerts?: () => TrayState['openAlerts'];
  alertsPaused: () => boolean;
  /** Coalesces bursts of events (a sync emits many) into one refresh. */
  delayMs?: number;
}

/**
 * Keeps the tray in step with the books: refreshes it now and after any bus event
 * (debounced), reading balances from the ledger. Returns a function that stops it.
 */
export function feedTray(ctx: Pick<AppContext, 'accounts' | 'ledger' | 'bus' | 'log'>, tray: Pick<TrayService, 'update'>, options: TrayFeedOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const refresh = () => {
    timer = undefined;
    if (stopped) return;
    try {
      tray.update({ balances: trayBalances(ctx), openAlerts: options.openAlerts?.() ?? [], paused: options.alertsPaused() });
    } catch (error) {
      ctx.log.warn('Tray refresh failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  refresh();
  const unsubscribe = ctx.bus.subscribe(() => {
    if (timer === undefined && !stopped) timer = setTimeout(refresh, options.delayMs ?? 250);
  });
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
