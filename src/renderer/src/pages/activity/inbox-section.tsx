import { useState } from 'react';
import type { InboxEventView } from '../../../../shared/contract/events';
import { call } from '../../api/client';
import { useAction, useDebounced, useEvent, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { dateRangeProblem, describeFilters, EventFiltersBar, isFiltered, NO_FILTERS, toQuery, type InboxFilters } from './event-filters';
import { RawPayload } from './raw-payload';
import { EVENT_SOURCE_LABEL } from './event-types';

/** The normalized event inbox with filters that combine; each event opens to its payload and raw delivery. */
export function InboxSection() {
  const [filters, setFilters] = useState<InboxFilters>(NO_FILTERS);
  const [open, setOpen] = useState<string | null>(null);
  const [older, setOlder] = useState<{ key: string; items: InboxEventView[]; cursor: string | null } | null>(null);
  const search = useDebounced(filters.text.trim(), 200);
  const accounts = useQuery('events-accounts', () => call('accounts:list', { includeRemoved: true }));
  useEvent('event:accounts-changed', accounts.reload);
  const rangeProblem = dateRangeProblem(filters);
  const query = toQuery(filters, search);
  const key = JSON.stringify(query);
  const page = useQuery(`inbox:${key}`, () => call('events:list', { ...query, limit: 100 }), { enabled: !rangeProblem });
  useEvent('event:inbox', page.reload);
  const extra = older?.key === key ? older : null;
  const items = rangeProblem ? [] : [...(page.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = rangeProblem ? null : extra ? extra.cursor : (page.data?.nextCursor ?? null);
  const filtered = isFiltered(filters);

  const loadOlder = useAction(async () => {
    if (!cursor) return;
    const next = await call('events:list', { ...query, limit: 100, cursor });
    setOlder({ key, items: [...(extra?.items ?? []), ...next.items], cursor: next.nextCursor });
  });
  // A failure to load older events of the previous filters says nothing about the new ones.
  const changeFilters = (next: InboxFilters) => {
    loadOlder.clearError();
    setFilters(next);
  };

  return (
    <section className="card" aria-labelledby="inbox-h">
      <div className="card-head">
        <h2 id="inbox-h">Event inbox</h2>
        <Button small onClick={page.reload}>
          Refresh
        </Button>
      </div>
      <EventFiltersBar value={filters} accounts={accounts.data} onChange={changeFilters} />
      <Loading active={page.loading && !page.data} />
      {rangeProblem && <ErrorMessage>{rangeProblem}</ErrorMessage>}
      {page.error && <ErrorMessage onRetry={page.reload}>{page.error}</ErrorMessage>}
      {!rangeProblem && page.data && !page.loading && items.length === 0 && (
        <p className="muted" data-testid="inbox-empty">
          {filtered ? (
            <>
              No event matches {describeFilters(filters, accounts.data)}. Widen the dates, pick “All types” or “All accounts”, or{' '}
              <Button small variant="ghost" onClick={() => changeFilters(NO_FILTERS)}>
                clear every filter
              </Button>
            </>
          ) : (
            'No event yet: they arrive as webhooks are delivered and the poller runs.'
          )}
        </p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Events">
          <thead>
            <tr>
              <th>When</th>
              <th>Source</th>
              <th>Event</th>
              <th>Account</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <InboxRow key={e.id} e={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />
            ))}
          </tbody>
        </table>
      )}
      {loadOlder.error && <ErrorMessage onRetry={() => void loadOlder.run()}>{loadOlder.error}</ErrorMessage>}
      {cursor && (
        <Button small busy={loadOlder.busy} onClick={() => void loadOlder.run()}>
          Load older events
        </Button>
      )}
    </section>
  );
}

function InboxRow({ e, open, onToggle }: { e: InboxEventView; open: boolean; onToggle(): void }) {
  return (
    <>
      <tr>
        <td className="nowrap">{formatDateTime(e.occurredAt)}</td>
        <td>
          <span className="badge">{EVENT_SOURCE_LABEL[e.source] ?? e.source}</span>
        </td>
        <td>
          <span className="mono">{e.type}</span> — {e.summary}
          {e.status === 'failed' && <span className="text-danger small"> · {e.error ?? 'failed to apply'}</span>}
        </td>
        <td>{e.accountName ?? '—'}</td>
        <td className="num">
          <Button small variant="ghost" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : 'Payload'}
          </Button>
        </td>
      </tr>
      {open && (
        <tr className="details-row">
          <td colSpan={5}>
            {e.effects.length > 0 && <p className="small">Effects: {e.effects.join('; ')}</p>}
            <RawPayload value={e.payload} />
            {e.raw && (
              <>
                <p className="small muted">As received</p>
                <RawPayload raw={e.raw} />
              </>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
