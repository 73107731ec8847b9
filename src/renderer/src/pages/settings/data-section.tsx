import type { AppInfo } from '../../../../shared/contract/app';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/ui';

export function DataSection() {
  const info = useQuery<AppInfo>('app:info', () => call('app:info'));
  return (
    <section className="card" aria-labelledby="data-h">
      <h2 id="data-h">Your data</h2>
      <Loading active={info.loading} />
      {info.error && <ErrorMessage onRetry={info.reload}>{info.error}</ErrorMessage>}
      {info.data && (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd className="mono" data-testid="data-folder">{info.data.dataDir}</dd>
          <dt>Ledger file</dt>
          <dd className="mono">{info.data.ledgerFile}</dd>
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
        </dl>
      )}
      <p className="muted small">
        API keys are not in this folder: they live in your operating system&apos;s keychain. To move the data folder, start the app with
        <code> RESELLER_DESK_DATA_DIR</code> set.
      </p>
    </section>
  );
}
