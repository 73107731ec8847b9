import { Planned } from '../components/planned';
import { PageHeader } from '../components/ui';

/** Proxies.sx ports and Whozex packages (issue 5 builds the services, issue 7 this screen). */
export function ProxiesPage() {
  return (
    <div className="page">
      <PageHeader title="Proxies" subtitle="Ports and traffic packages you resell, across every upstream account." />
      <Planned
        icon="proxies"
        title="Proxies and packages arrive with the reseller operations"
        items={[
          'Create a port or a GB package with a live quote: cost, price, margin and the rules applied',
          'Lists with status, expiry and remaining GB; rotate, extend and add GB',
          'Copy credentials in the format you choose, one or many at once',
        ]}
      >
        <p className="muted">Meanwhile: add your customers and set your prices, so the first proxy is one click away.</p>
      </Planned>
    </div>
  );
}
