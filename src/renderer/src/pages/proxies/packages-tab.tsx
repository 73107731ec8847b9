import { Fragment, useState } from 'react';
import { Link } from 'wouter';
import type { PackageView } from '../../../../shared/contract/packages';
import { call } from '../../api/client';
import { useAction, useDebounced, useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDate, plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { gbText, UsageChart } from './usage-chart';

type Status = 'all' | 'active' | 'depleted' | 'expired';

export function PackagesTab({ onNew }: { onNew(): void }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [limit, setLimit] = useState(100);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [creds, setCreds] = useState<string[] | null>(null);
  const [adding, setAdding] = useState<PackageView | null>(null);
  const [usage, setUsage] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const q = useDebounced(search.trim(), 200);
  const list = useQuery(`packages:${q}:${status}:${limit}`, () => call('packages:list', { ...(q ? { search: q } : {}), ...(status !== 'all' ? { status } : {}), limit }));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'package' && reload());
  const refresh = useAction(async (p: PackageView) => {
    const v = await call('packages:refresh', { serviceId: p.serviceId });
    notify('success', `${gbText(v.remainingGbMilli)} left of ${gbText(v.totalGbMilli)}.`);
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
          <input type="search" aria-label="Search packages" placeholder="Search customer, username" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <select aria-label="Package status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          <option value="all">Any status</option>
          <option value="active">Active</option>
          <option value="depleted">Used up</option>
          <option value="expired">Expired</option>
        </select>
        {selected.size > 0 && (
          <Button small onClick={() => setCreds([...selected])}>
            Copy credentials of {plural(selected.size, 'package')}
          </Button>
        )}
      </div>
      <Loading active={list.loading && !list.data} label="Loading packages…" />
      {list.error && <ErrorMessage onRetry={reload}>{list.error}</ErrorMessage>}
      {refresh.error && <ErrorMessage>{refresh.error}</ErrorMessage>}
      {list.data && list.data.total === 0 && !q && status === 'all' && (
        <EmptyState icon="proxies" title="No package yet" action={<Button variant="primary" onClick={onNew}>Create a package</Button>}>
          <p>A package is traffic from Whozex sold by the GB (residential, datacenter or mobile). Create one for a customer with a live quote.</p>
        </EmptyState>
      )}
      {list.data && list.data.total === 0 && (q || status !== 'all') && <p className="muted">No package matches.</p>}
      {items.length > 0 && (
        <table className="table" aria-label="Packages">
          <thead>
            <tr>
              <th>
                <input type="checkbox" aria-label="Select all packages" checked={items.every((p) => selected.has(p.serviceId))} onChange={(e) => setSelected(new Set(e.target.checked ? items.map((p) => p.serviceId) : []))} />
              </th>
              <th>Customer</th>
              <th>Package</th>
              <th>Traffic</th>
              <th>Status</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const pct = p.totalGbMilli > 0 ? Math.round((p.usedGbMilli / p.totalGbMilli) * 100) : 0;
              return (
                <Fragment key={p.serviceId}>
                  <tr>
                    <td>
                      <input type="checkbox" aria-label={`Select ${p.upstreamId}`} checked={selected.has(p.serviceId)} onChange={() => toggle(p.serviceId)} />
                    </td>
                    <td>
                      <Link href={`~/customers/${p.customerId}`}>{p.customerName ?? p.customerId}</Link>
                    </td>
                    <td>
                      <span className="mono">{p.upstreamId}</span>
                      <div className="muted small">{p.proxyType ?? ''}</div>
                    </td>
                    <td className="nowrap" data-testid={`traffic-${p.upstreamId}`}>
                      <span className="gb-bar" aria-hidden="true">
                        <span style={{ width: `${pct}%` }} />
                      </span>
                      {gbText(p.remainingGbMilli)} left of {gbText(p.totalGbMilli)}
                    </td>
                    <td>
                      <span className={p.status === 'active' ? 'badge badge-active' : 'badge badge-suspended'}>{p.status}</span>
                    </td>
                    <td className="nowrap">{formatDate(p.expiresAt)}</td>
                    <td className="num nowrap">
                      <Button small variant="ghost" onClick={() => setCreds([p.serviceId])}>
                        Copy
                      </Button>
                      <Button small variant="ghost" onClick={() => setAdding(p)}>
                        Add GB…
                      </Button>
                      <Button small variant="ghost" aria-expanded={usage === p.serviceId} onClick={() => setUsage(usage === p.serviceId ? null : p.serviceId)}>
                        Usage
                      </Button>
                      <Button small variant="ghost" busy={refresh.busy} onClick={() => void refresh.run(p)}>
                        Refresh
                      </Button>
                    </td>
                  </tr>
                  {usage === p.serviceId && (
                    <tr className="details-row">
                      <td colSpan={7}>
                        <UsageChart serviceId={p.serviceId} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {list.data && list.data.total > items.length && (
        <Button small onClick={() => setLimit((l) => Math.min(500, l + 100))}>
          Show more ({list.data.total - items.length} more)
        </Button>
      )}
      {creds && <CredentialsDialog serviceIds={creds} packages onClose={() => setCreds(null)} />}
      {adding && (
        <AmountDialog
          title={`Add GB to ${adding.upstreamId}`}
          label="GB to add"
          initial="5"
          submit="Add GB"
          help={`${adding.customerName ?? 'The customer'} is charged at your pricebook's price per GB.`}
          onClose={() => setAdding(null)}
          onSubmit={async (gb) => {
            const r = await call('packages:add-gb', { serviceId: adding.serviceId, gb });
            setAdding(null);
            notify('success', `Added ${gb} GB: ${gbText(r.package.remainingGbMilli)} left.`);
            reload();
          }}
        />
      )}
    </>
  );
}
