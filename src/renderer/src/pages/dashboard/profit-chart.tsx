import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PeriodFigures } from '../../../../shared/contract/dashboard';
import { formatMoney } from '../../../../shared/money';

export interface ChartMonth {
  label: string;
  /** Cents, from main: the real business. */
  real: PeriodFigures;
  /** Cents, from main: sales through sandbox accounts, never added to `real`. */
  sandbox: PeriodFigures;
}

/** Which books the chart draws: the real ones, the sandbox's, or both side by side. */
export type ChartSeries = 'real' | 'sandbox' | 'both';

/** Roughly one character of the axis font: the Y axis is as wide as its longest amount. */
const AXIS_CHAR_PX = 7.5;

function describe(months: ChartMonth[], series: ChartSeries): string {
  const real = months.map((m) => `${m.label} ${formatMoney(m.real.revenue)} revenue, ${formatMoney(m.real.profit)} profit`).join('; ');
  const sandbox = months.map((m) => `${m.label} ${formatMoney(m.sandbox.revenue)} revenue, ${formatMoney(m.sandbox.profit)} profit`).join('; ');
  if (series === 'sandbox') return `Sandbox sales per month (test money, not in your figures): ${sandbox}`;
  const main = `Revenue, cost and profit per month: ${real}`;
  return series === 'both' ? `${main}. Sandbox, apart: ${sandbox}` : main;
}

/**
 * Recharts picks the ticks, a little past the largest value: leave room for one more
 * digit than the largest amount drawn, so "$1,000.00" is not clipped.
 */
function axisWidth(values: number[]): number {
  const largest = Math.max(0, ...values.map(Math.abs));
  const negative = values.some((v) => v < 0);
  const text = formatMoney(negative ? -largest * 10 : largest * 10);
  return Math.ceil(text.length * AXIS_CHAR_PX) + 12;
}

/**
 * Values stay integer cents; every amount on it (axis ticks too) is printed by formatMoney,
 * currency and two decimals. Sandbox series are drawn in the sandbox badge's colour,
 * dashed or pale, and named "Sandbox …", so test money never reads as real.
 */
export function ProfitChart({ months, series }: { months: ChartMonth[]; series: ChartSeries }) {
  const real = series !== 'sandbox';
  const sandbox = series !== 'real';
  const data = months.map((m) => ({
    label: m.label,
    revenue: m.real.revenue,
    cost: m.real.cost,
    profit: m.real.profit,
    sandboxRevenue: m.sandbox.revenue,
    sandboxCost: m.sandbox.cost,
    sandboxProfit: m.sandbox.profit,
  }));
  const drawn = months.flatMap((m) => [...(real ? [m.real.revenue, m.real.cost, m.real.profit] : []), ...(sandbox ? [m.sandbox.revenue, m.sandbox.cost, m.sandbox.profit] : [])]);
  return (
    <div className="chart" role="img" aria-label={describe(months, series)}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--text-muted)" tickLine={false} />
          {/* Whole cents only: formatMoney refuses a fraction of a cent. */}
          <YAxis stroke="var(--text-muted)" tickFormatter={(v: number) => formatMoney(v)} allowDecimals={false} width={axisWidth(drawn)} tickLine={false} />
          <Tooltip
            formatter={(value) => formatMoney(Number(value))}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' }}
          />
          {/* Series in the order drawn (real first); names in the text colour, as a pale series' colour is unreadable. */}
          <Legend itemSorter={null} formatter={(name) => <span style={{ color: 'var(--text)' }}>{name}</span>} />
          {real && <Bar dataKey="revenue" name="Revenue" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />}
          {real && <Bar dataKey="cost" name="Cost" fill="var(--border-strong)" radius={[4, 4, 0, 0]} isAnimationActive={false} />}
          {real && <Line dataKey="profit" name="Profit" stroke="var(--success)" strokeWidth={2} dot isAnimationActive={false} />}
          {sandbox && <Bar dataKey="sandboxRevenue" name="Sandbox revenue" fill="var(--warning)" fillOpacity={0.7} radius={[4, 4, 0, 0]} isAnimationActive={false} />}
          {sandbox && <Bar dataKey="sandboxCost" name="Sandbox cost" fill="var(--warning)" fillOpacity={0.25} stroke="var(--warning)" strokeDasharray="3 3" radius={[4, 4, 0, 0]} isAnimationActive={false} />}
          {sandbox && <Line dataKey="sandboxProfit" name="Sandbox profit" stroke="var(--warning)" strokeWidth={2} strokeDasharray="6 4" dot isAnimationActive={false} />}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
