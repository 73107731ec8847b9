import { useMemo, useState } from 'react';
import { BULK_MAX_IDS } from '../../../../shared/contract/customer-bulk';
import type { CustomerFilters, CustomerStatusName } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, errorMessage, hasChannel } from '../../api/client';
import { useEvent } from '../../api/hooks';
import { ProgressBar } from '../../components/progress-bar';
import { Button, ErrorMessage } from '../../components/ui';
import { formatCount, plural } from '../../lib/format';
import { useRegisterCommands, type Command } from '../../app/commands';
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
  /** null: one step whose progress cannot be measured (the bar runs without a figure). */
  total: number | null;
  /** The main-side job `bulk:cancel` stops (bulk top-up); null: nothing can stop it midway, so no Cancel. */
  jobId: string | null;
}

/** What the table shows, for "select all N that match". */
export interface SelectionScope {
  filters: CustomerFilters;
  /** The list's total; a lower bound when `capped`. */
  total: number | null;
  capped: boolean;
  /** Every row fetched so far is selected (the header box is ticked). */
  allLoadedSelected: boolean;
}

/** Identifies a set of filters: the selection knows which filters it was "all matching" for. */
export function filtersKey(filters: CustomerFilters): string {
  return JSON.stringify(filters);
}

/**
 * Actions on the selected customers, with progress while they run. Status changes are
 * one quick transaction per call (no Cancel: there is no midway to stop at); top-ups run
 * one by one through the operations journal, report per customer and can be cancelled.
 * After the header box is ticked, the bar offers the whole match, not just the rows
 * fetched so far.
 */
