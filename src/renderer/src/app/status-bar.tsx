import { useState } from 'react';
import type { AppInfo, ConnectionState, UpstreamStatus } from '../../../shared/contract/app';
import { call } from '../api/client';
import { useEvent, useQuery } from '../api/hooks';
import { Icon } from '../components/icons';
import { formatDateTime } from '../lib/format';
import { RunningJobs } from './running-jobs';

const STATE_LABEL: Record<ConnectionState, string> = {
  connected: 'Connected',
  degraded: 'Degraded',
  offline: 'Offline',
  unknown: 'Not checked yet',
};

function chipTitle(u: UpstreamStatus): string {
  const parts = [`${u.name} (${u.provider}): ${STATE_LABEL[u.state]}`];
  if (u.message) parts.push(u.message);
  if (u.checkedAt) parts.push(`Last checked ${formatDateTime(u.checkedAt)}`);
  return parts.join(' — ');
}

/** The ledger file in use, the long jobs running and each upstream account's connection state, always visible. */
export function StatusBar() {
  const info = useQuery<AppInfo>('app:info', () => call('app:info'));
  // Main pushes every change of state (a poll or sync finished, an account added or removed).
  const [pushed, setPushed] = useState<UpstreamStatus[] | null>(null);
  useEvent('event:upstream-status', setPushed);
  const upstreams = pushed ?? info.data?.upstreams ?? [];
  const accountNames = Object.fromEntries(upstreams.map((u) => [u.accountId, u.name]));

  return (
    <footer className="statusbar" aria-label="Status">
      <span className="status-item" data-testid="ledger-file" title={info.data ? `Ledger file: ${info.data.ledgerFile}` : undefined}>
        <Icon name="database" size={13} />
        {info.error ? <span className="text-danger">{info.error}</span> : <span className="mono truncate">{info.data?.ledgerFile ?? 'Opening ledger…'}</span>}
      </span>
      <span className="status-spacer" />
      <RunningJobs accountNames={accountNames} />
      <span className="status-item" data-testid="upstream-status">
        {info.data && upstreams.length === 0 && <span className="muted">No upstream account yet — add one in Settings</span>}
        {upstreams.map((u) => (
          <span key={u.accountId} className="upstream-chip" title={chipTitle(u)}>
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
