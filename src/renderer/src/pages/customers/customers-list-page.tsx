import { useVirtualizer } from '@tanstack/react-virtual';
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import type { CustomerListItem, CustomerSort } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useDebounced, useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Icon } from '../../components/icons';
import { Button, EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { formatCount, formatDate, plural } from '../../lib/format';
import { useCustomerList, type BalanceFilter } from '../../state/customer-list-store';
import { customerListQuery } from './customer-list-query';
import { StatusBadge } from './status-badge';
import type { SelectionScope } from './bulk-bar';
import { useCustomerPages } from './use-customer-pages';

const ROW_HEIGHT = 44;

/*
 * The bulk bar, the create panel and the CSV import load when first opened: they carry
 * the contract's zod schemas, which the list itself never needs, so the table's first
 * rows come from a smaller bundle.
 */
const BulkBar = lazy(() => import('./bulk-bar').then((m) => ({ default: m.BulkBar })));
const CustomerFormPanel = lazy(() => import('./customer-form-panel').then((m) => ({ default: m.CustomerFormPanel })));
const ImportPanel = lazy(() => import('./import-panel').then((m) => ({ default: m.ImportPanel })));

const COLUMNS: { id: string; label: string; sort?: CustomerSort; num?: boolean }[] = [
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'email', label: 'Email', sort: 'email' },
  { id: 'status', label: 'Status' },
  { id: 'credit', label: 'Credit', num: true },
  { id: 'receivable', label: 'Owes', num: true },
  { id: 'balance', label: 'Balance', sort: 'balance', num: true },
  { id: 'created', label: 'Since', sort: 'created', num: true },
];

