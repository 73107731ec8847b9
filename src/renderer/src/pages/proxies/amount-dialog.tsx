import { useState, type FormEvent } from 'react';
import type { Quote } from '../../../../shared/contract/pricing';
import { errorMessage } from '../../api/client';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { useModal } from '../../components/use-modal';
import { BelowCostCheck, LiveQuote, useFreshQuote } from './create-panel-parts';
import { QuoteSummary } from './quote-summary';
import { CHECKING_NOTE, chargeLabel, SEPARATE_LABEL, useChargeRequest } from '../../lib/charge-request';

const wholeAtLeastOne = (text: string) => Number.isInteger(Number(text)) && Number(text) >= 1;

/**
 * Asks for a whole number (days to extend, GB to add) and runs the action; errors stay in
 * the dialog. With `quote`, main's live quote for the number typed (cost, price, margin,
 * the rules applied) shows before confirming (the same live quote as the create panels:
 * never confirmable while it is for another number), and a sale below cost must be confirmed.
 */
export function AmountDialog(props: {
  title: string;
  label: string;
  initial: string;
  submit: string;
  help?: string;
  quote?: ((n: number) => Promise<Quote>) | undefined;
  /** `charge`: the request id made when the dialog opened (and confirmSeparate when deliberately another charge). */
  onSubmit(n: number, confirmBelowCost: boolean, charge: { requestId: string; confirmSeparate?: true }): Promise<void>;
  onClose(): void;
}) {
  const charge = useChargeRequest();
  const ref = useModal();
  const [value, setValue] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [belowCostOk, setBelowCostOk] = useState(false);
  const { quote: load } = props;
  const quote = useFreshQuote('amount-quote', value, (text) => !!load && wholeAtLeastOne(text), (text) => load!(Number(text)));

  async function onSubmit(e: FormEvent, separate = false) {
    e.preventDefault();
    if (!wholeAtLeastOne(value)) {
      setError(`${props.label} must be a whole number of at least 1.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(Number(value), belowCostOk, charge.fields(separate));
      charge.after();
    } catch (err) {
      charge.after(err);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="amount-title" onCancel={(e) => (e.preventDefault(), busy ? undefined : props.onClose())}>
      <h2 id="amount-title">{props.title}</h2>
      {props.help && <p className="dialog-body">{props.help}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field label={props.label} htmlFor="amount-input">
          <input id="amount-input" type="number" min={1} value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <LiveQuote quote={quote}>{(shown) => <QuoteSummary quote={shown} />}</LiveQuote>
        {quote.shown?.belowCost && <BelowCostCheck checked={belowCostOk} onChange={setBelowCostOk} />}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {charge.checking && <p className="dialog-body">{CHECKING_NOTE}</p>}
        <div className="dialog-actions">
          {charge.blocked && (
            <Button busy={busy} onClick={(e) => void onSubmit(e, true)}>
              {SEPARATE_LABEL}
            </Button>
          )}
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={quote.updating || (quote.fresh?.belowCost === true && !belowCostOk)}>
            {chargeLabel(charge, props.submit)}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
