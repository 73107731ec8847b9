import { useState } from 'react';
import type { AppInfo } from '../../../../shared/contract/app';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

/**
 * Where the books live: the folder, opening it, and moving it. A move is staged and carried
 * out at the next start (before anything opens the ledger), so nothing written meanwhile
 * is left behind; the section offers the restart.
 */
export function DataSection() {
  const info = useQuery<AppInfo>('app:info', () => call('app:info'));
  const folder = useQuery('data-folder', () => call('data-folder:get'));
  const notify = useUi((s) => s.notify);
  const [target, setTarget] = useState<string | null>(null);
  const open = useAction(() => call('data-folder:open'));
  const choose = useAction(async () => {
    const chosen = await call('data-folder:choose');
    if (chosen) setTarget(chosen.path);
  });
  const move = useAction(async (path: string) => {
    await call('data-folder:move', { path, confirm: true });
    setTarget(null);
    notify('info', 'Your data moves to the new folder when Reseller Desk restarts.');
    folder.reload();
  });
  const cancelMove = useAction(async () => {
    await call('data-folder:cancel-move');
    folder.reload();
  });
  const restart = useAction(() => call('app:relaunch'));
  const f = folder.data;
  return (
    <section className="card" aria-labelledby="data-h">
      <h2 id="data-h">Your data</h2>
      <Loading active={info.loading || folder.loading} />
      {info.error && <ErrorMessage onRetry={info.reload}>{info.error}</ErrorMessage>}
      {info.data && (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd className="mono" data-testid="data-folder">
            {info.data.dataDir}
          </dd>
          <dt>Ledger file</dt>
          <dd className="mono">{info.data.ledgerFile}</dd>
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
        </dl>
      )}
      {f?.pendingMove && (
        <div className="callout" role="status">
          <p>
            Moving to <span className="mono">{f.pendingMove.target}</span> at the next start (chosen {formatDateTime(f.pendingMove.stagedAt)}).
          </p>
          <div className="button-row">
            {f.desktop && (
              <Button small variant="primary" busy={restart.busy} onClick={() => void restart.run()}>
                Restart now
              </Button>
            )}
            <Button small busy={cancelMove.busy} onClick={() => void cancelMove.run()}>
              Keep the data here
            </Button>
          </div>
        </div>
      )}
      {f?.desktop && (
        <div className="control-row">
          <Button small busy={open.busy} onClick={() => void open.run()}>
            Open the folder
          </Button>
          {!f.fromEnv && !f.pendingMove && (
            <Button small busy={choose.busy} onClick={() => void choose.run()}>
              Move to another folder…
            </Button>
          )}
        </div>
      )}
      {(open.error || choose.error || cancelMove.error || restart.error) && <ErrorMessage>{open.error ?? choose.error ?? cancelMove.error ?? restart.error}</ErrorMessage>}
      <p className="muted small">
        API keys are not in this folder: they live in your operating system&apos;s keychain.{' '}
        {f?.fromEnv ? (
          <>
            This folder is set by <code>RESELLER_DESK_DATA_DIR</code>; change that variable to use another.
          </>
        ) : (
          <>
            You can also start the app with <code>RESELLER_DESK_DATA_DIR</code> set to use another folder for one run.
          </>
        )}
      </p>
      {target !== null && (
        <ConfirmDialog
          title="Move your data?"
          confirmLabel="Move at the next start"
          busy={move.busy}
          error={move.error}
          onConfirm={() => void move.run(target)}
          onCancel={() => (setTarget(null), move.clearError())}
        >
          <p>
            Your ledger, backups, logs and sandbox move to <span className="mono">{target}</span> when Reseller Desk restarts. The folder must be empty.
          </p>
          <p>The current folder keeps a copy of the old ledger, renamed so it is never opened by mistake.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
