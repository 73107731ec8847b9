/**
 * A long job's bar: `done` of `total`, or an indeterminate sliver while the total is not
 * known yet. The arithmetic is only the bar's width (never money).
 */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const known = total !== null && total > 0;
  const width = known ? `${Math.min(100, Math.round((done / total) * 100))}%` : '8%';
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={known ? total : 100} aria-valuenow={known ? done : 0}>
      <div className="progress-fill" style={{ width }} />
    </div>
  );
}
