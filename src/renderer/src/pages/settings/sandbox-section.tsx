import { useState } from 'react';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Button, ErrorMessage } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { DemoDataForm } from './demo-data-form';

/**
 * The embedded sandbox: where it runs, its time, moving that time forward (demo mode),
 * starting it over, and filling empty books with a demo business.
 */
export function SandboxSection() {
  const status = useQuery('sandbox', () => call('sandbox:status'));
  const notify = useUi((s) => s.notify);
  const [days, setDays] = useState('1');
  const [confirmReset, setConfirmReset] = useState(false);
  const advance = useAction(async () => {
    const s = await call('sandbox:advance-clock', { days: Number(days) });
    notify('success', `Sandbox time is now ${formatDateTime(s.now)}. Expiries and usage follow.`);
    status.reload();
  });
  const reset = useAction(async () => {
    const r = await call('sandbox:reset', { confirm: true });
    setConfirmReset(false);
    notify(
      'success',
      `The sandbox started over with fresh accounts${r.servicesEnded > 0 ? `; ${r.servicesEnded} proxies and packages it held are marked gone upstream` : ''}.`,
    );
    status.reload();
  });
  const s = status.data;
  return (
    <section className="card" aria-labelledby="sandbox-h">
      <h2 id="sandbox-h">Sandbox</h2>
      {status.error && <ErrorMessage onRetry={status.reload}>{status.error}</ErrorMessage>}
      {s && !s.running && (
        <>
          <p className="muted">
            The sandbox is not running. It simulates Proxies.sx and Whozex on this computer for trying the app without a paid account. Starting it over brings
            back its two accounts.
          </p>
          <Button small onClick={() => setConfirmReset(true)}>
            Start the sandbox
          </Button>
        </>
      )}
      {s?.running && (
        <>
          <dl className="facts">
            <dt>Proxies.sx</dt>
            <dd className="mono">{s.proxiesSxUrl}</dd>
            <dt>Whozex</dt>
            <dd className="mono">{s.whozexUrl}</dd>
            <dt>Sandbox time</dt>
            <dd>{formatDateTime(s.now)}</dd>
          </dl>
          <div className="control-row">
            <label className="check" htmlFor="sandbox-days">
              Move sandbox time forward by
              <input id="sandbox-days" className="tiny" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} /> days
            </label>
            <Button small busy={advance.busy} onClick={() => void advance.run()}>
              Move time
            </Button>
          </div>
          {advance.error && <ErrorMessage>{advance.error}</ErrorMessage>}
          <div className="control-row">
            <span className="muted small">Start over with fresh sandbox balances and accounts.</span>
            <Button small variant="danger" onClick={() => setConfirmReset(true)}>
              Reset the sandbox…
            </Button>
          </div>
          <DemoDataForm onFinished={status.reload} />
        </>
      )}
      {confirmReset && (
        <ConfirmDialog
          title={s?.running ? 'Reset the sandbox?' : 'Start the sandbox?'}
          confirmLabel={s?.running ? 'Reset the sandbox' : 'Start the sandbox'}
          danger={!!s?.running}
          busy={reset.busy}
          error={reset.error}
          onConfirm={() => void reset.run()}
          onCancel={() => setConfirmReset(false)}
        >
          <p>
            The simulated Proxies.sx and Whozex start over with fresh balances and no proxies or packages. “Sandbox · Proxies.sx” and “Sandbox · Whozex” are
            replaced by fresh accounts.
          </p>
          <p>
            Your books keep their history: sales, payments and customers stay. Proxies and packages bought on the old sandbox accounts are marked gone
            upstream. Real upstream accounts are not touched.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
