import { useState, type FormEvent } from 'react';
import { hasChannel } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button, Field } from '../../components/ui';
import { useSettings } from '../../state/settings-store';
import { useUi } from '../../state/ui-store';
import { PollerStatus } from './poller-status';

/**
 * The poll interval is checked by main (the one validator of settings): whatever it
 * refuses comes back as INVALID_INPUT and is shown under the field.
 */
export function PollingSection() {
  const current = useSettings((s) => s.settings?.pollIntervalMinutes);
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? (current === undefined ? '' : String(current));
  const notify = useUi((s) => s.notify);
  const save = useAction(async (minutes: number) => {
    await useSettings.getState().update({ pollIntervalMinutes: minutes });
    setDraft(null);
    notify('success', `Upstreams will be checked every ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Sent as typed (a number when it is one): main decides what is acceptable.
    const n = value.trim() === '' ? Number.NaN : Number(value);
    void save.run(n);
  }

  return (
    <section className="card" aria-labelledby="polling-h">
      <h2 id="polling-h">Syncing</h2>
      <form onSubmit={onSubmit} className="inline-form" noValidate>
        <Field
          label="Check upstreams every (minutes)"
          htmlFor="poll-interval"
          error={save.error}
          hint="Balances, expiries and usage are refreshed this often, even without webhooks."
        >
          <input
            id="poll-interval"
            type="number"
            inputMode="numeric"
            value={value}
            disabled={current === undefined}
            aria-invalid={save.error ? true : undefined}
            aria-describedby={save.error ? 'poll-interval-error' : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              save.clearError();
            }}
          />
        </Field>
        <Button type="submit" variant="primary" busy={save.busy} disabled={draft === null}>
          Save
        </Button>
      </form>
      {hasChannel('poller:settings') && <PollerStatus />}
    </section>
  );
}
