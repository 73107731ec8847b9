import { useState } from 'react';
import type { z } from 'zod';
import { formatMoney, type Minor } from '../../../../shared/money';
import { Button } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';

/**
 * The create flow both "new port" and "new package" panels share: check the input with the
 * contract's schema (a missing customer reads "Choose a customer"), then send it, with
 * main's refusals put under their fields.
 */
export function useCreateSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit<I>(schema: z.ZodType, input: I, send: (input: I) => Promise<void>): Promise<void> {
    const checked = validate(schema, input);
    if (!checked.ok) {
      setErrors(checked.errors.customerId ? { ...checked.errors, customerId: 'Choose a customer' } : checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await send(input);
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, submit };
}

/** Cancel, and the create button that names the quoted price once there is one. */
export function CreatePanelFooter(props: { noun: string; price: Minor | null; busy: boolean; disabled: boolean; onCancel(): void; onCreate(): void }) {
  return (
    <>
      <Button onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </Button>
      <Button variant="primary" busy={props.busy} disabled={props.disabled} onClick={props.onCreate}>
        {props.price !== null ? `Create ${props.noun} for ${formatMoney(props.price)}` : `Create ${props.noun}`}
      </Button>
    </>
  );
}

/** The margin guard: a sale below cost needs this box ticked. */
export function BelowCostCheck({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> Sell below cost anyway
    </label>
  );
}