export function CustomersListPage({ creating, importing = false }: { creating: boolean; importing?: boolean }) {
  const [, navigate] = useLocation();
  const view = useCustomerList();
  const search = useDebounced(view.search.trim(), 150);
  const { status, accountId, balance, expiringSoon, sort, direction } = view;
  const query = useMemo(
    () => customerListQuery({ status, accountId, balance, expiringSoon, sort, direction }, search),
    [search, status, accountId, balance, expiringSoon, sort, direction],
  );
  const rows = useCustomerPages(query);
  useEvent('event:customer-changed', rows.reload);
  useEvent('event:money-changed', rows.reload);
  useEvent('event:customers-bulk-changed', rows.reload);
  const accounts = useQuery('accounts', () => call('accounts:list'), { enabled: hasChannel('accounts:list') });

  const scrollRef = useRef<HTMLDivElement>(null);
  const total = rows.rowCount;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the table's virtualizer by design.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the body is measured, assume it is as tall as the window (it never is taller):
    // the rows of the first frame are rendered with the data rather than one frame later.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = rows;
  useEffect(() => {
    if (total > 0) ensureRange(first, last);
  }, [first, last, total, ensureRange]);

  const filtered = query.search !== undefined || view.status !== 'all' || view.accountId !== 'all' || view.balance !== 'any' || view.expiringSoon;
  const commands = useMemo<Command[]>(
    () => [{ id: 'customers:clear-filters', label: 'Clear customer filters', group: 'Customers', run: () => useCustomerList.getState().clearFilters() }],
    [],
  );
  useRegisterCommands('customers-list', commands);

  const allLoadedSelected = total > 0 && rows.loadedRows().length > 0 && rows.loadedRows().every((r) => view.selected.has(r.id));
  // What "select all N that match" selects: the table's filters without its order.
  const selectionScope = useMemo<SelectionScope>(() => {
    const { sort: _sort, direction: _direction, ...filters } = query;
    return { filters, total: rows.total, capped: rows.capped, allLoadedSelected };
  }, [query, rows.total, rows.capped, allLoadedSelected]);

  return (
    <div className="page full">
      <PageHeader
        title="Customers"
        subtitle={
          rows.total === null
            ? 'The people and companies you resell to.'
            : // A capped count is a lower bound: "1,000+ customers match".
              `${rows.capped ? `${formatCount(rows.total)}+ customers` : plural(rows.total, 'customer')}${filtered ? ' match' : ''}`
        }
        actions={
          <>
            {hasChannel('customers:import-preview') && <Button onClick={() => navigate('/import')}>Import CSV</Button>}
            <Button variant="primary" onClick={() => navigate('/new')}>
              <Icon name="plus" size={16} /> New customer
            </Button>
          </>
        }
      />
      <div className="toolbar" role="search">
        <div className="search-box">
          <Icon name="search" size={16} />
          <input
            type="search"
            aria-label="Search customers"
            placeholder="Search name, email, company or ID"
            value={view.search}
            onChange={(e) => view.set({ search: e.target.value })}
          />
        </div>
        <select aria-label="Status" value={view.status} onChange={(e) => view.set({ status: e.target.value as typeof view.status })}>
          <option value="all">Any status</option>
          <option value="active">Active</option>
          <option value="suspended">Suspended</option>
          <option value="archived">Archived</option>
        </select>
        <select aria-label="Balance" value={view.balance} onChange={(e) => view.set({ balance: e.target.value as BalanceFilter })}>
          <option value="any">Any balance</option>
          <option value="credit">In credit</option>
          <option value="owes">Owes you</option>
          <option value="zero">Zero balance</option>
        </select>
        {accounts.data && accounts.data.length > 0 && (
          <select aria-label="Upstream account" value={view.accountId} onChange={(e) => view.set({ accountId: e.target.value })}>
            <option value="all">Any account</option>
            {accounts.data.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
        <label className="check">
          <input type="checkbox" checked={view.expiringSoon} onChange={(e) => view.set({ expiringSoon: e.target.checked })} />
          Expiring within 7 days
        </label>
      </div>
      {view.selected.size > 0 && (
        <Suspense fallback={<Loading active label="Opening the bulk actions…" />}>
          <BulkBar scope={selectionScope} onDone={rows.reload} />
        </Suspense>
      )}
      {rows.error && <ErrorMessage onRetry={rows.reload}>{rows.error}</ErrorMessage>}
      <Loading active={rows.total === null && !rows.error} label="Loading customers…" />
      {rows.total === 0 && !rows.stale && !filtered && (
        <EmptyState
          icon="customers"
          title="No customers yet"
          action={
            <span className="button-row">
              <Button variant="primary" onClick={() => navigate('/new')}>
                Add your first customer
              </Button>
              {hasChannel('customers:import-preview') && <Button onClick={() => navigate('/import')}>Import a CSV</Button>}
            </span>
          }
        >
          <p>Add the people you resell to: you can then record their payments, sell them proxies and send them statements.</p>
          {hasChannel('sync:run') && <p>Customers you already have at an upstream appear here after a sync from Settings.</p>}
        </EmptyState>
      )}
      {rows.total === 0 && !rows.stale && filtered && (
        <EmptyState
          icon="search"
          title="No customer matches"
          action={<Button onClick={() => useCustomerList.getState().clearFilters()}>Clear the filters</Button>}
        >
          <p>Try fewer letters, or clear the filters to see every customer.</p>
        </EmptyState>
      )}
      {total > 0 && (
        <div className={rows.stale ? 'vtable stale' : 'vtable'} role="grid" aria-label="Customers" aria-rowcount={rows.capped ? -1 : total + 1} aria-busy={rows.stale || undefined}>
          <div className="vrow vhead" role="row" aria-rowindex={1}>
            <div role="columnheader" className="vcell check-cell">
              <input
                type="checkbox"
                aria-label="Select all loaded customers"
                checked={allLoadedSelected}
                onChange={(e) => view.setSelected(e.target.checked ? rows.loadedRows().map((r) => r.id) : [])}
              />
            </div>
            {COLUMNS.map((c) => (
              <div
                key={c.id}
                role="columnheader"
                className={c.num ? 'vcell num' : 'vcell'}
                aria-sort={c.sort && view.sort === c.sort ? (view.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort-btn" onClick={() => view.toggleSort(c.sort!)}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {view.sort === c.sort ? (view.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            ))}
          </div>
          <div ref={scrollRef} className="vbody" data-testid="customers-scroll">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows.rowAt(item.index);
                return (
                  <div key={item.key} className="vrow-pos" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                    {row ? <CustomerRow row={row} index={item.index} selected={view.selected.has(row.id)} /> : <PlaceholderRow index={item.index} />}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      <Suspense fallback={<Loading active label="Opening the panel…" />}>
        {importing && <ImportPanel onClose={() => navigate('/')} onImported={rows.reload} />}
        {creating && <CustomerFormPanel mode="create" onClose={() => navigate('/')} onSaved={(c) => navigate(`/${c.id}`)} />}
      </Suspense>
    </div>
  );
}

function CustomerRow({ row, index, selected }: { row: CustomerListItem; index: number; selected: boolean }) {
  const toggle = useCustomerList((s) => s.toggleSelected);
  return (
    <div className={selected ? 'vrow selected' : 'vrow'} role="row" aria-rowindex={index + 2} aria-selected={selected}>
      <div role="gridcell" className="vcell check-cell">
        <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected} onChange={() => toggle(row.id)} />
      </div>
      <div role="gridcell" className="vcell">
        <Link href={`/${row.id}`} className="row-link truncate">
          {row.name}
        </Link>
        {row.company && <span className="muted small truncate"> · {row.company}</span>}
      </div>
      <div role="gridcell" className="vcell truncate">
        {row.email}
      </div>
      <div role="gridcell" className="vcell">
        <StatusBadge status={row.status} />
      </div>
      <div role="gridcell" className="vcell num">
        {formatMoney(row.credit)}
      </div>
      <div role="gridcell" className="vcell num">
        {formatMoney(row.receivable)}
      </div>
      <div role="gridcell" className={row.balance < 0 ? 'vcell num negative' : 'vcell num'}>
        {formatMoney(row.balance)}
      </div>
      <div role="gridcell" className="vcell num muted">
        {formatDate(row.createdAt)}
      </div>
    </div>
  );
}

function PlaceholderRow({ index }: { index: number }) {
  return (
    <div className="vrow placeholder" role="row" aria-rowindex={index + 2}>
      <div role="gridcell" className="vcell check-cell" />
      {COLUMNS.map((c) => (
        <div key={c.id} role="gridcell" className="vcell">
          <span className="skeleton" />
        </div>
      ))}
    </div>
  );
}
