import { Link } from 'wouter';
import type { LedgerBalances } from '../../../../shared/contract/money';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Planned } from '../../components/planned';
import { Button, EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { lastMonths } from '../../lib/periods';
import { PROVIDER_LABEL } from '../settings/accounts-section';
import { ProfitChart } from './profit-chart';

export function DashboardPage() {
  if (!hasChannel('ledger:balances')) {
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

interface DashboardData {
  months: { label: string; balances: LedgerBalances }[];
  accounts: Awaited<ReturnType<typeof loadAccounts>>;
  expiring: { total: number; names: { id: string; name: string }[] } | null;
  conflicts: number | null;
}

async function loadAccounts() {
  return hasChannel('accounts:summary') ? (await call('accounts:summary', { includeSandbox: true })).accounts : [];
}

/** Every figure comes from main (ledger:balances per month, accounts:summary); the window only lays them out. */
async function loadDashboard(): Promise<DashboardData> {
  const periods = lastMonths(new Date(), 6);
  const [months, accounts, expiring, conflicts] = await Promise.all([
    Promise.all(periods.map(async (p) => ({ label: p.label, balances: await call('ledger:balances', { from: p.from, to: p.to }) }))),
    loadAccounts(),
    hasChannel('customers:list')
      ? call('customers:list', { expiringWithinDays: 7, limit: 5, sort: 'name' }).then((r) => ({ total: r.total, names: r.items.map((c) => ({ id: c.id, name: c.name })) }))
      : Promise.resolve(null),
    hasChannel('sync:status') ? call('sync:status').then((s) => s.openConflicts) : Promise.resolve(null),
  ]);
  return { months, accounts, expiring, conflicts };
}

function Dashboard() {
  const data = useQuery('dashboard', loadDashboard);
  const { reload } = data;
  useEvent('event:money-changed', reload);
  useEvent('event:accounts-changed', reload);
  useEvent('event:sync-finished', reload);
  const d = data.data;
  const thisMonth = d?.months[d.months.length - 1]?.balances;
  const lastMonth = d?.months[d.months.length - 2]?.balances;
  const sandbox = d?.accounts.some((a) => a.isSandbox);

  return (
    <div className="page">
      <PageHeader
        title="Dashboard"
        subtitle={
          <>
            Your balances, sales and what needs attention today.
            {sandbox && <span className="badge badge-sandbox"> sandbox data</span>}
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
                {formatMoney(thisMonth.customerCredit)}
              </span>
              <span className="stat-sub">prepaid credit · {formatMoney(thisMonth.receivables)} owed to you</span>
            </div>
          </section>
          <div className="dash-grid">
            <section className="card" aria-labelledby="chart-h">
              <h2 id="chart-h">Sales and profit, last 6 months</h2>
              {d.months.every((m) => m.balances.revenue === 0 && m.balances.cost === 0) ? (
                <p className="muted">No sale yet. Once you sell a proxy or a package, revenue, cost and profit show here month by month.</p>
              ) : (
                <ProfitChart months={d.months.map((m) => ({ label: m.label, revenue: m.balances.revenue, cost: m.balances.cost, profit: m.balances.profit }))} />
              )}
            </section>
            <div className="dash-side">
              <section className="card" aria-labelledby="balances-h">
                <h2 id="balances-h">Upstream balances</h2>
                {d.accounts.length === 0 ? (
                  <EmptyState icon="database" title="No upstream account yet" action={<Link href="/settings" className="btn btn-primary">Connect an account</Link>}>
                    <p>Connect your Proxies.sx or Whozex reseller account in Settings to see its balance here.</p>
                  </EmptyState>
                ) : (
                  <table className="table" aria-label="Upstream balances">
                    <tbody>
                      {d.accounts.map((a) => (
                        <tr key={a.accountId}>
                          <td>
                            <strong>{a.name}</strong> <span className="muted small">{PROVIDER_LABEL[a.provider]}</span>
                            {a.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
                          </td>
                          <td className="num strong">{formatMoney(a.ledgerBalance)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section className="card" aria-labelledby="attention-h">
                <h2 id="attention-h">Needs attention</h2>
                <ul className="attention">
                  {d.expiring && (
                    <li>
                      {d.expiring.total === 0 ? (
                        <span className="muted">No customer has a proxy or package expiring within 7 days.</span>
                      ) : (
                        <>
                          <strong>{d.expiring.total}</strong> customer{d.expiring.total === 1 ? ' has' : 's have'} services expiring within 7 days:{' '}
                          {d.expiring.names.map((c, i) => (
                            <span key={c.id}>
                              {i > 0 && ', '}
                              <Link href={`/customers/${c.id}`}>{c.name}</Link>
                            </span>
                          ))}
                        </>
                      )}
                    </li>
                  )}
                  {d.conflicts !== null && (
                    <li>
                      {d.conflicts === 0 ? (
                        <span className="muted">No sync conflict to review.</span>
                      ) : (
                        <>
                          <strong>{d.conflicts}</strong> sync conflict{d.conflicts === 1 ? '' : 's'} to review in <Link href="/events">Events</Link>.
                        </>
                      )}
                    </li>
                  )}
                  {thisMonth.receivables > 0 && (
                    <li>
                      Customers owe you <strong>{formatMoney(thisMonth.receivables)}</strong>.{' '}
                      <Link href="/customers">See who</Link>
                    </li>
                  )}
                </ul>
              </section>
            </div>
          </div>
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
