import { useState, type FormEvent } from 'react';
import { deductSchema, topUpSchema, type BalanceMoveResult } from '../../../../shared/contract/operations';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { CancelSubmit, FormError } from '../../components/form-parts';
import { ErrorMessage, Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { parseAmountInput } from '../../lib/money-input';
import { PaymentMethodSelect } from './payment-method-select';
import { useModal } from '../../components/use-modal';
import { Button } from '../../components/ui';
import { CHECKING_NOTE, chargeLabel, SEPARATE_LABEL, useChargeRequest } from '../../lib/charge-request';

/**
 * Top up (reseller's upstream balance → the customer's balance at that upstream) or deduct
 * (back again, Whozex). Main journals the upstream call; the dialog only collects the choice.
 */
export function BalanceMoveDialog({ action, customerId, customerName, onClose, onDone }: { action: 'top-up' | 'deduct'; customerId: string; customerName: string; onClose(): void; onDone(r: BalanceMoveResult): void }) {
  const ref = useModal();
  const accounts = useQuery('accounts', () => call('accounts:list'));
  // Deduct exists only where the upstream keeps a customer balance (Whozex).
  const eligible = (accounts.data ?? []).filter((a) => a.status === 'active' && (action === 'top-up' || a.provider === 'whozex'));
  const [accountId, setAccountId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [asPayment, setAsPayment] = useState(false);
  const [method, setMethod] = useState('bank');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const account = accountId ?? eligible[0]?.id ?? '';
  const charge = useChargeRequest();

  async function onSubmit(e: FormEvent, separate = false) {
    e.preventDefault();
    const parsed = parseAmountInput(amount);
    if (!parsed.ok) {
      setErrors({ amount: parsed.reason });
      return;
    }
    const input =
      action === 'top-up'
        ? { customerId, accountId: account, amount: parsed.minor, recordAsPayment: asPayment, ...(asPayment ? { method: method as 'bank' } : {}), note, ...charge.fields(separate) }
        : { customerId, accountId: account, amount: parsed.minor, note, ...charge.fields(separate) };
    const checked = action === 'top-up' ? validate(topUpSchema, input) : validate(deductSchema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const done = action === 'top-up' ? await call('money:top-up', input as never) : await call('money:deduct', input as never);
      charge.after();
      onDone(done);
    } catch (err) {
      charge.after(err);
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const preview = parseAmountInput(amount);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="move-title" onCancel={(e) => (e.preventDefault(), busy ? undefined : onClose())}>
      <h2 id="move-title">
        {action === 'top-up' ? 'Top up' : 'Deduct'} — {customerName}
      </h2>
      <p className="dialog-body">
        {action === 'top-up'
          ? "Moves money from your balance at the upstream to the customer's balance there, so they can buy on their own."
          : "Returns money from the customer's balance at the upstream to yours."}
      </p>
      {accounts.data && eligible.length === 0 && <ErrorMessage>{action === 'top-up' ? 'Connect an upstream account in Settings first.' : 'Deducting needs a Whozex account.'}</ErrorMessage>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form-grid">
        <Field label="Upstream account" htmlFor="move-account" error={errors.accountId}>
          <select id="move-account" value={account} onChange={(e) => setAccountId(e.target.value)}>
            {eligible.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Amount (USD)" htmlFor="move-amount" error={errors.amount} hint={preview.ok ? formatMoney(preview.minor) : undefined}>
          <input id="move-amount" type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        {action === 'top-up' && (
          <label className="check span-2">
            <input type="checkbox" checked={asPayment} onChange={(e) => setAsPayment(e.target.checked)} /> The customer paid me this amount (record a payment too)
          </label>
        )}
        {action === 'top-up' && asPayment && (
          <Field label="Paid by" htmlFor="move-method" error={errors.method}>
            <PaymentMethodSelect id="move-method" value={method} onChange={setMethod} />
          </Field>
        )}
        <div className="span-2">
          <Field label="Note" htmlFor="move-note" error={errors.note}>
            <input id="move-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </div>
        <FormError message={errors._form} />
        {charge.checking && <p className="dialog-body span-2">{CHECKING_NOTE}</p>}
        {charge.blocked && (
          <div className="span-2">
            <Button busy={busy} onClick={(e) => void onSubmit(e, true)}>
              {SEPARATE_LABEL}
            </Button>
          </div>
        )}
        <CancelSubmit className="dialog-actions span-2" submit={chargeLabel(charge, action === 'top-up' ? 'Top up' : 'Deduct')} busy={busy} disabled={eligible.length === 0} onCancel={onClose} />
      </form>
    </dialog>
  );
}
