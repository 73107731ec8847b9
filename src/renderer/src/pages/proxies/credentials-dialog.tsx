import { useState } from 'react';
import { CREDENTIAL_FORMATS, type CredentialFormat } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { useUi } from '../../state/ui-store';
import { useModal } from '../../components/use-modal';

const FORMAT_LABEL: Record<CredentialFormat, string> = {
  'host:port:user:pass': 'host:port:user:pass',
  'user:pass@host:port': 'user:pass@host:port',
  'http-url': 'http:// URL',
  'socks5-url': 'socks5:// URL',
  curl: 'curl command',
};

/** Credentials of one or many services in the chosen format, formatted by main, copied in one click. */
export function CredentialsDialog({ serviceIds, packages, onClose }: { serviceIds: string[]; packages: boolean; onClose(): void }) {
  const ref = useModal();
  const [format, setFormat] = useState<CredentialFormat>('host:port:user:pass');
  const [protocol, setProtocol] = useState<'http' | 'socks5'>('http');
  const [country, setCountry] = useState('');
  const [city, setCity] = useState('');
  const notify = useUi((s) => s.notify);
  const input = {
    serviceIds,
    format,
    protocol,
    ...(packages && /^[A-Za-z]{2}$/.test(country) ? { country } : packages && country.toLowerCase() === 'any' ? { country: 'any' as const } : {}),
    ...(packages && city.trim() ? { city: city.trim() } : {}),
  };
  const creds = useQuery(`creds:${JSON.stringify(input)}`, () => call('credentials:format', input));

  async function copy() {
    if (!creds.data) return;
    try {
      await navigator.clipboard.writeText(creds.data.text);
      notify('success', `Copied ${serviceIds.length === 1 ? 'the credentials' : `${serviceIds.length} credentials`} (${FORMAT_LABEL[format]}).`);
      onClose();
    } catch {
      notify('error', 'The clipboard refused; select the text and copy it.');
    }
  }

  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="creds-title" onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id="creds-title">Credentials ({serviceIds.length})</h2>
      <div className="form-grid">
        <Field label="Format" htmlFor="creds-format">
          <select id="creds-format" value={format} onChange={(e) => setFormat(e.target.value as CredentialFormat)}>
            {CREDENTIAL_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </Field>
        {!packages && (
          <Field label="Listener" htmlFor="creds-protocol">
            <select id="creds-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as 'http' | 'socks5')}>
              <option value="http">HTTP</option>
              <option value="socks5">SOCKS5</option>
            </select>
          </Field>
        )}
        {packages && (
          <>
            <Field label="Target country" htmlFor="creds-country" hint="Two letters, or any">
              <input id="creds-country" type="text" maxLength={3} value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
            </Field>
            <Field label="Target city" htmlFor="creds-city" hint="Optional">
              <input id="creds-city" type="text" value={city} onChange={(e) => setCity(e.target.value)} />
            </Field>
          </>
        )}
      </div>
      {creds.error && <ErrorMessage>{creds.error}</ErrorMessage>}
      <textarea className="report" readOnly rows={Math.min(10, Math.max(3, serviceIds.length + 1))} value={creds.data?.text ?? ''} aria-label="Credentials text" />
      <div className="dialog-actions">
        <Button onClick={onClose}>Close</Button>
        <Button variant="primary" disabled={!creds.data} onClick={() => void copy()}>
          Copy
        </Button>
      </div>
    </dialog>
  );
}
