import { useState } from 'react';
import type { AccountView } from '../../../shared/contract/accounts';
import type { AppInfo, ConnectionState, UpstreamStatus } from '../../../shared/contract/app';
import { call, hasChannel } from '../api/client';
import { useEvent, useQuery } from '../api/hooks';
import { Icon } from '../components/icons';

const STATE_LABEL: Record<ConnectionState, string> = {
  connected: 'Connected',
  degraded: 'Degraded',
  offline: 'Offline',
  unknown: 'Not checked yet',
};

/**
 * Until main reports live connection states (`app:info` upstreams / `event:upstream-status`),
 * each account's state is read from its last sync: completed → connected, failed → offline.
 */
function fromAccounts(accounts: AccountView[]): UpstreamStatus[] {
  return accounts
    .filter((a) => a.status === 'active')
    .map((a) => ({
      accountId: a.id,
      name: a.name,
      provider: a.provider,
      isSandbox: a.isSandbox,
      state: !a.lastSync ? 'unknown' : a.lastSync.status === 'completed' ? 'connected' : a.lastSync.status === 'failed' ? 'offline' : 'unknown',
    }));
}

/** The ledger file in use and each upstream account's connection state, always visible. */
export function StatusBar() {
  const info = useQuery<AppInfo>('app:info', () => call('app:info'));
  const accounts = useQuery('status-accounts', () => call('accounts:list'), { enabled: hasChannel('accounts:list') });
  const [pushed, setPushed] = useState<UpstreamStatus[] | null>(null);
  useEvent('event:upstream-status', setPushed);
  useEvent('event:accounts-changed', accounts.reload);
  useEvent('event:sync-finished', accounts.reload);
  const reported = pushed ?? info.data?.upstreams ?? [];
  const upstreams = reported.length > 0 ? reported : fromAccounts(accounts.data ?? []);

  return (
    <footer className="statusbar" aria-label="Status">
      <span className="status-item" data-testid="ledger-file" title={info.data ? `Ledger file: ${info.data.ledgerFile}` : undefined}>
        <Icon name="database" size={13} />
        {info.error ? <span className="text-danger">{info.error}</span> : <span className="mono truncate">{info.data?.ledgerFile ?? 'Opening ledger…'}</span>}
      </span>
      <span className="status-spacer" />
      <span className="status-item" data-testid="upstream-status">
        {info.data && !accounts.loading && upstreams.length === 0 && <span className="muted">No upstream account yet — add one in Settings</span>}
        {upstreams.map((u) => (
          <span key={u.accountId} className="upstream-chip" title={`${u.name} (${u.provider}): ${STATE_LABEL[u.state]}`}>
            <span className={`dot dot-${u.state}`} aria-hidden="true" />
            {u.name}
            {u.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
            <span className="sr-only">: {STATE_LABEL[u.state]}</span>
          </span>
        ))}
      </span>
      {info.data && <span className="status-item muted">v{info.data.version}</span>}
    </footer>
  );
}
