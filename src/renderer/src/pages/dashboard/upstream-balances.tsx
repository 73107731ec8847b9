import { Link } from 'wouter';
import type { DashboardAccount, DashboardSummary, DashboardTotals } from '../../../../shared/contract/dashboard';
import { formatMoney } from '../../../../shared/money';
import { EmptyState } from '../../components/ui';
import { PROVIDER_LABEL } from '../settings/accounts-section';

/** Fewer days than this left is shown as a warning. */
const SHORT_RUNWAY_DAYS = 7;

function Runway({ days, windowDays }: { days: number | null; windowDays: number }) {
  if (days === null) return <span className="muted" title={`Nothing was spent in the last ${windowDays} days`}>—</span>;
  return <span className={days < SHORT_RUNWAY_DAYS ? 'negative strong' : undefined}>{days === 1 ? '1 day' : `${days.toLocaleString()} days`}</span>;
}

function AccountRow({ a, windowDays }: { a: DashboardAccount; windowDays: number }) {
  return (
    <tr>
      <td>
        <strong>{a.name}</strong>
        <div className="muted small">
          {PROVIDER_LABEL[a.provider as keyof typeof PROVIDER_LABEL] ?? a.provider} {a.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
        </div>
      </td>
      <td className="num strong">{formatMoney(a.balance)}</td>
      <td className="num">{a.burnPerDay > 0 ? `${formatMoney(a.burnPerDay)}/day` : <span className="muted">—</span>}</td>
      <td className="num">
        <Runway days={a.runwayDays} windowDays={windowDays} />
      </td>
    </tr>
  );
}

function TotalRow({ label, t, windowDays }: { label: string; t: DashboardTotals; windowDays: number }) {
  return (
    <tr className="total-row">
      <td>{label}</td>
      <td className="num strong">{formatMoney(t.balance)}</td>
      <td className="num">{t.burnPerDay > 0 ? `${formatMoney(t.burnPerDay)}/day` : '—'}</td>
      <td className="num">
        <Runway days={t.runwayDays} windowDays={windowDays} />
      </td>
    </tr>
  );
}

/** Each upstream account's ledger balance, burn and runway (all from main); sandbox accounts apart. */
export function UpstreamBalances({ d }: { d: DashboardSummary }) {
  const real = d.accounts.filter((a) => !a.isSandbox);
  const sandbox = d.accounts.filter((a) => a.isSandbox);
  const w = d.burnWindowDays;
  return (
    <section className="card" aria-labelledby="balances-h">
      <h2 id="balances-h">Upstream balances</h2>
      {d.accounts.length === 0 ? (
        <EmptyState icon="database" title="No upstream account yet" action={<Link href="/settings" className="btn btn-primary">Connect an account</Link>}>
          <p>Connect your Proxies.sx or Whozex reseller account in Settings to see its balance here.</p>
        </EmptyState>
      ) : (
        <>
          <table className="table balances-table" aria-label="Upstream balances">
            <thead>
              <tr>
                <th>Account</th>
                <th className="num">Balance</th>
                <th className="num">Burn</th>
                <th className="num">Runway</th>
              </tr>
            </thead>
            <tbody>
              {real.map((a) => (
                <AccountRow key={a.accountId} a={a} windowDays={w} />
              ))}
              {real.length > 1 && <TotalRow label="Total" t={d.totals.real} windowDays={w} />}
              {sandbox.map((a) => (
                <AccountRow key={a.accountId} a={a} windowDays={w} />
              ))}
              {sandbox.length > 0 && <TotalRow label="Sandbox total" t={d.totals.sandbox} windowDays={w} />}
            </tbody>
          </table>
          <p className="muted small">Burn: upstream spend per day over the last {w} days. Runway: days the balance lasts at that burn.
            {sandbox.length > 0 && ' Sandbox money is test money: it is in no real total.'}</p>
        </>
      )}
    </section>
  );
}
