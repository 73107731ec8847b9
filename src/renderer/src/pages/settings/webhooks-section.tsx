import { useState } from 'react';
import type { WebhookAccountStatus } from '../../../../shared/contract/events';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Field, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { serverErrors, type FieldErrors } from '../../lib/form';
import { useUi } from '../../state/ui-store';

/** The local webhook listener: where it listens, the URL to register, and each account's registration. */
export function WebhooksSection() {
  const status = useQuery('webhooks', () => call('webhooks:status'));
  const notify = useUi((s) => s.notify);
  const [draft, setDraft] = useState<{ port: string; publicBaseUrl: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { reload } = status;
  const s = status.data;
  const fields = draft ?? { port: String(s?.settings.port ?? ''), publicBaseUrl: s?.settings.publicBaseUrl ?? '' };

  const toggle = useAction(async (enabled: boolean) => {
    await call('webhooks:settings', { enabled });
    reload();
  });
  const saveSettings = useAction(async () => {
    try {
      await call('webhooks:settings', { port: Number(fields.port), publicBaseUrl: fields.publicBaseUrl.trim() === '' ? null : fields.publicBaseUrl.trim() });
    } catch (e) {
      setErrors(serverErrors(e));
      throw e;
    }
    setDraft(null);
    setErrors({});
    notify('success', 'Webhook listener settings saved.');
    reload();
  });

  return (
    <section className="card" aria-labelledby="webhooks-h">
      <h2 id="webhooks-h">Webhooks</h2>
      <Loading active={status.loading && !s} />
      {status.error && <ErrorMessage onRetry={reload}>{status.error}</ErrorMessage>}
      {s && (
        <>
          <p className="muted small">{s.reachabilityNote}</p>
          <label className="check">
            <input type="checkbox" checked={s.settings.enabled} disabled={toggle.busy} onChange={(e) => void toggle.run(e.target.checked)} />
            Listen for webhooks {s.listener.running ? <span className="badge badge-active">running</span> : <span className="badge">stopped</span>}
          </label>
          {s.listener.localUrl && (
            <p className="small">
              Listening on <span className="mono">{s.listener.localUrl}</span>
            </p>
          )}
          {s.listener.error && <ErrorMessage>{s.listener.error}</ErrorMessage>}
          {s.settings.warning && <div className="warning-message">{s.settings.warning}</div>}
          <div className="form-grid">
            <Field label="Port" htmlFor="webhook-port" error={errors.port} hint="0 picks a free port">
              <input id="webhook-port" type="number" value={fields.port} onChange={(e) => setDraft({ ...fields, port: e.target.value })} />
            </Field>
            <Field label="Public address (tunnel)" htmlFor="webhook-public" error={errors.publicBaseUrl} hint="Optional, e.g. https://abc.example.net">
              <input id="webhook-public" type="text" value={fields.publicBaseUrl} onChange={(e) => setDraft({ ...fields, publicBaseUrl: e.target.value })} />
            </Field>
          </div>
          {draft && (
            <div className="button-row end">
              <Button small onClick={() => (setDraft(null), setErrors({}))}>
                Cancel
              </Button>
              <Button small variant="primary" busy={saveSettings.busy} onClick={() => void saveSettings.run()}>
                Save
              </Button>
            </div>
          )}
          {toggle.error && <ErrorMessage>{toggle.error}</ErrorMessage>}
          {s.accounts.map((a) => (
            <WebhookAccountRow key={a.accountId} account={a} onChanged={reload} />
          ))}
        </>
      )}
    </section>
  );
}

/**
 * One account's registration at its upstream. Each row keeps its own busy state and error,
 * so a refusal shows under the account it concerns while the others stay usable.
 */
function WebhookAccountRow({ account: a, onChanged }: { account: WebhookAccountStatus; onChanged(): void }) {
  const registered = a.registrations.length > 0;
  // The row's own text ("Registered: …") is the confirmation; no toast on top of it.
  const register = useAction(async () => {
    if (registered) await call('webhooks:unregister', { accountId: a.accountId });
    else await call('webhooks:register', { accountId: a.accountId });
    onChanged();
  });
  return (
    <div className="webhook-account" role="group" aria-label={`Webhooks of ${a.accountName}`}>
      <div>
        <strong>{a.accountName}</strong>
        <div className="muted small">
          {registered ? `Registered: ${[...new Set(a.registrations.map((r) => r.url))].join(', ')}` : a.endpointUrl ? `URL to register: ${a.endpointUrl}` : 'Start the listener to get a URL'}
          {a.lastDeliveryAt && ` · last delivery ${formatDateTime(a.lastDeliveryAt)}`} · {a.accepted} accepted, {a.rejected} rejected
        </div>
        {a.notes.map((note) => (
          <div key={note} className="muted small">
            {note}
          </div>
        ))}
        {register.error && <ErrorMessage>{register.error}</ErrorMessage>}
      </div>
      {registered ? (
        <Button small busy={register.busy} onClick={() => void register.run()}>
          Unregister
        </Button>
      ) : (
        <Button small busy={register.busy} disabled={!a.endpointUrl} onClick={() => void register.run()}>
          Register
        </Button>
      )}
    </div>
  );
}
