import { useState } from 'react';
import type { OperationStatusName, OperationView, ReconcileSummary } from '../../../../shared/contract/operations';
import { call } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands } from '../../app/commands';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime, plural } from '../../lib/format';

/** Pending is what needs the reseller's eye; failed and completed are recent history. */
const SHOWN: Record<OperationStatusName, { option: string; list: string; limit: number; empty: string }> = {
  pending: {
    option: 'Waiting to be settled',
    list: 'Operations waiting to be settled',
    limit: 100,
    empty: 'Nothing is waiting: every change sent to your upstreams was confirmed or refused, so your books match what they did.',
  },
  failed: {
    option: 'Recently failed',
    list: 'Recently failed operations',
    limit: 20,
    empty: 'No change was refused by an upstream. A refused one is listed here; nothing is charged for it.',
  },
  completed: {
    option: 'Recently completed',
    list: 'Recently completed operations',
    limit: 20,
    empty: 'No upstream change has completed yet: new ports and packages, extensions, rotations and top-ups are listed here once done.',
  },
};

/** Main keeps a pending row with this code when only the upstream's own dashboard can settle it. */
const NEEDS_REVIEW = 'NEEDS_REVIEW';

function needsReview(op: OperationView): boolean {
  return op.status === 'pending' && op.errorCode === NEEDS_REVIEW;
}

/** What a check settled, in one sentence. */
export function describeSummary(s: ReconcileSummary): string {
  if (s.checked === 0) return 'Nothing was waiting to be checked.';
  const parts: string[] = [];
  if (s.completed) parts.push(`${s.completed} completed`);
  if (s.failed) parts.push(`${s.failed} failed (nothing charged)`);
  if (s.stillPending) parts.push(`${s.stillPending} still pending (checked again automatically)`);
  return `Checked ${plural(s.checked, 'operation')}: ${parts.join(', ')}.`;
}

/** The last thing known about an operation, in the reseller's words. */
function outcome(op: OperationView): string {
  if (op.status === 'completed') return `Completed ${formatDateTime(op.completedAt)}`;
  if (op.errorMessage) return op.errorMessage;
  if (op.status === 'failed') return 'The upstream refused it. Nothing was charged.';
  return op.attempts === 0 ? 'Sent; waiting for the upstream’s answer.' : 'The upstream has not confirmed it yet.';
}

/**
 * The operations journal as the reseller sees it: every change sent to an upstream (port,
 * package, top-up…) that has not been confirmed yet, which the app checks by itself and
 * "Check now" checks at once, and the recent failed and completed ones.
 */
