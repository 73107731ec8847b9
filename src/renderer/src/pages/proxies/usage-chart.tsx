import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { gbText } from './gb-text';

export { gbText };

/** A package's usage over the last 30 days, from the upstream's history. */
export function UsageChart({ serviceId }: { serviceId: string }) {
  const usage = useQuery(`usage:${serviceId}`, () => call('packages:usage', { serviceId, duration: '30d', granularity: 'day' }));
  return (
    <div className="usage">
      <Loading active={usage.loading} label="Reading usage…" />
      {usage.error && <ErrorMessage>{usage.error}</ErrorMessage>}
      {usage.data && usage.data.points.length === 0 && <p className="muted">No usage recorded yet.</p>}
      {usage.data && usage.data.points.length > 0 && (
        <div className="chart" role="img" aria-label={`Usage over ${usage.data.points.length} days, last ${gbText(usage.data.points[usage.data.points.length - 1]!.usedGbMilli)}`}>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={usage.data.points.map((p) => ({ day: formatDate(p.at), gb: p.usedGbMilli / 1000 }))} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis dataKey="day" stroke="var(--text-muted)" tickLine={false} minTickGap={24} />
              <YAxis stroke="var(--text-muted)" tickLine={false} unit=" GB" width={70} />
              <Tooltip formatter={(v) => `${Number(v).toLocaleString()} GB`} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' }} />
              <Line dataKey="gb" name="Used" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
