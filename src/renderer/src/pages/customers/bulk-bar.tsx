import { useRef, useState } from 'react';
import type { CustomerStatusName } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, errorMessage, hasChannel } from '../../api/client';
import { useEvent } from '../../api/hooks';
import { ProgressBar } from '../../components/progress-bar';
import { Button } from '../../components/ui';
import { plural } from '../../lib/format';
import { useCustomerList } from '../../state/customer-list-store';
import { useUi } from '../../state/ui-store';
import { BulkExportDialog } from './bulk-export-dialog';
import { BulkTopUpDialog, type BulkTopUpRequest } from './bulk-top-up-dialog';

const ACTIONS: { status: CustomerStatusName; label: string; doing: string; done: string }[] = [
  { status: 'suspended', label: 'Suspend', doing: 'Suspending', done: 'suspended' },
  { status: 'active', label: 'Reactivate', doing: 'Reactivating', done: 'reactivated' },
  { status: 'archived', label: 'Archive', doing: 'Archiving', done: 'archived' },
];

function newJobId(): string {
  return `bulk_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

interface Job {
  label: string;
  done: number;
  total: number;
  /** The main-side job to cancel (bulk top-up); null: cancel between calls here. */
  jobId: string | null;
}

/**
 * Actions on the selected customers with a progress bar and Cancel. Status changes are
 * one transaction in main when it offers `customers:bulk-set-status`; top-ups run one by
 * one through the operations journal and report per customer.
 */
export function BulkBar({ onDone }: { onDone(): void }) {
  const selected = useCustomerList((s) => s.selected);
  const setSelected = useCustomerList((s) => s.setSelected);
  const notify = useUi((s) => s.notify);
  const [job, setJob] = useState<Job | null>(null);
  const [dialog, setDialog] = useState<'top-up' | 'export' | null>(null);
  const cancelled = useRef(false);
  useEvent('event:bulk-progress', (p) => setJob((j) => (j && j.jobId === p.jobId ? { ...j, done: p.done, total: p.total } : j)));

  async function setStatus(action: (typeof ACTIONS)[number]) {
    const ids = [...selected];
    if (hasChannel('customers:bulk-set-status')) {
      setJob({ label: action.doing, done: 0, total: ids.length, jobId: null });
      try {
        const r = await call('customers:bulk-set-status', { ids, status: action.status });
        const failed = r.results.find((x) => x.error);
        if (r.counts.failed) notify('error', `${plural(r.counts.changed, 'customer')} ${action.done}; ${r.counts.failed} could not change: ${failed?.error?.message ?? ''}`);
        else notify('success', `${plural(r.counts.changed, 'customer')} ${action.done}${r.counts.unchanged ? ` (${r.counts.unchanged} already were)` : ''}.`);
        setSelected([]);
      } catch (e) {
        notify('error', errorMessage(e));
      } finally {
        setJob(null);
        onDone();
      }
      return;
    }
    // Older main: one call per customer, cancellable between calls.
    cancelled.current = false;
    const failures: string[] = [];
    let done = 0;
    setJob({ label: action.doing, done, total: ids.length, jobId: null });
    for (const id of ids) {
      if (cancelled.current) break;
      try {
        await call('customers:set-status', { id, status: action.status });
      } catch (e) {
        failures.push(errorMessage(e));
      }
      done++;
      setJob({ label: action.doing, done, total: ids.length, jobId: null });
    }
    setJob(null);
    onDone();
    const ok = done - failures.length;
    if (failures.length) notify('error', `${plural(ok, 'customer')} ${action.done}; ${failures.length} failed: ${failures[0]}`);
    else notify('success', `${plural(ok, 'customer')} ${action.done}${cancelled.current ? ` (cancelled, ${ids.length - done} left as they were)` : ''}.`);
    if (!cancelled.current) setSelected([]);
  }

  async function topUp(req: BulkTopUpRequest) {
    const ids = [...selected];
    const jobId = newJobId();
    setDialog(null);
    setJob({ label: 'Topping up', done: 0, total: ids.length, jobId });
    try {
      const r = await call('money:bulk-top-up', { ids, jobId, ...req });
      const firstError = r.results.find((x) => x.error)?.error?.message;
      const summary = `${formatMoney(r.amountMoved)} moved for ${plural(r.succeeded, 'customer')}`;
      if (r.failed) notify('error', `${summary}; ${r.failed} failed: ${firstError ?? ''}`);
      else notify(r.cancelled ? 'info' : 'success', `${summary}${r.cancelled ? `; cancelled before ${r.cancelled}` : ''}.`);
      if (!r.failed && !r.cancelled) setSelected([]);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setJob(null);
      onDone();
    }
  }

  function cancel() {
    cancelled.current = true;
    if (job?.jobId) void call('bulk:cancel', { jobId: job.jobId }).catch(() => undefined);
  }

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong>{plural(selected.size, 'customer')} selected</strong>
      {job ? (
        <>
          <ProgressBar label={`${job.label} customers`} done={job.done} total={Math.max(1, job.total)} />
          <span className="muted">
            {job.label} {job.done} of {job.total}…
          </span>
          <Button small onClick={cancel}>
            Cancel
          </Button>
        </>
      ) : (
        <>
          {ACTIONS.map((a) => (
            <Button key={a.status} small onClick={() => void setStatus(a)}>
              {a.label}
            </Button>
          ))}
          {hasChannel('money:bulk-top-up') && (
            <Button small onClick={() => setDialog('top-up')}>
              Top up…
            </Button>
          )}
          {hasChannel('customers:export-selection') && (
            <Button small onClick={() => setDialog('export')}>
              Export…
            </Button>
          )}
          <Button small variant="ghost" onClick={() => setSelected([])}>
            Clear selection
          </Button>
        </>
      )}
      {dialog === 'top-up' && <BulkTopUpDialog count={selected.size} onClose={() => setDialog(null)} onSubmit={(r) => void topUp(r)} />}
      {dialog === 'export' && <BulkExportDialog ids={[...selected]} onClose={() => setDialog(null)} />}
    </div>
  );
}