export function OperationsSection() {
  const [shown, setShown] = useState<OperationStatusName>('pending');
  const [summary, setSummary] = useState<string | null>(null);
  const ops = useQuery(`operations:${shown}`, () => call('operations:list', { status: shown, limit: SHOWN[shown].limit }));
  // The count in the heading follows the pending rows whatever the list shows.
  const pending = useQuery('operations:pending-count', () => call('operations:list', { status: 'pending', limit: 1 }));
  const reload = () => {
    ops.reload();
    pending.reload();
  };
  useEvent('event:operation-changed', reload);
  const check = useAction(async () => {
    setSummary(null);
    const result = await call('operations:reconcile');
    setSummary(describeSummary(result));
    reload();
  });
  useRegisterCommands('operations', [
    { id: 'operations:reconcile', label: 'Check pending upstream operations', group: 'Events', keywords: 'reconcile operations pending upstream settle', run: () => void check.run() },
  ]);
  const text = SHOWN[shown];
  const waiting = pending.data?.total ?? 0;
  const items = ops.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="operations-h">
      <div className="card-head">
        <h2 id="operations-h">
          Upstream operations {waiting > 0 && <span className="badge badge-planned">{plural(waiting, 'pending', 'pending')}</span>}
        </h2>
        <div className="button-row">
          <select aria-label="Show operations" value={shown} onChange={(e) => setShown(e.target.value as OperationStatusName)} className="auto-width">
            {(Object.keys(SHOWN) as OperationStatusName[]).map((s) => (
              <option key={s} value={s}>
                {SHOWN[s].option}
              </option>
            ))}
          </select>
          <Button small busy={check.busy} onClick={() => void check.run()}>
            Check now
          </Button>
        </div>
      </div>
      <p className="muted small">
        Every change sent to an upstream is kept here until the upstream confirms or refuses it. One left pending (a dropped connection, the app closed) is checked
        automatically and never charged twice.
      </p>
      {summary && (
        <p className="small" role="status">
          {summary}
        </p>
      )}
      {check.error && <ErrorMessage onRetry={() => void check.run()}>{check.error}</ErrorMessage>}
      <Loading active={ops.loading && !ops.data} />
      {ops.error && <ErrorMessage onRetry={ops.reload}>{ops.error}</ErrorMessage>}
      {ops.data && !ops.loading && items.length === 0 && <p className="muted">{text.empty}</p>}
      {items.length > 0 && (
        <table className="table" aria-label={text.list}>
          <thead>
            <tr>
              <th>What</th>
              <th>For</th>
              <th>{shown === 'pending' ? 'Since' : 'Started'}</th>
              <th className="num">Attempts</th>
              <th>{shown === 'completed' ? 'Outcome' : 'Last error'}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((op) => (
              <OperationRow key={op.id} op={op} />
            ))}
          </tbody>
        </table>
      )}
      {ops.data && ops.data.total > items.length && (
        <p className="muted small">
          Showing the latest {items.length} of {plural(ops.data.total, 'operation')}.
        </p>
      )}
    </section>
  );
}

/** Creations the reseller may have to name (the port or package id it made) when settling them as landed. */
const CREATES: Record<string, string> = { 'port.create': 'Port id', 'package.create': 'Package id' };

/** What the upstream's lists showed, in one short line (the facts the reseller settles with). */
function facts(op: OperationView): string | null {
  const seen = op.review?.seen;
  if (!seen || typeof seen !== 'object') return null;
  return Object.entries(seen as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/**
 * Settling an operation the upstream's lists could not: the reseller checked the upstream's
 * dashboard. "It landed" books it as if it had succeeded; "It did not land" closes it with
 * nothing booked.
 */
function SettleButtons({ op }: { op: OperationView }) {
  const [upstreamId, setUpstreamId] = useState('');
  const idLabel = CREATES[op.kind];
  const settle = useAction(async (landed: boolean) => {
    await call('operations:settle', { operationId: op.id, landed, ...(landed && upstreamId.trim() ? { upstreamId: upstreamId.trim() } : {}) });
  });
  return (
    <div className="button-row">
      {idLabel && (
        <input type="text" aria-label={`${idLabel} it created (if it landed)`} placeholder={`${idLabel} (if it landed)`} value={upstreamId} onChange={(e) => setUpstreamId(e.target.value)} />
      )}
      <Button small busy={settle.busy} onClick={() => void settle.run(true)}>
        It landed
      </Button>
      <Button small busy={settle.busy} onClick={() => void settle.run(false)}>
        It did not land
      </Button>
      {settle.error && <ErrorMessage>{settle.error}</ErrorMessage>}
    </div>
  );
}

function OperationRow({ op }: { op: OperationView }) {
  const review = needsReview(op);
  const seen = review ? facts(op) : null;
  return (
    <tr>
      <td>
        {op.description} {review && <span className="badge badge-suspended">needs review</span>}
        {op.status !== 'pending' && <span className={op.status === 'completed' ? 'badge badge-active' : 'badge badge-archived'}>{op.status}</span>}
        {seen && <div className="muted small">Seen upstream: {seen}</div>}
        {review && <SettleButtons op={op} />}
      </td>
      <td>
        {op.customerName ?? 'Your account'}
        <div className="muted small">{op.accountName ?? 'a removed account'}</div>
      </td>
      <td className="nowrap">{formatDateTime(op.createdAt)}</td>
      <td className="num">{op.attempts}</td>
      <td className={op.status === 'failed' || review ? 'text-danger small' : 'small'}>{outcome(op)}</td>
    </tr>
  );
}
