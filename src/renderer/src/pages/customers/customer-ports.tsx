import type { PortView } from '../../../../shared/contract/proxies';
import { formatDate, plural } from '../../lib/format';
import { PortActionButtons, portName, type PortActions } from '../proxies/port-actions';
import { StatusBadge } from '../proxies/service-list';

/** One customer's ports, each with its buttons (copy credentials, rotate, extend). */
export function CustomerPorts({ ports, actions }: { ports: PortView[]; actions: PortActions }) {
  return (
    <table className="table compact" aria-label="Ports">
      <thead>
        <tr>
          <th>Port</th>
          <th>Location</th>
          <th>Status</th>
          <th>Expires</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {ports.map((p) => (
          <tr key={p.serviceId}>
            <td>
              <span className="mono">{portName(p)}</span>
              <div className="muted small">
                {p.connection.host}:{p.connection.httpPort} {p.isPrivate ? '· private' : '· shared'}
              </div>
            </td>
            <td>{[p.country, p.city, p.carrier].filter(Boolean).join(' · ') || '—'}</td>
            <td>
              <StatusBadge status={p.status} />
            </td>
            <td className="nowrap">
              {formatDate(p.expiresAt)}
              {p.daysLeft !== null && <div className="muted small">{plural(p.daysLeft, 'day')} left</div>}
            </td>
            <td className="num nowrap">
              <PortActionButtons port={p} actions={actions} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
