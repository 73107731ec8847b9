import { useState, type FormEvent } from 'react';
import { accountsChannels, DEFAULT_BASE_URLS, PROVIDER_KINDS, type ProviderKindName } from '../../../../shared/contract/accounts';
import { call } from '../../api/client';
import { CancelSubmit, FormError } from '../../components/form-parts';
import { Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { parseAmountInput } from '../../lib/money-input';
import { useUi } from '../../state/ui-store';

const LABEL: Record<ProviderKindName, string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

/**
 * Add an upstream account with its API key, or (Proxies.sx) by signing in once: main
 * checks the key with the upstream before anything is stored.
 */
export function AddAccountForm({ onCancel, onAdded }: { onCancel(): void; onAdded(): void }) {
  const [provider, setProvider] = useState<ProviderKindName>('proxies-sx');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [opening, setOpening] = useState('');
  const [useLogin, setUseLogin] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const notify = useUi((s) => s.notify);
  const login = useLogin && provider === 'proxies-sx';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const common = { name: name.trim() || `${LABEL[provider]}`, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) };
    // Proxies.sx documents no balance endpoint: the balance typed here opens the books if
    // this account's upstream turns out not to report it (main decides after its check).
    let openingBalance: number | undefined;
    if (!login && provider === 'proxies-sx' && opening.trim() !== '') {
      const parsed = parseAmountInput(opening);
      if (!parsed.ok) {
        setErrors({ openingBalance: parsed.reason });
        return;
      }
      openingBalance = parsed.minor;
    }
    const input = login ? { ...common, email, password } : { ...common, provider, apiKey, ...(openingBalance !== undefined ? { openingBalance } : {}) };
    const checked = login ? validate(accountsChannels['accounts:login-proxies-sx'].input, input) : validate(accountsChannels['accounts:add'].input, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const account = login ? await call('accounts:login-proxies-sx', input as never) : await call('accounts:add', input as never);
      notify('success', `${account.name} connected. Key ${account.keyHint ?? ''} is in your keychain.`);
      onAdded();
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <form className="add-account form-grid" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Add an upstream account">
      <Field label="Upstream" htmlFor="account-provider" error={errors.provider}>
        <select id="account-provider" value={provider} onChange={(e) => setProvider(e.target.value as ProviderKindName)}>
          {PROVIDER_KINDS.map((p) => (
            <option key={p} value={p}>
              {LABEL[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Display name" htmlFor="account-name" error={errors.name} hint="How this account is shown in the app">
        <input id="account-name" type="text" value={name} placeholder={`Main ${LABEL[provider]}`} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="span-2">
        <Field label="API address" htmlFor="account-url" error={errors.baseUrl} hint={`Leave blank for ${DEFAULT_BASE_URLS[provider]}`}>
          <input id="account-url" type="text" className="mono" value={baseUrl} placeholder={DEFAULT_BASE_URLS[provider]} onChange={(e) => setBaseUrl(e.target.value)} />
        </Field>
      </div>
      {provider === 'proxies-sx' && (
        <label className="check span-2">
          <input type="checkbox" checked={useLogin} onChange={(e) => setUseLogin(e.target.checked)} />
          Sign in with email and password instead (a key is created for Reseller Desk; the password is not kept)
        </label>
      )}
      {login ? (
        <>
          <Field label="Email" htmlFor="account-email" error={errors.email}>
            <input id="account-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Password" htmlFor="account-password" error={errors.password}>
            <input id="account-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          </Field>
        </>
      ) : (
        <div className="span-2">
          <Field label="API key" htmlFor="account-key" error={errors.apiKey} hint="Checked with the upstream, then stored in your system keychain only.">
            <input id="account-key" type="password" className="mono" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          {provider === 'proxies-sx' && (
            <Field
              label="Your balance at Proxies.sx now (optional)"
              htmlFor="account-opening"
              error={errors.openingBalance}
              hint="Proxies.sx documents no balance endpoint. If its API does not report your balance, this opens your books; you can correct it later."
            >
              <input id="account-opening" type="text" inputMode="decimal" value={opening} placeholder="0.00" onChange={(e) => setOpening(e.target.value)} />
            </Field>
          )}
        </div>
      )}
      <FormError message={errors._form} />
      <CancelSubmit className="span-2 button-row end" submit={login ? 'Sign in and connect' : 'Check key and connect'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
