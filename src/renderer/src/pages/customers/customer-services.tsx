import { Link } from 'wouter';
import type { CustomerDetail } from '../../../../shared/contract/customers';
import { call, hasChannel } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { EmptyState, ErrorMessage } from '../../components/ui';
import { formatDate, plural } from '../../lib/format';
import { gbText } from '../proxies/gb-text';

/** The customer's ports and packages, with the way to the Proxies page to act on them. */
export function CustomerServices({ c }: { c: CustomerDetail }) {
  const ports = useQuery(`c-ports:${c.id}`, () => call('proxies:list', { customerId: c.id, limit: 50 }), { enabled: hasChannel('proxies:list') });
  const packages = useQuery(`c-packages:${c.id}`, () => call('packages:list', { customerId: c.id, limit: 50 }), { enabled: hasChannel('packages:list') });
  useEvent('event:services-changed', (e) => {
    if (e.customerId !== c.id) return;
    if (e.kind === 'port') ports.reload();
    else packages.reload();
  });
  const none = (ports.data?.total ?? 0) + (packages.data?.total ?? 0) === 0;
  return (
    <section className="card" aria-labelledby="services-h">
      <div className="card-head">
        <h2 id="services-h">Proxies and packages</h2>
        <span className="button-row">
          {hasChannel('proxies:create') && (
            <Link href="~/proxies/new" className="btn btn-small">
              New port
            </Link>
          )}
          {hasChannel('packages:create') && (
            <Link href="~/proxies/packages/new" className="btn btn-small">
              New package
            </Link>
          )}
        </span>
      </div>
      {(ports.error || packages.error) && <ErrorMessage>{ports.error ?? packages.error}</ErrorMessage>}
      {ports.data && packages.data && none && (
        <EmptyState icon="proxies" title="No proxy or package yet">
          <p>Proxies and packages you sell {c.name} will be listed here.</p>
        </EmptyState>
      )}
      {!none && (
        <table className="table compact" aria-label="Services">
          <tbody>
            {ports.data?.items.map((p) => (
              <tr key={p.serviceId}>
                <td>
                  <span className="badge">port</span> <span className="mono">{p.label ?? p.upstreamId}</span>
                </td>
                <td>{[p.country, p.city].filter(Boolean).join(' · ')}</td>
                <td>{p.status}</td>
                <td className="num">{p.daysLeft !== null ? `${plural(p.daysLeft, 'day')} left` : formatDate(p.expiresAt)}</td>
              </tr>
            ))}
            {packages.data?.items.map((p) => (
              <tr key={p.serviceId}>
                <td>
                  <span className="badge">package</span> <span className="mono">{p.upstreamId}</span>
                </td>
                <td>{p.proxyType}</td>
                <td>{p.status}</td>
                <td className="num">{gbText(p.remainingGbMilli)} left</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!none && (
        <p className="small">
          <Link href="~/proxies">Rotate, extend, add GB or copy credentials on the Proxies page</Link>
        </p>
      )}
    </section>
  );
}
