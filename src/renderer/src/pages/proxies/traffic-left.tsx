import type { PackageView } from '../../../../shared/contract/packages';
import { gbText } from './gb-text';

/** A package's remaining traffic as a bar (used share) and text. */
export function TrafficLeft({ pkg }: { pkg: PackageView }) {
  const usedPercent = pkg.totalGbMilli > 0 ? Math.round((pkg.usedGbMilli / pkg.totalGbMilli) * 100) : 0;
  return (
    <>
      <span className="gb-bar" aria-hidden="true">
        <span style={{ width: `${usedPercent}%` }} />
      </span>
      {gbText(pkg.remainingGbMilli)} left of {gbText(pkg.totalGbMilli)}
    </>
  );
}
