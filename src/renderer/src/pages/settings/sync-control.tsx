import { useState } from 'react';
import type { SyncPhase, SyncProgress } from '../../../../shared/contract/sync';
import { call, errorMessage } from '../../api/client';
import { useEvent } from '../../api/hooks';
import { Button } from '../../components/ui';
import { useUi } from '../../state/ui-store';

// Labels for the phases main reports; a phase added later shows under its own name.
const PHASE: Partial<Record<SyncPhase | 'account', string>> = {
  account: 'Account',
  customers: 'Customers',
  services: 'Proxies and packages',
  transactions: 'Transactions',
  balance: 'Balance',
  done: 'Done',
};

/** "Sync now" for one account, with the pushed progress and a Cancel button. */
export function SyncControl({ accountId, accountName, onDone }: { accountId: string; accountName: string; onDone(): void }) {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const notify = useUi((s) => s.notify);
  useEvent('event:sync-progress', (p) => p.accountId === accountId && setProgress(p));

  async function run() {
    setRunning(true);
    setProgress(null);
    try {
      const [result] = await call('sync:run', { accountId });
      if (result?.status === 'completed') notify('success', `${accountName} synced: ${result.stats.customersCreated + result.stats.customersUpdated} customers, ${result.stats.servicesCreated + result.stats.servicesUpdated} services, ${result.stats.transactionsNew} new transactions.`);
      else if (result) notify(result.status === 'cancelled' ? 'info' : 'error', result.error?.message ?? `Sync of ${accountName} ${result.status}.`);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setRunning(false);
      setProgress(null);
      onDone();
    }
  }

  if (!running) {
    return (
      <Button small onClick={() => void run()}>
        Sync now
      </Button>
    );
  }
  const pct = progress?.total ? Math.round((progress.done / Math.max(1, progress.total)) * 100) : null;
  return (
    <span className="sync-running">
      <span className="progress small-progress" role="progressbar" aria-label={`Syncing ${accountName}`} aria-valuenow={pct ?? undefined} aria-valuemin={0} aria-valuemax={100}>
        <span className="progress-fill" style={{ width: `${pct ?? 15}%` }} />
      </span>
      <span className="muted small">{progress ? `${PHASE[progress.phase] ?? progress.phase}${progress.total ? ` ${progress.done}/${progress.total}` : ''}` : 'Starting…'}</span>
      <Button small onClick={() => void call('sync:cancel', { accountId }).catch(() => undefined)}>
        Cancel
      </Button>
    </span>
  );
}
