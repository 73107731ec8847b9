import { useState } from 'react';
import { Link } from 'wouter';
import type { PortView } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDate, plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { SelectAll, ServiceToolbar, ShowMore, StatusBadge, useListFilters, useSelection } from './service-list';

type Status = 'all' | 'active' | 'expired' | 'suspended';
const STATUSES = [
  ['all', 'Any status'],
  ['active', 'Active'],
  ['expired', 'Expired'],
  ['suspended', 'Suspended'],
] as const satisfies readonly (readonly [Status, string])[];

export function PortsTab({ onNew }: { onNew(): void }) {
  const { search, setSearch, status, setStatus, limit, setLimit, q, query } = useListFilters<Exclude<Status, 'all'>>();
  const { selected, setSelected, toggle } = useSelection();
  const [creds, setCreds] = useState<string[] | null>(null);
  const [extending, setExtending] = useState<PortView | null>(null);
  const notify = useUi((s) => s.notify);
  const list = useQuery(`ports:${q}:${status}:${limit}`, () => call('proxies:list', query));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'port' && reload());
  const rotate = useAction(async (p: PortView) => {
    await call('proxies:rotate', { serviceId: p.serviceId });
    notify('success', `New IP requested for ${p.label ?? p.upstreamId}.`);
    reload();
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <ServiceToolbar<Status>
        noun="port"
        placeholder="Search customer, label, country"
        search={search}
        onSearch={setSearch}
        status={status}
        statuses={STATUSES}
        onStatus={setStatus}
        selectedCount={selected.size}
        onCopySelected={() => setCreds([...selected])}
      />
      <Loading active={list.loading && !list.data} label="Loading ports…" />
      {list.error && <ErrorMessage onRetry={reload}>{list.error}</ErrorMessage>}
      {rotate.error && <ErrorMessage>{rotate.error}</ErrorMessage>}
      {list.data && list.data.total === 0 && !q && status === 'all' && (
        <EmptyState icon="proxies" title="No port yet" action={<Button variant="primary" onClick={onNew}>Create a port</Button>}>
          <p>A port is a dedicated mobile proxy from Proxies.sx, billed per day. Create one for a customer: you see the price and your margin before confirming.</p>
        </EmptyState>
      )}
      {list.data && list.data.total === 0 && (q || status !== 'all') && <p className="muted">No port matches.</p>}
      {items.length > 0 && (
        <table className="table" aria-label="Ports">
          <thead>
            <tr>
              <th>
                <SelectAll label="Select all ports" ids={items.map((p) => p.serviceId)} selected={selected} onChange={setSelected} />
              </th>
              <th>Customer</th>
              <th>Port</th>
              <th>Location</th>
              <th>Status</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.serviceId}>
                <td>
                  <input type="checkbox" aria-label={`Select ${p.label ?? p.upstreamId}`} checked={selected.has(p.serviceId)} onChange={() => toggle(p.serviceId)} />
                </td>
                <td>
                  <Link href={`~/customers/${p.customerId}`}>{p.customerName ?? p.customerId}</Link>
                </td>
                <td>
                  <span className="mono">{p.label ?? p.upstreamId}</span>
                  <div className="muted small">
                    {p.connection.host}:{p.connection.httpPort} {p.isPrivate ? '· private' : '· shared'}
                  </div>
                </td>
                <td>{[p.country, p.city, p.carrier].filter(Boolean).join(' · ') || '—'}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td className="nowrap">
                  {formatDate(p.expiresAt)}
                  {p.daysLeft !== null && <div className="muted small">{plural(p.daysLeft, 'day')} left</div>}
                </td>
                <td className="num nowrap">
                  <Button small variant="ghost" onClick={() => setCreds([p.serviceId])}>
                    Copy
                  </Button>
                  <Button small variant="ghost" busy={rotate.busy} onClick={() => void rotate.run(p)}>
                    Rotate
                  </Button>
                  <Button small variant="ghost" onClick={() => setExtending(p)}>
                    Extend…
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <ShowMore total={list.data.total} shown={items.length} setLimit={setLimit} />}
      {creds && <CredentialsDialog serviceIds={creds} packages={false} onClose={() => setCreds(null)} />}
      {extending && (
        <AmountDialog
          title={`Extend ${extending.label ?? extending.upstreamId}`}
          label="Days to add"
          initial="30"
          submit="Extend"
          help={`${extending.customerName ?? 'The customer'} is charged at your pricebook's price for the added days.`}
          onClose={() => setExtending(null)}
          onSubmit={async (days) => {
            const r = await call('proxies:extend', { serviceId: extending.serviceId, days });
            setExtending(null);
            notify('success', `Extended to ${formatDate(r.port.expiresAt)}.`);
            reload();
          }}
        />
      )}
    </>
  );
}
