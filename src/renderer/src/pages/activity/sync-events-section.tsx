import { useState } from 'react';
import type { SyncEventView } from '../../../../shared/contract/sync';
import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { useRowAction } from '../../api/row-action';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { RawPayload } from './raw-payload';

type StatusFilter = SyncEventView['status'] | 'all';

function humanKind(kind: string): string {
  const words = kind.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What each sync changed or could not settle alone (a conflict waits for the reseller). */
export function SyncEventsSection() {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const accounts = useQuery('events-accounts', () => call('accounts:list', { includeRemoved: true }));
  const events = useQuery(`sync-events:${status}`, () => call('sync:events', { ...(status !== 'all' ? { status } : {}), limit: 200 }));
  const { reload } = events;
  useEvent('event:sync-finished', reload);
  useEvent('event:accounts-changed', accounts.reload);
  // Only the pressed row's Acknowledge shows progress.
  const ack = useRowAction(
    (id: string) => id,
    async (id) => {
      await call('sync:acknowledge', { id });
      reload();
    },
  );
  const accountName = (id: string) => accounts.data?.find((a) => a.id === id)?.name ?? id;

  return (
    <section className="card" aria-labelledby="sync-events-h">
      <div className="card-head">
        <h2 id="sync-events-h">Sync changes and conflicts</h2>
        <select aria-label="Show" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} className="auto-width">
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
        </select>
      </div>
      <Loading active={events.loading && !events.data} />
      {events.error && <ErrorMessage onRetry={reload}>{events.error}</ErrorMessage>}
      {ack.error && <ErrorMessage>{ack.error}</ErrorMessage>}
      {events.data && events.data.length === 0 && (
        <p className="muted">{status === 'all' ? 'Nothing yet. Connect an upstream account in Settings and sync it: what the sync finds is listed here.' : 'None.'}</p>
      )}
      {events.data && events.data.length > 0 && (
        <table className="table" aria-label="Sync events">
          <thead>
            <tr>
              <th>When</th>
              <th>Account</th>
              <th>What</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {events.data.map((e) => (
              <SyncEventRow key={e.id} e={e} account={accountName(e.accountId)} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} acking={ack.isBusy(e.id)} onAck={() => void ack.run(e.id)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SyncEventRow({ e, account, open, acking, onToggle, onAck }: { e: SyncEventView; account: string; open: boolean; acking: boolean; onToggle(): void; onAck(): void }) {
  return (
    <>
      <tr>
        <td className="nowrap">{formatDateTime(e.createdAt)}</td>
        <td>{account}</td>
        <td>
          {e.severity === 'conflict' && <span className="badge badge-suspended">conflict</span>} {humanKind(e.kind)}
          {e.subject && e.subject !== `upstream:${e.accountId}` && <span className="muted small"> · {e.subject}</span>}
        </td>
        <td>
          <span className={e.status === 'open' ? 'badge badge-planned' : 'badge'}>{e.status}</span>
        </td>
        <td className="num nowrap">
          <Button small variant="ghost" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide details' : 'Details'}
          </Button>
          {e.status === 'open' && (
            <Button small busy={acking} onClick={onAck}>
              Acknowledge
            </Button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="details-row">
          <td colSpan={5}>
            <RawPayload value={e.details} />
          </td>
        </tr>
      )}
    </>
  );
}
