import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button, ErrorMessage } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

/** The poller: on/off, "check now", and what each account's last poll saw. */
export function PollerStatus() {
  const poller = useQuery('poller', () => call('poller:settings'));
  const notify = useUi((s) => s.notify);
  const { reload } = poller;
  const toggle = useAction(async (enabled: boolean) => {
    await call('poller:settings', { enabled });
    reload();
  });
  const runNow = useAction(async () => {
    const results = await call('poller:run-now');
    const failed = results.filter((r) => !r.ok);
    if (results.length === 0) notify('info', 'No upstream account to check yet.');
    else if (failed.length) notify('error', failed[0]?.error?.message ?? 'A check failed.');
    else notify('success', `Checked ${results.length} account${results.length === 1 ? '' : 's'}: ${results.reduce((n, r) => n + r.newEvents, 0)} new events.`);
    reload();
  });
  const p = poller.data;
  if (!p) return poller.error ? <ErrorMessage onRetry={reload}>{poller.error}</ErrorMessage> : null;
  return (
    <div className="poller">
      <div className="button-row">
        <label className="check">
          <input type="checkbox" checked={p.enabled} disabled={toggle.busy} onChange={(e) => void toggle.run(e.target.checked)} />
          Check upstreams automatically {p.running ? '(running)' : ''}
        </label>
        <Button small busy={runNow.busy} onClick={() => void runNow.run()}>
          Check now
        </Button>
      </div>
      {(toggle.error || runNow.error) && <ErrorMessage>{toggle.error ?? runNow.error}</ErrorMessage>}
      {p.accounts.length > 0 && (
        <table className="table compact" aria-label="Last checks">
          <tbody>
            {p.accounts.map((a) => (
              <tr key={a.accountId}>
                <td>{a.accountName}</td>
                <td className="muted small">{a.lastOkAt ? `OK ${formatDateTime(a.lastOkAt)}` : 'Not checked yet'}</td>
                <td className="num">{a.lastBalance === null ? '' : formatMoney(a.lastBalance)}</td>
                <td className="text-danger small">{a.lastError?.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
