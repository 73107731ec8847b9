import { useState, type FormEvent } from 'react';
import { BULK_MAX_IDS } from '../../../../shared/contract/customer-bulk';
import type { PaymentMethodName } from '../../../../shared/contract/money';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { CancelSubmit, FormError } from '../../components/form-parts';
import { Field } from '../../components/ui';
import { formatCount, plural } from '../../lib/format';
import { parseAmountInput } from '../../lib/money-input';
import { PaymentMethodSelect } from './payment-method-select';
import { useModal } from '../../components/use-modal';

export interface BulkTopUpRequest {
  accountId: string;
  amount: number;
  recordAsPayment: boolean;
  method?: PaymentMethodName;
}

/**
 * The same top-up for every selected customer, at one upstream account. Top-ups go to the
 * upstream one request per customer, so one run takes at most BULK_MAX_IDS customers: a
 * larger selection is explained here rather than refused by main after the form is filled.
 */
export function BulkTopUpDialog({ count, onClose, onSubmit }: { count: number; onClose(): void; onSubmit(r: BulkTopUpRequest): void }) {
  const ref = useModal();
  const accounts = useQuery('accounts', () => call('accounts:list'));
  const active = (accounts.data ?? []).filter((a) => a.status === 'active');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [asPayment, setAsPayment] = useState(false);
  const [method, setMethod] = useState<PaymentMethodName>('bank');
  const [error, setError] = useState<string | null>(null);
  const account = accountId ?? active[0]?.id ?? '';
  const tooMany = count > BULK_MAX_IDS;
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseAmountInput(amount);
    if (!parsed.ok) return setError(parsed.reason);
    if (parsed.minor <= 0) return setError('Enter an amount greater than zero.');
    onSubmit({ accountId: account, amount: parsed.minor, recordAsPayment: asPayment, ...(asPayment ? { method } : {}) });
  }
  const preview = parseAmountInput(amount);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="bulk-topup-title" onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id="bulk-topup-title">Top up {plural(count, 'customer')}</h2>
      <form onSubmit={submit} noValidate className="form-grid">
        <Field label="Upstream account" htmlFor="bulk-account">
          <select id="bulk-account" value={account} onChange={(e) => setAccountId(e.target.value)}>
            {active.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Amount each (USD)" htmlFor="bulk-amount" error={error} hint={preview.ok ? `${formatMoney(preview.minor)} each` : undefined}>
          <input id="bulk-amount" type="text" inputMode="decimal" value={amount} onChange={(e) => (setAmount(e.target.value), setError(null))} />
        </Field>
        <label className="check span-2">
          <input type="checkbox" checked={asPayment} onChange={(e) => setAsPayment(e.target.checked)} /> Each customer paid me this amount
        </label>
        {asPayment && (
          <Field label="Paid by" htmlFor="bulk-method">
            <PaymentMethodSelect id="bulk-method" value={method} onChange={(m) => setMethod(m as PaymentMethodName)} />
          </Field>
        )}
        <FormError message={accounts.data && active.length === 0 ? 'Connect an upstream account in Settings first.' : undefined} />
        <FormError
          message={
            tooMany
              ? `Top-ups go to the upstream one customer at a time, at most ${formatCount(BULK_MAX_IDS)} in one run. Narrow the selection with a search or filter to ${formatCount(BULK_MAX_IDS)} customers or fewer.`
              : undefined
          }
        />
        <CancelSubmit className="dialog-actions span-2" submit="Top up" disabled={active.length === 0 || tooMany} onCancel={onClose} />
      </form>
    </dialog>
  );
}
