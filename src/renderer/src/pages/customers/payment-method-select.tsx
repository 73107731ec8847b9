import { PAYMENT_METHODS, type PaymentMethodName } from '../../../../shared/contract/money';

export const METHOD_LABEL: Record<PaymentMethodName, string> = { card: 'Card', crypto: 'Crypto', bank: 'Bank transfer', cash: 'Cash', other: 'Other' };

/** How the customer paid: one select for every dialog that records a payment. */
export function PaymentMethodSelect({ id, value, onChange }: { id: string; value: string; onChange(method: string): void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {PAYMENT_METHODS.map((m) => (
        <option key={m} value={m}>
          {METHOD_LABEL[m]}
        </option>
      ))}
    </select>
  );
}
