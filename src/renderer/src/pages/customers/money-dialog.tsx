import { useState, type FormEvent } from 'react';
import { creditNoteSchema, paymentSchema, refundSchema, type MoneyResult } from '../../../../shared/contract/money';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { CancelSubmit, FormError } from '../../components/form-parts';
import { Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { parseAmountInput } from '../../lib/money-input';
import { PaymentMethodSelect } from './payment-method-select';
import { useModal } from '../../components/use-modal';

export type MoneyAction = 'payment' | 'refund' | 'credit-note';

const TITLES: Record<MoneyAction, { title: string; submit: string; help: string }> = {
  payment: { title: 'Record a payment', submit: 'Record payment', help: 'Money the customer paid you. It settles what they owe first; the rest becomes credit.' },
  refund: { title: 'Refund', submit: 'Refund', help: 'Money you paid back to the customer, out of their credit.' },
  'credit-note': { title: 'Credit note', submit: 'Issue credit note', help: 'A goodwill or correction amount: it reduces what they owe, or adds credit.' },
};

/** One dialog for the money a reseller records by hand; amounts are parsed exactly to cents. */
export function MoneyDialog({ action, customerId, customerName, onClose, onDone }: { action: MoneyAction; customerId: string; customerName: string; onClose(): void; onDone(r: MoneyResult, amount: number): void }) {
  const ref = useModal();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<string>('bank');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [against, setAgainst] = useState('auto');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const text = TITLES[action];


  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseAmountInput(amount);
    if (!parsed.ok) {
      setErrors({ amount: parsed.reason });
      return;
    }
    let checked;
    if (action === 'payment') checked = validate(paymentSchema, { customerId, amount: parsed.minor, method, reference, note });
    else if (action === 'refund') checked = validate(refundSchema, { customerId, amount: parsed.minor, method, reference, note });
    else checked = validate(creditNoteSchema, { customerId, amount: parsed.minor, against, reason: note });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const result =
        action === 'payment'
          ? await call('payments:record', { customerId, amount: parsed.minor, method: method as 'bank', reference, note })
          : action === 'refund'
            ? await call('money:refund', { customerId, amount: parsed.minor, method: method as 'bank', reference, note })
            : await call('money:credit-note', { customerId, amount: parsed.minor, against: against as 'auto', reason: note });
      onDone(result, parsed.minor);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const preview = parseAmountInput(amount);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="money-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="money-title">
        {text.title} — {customerName}
      </h2>
      <p className="dialog-body">{text.help}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form-grid">
        <Field label="Amount (USD)" htmlFor="money-amount" error={errors.amount} hint={preview.ok ? formatMoney(preview.minor) : undefined}>
          <input id="money-amount" type="text" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={errors.amount ? true : undefined} />
        </Field>
        {action !== 'credit-note' ? (
          <Field label="Method" htmlFor="money-method" error={errors.method}>
            <PaymentMethodSelect id="money-method" value={method} onChange={setMethod} />
          </Field>
        ) : (
          <Field label="Apply to" htmlFor="money-against" error={errors.against}>
            <select id="money-against" value={against} onChange={(e) => setAgainst(e.target.value)}>
              <option value="auto">What they owe first, then credit</option>
              <option value="receivable">What they owe</option>
              <option value="credit">Their credit</option>
            </select>
          </Field>
        )}
        {action !== 'credit-note' && (
          <div className="span-2">
            <Field label="Reference" htmlFor="money-reference" error={errors.reference} hint="Invoice number, transaction hash…">
              <input id="money-reference" type="text" value={reference} onChange={(e) => setReference(e.target.value)} />
            </Field>
          </div>
        )}
        <div className="span-2">
          <Field label={action === 'credit-note' ? 'Reason' : 'Note'} htmlFor="money-note" error={errors.note ?? errors.reason}>
            <input id="money-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </div>
        <FormError message={errors._form} />
        <FormError message={errors.customerId} />
        <CancelSubmit className="dialog-actions span-2" submit={text.submit} busy={busy} onCancel={onClose} />
      </form>
    </dialog>
  );
}
