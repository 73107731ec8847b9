import { Fragment, lazy, Suspense } from 'react';
import type { PackageView } from '../../../../shared/contract/packages';
import { Loading } from '../../components/ui';
import type { PackageActions } from '../proxies/package-actions';
import { PackageCells } from '../proxies/package-cells';

/** The chart brings recharts: loaded only when a package's usage is opened. */
const UsageChart = lazy(() => import('../proxies/usage-chart').then((m) => ({ default: m.UsageChart })));

/** One customer's packages, each with its buttons (copy credentials, add GB, usage, refresh). */
export function CustomerPackages({ packages, actions }: { packages: PackageView[]; actions: PackageActions }) {
  return (
    <table className="table compact" aria-label="Packages">
      <thead>
        <tr>
          <th>Package</th>
          <th>Traffic</th>
          <th>Status</th>
          <th>Expires</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {packages.map((p) => (
          <Fragment key={p.serviceId}>
            <tr>
              <PackageCells pkg={p} actions={actions} />
            </tr>
            {actions.usageOf === p.serviceId && (
              <tr className="details-row">
                <td colSpan={5}>
                  <Suspense fallback={<Loading active label="Opening the chart…" />}>
                    <UsageChart serviceId={p.serviceId} />
                  </Suspense>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
