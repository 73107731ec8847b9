import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../../../shared/money';

export interface MonthFigures {
  label: string;
  /** Cents, from main. */
  revenue: number;
  cost: number;
  profit: number;
}

/** Values stay integer cents; the axis and tooltip print them with formatMoney. */
function compactMoney(minor: number): string {
  const text = formatMoney(minor);
  return text.replace(/\.00$/, '');
}

export function ProfitChart({ months }: { months: MonthFigures[] }) {
  return (
    <div className="chart" role="img" aria-label={`Revenue, cost and profit per month: ${months.map((m) => `${m.label} ${formatMoney(m.revenue)} revenue, ${formatMoney(m.profit)} profit`).join('; ')}`}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--text-muted)" tickLine={false} />
          <YAxis stroke="var(--text-muted)" tickFormatter={compactMoney} width={70} tickLine={false} />
          <Tooltip
            formatter={(value) => formatMoney(Number(value))}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' }}
          />
          <Legend />
          <Bar dataKey="revenue" name="Revenue" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="cost" name="Cost" fill="var(--border-strong)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Line dataKey="profit" name="Profit" stroke="var(--success)" strokeWidth={2} dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
