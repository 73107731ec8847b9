import { useState } from 'react';
import { Link } from 'wouter';
import type { PortView } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { useAction, useDebounced, useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDate, plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';

type Status = 'all' | 'active' | 'expired' | 'suspended';

export function PortsTab({ onNew }: { onNew(): void }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [limit, setLimit] = useState(100);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [creds, setCreds] = useState<string[] | null>(null);
  const [extending, setExtending] = useState<PortView | null>(null);
  const notify = useUi((s) => s.notify);
  const q = useDebounced(search.trim(), 200);
  const list = useQuery(`ports:${q}:${status}:${limit}`, () => call('proxies:list', { ...(q ? { search: q } : {}), ...(status !== 'all' ? { status } : {}), limit }));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'port' && reload());
  const rotate = useAction(async (p: PortView) => {
    await call('proxies:rotate', { serviceId: p.serviceId });
    notify('success', `New IP requested for ${p.label ?? p.upstreamId}.`);
    reload();
  });
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const items = list.data?.items ?? [];

  return (
    <>
      <div className="toolbar">
        <div className="search-box">
          <input type="search" aria-label="Search ports" placeholder="Search customer, label, country" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <select aria-label="Port status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          <option value="all">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="suspended">Suspended</option>
        </select>
        {selected.size > 0 && (
          <Button small onClick={() => setCreds([...selected])}>
            Copy credentials of {plural(selected.size, 'port')}
          </Button>
        )}
      </div>
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
                <input type="checkbox" aria-label="Select all ports" checked={items.every((p) => selected.has(p.serviceId))} onChange={(e) => setSelected(new Set(e.target.checked ? items.map((p) => p.serviceId) : []))} />
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
                  <span className={p.status === 'active' ? 'badge badge-active' : 'badge badge-suspended'}>{p.status}</span>
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
      {list.data && list.data.total > items.length && (
        <Button small onClick={() => setLimit((l) => Math.min(500, l + 100))}>
          Show more ({list.data.total - items.length} more)
        </Button>
      )}
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
