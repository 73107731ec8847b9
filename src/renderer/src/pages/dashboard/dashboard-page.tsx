import { Link } from 'wouter';
import type { DashboardSummary } from '../../../../shared/contract/dashboard';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Planned } from '../../components/planned';
import { Button, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { NeedsAttention } from './needs-attention';
import { SalesChartSection } from './sales-chart-section';
import { UpstreamBalances } from './upstream-balances';
import { WhozexInsightsSection } from './whozex-insights';

export function DashboardPage() {
  if (!hasChannel('dashboard:summary')) {
    return (
      <div className="page">
        <PageHeader title="Dashboard" subtitle="Your balances, sales and what needs attention today." />
        <Planned
          icon="dashboard"
          title="The dashboard fills in as your books do"
          items={['Balance per upstream account', 'Revenue, cost and profit this month against last month, and a chart over time', 'Proxies and packages expiring soon, and open alerts']}
        >
          <GettingStarted />
        </Planned>
      </div>
    );
  }
  return <Dashboard />;
}

/** Every figure comes from main (`dashboard:summary`); the window only lays them out. */
async function loadDashboard(): Promise<{ summary: DashboardSummary; conflicts: number | null }> {
  const [summary, conflicts] = await Promise.all([
    call('dashboard:summary', { months: 6, utcOffsetMinutes: -new Date().getTimezoneOffset() }),
    hasChannel('sync:status') ? call('sync:status').then((s) => s.openConflicts) : Promise.resolve(null),
  ]);
  return { summary, conflicts };
}

function Dashboard() {
  const data = useQuery('dashboard', loadDashboard);
  const { reload } = data;
  useEvent('event:money-changed', reload);
  useEvent('event:accounts-changed', reload);
  useEvent('event:sync-finished', reload);
  useEvent('event:services-changed', reload);
  useEvent('event:alert-raised', reload);
  useEvent('event:alert-cleared', reload);
  const d = data.data?.summary;
  const thisMonth = d?.months[d.months.length - 1];
  const lastMonth = d?.months[d.months.length - 2];
  const sandbox = d?.accounts.some((a) => a.isSandbox);

  return (
    <div className="page">
      <PageHeader
        title="Dashboard"
        subtitle={
          <>
            Your balances, sales and what needs attention today.
            {sandbox && <> <span className="badge badge-sandbox">sandbox accounts shown apart</span></>}
          </>
        }
        actions={
          <Button small onClick={reload} busy={data.loading && !!d}>
            Refresh
          </Button>
        }
      />
      <Loading active={data.loading && !d} label="Reading your books…" />
      {data.error && <ErrorMessage onRetry={reload}>{data.error}</ErrorMessage>}
      {d && thisMonth && lastMonth && (
        <>
          {d.accounts.length === 0 && <GettingStarted />}
          <section className="stat-grid" aria-label="This month">
            <MonthStat label="Revenue this month" now={thisMonth.revenue} before={lastMonth.revenue} testId="revenue" />
            <MonthStat label="Cost this month" now={thisMonth.cost} before={lastMonth.cost} testId="cost" invert />
            <MonthStat label="Profit this month" now={thisMonth.profit} before={lastMonth.profit} testId="profit" />
            <div className="card stat">
              <span className="stat-label">Customers</span>
              <span className="stat-value" data-testid="customer-credit">
                {formatMoney(d.customerCredit)}
              </span>
              <span className="stat-sub">prepaid credit · {formatMoney(d.receivables)} owed to you</span>
            </div>
          </section>
          {(thisMonth.sandbox.revenue !== 0 || thisMonth.sandbox.cost !== 0) && (
            <p className="muted small" data-testid="sandbox-month">
              <span className="badge badge-sandbox">sandbox</span> Not counted above: sandbox sales this month {formatMoney(thisMonth.sandbox.revenue)}, cost{' '}
              {formatMoney(thisMonth.sandbox.cost)}, profit {formatMoney(thisMonth.sandbox.profit)}.
            </p>
          )}
          <div className="dash-grid">
            <SalesChartSection months={d.months} />
            <div className="dash-side">
              <UpstreamBalances d={d} />
              <NeedsAttention d={d} conflicts={data.data?.conflicts ?? null} />
            </div>
          </div>
          {hasChannel('upstream-reports:whozex-insights') && <WhozexInsightsSection accounts={d.accounts} />}
        </>
      )}
    </div>
  );
}

function MonthStat({ label, now, before, testId, invert }: { label: string; now: number; before: number; testId: string; invert?: boolean }) {
  const up = now > before;
  const same = now === before;
  const good = invert ? !up : up;
  return (
    <div className="card stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={`month-${testId}`}>
        {formatMoney(now)}
      </span>
      <span className="stat-sub">
        {same ? 'Same as last month' : <span className={good ? 'positive' : 'negative'}>{up ? '▲' : '▼'}</span>} {!same && <>last month {formatMoney(before)}</>}
      </span>
    </div>
  );
}

function GettingStarted() {
  return (
    <div className="getting-started">
      <h3>Start here</h3>
      <ol>
        <li>
          <Link href="/settings">Connect an upstream account</Link> in Settings (Proxies.sx or Whozex).
        </li>
        <li>
          <Link href="/customers">Add your customers</Link>.
        </li>
        <li>
          <Link href="/pricing">Set your prices</Link>: your margins on ports and on traffic.
        </li>
      </ol>
    </div>
  );
}
