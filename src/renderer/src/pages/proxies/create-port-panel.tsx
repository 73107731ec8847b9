import { useState } from 'react';
import { Link } from 'wouter';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { proxyCreateSchema, type PortResult } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { CustomerPicker } from '../../components/customer-picker';
import { SidePanel } from '../../components/side-panel';
import { ErrorMessage, Field } from '../../components/ui';
import { AccountSelect, useAccountsOf } from './account-select';
import { BelowCostCheck, ChargeNotes, CreatePanelFooter, LiveQuote, useCreateSubmit, useFreshQuote } from './create-panel-parts';
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
  const { errors, busy, submit, charge } = useCreateSubmit();
  const account = accountId ?? accounts.data?.[0]?.id ?? '';

  const quote = useFreshQuote(
    'port-quote',
    { country, days, isPrivate, customerId: customer?.id },
    (f) => /^[A-Za-z]{2}$/.test(f.country) && Number.isInteger(Number(f.days)) && Number(f.days) >= 1 && Number(f.days) <= 365,
    (f) => call('proxies:quote', { country: f.country, days: Number(f.days), isPrivate: f.isPrivate, ...(f.customerId ? { customerId: f.customerId } : {}) }),
  );

  async function create(separate = false) {
    const input = {
      ...charge.fields(separate),
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

  const fresh = quote.fresh;
  return (
    <SidePanel
      title="New port"
      onClose={onClose}
      footer={
        <CreatePanelFooter
          noun="port"
          price={fresh ? fresh.price : null}
          busy={busy}
          disabled={!fresh || (fresh.belowCost && !belowCostOk) || accounts.data?.length === 0}
          onCancel={onClose}
          onCreate={() => void create()}
          charge={charge}
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
      <LiveQuote quote={quote}>
        {(shown) => (
          <QuoteSummary
            quote={shown}
            extra={
              shown.quota && (
                <>
                  <dt>Port slots</dt>
                  <dd className={shown.quota.used >= shown.quota.allocated ? 'negative' : undefined}>
                    {shown.quota.used} of {shown.quota.allocated} used
                  </dd>
                </>
              )
            }
          />
        )}
      </LiveQuote>
      {quote.shown?.belowCost && <BelowCostCheck checked={belowCostOk} onChange={setBelowCostOk} />}
      {errors._form && <ErrorMessage>{errors._form}</ErrorMessage>}
      <ChargeNotes charge={charge} busy={busy} onSeparate={() => void create(true)} />
    </SidePanel>
  );
}
