import { Link } from 'wouter';
import type { DashboardSummary } from '../../../../shared/contract/dashboard';
import { formatMoney } from '../../../../shared/money';
import { formatDateTime } from '../../lib/format';

const HOUR_MS = 3_600_000;

/** "in 5 hours", "in 3 days": how soon, from main's `asOf` (the app's clock, not the page's). */
function timeLeft(expiresAt: string, asOf: string): string {
  const hours = Math.floor((Date.parse(expiresAt) - Date.parse(asOf)) / HOUR_MS);
  if (hours < 1) return 'within the hour';
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return `in ${Math.floor(hours / 24)} days`;
}

export function NeedsAttention({ d, conflicts }: { d: DashboardSummary; conflicts: number | null }) {
  const { expiring } = d;
  return (
    <section className="card" aria-labelledby="attention-h">
      <h2 id="attention-h">Needs attention</h2>
      <ul className="attention">
        <li data-testid="open-alerts">
          {d.openAlerts === 0 ? (
            <span className="muted">No open alert.</span>
          ) : (
            <>
              <strong>{d.openAlerts}</strong> open alert{d.openAlerts === 1 ? '' : 's'}: <Link href="/events">review in Events</Link>
              <ul className="dash-alerts" aria-label="Open alerts">
                {d.recentAlerts.map((a) => (
                  <li key={a.id}>
                    {a.page.startsWith('/') ? <Link href={a.page}>{a.title}</Link> : a.title}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
        {conflicts !== null && conflicts > 0 && (
          <li>
            <strong>{conflicts}</strong> sync conflict{conflicts === 1 ? '' : 's'} to review in <Link href="/events">Events</Link>.
          </li>
        )}
        {d.receivables > 0 && (
          <li>
            Customers owe you <strong>{formatMoney(d.receivables)}</strong>. <Link href="/customers">See who</Link>
          </li>
        )}
      </ul>
      <h3 className="subhead">Expiring within {expiring.withinDays} days</h3>
      {expiring.total === 0 ? (
        <p className="muted">No proxy or package ends within {expiring.withinDays} days.</p>
      ) : (
        <table className="table" aria-label="Expiring soon">
          <tbody>
            {expiring.items.map((s) => (
              <tr key={s.serviceId}>
                <td>
                  <Link href={`/customers/${s.customerId}`}>{s.customerName}</Link>
                  <div className="muted small">
                    {s.kind === 'port' ? 'Proxy' : 'Package'} {s.label ?? s.upstreamId} · {s.accountName}
                    {s.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
                  </div>
                </td>
                <td className="num" title={formatDateTime(s.expiresAt)}>
                  {timeLeft(s.expiresAt, d.asOf)}
                </td>
              </tr>
            ))}
          </tbody>
          {expiring.total > expiring.items.length && (
            <tfoot>
              <tr>
                <td colSpan={2} className="muted small">
                  and {expiring.total - expiring.items.length} more — <Link href="/proxies">see all proxies and packages</Link>
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}
