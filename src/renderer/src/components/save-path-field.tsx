import { useState } from 'react';
import { ApiError, call, errorMessage, hasChannel } from '../api/client';
import { Button, Field } from './ui';

/**
 * Where an export is written: a "Choose…" button opens the app's native save dialog
 * (`exports:choose-path`, in the last export folder; main grants the chosen path), and the
 * path can still be typed — the only way where there is no dialog (main answers
 * UNSUPPORTED, e.g. in a browser), in which case the button goes away.
 */
export function SavePathField({
  id,
  value,
  onChange,
  suggestedName,
  disabled,
  hint,
}: {
  id: string;
  value: string;
  onChange(path: string): void;
  suggestedName: string;
  disabled?: boolean;
  hint?: string;
}) {
  const [dialog, setDialog] = useState(() => hasChannel('exports:choose-path'));
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose() {
    setChoosing(true);
    setError(null);
    try {
      const chosen = await call('exports:choose-path', { suggestedName });
      if (chosen) onChange(chosen.path);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNSUPPORTED') setDialog(false);
      else setError(errorMessage(err));
    } finally {
      setChoosing(false);
    }
  }

  return (
    <Field label="Save to" htmlFor={id} hint={hint} error={error}>
      <div className="path-row">
        <input id={id} type="text" className="mono" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} />
        {dialog && (
          <Button onClick={() => void choose()} busy={choosing} disabled={disabled}>
            Choose…
          </Button>
        )}
      </div>
    </Field>
  );
}

/** A file name safe for the save dialog: letters, digits and dashes, with a date. */
export function suggestedFileName(title: string, today: Date = new Date()): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'export';
  return `${slug}-${today.toISOString().slice(0, 10)}.csv`;
}
