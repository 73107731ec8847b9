import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { CustomerDetail, CustomerStatusName } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { ExportDialog } from '../../components/export-dialog';
import { Icon } from '../../components/icons';
import { Button, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { useUi } from '../../state/ui-store';
import { BalanceMoveDialog } from './balance-move-dialog';
import { CustomerAlertRule } from './customer-alert-rule';
import { CustomerDiscount } from './customer-discount';
import { CustomerFormPanel } from './customer-form-panel';
import { CustomerServices } from './customer-services';
import { CustomerTimeline } from './customer-timeline';
import { MoneyDialog, type MoneyAction } from './money-dialog';
import { StatementSection } from './statement-section';
import { StatusBadge } from './status-badge';

export function CustomerPage({ id, editing }: { id: string; editing: boolean }) {
  const [, navigate] = useLocation();
  const customer = useQuery(`customer:${id}`, () => call('customers:get', { id }));
  const [money, setMoney] = useState<MoneyAction | null>(null);
  const [exporting, setExporting] = useState(false);
  const [moving, setMoving] = useState<'top-up' | 'deduct' | null>(null);
  const [statementNonce, setStatementNonce] = useState(0);
  const notify = useUi((s) => s.notify);
  const { reload } = customer;
  useEvent('event:customer-changed', (e) => e.customerId === id && reload());
  useEvent('event:money-changed', (e) => {
    if (e.customerId === id) {
      reload();
      setStatementNonce((n) => n + 1);
    }
  });

  const setStatus = useAction(async (status: CustomerStatusName) => {
    const c = await call('customers:set-status', { id, status });
    notify('success', `${c.name} is now ${c.status}.`);
    reload();
  });

  const c = customer.data;
  const commands = useMemo<Command[]>(() => {
    if (!c) return [];
    const list: Command[] = [{ id: 'customer:edit', label: `Edit ${c.name}`, group: 'This customer', run: () => navigate(`/${id}/edit`) }];
    if (hasChannel('payments:record')) list.push({ id: 'customer:pay', label: `Record a payment for ${c.name}`, group: 'This customer', run: () => setMoney('payment') });
    if (hasChannel('money:top-up')) list.push({ id: 'customer:top-up', label: `Top up ${c.name}`, group: 'This customer', run: () => setMoving('top-up') });
    if (hasChannel('money:refund')) list.push({ id: 'customer:refund', label: `Refund ${c.name}`, group: 'This customer', run: () => setMoney('refund') });
    if (hasChannel('money:credit-note')) list.push({ id: 'customer:credit-note', label: `Credit note for ${c.name}`, group: 'This customer', run: () => setMoney('credit-note') });
    if (hasChannel('exports:run')) list.push({ id: 'customer:export', label: `Export ${c.name}'s statement`, group: 'This customer', run: () => setExporting(true) });
    return list;
  }, [c, id, navigate]);
  useRegisterCommands('customer-page', commands);

  if (customer.error && !c) {
    return (
      <div className="page">
        <BackLink />
        <ErrorMessage onRetry={reload}>{customer.error}</ErrorMessage>
      </div>
    );
  }
  if (!c) {
    return (
      <div className="page">
        <BackLink />
        <Loading active label="Loading customer…" />
      </div>
    );
  }

  return (
    <div className="page">
      <BackLink />
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <StatusBadge status={c.status} /> {c.email}
            {c.company && <> · {c.company}</>}
          </>
        }
        actions={
          <>
            <Button onClick={() => navigate(`/${id}/edit`)}>Edit</Button>
            {c.status === 'active' ? (
              <Button busy={setStatus.busy} onClick={() => void setStatus.run('suspended')}>
                Suspend
              </Button>
            ) : (
              <Button busy={setStatus.busy} onClick={() => void setStatus.run('active')}>
                Reactivate
              </Button>
            )}
            {hasChannel('payments:record') && (
              <Button variant="primary" onClick={() => setMoney('payment')}>
                Record payment
              </Button>
            )}
          </>
        }
      />
      {setStatus.error && <ErrorMessage>{setStatus.error}</ErrorMessage>}
      <section className="card" aria-label="Money">
        <div className="stat-grid">
          <Stat label="Credit" value={formatMoney(c.credit)} sub="Prepaid, yours to deliver" testId="customer-credit" />
          <Stat label="Owes you" value={formatMoney(c.receivable)} sub="Sales not covered by credit" testId="customer-receivable" />
          <Stat label="Balance" value={formatMoney(c.balance)} sub={c.balance < 0 ? 'They owe you' : c.balance > 0 ? 'In credit' : 'Settled'} tone={c.balance < 0 ? 'negative' : undefined} testId="customer-balance" />
        </div>
        <div className="button-row">
          {hasChannel('money:top-up') && (
            <Button small onClick={() => setMoving('top-up')}>
              Top up
            </Button>
          )}
          {hasChannel('money:deduct') && (
            <Button small onClick={() => setMoving('deduct')}>
              Deduct
            </Button>
          )}
          {hasChannel('money:refund') && (
            <Button small onClick={() => setMoney('refund')}>
              Refund
            </Button>
          )}
          {hasChannel('money:credit-note') && (
            <Button small onClick={() => setMoney('credit-note')}>
              Credit note
            </Button>
          )}
          {hasChannel('exports:run') && (
            <Button small onClick={() => setExporting(true)}>
              Export statement
            </Button>
          )}
        </div>
      </section>
      <div className="two-col">
        <Profile c={c} />
        {hasChannel('pricing:set-customer-discount') && <CustomerDiscount key={c.discountPercent ?? 'none'} c={c} onSaved={reload} />}
      </div>
      <CustomerServices c={c} />
      {hasChannel('customers:statement') && <StatementSection customerId={id} nonce={statementNonce} onChanged={reload} />}
      <div className="two-col">
        <CustomerTimeline customerId={id} nonce={statementNonce} />
        {hasChannel('alert-rules:list') && <CustomerAlertRule customerId={id} />}
      </div>
      {editing && <CustomerFormPanel mode="edit" customer={c} onClose={() => navigate(`/${id}`)} onSaved={() => (reload(), navigate(`/${id}`))} />}
      {money && (
        <MoneyDialog
          action={money}
          customerId={id}
          customerName={c.name}
          onClose={() => setMoney(null)}
          onDone={(_r, amount) => {
            setMoney(null);
            notify('success', `${formatMoney(amount)} ${money === 'payment' ? 'payment recorded' : money === 'refund' ? 'refunded' : 'credit note issued'} for ${c.name}.`);
            reload();
            setStatementNonce((n) => n + 1);
          }}
        />
      )}
      {moving && (
        <BalanceMoveDialog
          action={moving}
          customerId={id}
          customerName={c.name}
          onClose={() => setMoving(null)}
          onDone={(r) => {
            setMoving(null);
            notify('success', `${formatMoney(r.amount)} ${moving === 'top-up' ? 'moved to' : 'taken back from'} ${c.name}'s upstream balance${r.upstreamCustomerBalance !== null ? ` (now ${formatMoney(r.upstreamCustomerBalance)})` : ''}.`);
            reload();
            setStatementNonce((n) => n + 1);
          }}
        />
      )}
      {exporting && <ExportDialog kind="statements" customerId={id} title={`statement ${c.name}`} onClose={() => setExporting(false)} />}
    </div>
  );
}

