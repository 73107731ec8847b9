import { useEffect, useState, type FormEvent } from 'react';
import type { Quote } from '../../../../shared/contract/pricing';
import { errorMessage } from '../../api/client';
import { useDebounced } from '../../api/hooks';
import { Button, ErrorMessage, Field, Loading } from '../../components/ui';
import { useModal } from '../../components/use-modal';
import { QuoteSummary } from './quote-summary';

/**
 * Asks for a whole number (days to extend, GB to add) and runs the action; errors stay in
 * the dialog. With `quote`, main's live quote for the number typed (cost, price, margin,
 * the rules applied) shows before confirming, and a sale below cost must be confirmed.
 */
export function AmountDialog(props: {
  title: string;
  label: string;
  initial: string;
  submit: string;
  help?: string;
  quote?: ((n: number) => Promise<Quote>) | undefined;
  onSubmit(n: number, confirmBelowCost: boolean): Promise<void>;
  onClose(): void;
}) {
  const ref = useModal();
  const [value, setValue] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [belowCostOk, setBelowCostOk] = useState(false);
  const quote = useLiveQuote(props.quote, value);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      setError(`${props.label} must be a whole number of at least 1.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(n, belowCostOk);
    } catch (err) {
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
        {quote.data && (
          // Dimmed while the quote for the number typed now is on its way: those are not its figures.
          <div aria-busy={quote.updating || undefined} data-testid="live-quote" className="live-quote">
            <QuoteSummary quote={quote.data} />
          </div>
        )}
        <Loading active={quote.updating} label={quote.data ? 'Updating the quote…' : 'Quoting…'} />
        {quote.error && <p className="muted small">{quote.error}</p>}
        {quote.data?.belowCost && (
          <label className="check">
            <input type="checkbox" checked={belowCostOk} onChange={(e) => setBelowCostOk(e.target.checked)} /> Sell below cost anyway
          </label>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="dialog-actions">
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={quote.updating || (quote.data?.belowCost === true && !belowCostOk)}>
            {props.submit}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Main's quote for the amount typed, refreshed as it changes (the last answer wins). Until
 * the answer for the text typed now has come, the quote is `updating`: main charges its own
 * quote for the number sent, so the one on screen must be for that number before confirming.
 */
function useLiveQuote(load: ((n: number) => Promise<Quote>) | undefined, typed: string) {
  const text = useDebounced(typed, 250);
  const [state, setState] = useState<{ text: string | null; data: Quote | null; error: string | null }>({ text: null, data: null, error: null });
  useEffect(() => {
    const n = Number(text);
    if (!load || !Number.isInteger(n) || n < 1) return;
    let live = true;
    load(n).then(
      (data) => live && setState({ text, data, error: null }),
      (e: unknown) => live && setState({ text, data: null, error: `No quote: ${errorMessage(e)}` }),
    );
    return () => {
      live = false;
    };
  }, [load, text]);
  const n = Number(typed);
  const quotable = !!load && Number.isInteger(n) && n >= 1;
  return { data: quotable ? state.data : null, error: quotable && state.text === typed ? state.error : null, updating: quotable && state.text !== typed };
}
