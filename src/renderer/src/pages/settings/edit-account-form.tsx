import { useState, type FormEvent } from 'react';
import { accountsChannels, type AccountView } from '../../../../shared/contract/accounts';
import { call } from '../../api/client';
import { FormError } from '../../components/form-parts';
import { SidePanel } from '../../components/side-panel';
import { Button, Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { useUi } from '../../state/ui-store';

const LABEL: Record<AccountView['provider'], string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

/** Compared the way main stores addresses (no trailing slash), so an untouched field sends nothing. */
function sameAddress(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

/**
 * Rename an upstream account, point it at another API address or paste a new key (after a
 * rotation at the upstream). The current key never reaches the window: only its masked hint.
 * Main checks a new key or address with the upstream before it replaces the old one, so a
 * refusal leaves the account exactly as it was.
 */
export function EditAccountForm({ account, onClose, onSaved }: { account: AccountView; onClose(): void; onSaved(): void }) {
  const [name, setName] = useState(account.name);
  const [baseUrl, setBaseUrl] = useState(account.baseUrl);
  const [apiKey, setApiKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const notify = useUi((s) => s.notify);
  const upstream = LABEL[account.provider];
  // The embedded sandbox's address changes with its port on every start and its key is the
  // sandbox's own: the app keeps both in step, so only the name is the reseller's to change.
  const managed = account.isSandbox;
  const newKey = apiKey.trim() !== '';
  const newAddress = !managed && !sameAddress(baseUrl, account.baseUrl);
  const checking = busy && (newKey || newAddress);

  function clearError(field: string) {
    if (errors[field] || errors._form) setErrors(({ [field]: _, _form: __, ...rest }) => rest);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = {
      id: account.id,
      ...(name.trim() !== account.name ? { name } : {}),
      ...(newAddress ? { baseUrl } : {}),
      ...(!managed && newKey ? { apiKey } : {}),
    };
    if (Object.keys(input).length === 1) {
      onClose();
      return;
    }
    const checked = validate(accountsChannels['accounts:update'].input, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const saved = await call('accounts:update', checked.value);
      notify('success', input.apiKey ? `${saved.name} saved. Key ${saved.keyHint ?? ''} replaced the old one in your keychain.` : `${saved.name} saved.`);
      onSaved();
    } catch (err) {
      const refused = serverErrors(err);
      // A refusal naming no field while only the address changed is about the address.
      if (refused._form && newAddress && !newKey) setErrors({ baseUrl: refused._form });
      else setErrors(refused);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SidePanel
      title={`Edit ${account.name}`}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="edit-account-form" variant="primary" busy={busy}>
            {newKey || newAddress ? 'Check and save' : 'Save changes'}
          </Button>
        </>
      }
    >
      <form id="edit-account-form" className="form-grid" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Edit ${account.name}`}>
        <div className="span-2">
          <Field label="Display name" htmlFor="edit-account-name" error={errors.name} hint="How this account is shown in the app">
            <input
              id="edit-account-name"
              type="text"
              value={name}
              disabled={busy}
              onChange={(e) => (setName(e.target.value), clearError('name'))}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? 'edit-account-name-error' : undefined}
            />
          </Field>
        </div>
        {managed ? (
          <p className="span-2 muted small">
            This is the built-in sandbox: Reseller Desk points it at the sandbox&apos;s address each time it starts and keeps its key (key{' '}
            <span className="mono">{account.keyHint ?? '—'}</span>), so only the name can change here.
            {account.provider === 'whozex' && ' To get a new key, use Regenerate key.'}
          </p>
        ) : (
          <>
            <div className="span-2">
              <Field label="API address" htmlFor="edit-account-url" error={errors.baseUrl} hint={`Where ${upstream}'s API answers; it usually ends in /v1`}>
                <input
                  id="edit-account-url"
                  type="text"
                  className="mono"
                  value={baseUrl}
                  disabled={busy}
                  spellCheck={false}
                  onChange={(e) => (setBaseUrl(e.target.value), clearError('baseUrl'))}
                  aria-invalid={errors.baseUrl ? true : undefined}
                  aria-describedby={errors.baseUrl ? 'edit-account-url-error' : undefined}
                />
              </Field>
            </div>
            <div className="span-2">
              <Field
                label="New API key"
                htmlFor="edit-account-key"
                error={errors.apiKey}
                hint={
                  <>
                    Current key <span className="mono" data-testid="current-key-hint">{account.keyHint ?? '—'}</span>. Leave blank to keep it; a new key is checked with{' '}
                    {upstream} before it replaces the current one.
                  </>
                }
              >
                <input
                  id="edit-account-key"
                  type="password"
                  className="mono"
                  value={apiKey}
                  disabled={busy}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="Paste the new key"
                  onChange={(e) => (setApiKey(e.target.value), clearError('apiKey'))}
                  aria-invalid={errors.apiKey ? true : undefined}
                  aria-describedby={errors.apiKey ? 'edit-account-key-error' : undefined}
                />
              </Field>
            </div>
          </>
        )}
        {checking && (
          <p className="span-2 muted small" role="status">
            Checking with {upstream}… Nothing changes until it answers.
          </p>
        )}
        <FormError message={errors._form} />
      </form>
    </SidePanel>
  );
}