function BackLink() {
  return (
    <Link href="/" className="back-link">
      <Icon name="arrowLeft" size={14} /> All customers
    </Link>
  );
}

function Stat({ label, value, sub, tone, testId }: { label: string; value: string; sub?: string; tone?: 'negative' | 'positive'; testId?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className={tone ? `stat-value ${tone}` : 'stat-value'} data-testid={testId}>
        {value}
      </span>
      {sub && <span className="stat-sub">{sub}</span>}
    </div>
  );
}

function Profile({ c }: { c: CustomerDetail }) {
  // Links are shown by account name; the upstream's own customer id is what its support asks for.
  const accounts = useQuery('accounts', () => call('accounts:list'), { enabled: c.links.length > 0 });
  const accountName = (id: string) => accounts.data?.find((a) => a.id === id)?.name ?? 'A removed account';
  return (
    <section className="card" aria-labelledby="profile-h">
      <h2 id="profile-h">Profile</h2>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{c.email}</dd>
        <dt>Company</dt>
        <dd>{c.company ?? '—'}</dd>
        <dt>Your ID</dt>
        <dd>{c.externalId ?? '—'}</dd>
        <dt>Tags</dt>
        <dd>{c.tags.length ? c.tags.map((t) => <span key={t} className="badge tag">{t}</span>) : '—'}</dd>
        <dt>Port slots</dt>
        <dd>{c.portSlotQuota}</dd>
        <dt>Traffic allocation</dt>
        <dd>{c.trafficGbAllocation} GB</dd>
        <dt>Upstream links</dt>
        <dd>
          {c.links.length
            ? c.links.map((l) => (
                <div key={`${l.accountId}:${l.upstreamId}`}>
                  {accounts.data ? accountName(l.accountId) : '…'} <span className="muted small">(their id there: <span className="mono">{l.upstreamId}</span>)</span>
                </div>
              ))
            : 'Not at any upstream yet: the first proxy or top-up there creates them.'}
        </dd>
        {c.notes && (
          <>
            <dt>Notes</dt>
            <dd className="notes">{c.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
