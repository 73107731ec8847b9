import { useState, type FormEvent } from 'react';
import type { ExportProgress } from '../../../../shared/contract/exports';
import { ApiError, call, errorMessage } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { ProgressBar } from '../../components/progress-bar';
import { SavePathField, suggestedFileName } from '../../components/save-path-field';
import { Button, ErrorMessage } from '../../components/ui';
import { useModal } from '../../components/use-modal';
import { formatCount, plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';

function newJobId(): string {
  return `export_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The selected customers as a CSV file (the path chosen with the save dialog, or typed).
 * The page names the job so it can follow `event:export-progress` and cancel it with
 * `exports:cancel`: a selection of 100,000 customers takes a while to write.
 */
export function BulkExportDialog({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const ref = useModal();
  const notify = useUi((s) => s.notify);
  const folder = useQuery('export-folder', async () => (await call('exports:last-folder')).folder ?? (await call('app:info')).dataDir);
  const [path, setPath] = useState<string | null>(null);
  const [job, setJob] = useState<{ id: string; progress: ExportProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const fileName = suggestedFileName('customers');
  const value = path ?? (folder.data ? `${folder.data.replace(/[\\/]$/, '')}/${fileName}` : '');
  useEvent('event:export-progress', (p) => setJob((j) => (j && j.id === p.jobId ? { ...j, progress: p } : j)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const jobId = newJobId();
    setJob({ id: jobId, progress: null });
    setError(null);
    setCancelled(false);
    try {
      const r = await call('customers:export-selection', { ids, path: value, jobId });
      notify('success', `Saved ${plural(r.rows, 'customer')} to ${r.path}.`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CANCELLED') setCancelled(true);
      else setError(errorMessage(err));
      setJob(null);
    }
  }

  const p = job?.progress;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="bulk-export-title" onCancel={(e) => (e.preventDefault(), job ? undefined : onClose())}>
      <h2 id="bulk-export-title">Export {plural(ids.length, 'customer')} (CSV)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="dialog-body">
          <SavePathField id="bulk-export-path" value={value} onChange={setPath} suggestedName={fileName} disabled={!!job} />
        </div>
        {job && (
          <div className="progress-row">
            <ProgressBar label="Export progress" done={p?.rowsDone ?? 0} total={p ? p.rowsTotal : null} />
            <span className="muted small">{p ? `${formatCount(p.rowsDone)} of ${plural(p.rowsTotal, 'customer')}` : 'Starting…'}</span>
          </div>
        )}
        {cancelled && (
          <p className="muted" role="status">
            Export cancelled: no file was written. Export again to start over.
          </p>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="dialog-actions">
          {job ? (
            // Enabled once main reports the job: a cancel sent before main has it would find no job to stop.
            <Button disabled={!p} onClick={() => void call('exports:cancel', { jobId: job.id }).catch(() => undefined)}>
              Cancel export
            </Button>
          ) : (
            <Button onClick={onClose}>Close</Button>
          )}
          <Button type="submit" variant="primary" busy={!!job} disabled={!value}>
            Export
          </Button>
        </div>
      </form>
    </dialog>
  );
}
