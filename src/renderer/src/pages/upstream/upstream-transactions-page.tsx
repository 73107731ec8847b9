import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { BooksView, StatementLine, StatementPage } from '../../../../shared/contract/upstream-reports';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands } from '../../app/commands';
import { Button, EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

const PAGE_SIZE = 50;

/** The upstreams' words for their lines, in the reseller's. */
const TYPE_LABEL: Record<string, string> = {
  deposit: 'Deposit',
  purchase: 'Package purchase',
  add_gb: 'GB added',
  balance_add: 'Balance to a sub-user',
  balance_deduct: 'Balance back from a sub-user',
  topup: 'Customer top-up',
  port_purchase: 'Port purchase',
  port_extend: 'Port renewal',
};
const typeLabel = (t: string) => TYPE_LABEL[t] ?? t;

const KIND_LABEL: Record<string, string> = { deposit: 'Deposit', topup: 'Top-up', deduct: 'Deduction', sale: 'Sale' };

interface Filters {
  type: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { type: '', from: '', to: '' };

/**
 * Settings → Upstream accounts → an account's "Upstream transactions": the upstream's own
 * statement as the last sync read it, filtered and paged by main, each line beside the
 * journal transaction of the books that records it, or "Not in your books".
 */
export function UpstreamTransactionsPage({ accountId }: { accountId: string | undefined }) {
  const [, navigate] = useLocation();
  const accounts = useQuery('accounts', () => call('accounts:list'));
  const chosen = accountId ?? accounts.data?.[0]?.id;
  useEffect(() => {
    if (!accountId && chosen) navigate(`/settings/upstream-transactions/${chosen}`, { replace: true });
  }, [accountId, chosen, navigate]);

  if (!hasChannel('upstream-reports:statement')) return null;
  return (
    <div className="page">
      <PageHeader
        title="Upstream transactions"
        subtitle={
          <>
            What the upstream says each account's money did, beside your books. <Link href="/settings">Back to Settings</Link>
          </>
        }
        actions={
          accounts.data && accounts.data.length > 0 ? (
            <label className="check">
              Account{' '}
              <select value={chosen ?? ''} onChange={(e) => navigate(`/settings/upstream-transactions/${e.target.value}`)} aria-label="Upstream account">
                {accounts.data.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {a.isSandbox ? ' (sandbox)' : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : undefined
        }
      />
      <Loading active={accounts.loading && !accounts.data} />
      {accounts.error && <ErrorMessage onRetry={accounts.reload}>{accounts.error}</ErrorMessage>}
      {accounts.data?.length === 0 && (
        <EmptyState icon="database" title="No upstream account yet" action={<Link href="/settings" className="btn btn-primary">Connect an account</Link>}>
          <p>Connect a Whozex or Proxies.sx account in Settings; its statement shows here after a sync.</p>
        </EmptyState>
      )}
      {chosen && <Statement key={chosen} accountId={chosen} />}
    </div>
  );
}

function Statement({ accountId }: { accountId: string }) {
  const notify = useUi((s) => s.notify);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const badRange = filters.from && filters.to && filters.to < filters.from;
  const query = {
    accountId,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    limit: PAGE_SIZE,
    offset,
  };
  const q = useQuery(`statement:${JSON.stringify(query)}`, () => call('upstream-reports:statement', query), { enabled: !badRange });
  useEvent('event:sync-finished', q.reload);
  const sync = useAction(async () => {
    const [run] = await call('sync:run', { accountId });
    if (run?.status === 'failed') throw new Error(run.error?.message ?? 'The sync failed.');
    notify('success', `Synced: ${run?.stats.transactionsNew ?? 0} new upstream lines.`);
    q.reload();
  });
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const p = q.data;
  useRegisterCommands('upstream-transactions', [
    { id: 'statement:sync', label: 'Sync this account’s upstream transactions', group: 'Upstream transactions', keywords: 'refresh statement', run: () => void sync.run() },
    { id: 'statement:clear', label: 'Clear the transaction filters', group: 'Upstream transactions', keywords: 'reset filter', run: () => set(NO_FILTERS) },
  ]);

  return (
    <section className="card" aria-label="Statement">
      <div className="card-head">
        <h2>
          {p ? p.accountName : 'Statement'} {p?.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
        </h2>
        <Button small busy={sync.busy} onClick={() => void sync.run()}>
          Sync now
        </Button>
      </div>
      {sync.error && <ErrorMessage>{sync.error}</ErrorMessage>}
      {p?.notice && (
        <p className="callout small" role="status" data-testid="statement-notice">
          {p.notice}
        </p>
      )}
      {p && p.availability === 'synced' && (
        <p className="muted small">
          {p.lastSyncedAt ? `Last read from ${p.provider === 'whozex' ? 'Whozex' : 'Proxies.sx'} ${formatDateTime(p.lastSyncedAt)}.` : 'Read by the last sync.'} “In your books” is the journal
          transaction recording the same money move: by its reference, or by the same amount, customer and time.
        </p>
      )}
      {p && p.availability !== 'not-documented' && (
        <div className="statement-filters" role="group" aria-label="Filters">
          <label>
            Type
            <select value={filters.type} onChange={(e) => set({ type: e.target.value })} aria-label="Type">
              <option value="">All types</option>
              {p.types.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} aria-label="From" />
          </label>
          <label>
            To
            <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} aria-label="To" />
          </label>
          {(filters.type || filters.from || filters.to) && (
            <Button small variant="ghost" onClick={() => set(NO_FILTERS)}>
              Clear filters
            </Button>
          )}
        </div>
      )}
      {badRange && <ErrorMessage>The “To” date is before the “From” date: pick a “To” date on or after it.</ErrorMessage>}
      <Loading active={q.loading && !p} label="Reading the statement…" />
      {q.error && <ErrorMessage onRetry={q.reload}>{q.error}</ErrorMessage>}
      {p && p.availability === 'synced' && p.items.length === 0 && <p className="muted">No upstream transaction matches these filters.</p>}
      {p && p.items.length > 0 && <Lines page={p} stale={q.loading} />}
      {p && p.total > PAGE_SIZE && (
        <div className="pager">
          <span className="muted small" data-testid="statement-range">
            {p.offset + 1}–{p.offset + p.items.length} of {p.total.toLocaleString()}
          </span>
          <Button small disabled={p.offset === 0} onClick={() => setOffset(Math.max(0, p.offset - PAGE_SIZE))}>
            Previous
          </Button>
          <Button small disabled={p.offset + p.items.length >= p.total} onClick={() => setOffset(p.offset + PAGE_SIZE)}>
            Next
          </Button>
        </div>
      )}
    </section>
  );
}

function Lines({ page, stale }: { page: StatementPage; stale: boolean }) {
  return (
    <table className="table" aria-label="Upstream transactions" style={stale ? { opacity: 0.6 } : undefined}>
      <thead>
        <tr>
          <th>Date</th>
          <th>Type</th>
          <th>Customer</th>
          <th>Description</th>
          <th className="num">Amount</th>
          <th className="num">Balance after</th>
          <th>In your books</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((l) => (
          <Line key={l.upstreamId} l={l} />
        ))}
      </tbody>
    </table>
  );
}

function Line({ l }: { l: StatementLine }) {
  return (
    <tr>
      <td className="nowrap">{l.occurredAt ? formatDateTime(l.occurredAt) : '—'}</td>
      <td>{typeLabel(l.type)}</td>
      <td>{l.customer ? <Link href={`/customers/${l.customer.id}`}>{l.customer.name}</Link> : l.upstreamCustomerId ? <span className="muted mono">{l.upstreamCustomerId}</span> : '—'}</td>
      <td className="small">{l.description ?? '—'}</td>
      <td className="num">{formatMoney(l.amount)}</td>
      <td className="num">{l.balanceAfter === null ? '—' : formatMoney(l.balanceAfter)}</td>
      <td className="books-cell">
        <Books b={l.books} />
      </td>
    </tr>
  );
}

function Books({ b }: { b: BooksView }) {
  if (b.status === 'missing') return <span className="negative strong">Not in your books</span>;
  if (b.status === 'opening') return <span className="muted">Before your books began: inside the opening balance of {formatDateTime(b.occurredAt)}</span>;
  if (b.status === 'unknown-type') return <span className="muted">Not compared (a type Reseller Desk does not know)</span>;
  return (
    <span title={b.how === 'reference' ? 'Matched by the operation reference in the upstream line' : 'Matched by the same amount, customer and time'}>
      <span className="positive">✓</span> {KIND_LABEL[b.kind] ?? b.kind}, {formatDateTime(b.occurredAt)}
      <div className="muted">{b.description}</div>
    </span>
  );
}
