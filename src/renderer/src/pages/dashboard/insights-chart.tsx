import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportChartDay } from '../../../../shared/contract/upstream-reports';
import { formatMoney } from '../../../../shared/money';

const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const label = (date: string) => dayLabel.format(new Date(`${date}T00:00:00Z`));

/**
 * The upstream's own 30-day chart: cents per day from main, drawn as bars; every amount
 * (ticks and tooltip) printed by formatMoney. Days the upstream gave no amount for are gaps.
 */
export function InsightsChart({ days, name }: { days: ReportChartDay[]; name: string }) {
  const data = days.map((d) => ({ label: label(d.date), spent: d.spent }));
  const described = days.filter((d) => d.spent).map((d) => `${label(d.date)} ${formatMoney(d.spent!)}`);
  return (
    <div
      className="chart insights-chart"
      role="img"
      aria-label={`${name}: spending per day over the last ${days.length} days, as Whozex reports it${described.length ? `: ${described.join('; ')}` : ': nothing spent'}`}
    >
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={data} margin={{ top: 6, right: 6, bottom: 0, left: 6 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--text-muted)" tickLine={false} interval="preserveStartEnd" minTickGap={24} />
          <YAxis stroke="var(--text-muted)" tickFormatter={(v: number) => formatMoney(v)} allowDecimals={false} width={76} tickLine={false} />
          <Tooltip
            formatter={(value) => formatMoney(Number(value))}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' }}
          />
          <Bar dataKey="spent" name="Spent" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
