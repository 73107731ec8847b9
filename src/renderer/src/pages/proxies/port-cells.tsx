import type { PortView } from '../../../../shared/contract/proxies';
import { formatDate, plural } from '../../lib/format';
import { PortActionButtons, portName, type PortActions } from './port-actions';
import { StatusBadge } from './service-list';

/** A port's cells wherever ports are listed: name and address, location, status, expiry, its buttons. */
export function PortCells({ port: p, actions }: { port: PortView; actions: PortActions }) {
  return (
    <>
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
    </>
  );
}
