import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { SavePathField, suggestedFileName } from '../../components/save-path-field';
import { Button, ErrorMessage } from '../../components/ui';
import { plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { useModal } from '../../components/use-modal';

/** The selected customers as a CSV file (the path chosen with the save dialog, or typed). */
export function BulkExportDialog({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const ref = useModal();
  const notify = useUi((s) => s.notify);
  const folder = useQuery('export-folder', async () => (await call('exports:last-folder')).folder ?? (await call('app:info')).dataDir);
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileName = suggestedFileName('customers');
  const value = path ?? (folder.data ? `${folder.data.replace(/[\\/]$/, '')}/${fileName}` : '');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await call('customers:export-selection', { ids, path: value });
      notify('success', `Saved ${plural(r.rows, 'customer')} to ${r.path}.`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="bulk-export-title" onCancel={(e) => (e.preventDefault(), busy ? undefined : onClose())}>
      <h2 id="bulk-export-title">Export {plural(ids.length, 'customer')} (CSV)</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SavePathField id="bulk-export-path" value={value} onChange={setPath} suggestedName={fileName} disabled={busy} />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="dialog-actions">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!value}>
            Export
          </Button>
        </div>
      </form>
    </dialog>
  );
}
