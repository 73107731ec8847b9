import { Link } from 'wouter';
import { call } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

/** Open and acknowledged alerts, newest first; acknowledging keeps them until their cause clears. */
export function AlertsSection() {
  const alerts = useQuery('alerts', () => call('alerts:list', { status: 'active' }));
  const { reload } = alerts;
  useEvent('event:alert-raised', reload);
  useEvent('event:alert-cleared', reload);
  const ack = useAction(async (id: string) => {
    await call('alerts:acknowledge', { id });
    reload();
  });
  return (
    <section className="card" aria-labelledby="alerts-h">
      <div className="card-head">
        <h2 id="alerts-h">Alerts</h2>
        <Button small onClick={reload}>
          Refresh
        </Button>
      </div>
      <Loading active={alerts.loading && !alerts.data} />
      {alerts.error && <ErrorMessage onRetry={reload}>{alerts.error}</ErrorMessage>}
      {ack.error && <ErrorMessage>{ack.error}</ErrorMessage>}
      {alerts.data && alerts.data.length === 0 && <p className="muted">No alert. Balances, credit, packages and expiries are within your rules.</p>}
      {alerts.data && alerts.data.length > 0 && (
        <ul className="alert-list" aria-label="Active alerts">
          {alerts.data.map((a) => (
            <li key={a.id} className={a.status === 'open' ? 'alert-item open' : 'alert-item'}>
              <div>
                <strong>{a.title}</strong>
                <div className="muted small">
                  {a.body} · raised {formatDateTime(a.raisedAt)}
                </div>
              </div>
              <div className="button-row">
                {a.page.startsWith('/') && (
                  <Link href={a.page} className="btn btn-small">
                    Open
                  </Link>
                )}
                {a.status === 'open' && (
                  <Button small onClick={() => void ack.run(a.id)}>
                    Acknowledge
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
