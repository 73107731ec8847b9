import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ExportKind, ExportProgress } from '../../../shared/contract/exports';
import { call, errorMessage } from '../api/client';
import { useEvent, useQuery } from '../api/hooks';
import { ProgressBar } from './progress-bar';
import { SavePathField, suggestedFileName } from './save-path-field';
import { Button, ErrorMessage } from './ui';
import { EXPORT_KIND_LABEL } from '../lib/export-kinds';
import { formatCount, plural } from '../lib/format';
import { useUi } from '../state/ui-store';

function newJobId(): string {
  return `job_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Writes a CSV export to a file: chosen with the native save dialog, or typed (it starts
 * in the folder of the last export). Progress is pushed by main and the job can be
 * cancelled.
 */
export function ExportDialog({ kind, customerId, title, onClose }: { kind: ExportKind; customerId?: string; title: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const folder = useQuery('export-folder', async () => {
    const last = await call('exports:last-folder');
    return last.folder ?? (await call('app:info')).dataDir;
  });
  const [path, setPath] = useState<string | null>(null);
  const fileName = suggestedFileName(title);
  const defaultPath = folder.data ? `${folder.data.replace(/[\\/]$/, '')}/${fileName}` : '';
  const [job, setJob] = useState<{ id: string; progress: ExportProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEvent('event:export-progress', (p) => setJob((j) => (j && j.id === p.jobId ? { ...j, progress: p } : j)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const jobId = newJobId();
    setJob({ id: jobId, progress: null });
    setError(null);
    try {
      const result = await call('exports:run', { kind, customerId, path: path ?? defaultPath, jobId });
      notify('success', `Saved ${plural(result.rows, 'row')} to ${result.path}.`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setJob(null);
    }
  }

  const p = job?.progress;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="export-title" onCancel={(e) => (e.preventDefault(), job ? undefined : onClose())}>
      <h2 id="export-title">Export {EXPORT_KIND_LABEL[kind]} (CSV)</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <SavePathField
            id="export-path"
            value={path ?? defaultPath}
            onChange={setPath}
            suggestedName={fileName}
            disabled={!!job}
            hint="A CSV file your accountant or spreadsheet can open."
          />
        </div>
        {job && (
          <div className="progress-row">
            <ProgressBar label="Export progress" done={p?.rowsDone ?? 0} total={p ? p.rowsTotal : null} />
            <span className="muted small">{p ? `${formatCount(p.rowsDone)} of ${formatCount(p.rowsTotal)} rows` : 'Starting…'}</span>
          </div>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="dialog-actions">
          {job ? (
            <Button onClick={() => void call('exports:cancel', { jobId: job.id }).catch(() => undefined)}>Cancel export</Button>
          ) : (
            <Button onClick={onClose}>Close</Button>
          )}
          <Button type="submit" variant="primary" busy={!!job} disabled={!folder.data && path === null}>
            Export
          </Button>
        </div>
      </form>
    </dialog>
  );
}