export function BulkBar({ scope, onDone }: { scope: SelectionScope; onDone(): void }) {
  const selected = useCustomerList((s) => s.selected);
  const matching = useCustomerList((s) => s.matching);
  const setSelected = useCustomerList((s) => s.setSelected);
  const selectMatching = useCustomerList((s) => s.selectMatching);
  const notify = useUi((s) => s.notify);
  const [job, setJob] = useState<Job | null>(null);
  const [dialog, setDialog] = useState<'top-up' | 'export' | null>(null);
  const [loadingMatch, setLoadingMatch] = useState(false);
  const [matchError, setMatchError] = useState<string | null>(null);
  const selectedIds = useMemo(() => [...selected], [selected]);
  useEvent('event:bulk-progress', (p) => setJob((j) => (j && j.jobId === p.jobId ? { ...j, done: p.done, total: p.total } : j)));

  const key = filtersKey(scope.filters);
  const allMatching = matching !== null && matching.key === key;

  // The bulk actions from the palette too, while customers are selected and no job runs.
  const count = plural(selected.size, 'selected customer');
  const commands: Command[] = job
    ? []
    : [
        ...ACTIONS.map((a) => ({ id: `bulk:status:${a.status}`, label: `${a.label}: ${count}`, group: 'Selected customers', run: () => setStatus(a) })),
        { id: 'bulk:top-up', label: `Top up ${count}…`, group: 'Selected customers', run: () => setDialog('top-up') },
        { id: 'bulk:export', label: `Export ${count} to CSV…`, group: 'Selected customers', run: () => setDialog('export') },
      ];
  useRegisterCommands('customers-bulk', commands);
  const moreMatch = scope.total !== null && (scope.capped || scope.total > selected.size);
  const offerAll = !job && !allMatching && scope.allLoadedSelected && moreMatch && hasChannel('customers:ids');

  async function selectAllMatching() {
    setLoadingMatch(true);
    setMatchError(null);
    try {
      const { ids } = await call('customers:ids', scope.filters);
      selectMatching(ids, key);
    } catch (e) {
      setMatchError(errorMessage(e));
    } finally {
      setLoadingMatch(false);
    }
  }

  /*
   * A selection larger than one call takes goes in calls of BULK_MAX_IDS, one after the
   * other: each is its own transaction, and the bar counts the customers done so far.
   */
  async function setStatus(action: (typeof ACTIONS)[number]) {
    const ids = selectedIds;
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += BULK_MAX_IDS) batches.push(ids.slice(i, i + BULK_MAX_IDS));
    const measured = batches.length > 1;
    const counts = { changed: 0, unchanged: 0, failed: 0 };
    let firstFailure: string | null = null;
    let done = 0;
    setJob({ label: action.doing, done, total: measured ? ids.length : null, jobId: null });
    try {
      for (const batch of batches) {
        const r = await call('customers:bulk-set-status', { ids: batch, status: action.status });
        counts.changed += r.counts.changed;
        counts.unchanged += r.counts.unchanged;
        counts.failed += r.counts.failed;
        firstFailure ??= r.results.find((x) => x.error)?.error?.message ?? null;
        done += batch.length;
        if (measured) setJob({ label: action.doing, done, total: ids.length, jobId: null });
      }
      if (counts.failed) notify('error', `${plural(counts.changed, 'customer')} ${action.done}; ${formatCount(counts.failed)} could not change: ${firstFailure ?? ''}`);
      else notify('success', `${plural(counts.changed, 'customer')} ${action.done}${counts.unchanged ? ` (${formatCount(counts.unchanged)} already were)` : ''}.`);
      setSelected([]);
    } catch (e) {
      // Earlier calls' changes stand (each was its own transaction): say how far it got.
      const sofar = done > 0 ? `${plural(counts.changed, 'customer')} ${action.done} before this failed: ` : '';
      notify('error', `${sofar}${errorMessage(e)}`);
    } finally {
      setJob(null);
      onDone();
    }
  }

  async function topUp(req: BulkTopUpRequest) {
    const ids = selectedIds;
    const jobId = newJobId();
    setDialog(null);
    setJob({ label: 'Topping up', done: 0, total: ids.length, jobId });
    try {
      const r = await call('money:bulk-top-up', { ids, jobId, ...req });
      const firstError = r.results.find((x) => x.error)?.error?.message;
      const summary = `${formatMoney(r.amountMoved)} moved for ${plural(r.succeeded, 'customer')}`;
      if (r.failed) notify('error', `${summary}; ${formatCount(r.failed)} failed: ${firstError ?? ''}`);
      else notify(r.cancelled ? 'info' : 'success', `${summary}${r.cancelled ? `; cancelled before ${plural(r.cancelled, 'customer')}` : ''}.`);
      if (!r.failed && !r.cancelled) setSelected([]);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setJob(null);
      onDone();
    }
  }

  const { jobId } = job ?? {};
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions" style={{ flexWrap: 'wrap' }}>
      <strong>{allMatching ? `All ${plural(selected.size, 'customer')} that match are selected` : `${plural(selected.size, 'customer')} selected`}</strong>
      {offerAll && (
        <Button small variant="ghost" busy={loadingMatch} onClick={() => void selectAllMatching()}>
          {scope.capped ? 'Select every customer that matches' : `Select all ${plural(scope.total ?? 0, 'customer')} that match`}
        </Button>
      )}
      {job ? (
        <>
          <ProgressBar label={`${job.label} customers`} done={job.done} total={job.total} />
          <span className="muted" role="status">
            {job.total === null ? `${job.label} ${plural(selected.size, 'customer')}…` : `${job.label} ${formatCount(job.done)} of ${formatCount(job.total)}…`}
          </span>
          {jobId && (
            <Button small onClick={() => void call('bulk:cancel', { jobId }).catch(() => undefined)}>
              Cancel
            </Button>
          )}
        </>
      ) : (
        <>
          {hasChannel('customers:bulk-set-status') &&
            ACTIONS.map((a) => (
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
          <Button small variant="ghost" onClick={() => (setSelected([]), setMatchError(null))}>
            Clear selection
          </Button>
        </>
      )}
      {matchError && <ErrorMessage>{matchError}</ErrorMessage>}
      {dialog === 'top-up' && <BulkTopUpDialog count={selected.size} onClose={() => setDialog(null)} onSubmit={(r) => void topUp(r)} />}
      {dialog === 'export' && <BulkExportDialog ids={selectedIds} onClose={() => setDialog(null)} />}
    </div>
  );
}
