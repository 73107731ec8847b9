import { Fragment, useState } from 'react';
import { Link } from 'wouter';
import type { PackageView } from '../../../../shared/contract/packages';
import { call } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { SelectAll, ServiceToolbar, ShowMore, StatusBadge, useListFilters, useSelection } from './service-list';
import { gbText, UsageChart } from './usage-chart';

type Status = 'all' | 'active' | 'depleted' | 'expired';
const STATUSES = [
  ['all', 'Any status'],
  ['active', 'Active'],
  ['depleted', 'Used up'],
  ['expired', 'Expired'],
] as const satisfies readonly (readonly [Status, string])[];

export function PackagesTab({ onNew }: { onNew(): void }) {
  const { search, setSearch, status, setStatus, limit, setLimit, q, query } = useListFilters<Exclude<Status, 'all'>>();
  const { selected, setSelected, toggle } = useSelection();
  const [creds, setCreds] = useState<string[] | null>(null);
  const [adding, setAdding] = useState<PackageView | null>(null);
  const [usage, setUsage] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const list = useQuery(`packages:${q}:${status}:${limit}`, () => call('packages:list', query));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'package' && reload());
  const refresh = useAction(async (p: PackageView) => {
    const v = await call('packages:refresh', { serviceId: p.serviceId });
    notify('success', `${gbText(v.remainingGbMilli)} left of ${gbText(v.totalGbMilli)}.`);
    reload();
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <ServiceToolbar<Status>
        noun="package"
        placeholder="Search customer, username"
        search={search}
        onSearch={setSearch}
        status={status}
        statuses={STATUSES}
        onStatus={setStatus}
        selectedCount={selected.size}
        onCopySelected={() => setCreds([...selected])}
      />
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
                <SelectAll label="Select all packages" ids={items.map((p) => p.serviceId)} selected={selected} onChange={setSelected} />
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
                      <StatusBadge status={p.status} />
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
      {list.data && <ShowMore total={list.data.total} shown={items.length} setLimit={setLimit} />}
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
