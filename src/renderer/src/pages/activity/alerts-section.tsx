import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { AlertView } from '../../../../shared/contract/events';
import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { useRowAction } from '../../api/row-action';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

/** Main's alert statuses to list: `active` is open + acknowledged (still true, maybe already seen). */
type AlertsShown = 'active' | 'open' | 'acknowledged' | 'cleared' | 'all';

const SHOWN: Record<AlertsShown, { option: string; list: string; empty: string }> = {
  active: { option: 'Active', list: 'Active alerts', empty: 'No alert. Balances, credit, packages and expiries are within your rules.' },
  open: { option: 'Not yet acknowledged', list: 'Open alerts', empty: 'Every active alert is acknowledged.' },
  acknowledged: { option: 'Acknowledged', list: 'Acknowledged alerts', empty: 'No acknowledged alert is still active. Cleared ones are under “Cleared (history)”.' },
  cleared: { option: 'Cleared (history)', list: 'Cleared alerts', empty: 'No alert has cleared yet: an alert clears by itself once its cause is gone.' },
  all: { option: 'All, with history', list: 'All alerts', empty: 'No alert was ever raised. They appear here when a balance, credit, package or expiry crosses your rules.' },
};

const STATUS_BADGE: Record<AlertView['status'], string> = { open: 'badge badge-planned', acknowledged: 'badge', cleared: 'badge badge-active' };

/** When it was raised and, in the history, what happened to it since. */
function timeline(a: AlertView): string {
  const parts = [`raised ${formatDateTime(a.raisedAt)}`];
  if (a.acknowledgedAt) parts.push(`acknowledged ${formatDateTime(a.acknowledgedAt)}`);
  if (a.clearedAt) parts.push(`cleared ${formatDateTime(a.clearedAt)}`);
  return parts.join(' · ');
}

/**
 * Alerts, newest first: the active ones by default (acknowledging keeps them until their
 * cause clears), and the acknowledged and cleared ones as history.
 */
export function AlertsSection() {
  const [shown, setShown] = useState<AlertsShown>('active');
  const alerts = useQuery(`alerts:${shown}`, () => call('alerts:list', { status: shown }));
  const { reload } = alerts;
  useEvent('event:alert-raised', reload);
  useEvent('event:alert-cleared', reload);
  // Only the pressed row's Acknowledge shows progress.
  const ack = useRowAction(
    (id: string) => id,
    async (id) => {
      await call('alerts:acknowledge', { id });
      reload();
    },
  );
  // Each open alert can be acknowledged from the palette while Events is open.
  const commands = useMemo<Command[]>(
    () =>
      (alerts.data ?? [])
        .filter((a) => a.status === 'open')
        .slice(0, 20)
        .map((a) => ({ id: `alert:ack:${a.id}`, label: `Acknowledge: ${a.title}`, group: 'Alerts', keywords: 'alert seen dismiss', run: () => void ack.run(a.id) })),
    [alerts.data, ack],
  );
  useRegisterCommands('alerts', commands);
  const text = SHOWN[shown];
  // The status badge says something only when the list mixes statuses.
  const badges = shown === 'active' || shown === 'all';
  return (
    <section className="card" aria-labelledby="alerts-h">
      <div className="card-head">
        <h2 id="alerts-h">Alerts</h2>
        <div className="button-row">
          <select aria-label="Show alerts" value={shown} onChange={(e) => setShown(e.target.value as AlertsShown)} className="auto-width">
            {(Object.keys(SHOWN) as AlertsShown[]).map((s) => (
              <option key={s} value={s}>
                {SHOWN[s].option}
              </option>
            ))}
          </select>
          <Button small onClick={reload}>
            Refresh
          </Button>
        </div>
      </div>
      <Loading active={alerts.loading && !alerts.data} />
      {alerts.error && <ErrorMessage onRetry={reload}>{alerts.error}</ErrorMessage>}
      {ack.error && <ErrorMessage>{ack.error}</ErrorMessage>}
      {alerts.data && !alerts.loading && alerts.data.length === 0 && <p className="muted">{text.empty}</p>}
      {alerts.data && alerts.data.length > 0 && (
        <ul className="alert-list" aria-label={text.list}>
          {alerts.data.map((a) => (
            <li key={a.id} className={a.status === 'open' ? 'alert-item open' : 'alert-item'}>
              <div>
                <strong>{a.title}</strong> {badges && a.status !== 'open' && <span className={STATUS_BADGE[a.status]}>{a.status}</span>}
                <div className="muted small">
                  {a.body} · {timeline(a)}
                </div>
              </div>
              <div className="button-row">
                {a.page.startsWith('/') && (
                  <Link href={a.page} className="btn btn-small">
                    Open
                  </Link>
                )}
                {a.status === 'open' && (
                  <Button small busy={ack.isBusy(a.id)} onClick={() => void ack.run(a.id)}>
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
