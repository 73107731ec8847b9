import { useState } from 'react';
import { Link } from 'wouter';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { packageCreateSchema, PROXY_TYPES, type PackageResult, type ProxyTypeName } from '../../../../shared/contract/packages';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { CustomerPicker } from '../../components/customer-picker';
import { SidePanel } from '../../components/side-panel';
import { ErrorMessage, Field } from '../../components/ui';
import { AccountSelect, useAccountsOf } from './account-select';
import { BelowCostCheck, ChargeNotes, CreatePanelFooter, LiveQuote, useCreateSubmit, useFreshQuote } from './create-panel-parts';
import { QuoteSummary } from './quote-summary';

const TYPE_LABEL: Record<ProxyTypeName, string> = { residential: 'Residential', datacenter: 'Datacenter', mobile: 'Mobile' };

/** Create a Whozex GB package with a live quote; a missing sub-balance is topped up first when allowed. */
export function CreatePackagePanel({
  customer: preselected = null,
  onClose,
  onCreated,
}: {
  /** Chosen already when opened from a customer's page; it can still be changed. */
  customer?: CustomerListItem | null;
  onClose(): void;
  onCreated(r: PackageResult): void;
}) {
  const accounts = useAccountsOf('whozex');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerListItem | null>(preselected);
  const [gb, setGb] = useState('5');
  const [proxyType, setProxyType] = useState<ProxyTypeName>('residential');
  const [topUp, setTopUp] = useState(true);
  const [belowCostOk, setBelowCostOk] = useState(false);
  const { errors, busy, submit, charge } = useCreateSubmit();
  const account = accountId ?? accounts.data?.[0]?.id ?? '';

  const quote = useFreshQuote(
    'package-quote',
    { account, gb, proxyType, customerId: customer?.id },
    (f) => !!f.account && Number.isInteger(Number(f.gb)) && Number(f.gb) >= 1,
    (f) => call('packages:quote', { accountId: f.account, gb: Number(f.gb), proxyType: f.proxyType, ...(f.customerId ? { customerId: f.customerId } : {}) }),
  );

  async function create(separate = false) {
    const input = { ...charge.fields(separate), accountId: account, customerId: customer?.id ?? '', gb: Number(gb), proxyType, topUpIfNeeded: topUp, confirmBelowCost: belowCostOk };
    await submit(packageCreateSchema, input, async (valid) => onCreated(await call('packages:create', valid)));
  }

  const fresh = quote.fresh;
  return (
    <SidePanel
      title="New package"
      onClose={onClose}
      footer={
        <CreatePanelFooter
          noun="package"
          price={fresh ? fresh.price : null}
          busy={busy}
          disabled={!fresh || (fresh.belowCost && !belowCostOk)}
          onCancel={onClose}
          onCreate={() => void create()}
          charge={charge}
        />
      }
    >
      {accounts.data?.length === 0 && (
        <ErrorMessage>
          Packages come from a Whozex account. <Link href="~/settings">Connect one in Settings</Link> first.
        </ErrorMessage>
      )}
      {accounts.data && accounts.data.length > 1 && (
        <Field label="Whozex account" htmlFor="package-account">
          <AccountSelect id="package-account" accounts={accounts.data} value={account} onChange={setAccountId} />
        </Field>
      )}
      <Field label="Customer" htmlFor="package-customer" error={errors.customerId}>
        <CustomerPicker id="package-customer" value={customer} onChange={setCustomer} />
      </Field>
      <div className="form-grid">
        <Field label="GB" htmlFor="package-gb" error={errors.gb}>
          <input id="package-gb" type="number" min={1} value={gb} onChange={(e) => setGb(e.target.value)} />
        </Field>
        <Field label="Proxy type" htmlFor="package-type" error={errors.proxyType}>
          <select id="package-type" value={proxyType} onChange={(e) => setProxyType(e.target.value as ProxyTypeName)}>
            {PROXY_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <LiveQuote quote={quote}>
        {(shown) => (
          <QuoteSummary
            quote={shown}
            extra={
              shown.topUpNeeded > 0 && (
                <>
                  <dt>Top-up first</dt>
                  <dd>{formatMoney(shown.topUpNeeded)} to the customer&apos;s Whozex balance</dd>
                </>
              )
            }
          />
        )}
      </LiveQuote>
      {quote.shown && quote.shown.topUpNeeded > 0 && (
        <label className="check">
          <input type="checkbox" checked={topUp} onChange={(e) => setTopUp(e.target.checked)} /> Top up their Whozex balance by {formatMoney(quote.shown.topUpNeeded)} first
        </label>
      )}
      {quote.shown?.belowCost && <BelowCostCheck checked={belowCostOk} onChange={setBelowCostOk} />}
      {errors._form && <ErrorMessage>{errors._form}</ErrorMessage>}
      <ChargeNotes charge={charge} busy={busy} onSeparate={() => void create(true)} />
    </SidePanel>
  );
}
