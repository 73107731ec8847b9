import { hasChannel } from '../../api/client';
import { Planned } from '../../components/planned';
import { PageHeader } from '../../components/ui';
import { AlertsSection } from './alerts-section';
import { InboxSection } from './inbox-section';
import { OperationsSection } from './operations-section';
import { SyncEventsSection } from './sync-events-section';

/**
 * What happened: alerts to act on, upstream operations still waiting to be settled (main's
 * errors send the reseller here: "see Events → Upstream operations"), the event inbox
 * (webhooks, polling, local operations) and the changes and conflicts the sync found.
 * Each part appears when main serves it.
 */
export function EventsPage() {
  const alerts = hasChannel('alerts:list');
  const inbox = hasChannel('events:list');
  const sync = hasChannel('sync:events');
  const operations = hasChannel('operations:list');
  return (
    <div className="page">
      <PageHeader title="Events" subtitle="What happened at your upstreams and in your books, and the alerts you set." />
      {alerts && <AlertsSection />}
      {operations && <OperationsSection />}
      {inbox && <InboxSection />}
      {sync && <SyncEventsSection />}
      {!inbox && (
        <Planned
          icon="events"
          title={sync ? 'The full event inbox arrives with the webhook listener and the poller' : 'Events and alerts arrive with the webhook listener and the poller'}
          items={[
            'Every webhook delivery and every polled change in one list, with filters and raw payloads',
            'Alert rules for low balances and expiring proxies, with acknowledge',
            'Desktop notifications and a tray badge when something needs you',
          ]}
        />
      )}
    </div>
  );
}
