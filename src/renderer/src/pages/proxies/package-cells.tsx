import type { PackageView } from '../../../../shared/contract/packages';
import { formatDate } from '../../lib/format';
import { PackageActionButtons, type PackageActions } from './package-actions';
import { StatusBadge } from './service-list';
import { TrafficLeft } from './traffic-left';

/** A package's cells wherever packages are listed: id and type, traffic left, status, expiry, its buttons. */
export function PackageCells({ pkg: p, actions }: { pkg: PackageView; actions: PackageActions }) {
  return (
    <>
      <td>
        <span className="mono">{p.upstreamId}</span>
        <div className="muted small">{p.proxyType ?? ''}</div>
      </td>
      <td className="nowrap" data-testid={`traffic-${p.upstreamId}`}>
        <TrafficLeft pkg={p} />
      </td>
      <td>
        <StatusBadge status={p.status} />
      </td>
      <td className="nowrap">{formatDate(p.expiresAt)}</td>
      <td className="num nowrap">
        <PackageActionButtons pkg={p} actions={actions} />
      </td>
    </>
  );
}
