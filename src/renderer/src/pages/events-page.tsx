import { Planned } from '../components/planned';
import { PageHeader } from '../components/ui';

/** The event inbox and alert rules (issue 6 builds the services). */
export function EventsPage() {
  return (
    <div className="page">
      <PageHeader title="Events" subtitle="What happened at your upstreams and in your books, and the alerts you set." />
      <Planned
        icon="events"
        title="Events and alerts arrive with the webhook listener and the poller"
        items={[
          'Every webhook delivery and every polled change in one list, with filters and raw payloads',
          'Alert rules for low balances and expiring proxies, with acknowledge',
          'Desktop notifications and a tray badge when something needs you',
        ]}
      />
    </div>
  );
}
