import { useRef, useState } from 'react';
import type { CustomerStatusName } from '../../../../shared/contract/customers';
import { call, errorMessage } from '../../api/client';
import { Button } from '../../components/ui';
import { plural } from '../../lib/format';
import { useCustomerList } from '../../state/customer-list-store';
import { useUi } from '../../state/ui-store';

const ACTIONS: { status: CustomerStatusName; label: string; doing: string; done: string }[] = [
  { status: 'suspended', label: 'Suspend', doing: 'Suspending', done: 'suspended' },
  { status: 'active', label: 'Reactivate', doing: 'Reactivating', done: 'reactivated' },
  { status: 'archived', label: 'Archive', doing: 'Archiving', done: 'archived' },
];

/**
 * Actions on the selected customers, one call per customer with a progress bar and a
 * Cancel button (a cancel stops before the next customer; those done stay done).
 */
export function BulkBar({ onDone }: { onDone(): void }) {
  const selected = useCustomerList((s) => s.selected);
  const setSelected = useCustomerList((s) => s.setSelected);
  const notify = useUi((s) => s.notify);
  const [job, setJob] = useState<{ label: string; done: number; total: number } | null>(null);
  const cancelled = useRef(false);

  async function run(action: (typeof ACTIONS)[number]) {
    const ids = [...selected];
    cancelled.current = false;
    const failures: string[] = [];
    let done = 0;
    setJob({ label: action.doing, done, total: ids.length });
    for (const id of ids) {
      if (cancelled.current) break;
      try {
        await call('customers:set-status', { id, status: action.status });
      } catch (e) {
        failures.push(errorMessage(e));
      }
      done++;
      setJob({ label: action.doing, done, total: ids.length });
    }
    setJob(null);
    onDone();
    const ok = done - failures.length;
    if (failures.length) notify('error', `${plural(ok, 'customer')} ${action.done}; ${failures.length} failed: ${failures[0]}`);
    else notify('success', `${plural(ok, 'customer')} ${action.done}${cancelled.current ? ` (cancelled, ${ids.length - done} left as they were)` : ''}.`);
    if (!cancelled.current) setSelected([]);
  }

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong>{plural(selected.size, 'customer')} selected</strong>
      {job ? (
        <>
          <div className="progress" role="progressbar" aria-label={`${job.label} customers`} aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
            <div className="progress-fill" style={{ width: `${Math.round((job.done / Math.max(1, job.total)) * 100)}%` }} />
          </div>
          <span className="muted">
            {job.label} {job.done} of {job.total}…
          </span>
          <Button small onClick={() => (cancelled.current = true)}>
            Cancel
          </Button>
        </>
      ) : (
        <>
          {ACTIONS.map((a) => (
            <Button key={a.status} small onClick={() => void run(a)}>
              {a.label}
            </Button>
          ))}
          <Button small variant="ghost" onClick={() => setSelected([])}>
            Clear selection
          </Button>
        </>
      )}
    </div>
  );
}
