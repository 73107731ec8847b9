import { Link } from 'wouter';
import { lazy, Suspense, useState } from 'react';
import type { DashboardMonth, PeriodFigures } from '../../../../shared/contract/dashboard';
import type { ChartSeries } from './profit-chart';

// recharts is most of the renderer's code: it loads with the chart, after the figures.
const ProfitChart = lazy(() => import('./profit-chart').then((m) => ({ default: m.ProfitChart })));

const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "2026-11" → "Nov 26" (the month main already cut at the reseller's local midnight). */
function labelOf(month: string): string {
  return monthLabel.format(new Date(`${month}-01T00:00:00Z`));
}

const hasSales = (f: PeriodFigures) => f.revenue !== 0 || f.cost !== 0;

/**
 * Sales and profit month by month. Real figures are the chart; sandbox sales (test money,
 * main keeps them apart) are drawn only as their own, badged series: on their own while
 * nothing real was sold, or beside the real ones when the reseller asks for them.
 */
export function SalesChartSection({ months }: { months: DashboardMonth[] }) {
  const [withSandbox, setWithSandbox] = useState(false);
  const real = months.some((m) => hasSales(m));
  const sandbox = months.some((m) => hasSales(m.sandbox));
  const series: ChartSeries | null = real ? (sandbox && withSandbox ? 'both' : 'real') : sandbox ? 'sandbox' : null;

  return (
    <section className="card" aria-labelledby="chart-h">
      <div className="card-head">
        <h2 id="chart-h">
          Sales and profit, last {months.length} months {series === 'sandbox' && <span className="badge badge-sandbox">Sandbox</span>}
        </h2>
        {real && sandbox && (
          <label className="check">
            <input type="checkbox" checked={withSandbox} onChange={(e) => setWithSandbox(e.target.checked)} />
            Show sandbox sales <span className="badge badge-sandbox">sandbox</span>
          </label>
        )}
      </div>
      {series === null && (
        <p className="muted">
          No sale yet. Sell a first <Link href="/proxies/new">port</Link> or <Link href="/proxies/packages/new">package</Link> to a customer: revenue, cost and
          profit then show here month by month.
        </p>
      )}
      {series === 'sandbox' && (
        <p className="muted small" data-testid="chart-sandbox-only">
          Only sandbox sales so far: test money, in none of your figures. Your first real sale becomes the main chart.
        </p>
      )}
      {series !== null && (
        <Suspense fallback={<div className="chart" aria-busy="true" />}>
          <ProfitChart series={series} months={months.map((m) => ({ label: labelOf(m.month), real: { revenue: m.revenue, cost: m.cost, profit: m.profit }, sandbox: m.sandbox }))} />
        </Suspense>
      )}
    </section>
  );
}
