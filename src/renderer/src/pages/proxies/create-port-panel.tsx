import { useState } from 'react';
import { Link } from 'wouter';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { proxyCreateSchema, type PortResult } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { useDebounced, useQuery } from '../../api/hooks';
import { CustomerPicker } from '../../components/customer-picker';
import { SidePanel } from '../../components/side-panel';
import { ErrorMessage, Field, Loading } from '../../components/ui';
import { AccountSelect, useAccountsOf } from './account-select';
import { BelowCostCheck, CreatePanelFooter, useCreateSubmit } from './create-panel-parts';
import { QuoteSummary } from './quote-summary';

/**
 * Create a Proxies.sx port: choose, see the live quote from the pricebook (cost, price,
 * margin, rules, the customer's port slots), then confirm. A sale below cost needs an
 * explicit confirmation (the margin guard).
 */
export function CreatePortPanel({
  customer: preselected = null,
  onClose,
  onCreated,
}: {
  /** Chosen already when opened from a customer's page; it can still be changed. */
  customer?: CustomerListItem | null;
  onClose(): void;
  onCreated(r: PortResult): void;
}) {
  const accounts = useAccountsOf('proxies-sx');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerListItem | null>(preselected);
  const [country, setCountry] = useState('US');
  const [city, setCity] = useState('');
  const [carrier, setCarrier] = useState('');
  const [days, setDays] = useState('30');
  const [isPrivate, setPrivate] = useState(false);
  const [exclusive, setExclusive] = useState(false);
  const [belowCostOk, setBelowCostOk] = useState(false);
  const { errors, busy, submit } = useCreateSubmit();
  const account = accountId ?? accounts.data?.[0]?.id ?? '';

  const q = useDebounced({ country, days, isPrivate, customerId: customer?.id }, 200);
  const quoteInput = { country: q.country, days: Number(q.days), isPrivate: q.isPrivate, ...(q.customerId ? { customerId: q.customerId } : {}) };
  const quoteValid = /^[A-Za-z]{2}$/.test(q.country) && Number.isInteger(quoteInput.days) && quoteInput.days >= 1 && quoteInput.days <= 365;
  const quote = useQuery(`port-quote:${JSON.stringify(quoteInput)}`, () => call('proxies:quote', quoteInput), { enabled: quoteValid });

  async function create() {
    const input = {
      accountId: account,
      customerId: customer?.id ?? '',
      country,
      ...(city.trim() ? { city: city.trim() } : {}),
      ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
      days: Number(days),
      exclusive,
      isPrivate,
      confirmBelowCost: belowCostOk,
    };
    await submit(proxyCreateSchema, input, async (valid) => onCreated(await call('proxies:create', valid)));
  }

  const below = !!quote.data?.belowCost;
  const quota = quote.data?.quota;
  return (
    <SidePanel
      title="New port"
      onClose={onClose}
      footer={
        <CreatePanelFooter
          noun="port"
          price={quote.data ? quote.data.price : null}
          busy={busy}
          disabled={!quote.data || (below && !belowCostOk) || accounts.data?.length === 0}
          onCancel={onClose}
          onCreate={() => void create()}
        />
      }
    >
      {accounts.data?.length === 0 && (
        <ErrorMessage>
          Ports come from a Proxies.sx account. <Link href="~/settings">Connect one in Settings</Link> first.
        </ErrorMessage>
      )}
      {accounts.data && accounts.data.length > 1 && (
        <Field label="Proxies.sx account" htmlFor="port-account" error={errors.accountId}>
          <AccountSelect id="port-account" accounts={accounts.data} value={account} onChange={setAccountId} />
        </Field>
      )}
      <Field label="Customer" htmlFor="port-customer" error={errors.customerId}>
        <CustomerPicker id="port-customer" value={customer} onChange={setCustomer} />
      </Field>
      <div className="form-grid">
        <Field label="Country" htmlFor="port-country" error={errors.country} hint="Two letters, e.g. US, DE">
          <input id="port-country" type="text" maxLength={2} value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
        </Field>
        <Field label="Days" htmlFor="port-days" error={errors.days}>
          <input id="port-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
        <Field label="City" htmlFor="port-city" error={errors.city} hint="Optional">
          <input id="port-city" type="text" value={city} onChange={(e) => setCity(e.target.value)} />
        </Field>
        <Field label="Carrier" htmlFor="port-carrier" error={errors.carrier} hint="Optional">
          <input id="port-carrier" type="text" value={carrier} onChange={(e) => setCarrier(e.target.value)} />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private port (not shared)
      </label>
      <label className="check">
        <input type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.target.checked)} /> Exclusive device
      </label>
      <Loading active={quote.loading} label="Quoting…" />
      {quote.error && <ErrorMessage>{quote.error}</ErrorMessage>}
      {quote.data && (
        <QuoteSummary
          quote={quote.data}
          extra={
            quota && (
              <>
                <dt>Port slots</dt>
                <dd className={quota.used >= quota.allocated ? 'negative' : undefined}>
                  {quota.used} of {quota.allocated} used
                </dd>
              </>
            )
          }
        />
      )}
      {below && <BelowCostCheck checked={belowCostOk} onChange={setBelowCostOk} />}
      {errors._form && <ErrorMessage>{errors._form}</ErrorMessage>}
    </SidePanel>
  );
}
