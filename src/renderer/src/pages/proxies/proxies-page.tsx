import { Link, Route, Switch, useLocation } from 'wouter';
import { hasChannel } from '../../api/client';
import { useRegisterCommands } from '../../app/commands';
import { Icon } from '../../components/icons';
import { Planned } from '../../components/planned';
import { Button, PageHeader } from '../../components/ui';
import { useUi } from '../../state/ui-store';
import { createdNotice } from './created-notice';
import { CreatePackagePanel } from './create-package-panel';
import { CreatePortPanel } from './create-port-panel';
import { PackagesTab } from './packages-tab';
import { PortsTab } from './ports-tab';

/** Routes under /proxies: ports (and "new"), packages (and "new"). */
export function ProxiesPage() {
  if (!hasChannel('proxies:list') && !hasChannel('packages:list')) {
    return (
      <div className="page">
        <PageHeader title="Proxies" subtitle="Ports and traffic packages you resell, across every upstream account." />
        <Planned
          icon="proxies"
          title="Proxies and packages arrive with the reseller operations"
          items={['Create a port or a GB package with a live quote', 'Lists with status, expiry and remaining GB; rotate, extend and add GB', 'Copy credentials in the format you choose']}
        />
      </div>
    );
  }
  return (
    <Switch>
      <Route path="/packages/new">
        <Proxies tab="packages" creating />
      </Route>
      <Route path="/packages">
        <Proxies tab="packages" creating={false} />
      </Route>
      <Route path="/new">
        <Proxies tab="ports" creating />
      </Route>
      <Route>
        <Proxies tab="ports" creating={false} />
      </Route>
    </Switch>
  );
}

function Proxies({ tab, creating }: { tab: 'ports' | 'packages'; creating: boolean }) {
  const [, navigate] = useLocation();
  const notify = useUi((s) => s.notify);
  const base = tab === 'ports' ? '' : '/packages';
  useRegisterCommands(
    'proxies-page',
    tab === 'ports'
      ? [{ id: 'proxies:show-packages', label: 'Show packages (Whozex)', group: 'Proxies', keywords: 'tab traffic gb', run: () => navigate('/packages') }]
      : [{ id: 'proxies:show-ports', label: 'Show ports (Proxies.sx)', group: 'Proxies', keywords: 'tab mobile', run: () => navigate('/') }],
  );
  return (
    <div className="page">
      <PageHeader
        title="Proxies"
        subtitle="Ports and traffic packages you resell, across every upstream account."
        actions={
          <Button variant="primary" onClick={() => navigate(`${base}/new`)}>
            <Icon name="plus" size={16} /> {tab === 'ports' ? 'New port' : 'New package'}
          </Button>
        }
      />
      <div className="tab-list" role="tablist" aria-label="Kind">
        <Link href="/" role="tab" aria-selected={tab === 'ports'} className="tab">
          Ports (Proxies.sx)
        </Link>
        <Link href="/packages" role="tab" aria-selected={tab === 'packages'} className="tab">
          Packages (Whozex)
        </Link>
      </div>
      {tab === 'ports' ? <PortsTab onNew={() => navigate('/new')} /> : <PackagesTab onNew={() => navigate('/packages/new')} />}
      {creating && tab === 'ports' && (
        <CreatePortPanel
          onClose={() => navigate('/')}
          onCreated={(r) => {
            notify('success', createdNotice('Port', r.port, r.sale));
            navigate('/');
          }}
        />
      )}
      {creating && tab === 'packages' && (
        <CreatePackagePanel
          onClose={() => navigate('/packages')}
          onCreated={(r) => {
            notify('success', createdNotice('Package', r.package, r.sale));
            navigate('/packages');
          }}
        />
      )}
    </div>
  );
}
