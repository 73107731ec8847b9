import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { Quote } from '../../../../shared/contract/pricing';
import { formatMoney, type Minor } from '../../../../shared/money';
import { useDebounced, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { CHECKING_NOTE, chargeLabel, SEPARATE_LABEL, useChargeRequest, type ChargeRequest } from '../../lib/charge-request';

/**
 * The create flow both "new port" and "new package" panels share: check the input with the
 * contract's schema (a missing customer reads "Choose a customer"), then send it, with
 * main's refusals put under their fields.
 */
export function useCreateSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // The charge's request id (made when the panel opens): a second click after an unknown outcome checks the same charge.
  const charge = useChargeRequest();
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
      charge.after();
    } catch (e) {
      charge.after(e);
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, submit, charge };
}

/** Under the form: what a second click does after an unknown outcome, and the deliberate separate charge. */
export function ChargeNotes({ charge, busy, onSeparate }: { charge: ChargeRequest; busy: boolean; onSeparate(): void }) {
  return (
    <>
      {charge.checking && <p className="muted">{CHECKING_NOTE}</p>}
      {charge.blocked && (
        <Button busy={busy} onClick={onSeparate}>
          {SEPARATE_LABEL}
        </Button>
      )}
    </>
  );
}

/**
 * Main's live quote for what the form says now. The quote on screen can be for what the form
 * said a moment ago (the next one is still debounced or loading): it is then `updating`, and
 * only a `fresh` quote may be offered or confirmed, because main charges its own quote for the
 * inputs sent, not the one on screen.
 */
export function useFreshQuote<F, Q extends Quote>(name: string, form: F, valid: (form: F) => boolean, load: (form: F) => Promise<Q>): FreshQuote<Q> {
  const asked = useDebounced(form, 200);
  const askedKey = JSON.stringify(asked);
  const query = useQuery(`${name}:${askedKey}`, () => load(asked), { enabled: valid(asked) });
  const formValid = valid(form);
  const settled = formValid && JSON.stringify(form) === askedKey && !query.loading;
  const error = settled ? query.error : null;
  return {
    shown: formValid && !error ? (query.data ?? null) : null,
    fresh: settled && !error ? (query.data ?? null) : null,
    updating: formValid && !settled,
    error,
  };
}

export interface FreshQuote<Q extends Quote> {
  /** The last quote, to show (dimmed while updating); null when the form cannot be quoted. */
  shown: Q | null;
  /** The quote for exactly what the form says now, or null. */
  fresh: Q | null;
  updating: boolean;
  error: string | null;
}

/** The quote as it stands: the summary, dimmed and marked busy while a newer one is on its way. */
export function LiveQuote<Q extends Quote>({ quote, children }: { quote: FreshQuote<Q>; children(shown: Q): ReactNode }) {
  return (
    <>
      <Loading active={quote.updating} label={quote.shown ? 'Updating the quote…' : 'Quoting…'} />
      {quote.error && <ErrorMessage>{quote.error}</ErrorMessage>}
      {quote.shown && (
        // Dimmed, not hidden: the numbers do not flash away on each keystroke, yet read as not final.
        <div aria-busy={quote.updating || undefined} data-testid="live-quote" className="live-quote">
          {children(quote.shown)}
        </div>
      )}
    </>
  );
}

/** Cancel, and the create button that names the quoted price once there is one. */
export function CreatePanelFooter(props: { noun: string; price: Minor | null; busy: boolean; disabled: boolean; onCancel(): void; onCreate(): void; charge?: ChargeRequest }) {
  const label = props.price !== null ? `Create ${props.noun} for ${formatMoney(props.price)}` : `Create ${props.noun}`;
  return (
    <>
      <Button onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </Button>
      <Button variant="primary" busy={props.busy} disabled={props.disabled} onClick={props.onCreate}>
        {props.charge ? chargeLabel(props.charge, label) : label}
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
