import type { PortView } from '../../../../shared/contract/proxies';
import type { PortActions } from '../proxies/port-actions';
import { PortCells } from '../proxies/port-cells';

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
            <PortCells port={p} actions={actions} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
