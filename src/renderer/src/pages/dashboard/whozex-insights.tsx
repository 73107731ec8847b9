import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import type { DashboardAccount } from '../../../../shared/contract/dashboard';
import type { ReportResult, WhozexAccountStats, WhozexAnalyticsOverview } from '../../../../shared/contract/upstream-reports';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button, Loading } from '../../components/ui';
import { formatDateTime, plural } from '../../lib/format';
import { gbText } from '../proxies/gb-text';

// recharts loads with the chart, after the figures.
const InsightsChart = lazy(() => import('./insights-chart').then((m) => ({ default: m.InsightsChart })));

/** Whozex's own reports, one card per Whozex account (sandbox ones badged). */
export function WhozexInsightsSection({ accounts }: { accounts: DashboardAccount[] }) {
  const whozex = accounts.filter((a) => a.provider === 'whozex');
  if (whozex.length === 0) return null;
  return (
    <section className="insights-grid" aria-label="Whozex reports">
      {whozex.map((a) => (
        <WhozexInsightsCard key={a.accountId} account={a} />
      ))}
    </section>
  );
}

function WhozexInsightsCard({ account }: { account: DashboardAccount }) {
  const q = useQuery(`insights:${account.accountId}`, () => call('upstream-reports:whozex-insights', { accountId: account.accountId }));
  const d = q.data;
  const headingId = `insights-h-${account.accountId}`;
  const chart = d?.stats.status === 'ok' && d.stats.value.chart.length ? d.stats.value.chart : d?.overview.status === 'ok' ? d.overview.value.chart : [];
  const unreachable = d?.stats.status === 'unreachable' && d.overview.status === 'unreachable' ? d.stats : null;
  return (
    <section className="card insights-card" aria-labelledby={headingId} data-testid={`insights-${account.accountId}`}>
      <div className="card-head">
        <h2 id={headingId}>
          {account.name} <span className="muted small">as Whozex reports it</span> {account.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
        </h2>
        <Button small onClick={q.reload} busy={q.loading && !!d}>
          Refresh
        </Button>
      </div>
      <Loading active={q.loading && !d} label={`Asking Whozex for ${account.name}'s statistics…`} />
      {q.error && <p className="negative small">{q.error}</p>}
      {d && unreachable ? (
        <p className="callout small" role="status" data-testid="insights-unreachable">
          Whozex could not be reached, so its statistics for {account.name} are not shown. Your books (above) are unaffected. {unreachable.message}
        </p>
      ) : (
        d && (
          <>
            <StatsPart r={d.stats} />
            <OverviewPart r={d.overview} />
            {chart.length > 0 && (
              <Suspense fallback={<div className="chart insights-chart" aria-busy="true" />}>
                <InsightsChart days={chart} name={account.name} />
              </Suspense>
            )}
          </>
        )
      )}
      <p className="muted small">
        {d && <>Read {formatDateTime(d.asOf)} from Whozex /account/stats and /analytics/overview. </>}
        <Link href={`/settings/upstream-transactions/${account.accountId}`}>Upstream transactions</Link>
      </p>
    </section>
  );
}

function Unavailable({ r, what }: { r: Exclude<ReportResult<unknown>, { status: 'ok' }>; what: string }) {
  const lead = r.status === 'unreachable' ? `${what}: Whozex could not be reached.` : r.status === 'absent' ? `${what}: not offered by this upstream.` : `${what}: not read.`;
  return (
    <p className="muted small" role="status">
      {lead} {r.message}
    </p>
  );
}

function StatsPart({ r }: { r: ReportResult<WhozexAccountStats> }) {
  if (r.status !== 'ok') return <Unavailable r={r} what="Account statistics" />;
  const s = r.value;
  return (
    <div className="insights-parts">
      <div>
        <h3 className="small-heading">Spending</h3>
        {s.spending.length === 0 ? (
          <p className="muted small">Whozex sent no spending figures.</p>
        ) : (
          <dl className="figures" data-testid="insights-spending">
            {s.spending.map((x) => (
              <div key={x.key}>
                <dt>{x.label}</dt>
                <dd>{formatMoney(x.amount)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      <div>
        <h3 className="small-heading">GB by proxy type</h3>
        {s.gbByProxyType.length === 0 ? (
          <p className="muted small">Whozex sent no GB breakdown.</p>
        ) : (
          <table className="table compact" aria-label="GB by proxy type">
            <thead>
              <tr>
                <th>Type</th>
                <th className="num">Bought</th>
                <th className="num">Used</th>
                <th className="num">Packages</th>
              </tr>
            </thead>
            <tbody>
              {s.gbByProxyType.map((g) => (
                <tr key={g.proxyType}>
                  <td>{g.proxyType}</td>
                  <td className="num">{g.totalGbMilli === null ? '—' : gbText(g.totalGbMilli)}</td>
                  <td className="num">{g.usedGbMilli === null ? '—' : gbText(g.usedGbMilli)}</td>
                  <td className="num">{g.packages ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function OverviewPart({ r }: { r: ReportResult<WhozexAnalyticsOverview> }) {
  if (r.status !== 'ok') return <Unavailable r={r} what="Analytics overview" />;
  const o = r.value;
  const facts = [
    o.users.total !== null ? plural(o.users.total, 'sub-user') : null,
    o.users.totalBalance !== null ? `${formatMoney(o.users.totalBalance)} in their balances` : null,
    o.packages.total !== null ? plural(o.packages.total, 'package') : null,
    o.packages.active !== null ? `${o.packages.active} active` : null,
    o.packages.lowGb ? `${o.packages.lowGb} low on GB` : null,
  ].filter(Boolean);
  return (
    <p className="small" data-testid="insights-overview">
      <strong>Across your sub-users:</strong> {facts.length ? facts.join(' · ') : 'Whozex sent no overview figures.'}
    </p>
  );
}
