import { useState } from 'react';
import type { EventSource, InboxEventView } from '../../../../shared/contract/events';
import { call } from '../../api/client';
import { useDebounced, useEvent, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { RawPayload } from './raw-payload';

/** The normalized event inbox with filters; each event opens to its payload and raw delivery. */
export function InboxSection() {
  const [text, setText] = useState('');
  const [source, setSource] = useState<EventSource | 'all'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [older, setOlder] = useState<{ key: string; items: InboxEventView[]; cursor: string | null } | null>(null);
  const search = useDebounced(text.trim(), 200);
  const key = JSON.stringify({ search, source });
  const page = useQuery(`inbox:${key}`, () =>
    call('events:list', { ...(search ? { text: search } : {}), ...(source !== 'all' ? { source } : {}), limit: 100 }),
  );
  useEvent('event:inbox', page.reload);
  const extra = older?.key === key ? older : null;
  const items = [...(page.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (page.data?.nextCursor ?? null);

  async function loadOlder() {
    if (!cursor) return;
    const next = await call('events:list', { ...(search ? { text: search } : {}), ...(source !== 'all' ? { source } : {}), limit: 100, cursor });
    setOlder({ key, items: [...(extra?.items ?? []), ...next.items], cursor: next.nextCursor });
  }

  return (
    <section className="card" aria-labelledby="inbox-h">
      <div className="card-head">
        <h2 id="inbox-h">Event inbox</h2>
        <div className="button-row">
          <input type="search" aria-label="Search events" placeholder="Search type, subject, payload" value={text} onChange={(e) => setText(e.target.value)} className="auto-width" />
          <select aria-label="Source" value={source} onChange={(e) => setSource(e.target.value as EventSource | 'all')} className="auto-width">
            <option value="all">All sources</option>
            <option value="webhook">Webhooks</option>
            <option value="poll">Polling</option>
            <option value="local">This app</option>
          </select>
          <Button small onClick={page.reload}>
            Refresh
          </Button>
        </div>
      </div>
      <Loading active={page.loading && !page.data} />
      {page.error && <ErrorMessage onRetry={page.reload}>{page.error}</ErrorMessage>}
      {page.data && items.length === 0 && <p className="muted">No event{search || source !== 'all' ? ' matches' : ' yet: they arrive as webhooks are delivered and the poller runs'}.</p>}
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
      {cursor && (
        <Button small onClick={() => void loadOlder()}>
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
          <span className="badge">{e.source}</span>
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
