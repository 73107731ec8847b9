import { formatMoney } from '../../../shared/money';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import type { AlertsService } from './alerts-service';
import { knownBalance } from './conditions';

/** What the tray shows (shell/tray-service.ts TrayState's balances and openAlerts). */
export interface TrayFeed {
  balances: { accountName: string; balanceText: string; isSandbox: boolean }[];
  openAlerts: { id: string; title: string; page: string; body: string }[];
}

/**
 * Balances per active upstream account (the latest the app knows: observed by the
 * poller or a webhook, else the ledger's) and the open (not yet acknowledged) alerts.
 */
export function getTrayFeed(ctx: { ledger: Ledger; alerts: AlertsService }): TrayFeed {
  const { sqlite } = ctx.ledger;
  const accounts = prepare(sqlite, "SELECT id, name, is_sandbox FROM provider_accounts WHERE status = 'active' ORDER BY is_sandbox, created_at, name").all() as {
    id: string;
    name: string;
    is_sandbox: number;
  }[];
  return {
    balances: accounts.map((a) => {
      const balance = knownBalance(sqlite, a.id);
      return { accountName: a.name, balanceText: balance === null ? 'not synced yet' : formatMoney(balance), isSandbox: a.is_sandbox === 1 };
    }),
    openAlerts: ctx.alerts.list({ status: 'open', limit: 100 }).map((a) => ({ id: a.id, title: a.title, page: a.page, body: a.body })),
  };
}
