import { hasChannel } from '../../api/client';
import { Planned } from '../../components/planned';
import { PageHeader } from '../../components/ui';
import { AccountsSection } from './accounts-section';
import { AlertRulesSection } from './alert-rules-section';
import { AppearanceSection } from './appearance-section';
import { BackupsSection } from './backups-section';
import { DataSection } from './data-section';
import { PollingSection } from './polling-section';
import { SandboxSection } from './sandbox-section';
import { SupportSection } from './support-section';
import { WebhooksSection } from './webhooks-section';

export function SettingsPage() {
  return (
    <div className="page">
      <PageHeader title="Settings" subtitle="Upstream accounts, appearance, syncing and your data." />
      <div className="settings-grid">
        {hasChannel('accounts:list') ? (
          <AccountsSection />
        ) : (
          <section className="card span-all" aria-labelledby="accounts-h">
            <h2 id="accounts-h">Upstream accounts</h2>
            <Planned
              icon="settings"
              title="Connecting upstream accounts arrives with the provider clients"
              items={['Add a Proxies.sx or Whozex account; the key is checked before it is saved', 'Keys live in your OS keychain and are only ever shown masked', 'Regenerate or remove a key']}
            />
          </section>
        )}
        <AppearanceSection />
        <PollingSection />
        {hasChannel('alert-rules:list') && <AlertRulesSection />}
        {hasChannel('webhooks:status') && <WebhooksSection />}
        <DataSection />
        {hasChannel('backups:list') && <BackupsSection />}
        {hasChannel('logs:error-report') && <SupportSection />}
        {hasChannel('sandbox:status') && <SandboxSection />}
      </div>
    </div>
  );
}
