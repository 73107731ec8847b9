import { Link } from 'wouter';
import { hasChannel } from '../api/client';
import { Planned } from '../components/planned';
import { PageHeader } from '../components/ui';

export function DashboardPage() {
  return (
    <div className="page">
      <PageHeader title="Dashboard" subtitle="Your balances, sales and what needs attention today." />
      {hasChannel('ledger:balances') ? null : (
        <Planned
          icon="dashboard"
          title="The dashboard fills in as your books do"
          items={[
            'Balance per upstream account, with runway at your recent burn',
            'Revenue, cost and profit this month against last month, and a chart over time',
            'Proxies and packages expiring soon, and open alerts',
          ]}
        >
          <GettingStarted />
        </Planned>
      )}
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
