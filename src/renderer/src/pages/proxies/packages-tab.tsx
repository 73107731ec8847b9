import { Fragment } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { usePackageActions } from './package-actions';
import { PackageCells } from './package-cells';
import { loadRows, SelectAll, ServiceToolbar, ShowMore, useListCommands, useListFilters, useSelection } from './service-list';
import { UsageChart } from './usage-chart';

type Status = 'all' | 'active' | 'depleted' | 'expired';
const STATUSES = [
  ['all', 'Any status'],
  ['active', 'Active'],
  ['depleted', 'Used up'],
  ['expired', 'Expired'],
] as const satisfies readonly (readonly [Status, string])[];

export function PackagesTab({ onNew }: { onNew(): void }) {
  const filters = useListFilters<Exclude<Status, 'all'>>();
  const { search, setSearch, status, setStatus, limit, setLimit, q, query } = filters;
  const { selected, setSelected, toggle } = useSelection();
  const list = useQuery(`packages:${q}:${status}:${limit}`, () => loadRows(limit, (page) => call('packages:list', { ...query, ...page })));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'package' && reload());
  const actions = usePackageActions(reload);
  useListCommands({ noun: 'package', selectedCount: selected.size, filters, onCopySelected: () => actions.copyCredentials([...selected]), onRefresh: reload });
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
        onCopySelected={() => actions.copyCredentials([...selected])}
      />
      <Loading active={list.loading && !list.data} label="Loading packages…" />
      {list.error && <ErrorMessage onRetry={reload}>{list.error}</ErrorMessage>}
      {actions.refresh.error && <ErrorMessage>{actions.refresh.error}</ErrorMessage>}
      {list.data && list.data.total === 0 && !q && status === 'all' && (
        <EmptyState icon="proxies" title="No package yet" action={<Button variant="primary" onClick={onNew}>Create a package</Button>}>
          <p>A package is traffic from Whozex sold by the GB (residential, datacenter or mobile). Create one for a customer with a live quote.</p>
        </EmptyState>
      )}
      {list.data && list.data.total === 0 && (q || status !== 'all') && (
        <EmptyState icon="search" title="No package matches" action={<Button onClick={filters.clear}>Clear the filters</Button>}>
          <p>Try another part of the id, the customer or the type, or clear the filters to see every package.</p>
        </EmptyState>
      )}
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
            {items.map((p) => (
              <Fragment key={p.serviceId}>
                <tr>
                  <td>
                    <input type="checkbox" aria-label={`Select ${p.upstreamId}`} checked={selected.has(p.serviceId)} onChange={() => toggle(p.serviceId)} />
                  </td>
                  <td>
                    <Link href={`~/customers/${p.customerId}`}>{p.customerName ?? p.customerId}</Link>
                  </td>
                  <PackageCells pkg={p} actions={actions} />
                </tr>
                {actions.usageOf === p.serviceId && (
                  <tr className="details-row">
                    <td colSpan={7}>
                      <UsageChart serviceId={p.serviceId} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <ShowMore total={list.data.total} shown={items.length} setLimit={setLimit} />}
      {actions.dialogs}
    </>
  );
}
