import { useState, type FormEvent } from 'react';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { errorMessage } from '../../api/client';
import { useModal } from '../../components/use-modal';

/** Asks for a whole number (days to extend, GB to add) and runs the action; errors stay in the dialog. */
export function AmountDialog(props: { title: string; label: string; initial: string; submit: string; help?: string; onSubmit(n: number): Promise<void>; onClose(): void }) {
  const ref = useModal();
  const [value, setValue] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
      await props.onSubmit(n);
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
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="dialog-actions">
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {props.submit}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
