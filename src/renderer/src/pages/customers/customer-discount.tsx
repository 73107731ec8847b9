import { useState, type FormEvent } from 'react';
import type { CustomerDetail } from '../../../../shared/contract/customers';
import { pricingChannels } from '../../../../shared/contract/pricing';
import { call, hasChannel } from '../../api/client';
import { useDebounced } from '../../api/hooks';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { useUi } from '../../state/ui-store';
import { DiscountPreview } from './discount-preview';

const schema = pricingChannels['pricing:set-customer-discount'].input;

/**
 * The customer's discount off the pricebook, in percent as the contract takes it ("12.5"),
 * set or removed here; before saving, main quotes what it does to a sample sale. The page
 * remounts this card when the saved discount changes (key), so the field shows it again.
 */
export function CustomerDiscount({ c, onSaved }: { c: CustomerDetail; onSaved(): void }) {
  const notify = useUi((s) => s.notify);
  const [text, setText] = useState(c.discountPercent ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const draft = useDebounced(text.trim(), 200);
  const draftValid = draft !== '' && validate(schema, { customerId: c.id, discountPercent: draft }).ok;

  async function save(discountPercent: string | null, which: 'save' | 'remove') {
    const input = { customerId: c.id, discountPercent };
    const checked = validate(schema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(which);
    setErrors({});
    try {
      const saved = await call('pricing:set-customer-discount', input);
      notify('success', saved.discountPercent === null ? `${c.name} has no discount now.` : `${c.name} now gets ${saved.discountPercent} % off.`);
      onSaved();
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // An empty field saves "no discount", as Remove does.
    void save(text.trim() === '' ? null : text.trim(), 'save');
  }

  return (
    <section className="card" aria-labelledby="discount-h">
      <h2 id="discount-h">Discount</h2>
      <p data-testid="customer-discount">
        {c.discountPercent === null ? (
          <>None: {c.name} pays your pricebook prices.</>
        ) : (
          <>
            <strong>{c.discountPercent} %</strong> off your pricebook prices on every new sale to {c.name}.
          </>
        )}
      </p>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <Field label="Discount (%)" htmlFor="discount-percent" error={errors.discountPercent} hint="0 to 100, e.g. 12.5. Sales already made keep their price.">
          <input
            id="discount-percent"
            type="text"
            inputMode="decimal"
            value={text}
            aria-invalid={errors.discountPercent ? true : undefined}
            aria-describedby={errors.discountPercent ? 'discount-percent-error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              // The refusal was about the old text; the preview judges the new one.
              setErrors({});
            }}
          />
        </Field>
        <Button type="submit" variant="primary" busy={busy === 'save'} disabled={busy !== null}>
          Save discount
        </Button>
        {c.discountPercent !== null && (
          <Button busy={busy === 'remove'} disabled={busy !== null} onClick={() => void save(null, 'remove')}>
            Remove discount
          </Button>
        )}
      </form>
      {(errors._form || errors.customerId) && <ErrorMessage>{errors._form ?? errors.customerId}</ErrorMessage>}
      {draftValid && hasChannel('proxies:quote') && hasChannel('pricing:quote') && <DiscountPreview customerName={c.name} discountPercent={draft} />}
    </section>
  );
}
