import { useState } from 'react';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button, ErrorMessage } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

/** The embedded sandbox: where it runs, its time, and (demo mode) moving that time forward. */
export function SandboxSection() {
  const status = useQuery('sandbox', () => call('sandbox:status'));
  const notify = useUi((s) => s.notify);
  const [days, setDays] = useState('1');
  const advance = useAction(async () => {
    const s = await call('sandbox:advance-clock', { days: Number(days) });
    notify('success', `Sandbox time is now ${formatDateTime(s.now)}. Expiries and usage follow.`);
    status.reload();
  });
  const s = status.data;
  return (
    <section className="card" aria-labelledby="sandbox-h">
      <h2 id="sandbox-h">Sandbox</h2>
      {status.error && <ErrorMessage onRetry={status.reload}>{status.error}</ErrorMessage>}
      {s && !s.running && <p className="muted">The sandbox is not running. It simulates Proxies.sx and Whozex on this computer for trying the app (npm run sandbox, or the demo).</p>}
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
          <div className="inline-form">
            <label className="check" htmlFor="sandbox-days">
              Move sandbox time forward by
              <input id="sandbox-days" className="tiny" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} /> days
            </label>
            <Button small busy={advance.busy} onClick={() => void advance.run()}>
              Move time
            </Button>
          </div>
          {advance.error && <ErrorMessage>{advance.error}</ErrorMessage>}
        </>
      )}
    </section>
  );
}
