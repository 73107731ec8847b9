import { useState } from 'react';
import type { BackupSummary } from '../../../../shared/contract/maintenance';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

const REASON: Record<BackupSummary['reason'], string> = {
  daily: 'Daily',
  'pre-migration': 'Before an update',
  manual: 'Manual',
  'pre-restore': 'Before a restore',
};

export function BackupsSection() {
  const list = useQuery('backups', () => call('backups:list'));
  const notify = useUi((s) => s.notify);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const create = useAction(async () => {
    const b = await call('backups:create');
    notify('success', `Backup ${b.name} saved.`);
    list.reload();
  });
  const restore = useAction(async (name: string) => {
    await call('backups:restore', { name, confirm: true });
    setRestoring(null);
    notify('info', 'The backup will replace your ledger when Reseller Desk restarts.');
  });

  return (
    <section className="card" aria-labelledby="backups-h">
      <div className="card-head">
        <h2 id="backups-h">Backups</h2>
        <Button small busy={create.busy} onClick={() => void create.run()}>
          Back up now
        </Button>
      </div>
      {create.error && <ErrorMessage>{create.error}</ErrorMessage>}
      <Loading active={list.loading && !list.data} />
      {list.error && <ErrorMessage onRetry={list.reload}>{list.error}</ErrorMessage>}
      {list.data && list.data.length === 0 && <p className="muted">No backup yet. One is made every day you use the app; make one now before a big change.</p>}
      {list.data && list.data.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>When</th>
              <th>Why</th>
              <th className="num">Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.slice(0, 8).map((b) => (
              <tr key={b.name}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{REASON[b.reason] ?? b.reason}</td>
                <td className="num">{formatBytes(b.sizeBytes)}</td>
                <td className="num">
                  <Button small variant="ghost" onClick={() => setRestoring(b)}>
                    Restore…
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore at next start"
          danger
          busy={restore.busy}
          error={restore.error}
          onCancel={() => setRestoring(null)}
          onConfirm={() => void restore.run(restoring.name)}
        >
          <p>
            Your ledger will be replaced by the backup from {formatDateTime(restoring.createdAt)} when Reseller Desk restarts. Everything recorded since
            then will be gone from the books (the current ledger is backed up first).
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
