import { Button, ErrorMessage } from './ui';

/** A form's Cancel and submit buttons; Cancel is disabled while the form is busy. */
export function CancelSubmit(props: { className: string; submit: string; busy?: boolean; disabled?: boolean; onCancel(): void }) {
  return (
    <div className={props.className}>
      <Button onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" busy={props.busy} disabled={props.disabled}>
        {props.submit}
      </Button>
    </div>
  );
}

/** An error for the whole form, across both columns of a form grid. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="span-2">
      <ErrorMessage>{message}</ErrorMessage>
    </div>
  );
}
