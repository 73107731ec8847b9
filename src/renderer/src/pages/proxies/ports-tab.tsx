import { Link } from 'wouter';
import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { portName, usePortActions } from './port-actions';
import { PortCells } from './port-cells';
import { loadRows, SelectAll, ServiceToolbar, ShowMore, useListCommands, useListFilters, useSelection } from './service-list';

type Status = 'all' | 'active' | 'expired' | 'suspended';
const STATUSES = [
  ['all', 'Any status'],
  ['active', 'Active'],
  ['expired', 'Expired'],
  ['suspended', 'Suspended'],
] as const satisfies readonly (readonly [Status, string])[];

export function PortsTab({ onNew }: { onNew(): void }) {
  const filters = useListFilters<Exclude<Status, 'all'>>();
  const { search, setSearch, status, setStatus, limit, setLimit, q, query } = filters;
  const { selected, setSelected, toggle } = useSelection();
  const list = useQuery(`ports:${q}:${status}:${limit}`, () => loadRows(limit, (page) => call('proxies:list', { ...query, ...page })));
  const { reload } = list;
  useEvent('event:services-changed', (e) => e.kind === 'port' && reload());
  const actions = usePortActions(reload);
  useListCommands({ noun: 'port', selectedCount: selected.size, filters, onCopySelected: () => actions.copyCredentials([...selected]), onRefresh: reload });
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
        onCopySelected={() => actions.copyCredentials([...selected])}
      />
      <Loading active={list.loading && !list.data} label="Loading ports…" />
      {list.error && <ErrorMessage onRetry={reload}>{list.error}</ErrorMessage>}
      {actions.rotate.error && <ErrorMessage>{actions.rotate.error}</ErrorMessage>}
      {list.data && list.data.total === 0 && !q && status === 'all' && (
        <EmptyState icon="proxies" title="No port yet" action={<Button variant="primary" onClick={onNew}>Create a port</Button>}>
          <p>A port is a dedicated mobile proxy from Proxies.sx, billed per day. Create one for a customer: you see the price and your margin before confirming.</p>
        </EmptyState>
      )}
      {list.data && list.data.total === 0 && (q || status !== 'all') && (
        <EmptyState icon="search" title="No port matches" action={<Button onClick={filters.clear}>Clear the filters</Button>}>
          <p>Try another part of the name, the customer or the country, or clear the filters to see every port.</p>
        </EmptyState>
      )}
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
                  <input type="checkbox" aria-label={`Select ${portName(p)}`} checked={selected.has(p.serviceId)} onChange={() => toggle(p.serviceId)} />
                </td>
                <td>
                  <Link href={`~/customers/${p.customerId}`}>{p.customerName ?? p.customerId}</Link>
                </td>
                <PortCells port={p} actions={actions} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <ShowMore total={list.data.total} shown={items.length} setLimit={setLimit} />}
      {actions.dialogs}
    </>
  );
}
