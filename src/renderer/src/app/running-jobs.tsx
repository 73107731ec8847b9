import { useEffect, useId, useRef, useState } from 'react';
import type { SyncPhase } from '../../../shared/contract/sync';
import { errorMessage } from '../api/client';
import { ProgressBar } from '../components/progress-bar';
import { Button } from '../components/ui';
import { EXPORT_KIND_LABEL } from '../lib/export-kinds';
import { formatCount, plural } from '../lib/format';
import { cancelJob, followJobs, useJobs, type Job, type JobState } from '../state/jobs-store';

// A phase added to main later shows under its own name.
const SYNC_PHASE: Partial<Record<SyncPhase, string>> = {
  account: 'Account',
  customers: 'Customers',
  services: 'Proxies and packages',
  transactions: 'Transactions',
  balance: 'Balance',
  done: 'Finishing',
};

const ENDED: Record<Exclude<JobState, 'running'>, string> = {
  done: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** What the job is, in the reseller's words: "Export: customers", "Sync: Sandbox · Whozex". */
export function jobLabel(job: Job, accountNames: Record<string, string>): string {
  switch (job.kind) {
    case 'export':
      return `Export: ${EXPORT_KIND_LABEL[job.exportKind] ?? job.exportKind}`;
    case 'bulk':
      return `Top-up of ${plural(job.total ?? 0, 'customer')}`;
    case 'demo':
      return 'Demo data';
    case 'sync':
      return `Sync: ${accountNames[job.id] ?? 'upstream account'}`;
  }
}

/** How far it is, or how it ended. */
function jobDetail(job: Job): string {
  const counted = job.total !== null && job.total > 0;
  if (job.state !== 'running') {
    if (job.kind === 'demo') return `${ENDED[job.state]}: ${job.text}`;
    if (job.kind === 'export' && job.state === 'done') return `${ENDED.done}: ${plural(job.done, 'row')}`;
    if (job.kind === 'bulk' && job.failed > 0) return `${ENDED[job.state]}: ${job.failed} failed`;
    if (job.kind === 'sync' && job.state === 'cancelled') return `${ENDED.cancelled}: it continues where it stopped next time`;
    return ENDED[job.state];
  }
  switch (job.kind) {
    case 'export':
      return counted ? `${formatCount(job.done)} of ${formatCount(job.total!)} rows` : 'Counting rows…';
    case 'bulk':
      return `${formatCount(job.done)} of ${formatCount(job.total ?? 0)} done${job.failed > 0 ? `, ${job.failed} failed` : ''}`;
    case 'demo':
      return `${job.text} (step ${job.done} of ${job.total ?? '?'})`;
    case 'sync':
      return `${SYNC_PHASE[job.phase] ?? job.phase}${counted ? ` ${formatCount(job.done)} of ${formatCount(job.total!)}` : ''}`;
  }
}

/** The bar's width only: the mean of the running jobs' known fractions (never money). */
function overallPercent(jobs: Job[]): number | null {
  const fractions = jobs.filter((j) => j.total !== null && j.total > 0).map((j) => Math.min(1, j.done / j.total!));
  if (fractions.length === 0) return null;
  return Math.round((fractions.reduce((a, b) => a + b, 0) / fractions.length) * 100);
}

function summary(jobs: Job[], accountNames: Record<string, string>): string {
  const running = jobs.filter((j) => j.state === 'running');
  if (running.length > 0) return `${plural(running.length, 'job')} running`;
  const last = jobs.at(-1);
  return last ? `${jobLabel(last, accountNames)}: ${ENDED[last.state as Exclude<JobState, 'running'>].toLowerCase()}` : 'No job running';
}

/**
 * The status bar's view of every long job (sync, bulk top-up, export, demo data),
 * whichever screen started it: a compact indicator that opens the list, each job with
 * its bar and Cancel. It also keeps the jobs store fed for the life of the window.
 */
export function RunningJobs({ accountNames }: { accountNames: Record<string, string> }) {
  const jobs = useJobs((s) => s.jobs);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const listId = useId();

  useEffect(() => followJobs(), []);

  // A click elsewhere closes the list, as any popover does. Escape closes it from inside,
  // and also once focus has fallen to the page (its Cancel button went when the job ended).
  useEffect(() => {
    if (!open) return;
    function onPointerDown(e: PointerEvent) {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    }
    function onKeyDown(e: globalThis.KeyboardEvent) {
      const target = e.target as Node;
      if (e.key !== 'Escape' || !(wrapRef.current?.contains(target) || target === document.body)) return;
      e.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  // A row's Cancel goes when its job ends: keep keyboard focus in the list, not lost to the page.
  useEffect(() => {
    if (open && (document.activeElement === null || document.activeElement === document.body)) panelRef.current?.focus();
  }, [open, jobs]);

  // An open list stays (saying nothing runs) rather than vanishing under the reseller's focus.
  if (jobs.length === 0 && !open) return null;
  const running = jobs.filter((j) => j.state === 'running');
  const percent = overallPercent(running);
  return (
    <div
      className="running-jobs"
      ref={wrapRef}
      // Tabbing on past the list closes it; focus lost to the page (a row went) does not.
      onBlur={(e) => e.relatedTarget && !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}
    >
      <button
        ref={buttonRef}
        type="button"
        className="running-jobs-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">Running jobs: </span>
        <span className="truncate">{summary(jobs, accountNames)}</span>
        {running.length > 0 && (
          <span className="progress running-jobs-mini" aria-hidden="true">
            <span className="progress-fill" style={{ width: `${percent ?? 8}%` }} />
          </span>
        )}
      </button>
      {open && (
        <section id={listId} ref={panelRef} tabIndex={-1} className="running-jobs-panel" aria-label="Running jobs">
          {jobs.length === 0 ? (
            <p className="muted small">Nothing is running now. Syncs, exports, bulk top-ups and demo data show here while they run.</p>
          ) : (
            <ul className="running-jobs-list">
              {jobs.map((job) => (
                <JobRow key={job.key} job={job} label={jobLabel(job, accountNames)} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function JobRow({ job, label }: { job: Job; label: string }) {
  const [cancelling, setCancelling] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const running = job.state === 'running';

  async function cancel() {
    setCancelling(true);
    setNote(null);
    try {
      // Accepted: the button stays busy until main reports the job's end.
      if (!(await cancelJob(job))) {
        setNote('Too late to cancel: it had already finished.');
        setCancelling(false);
      }
    } catch (e) {
      setNote(errorMessage(e));
      setCancelling(false);
    }
  }

  return (
    <li className="running-job" data-state={job.state}>
      <div className="running-job-head">
        <strong className="truncate">{label}</strong>
        {running && (
          <Button small onClick={() => void cancel()} busy={cancelling} aria-label={`Cancel ${label}`}>
            Cancel
          </Button>
        )}
      </div>
      {/* A finished job's bar is full; a stopped one stays where it stopped. */}
      <ProgressBar label={label} done={job.state === 'done' ? 1 : job.done} total={job.state === 'done' ? 1 : job.total} />
      <span className="muted small">{cancelling && running ? 'Cancelling…' : jobDetail(job)}</span>
      {note && (
        <span className="small" role="status">
          {note}
        </span>
      )}
    </li>
  );
}
