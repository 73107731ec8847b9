import type { KeyboardEvent } from 'react';
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
      <ProxiesTabs tab={tab} onSelect={(t) => navigate(TABS[t].href)} />
      <div role="tabpanel" id={`proxies-panel-${tab}`} aria-labelledby={`proxies-tab-${tab}`}>
        {tab === 'ports' ? <PortsTab onNew={() => navigate('/new')} /> : <PackagesTab onNew={() => navigate('/packages/new')} />}
      </div>
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

type Tab = 'ports' | 'packages';

const TABS: Record<Tab, { label: string; href: string }> = {
  ports: { label: 'Ports (Proxies.sx)', href: '/' },
  packages: { label: 'Packages (Whozex)', href: '/packages' },
};
const ORDER: Tab[] = ['ports', 'packages'];

/**
 * Ports and Packages as tabs (the WAI-ARIA pattern): Tab enters on the chosen one, the
 * arrows (and Home/End) move and open the other at once, as each is its own page.
 */
function ProxiesTabs({ tab, onSelect }: { tab: Tab; onSelect(tab: Tab): void }) {
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = ORDER.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? ORDER[(at + 1) % ORDER.length] : e.key === 'ArrowLeft' ? ORDER[(at - 1 + ORDER.length) % ORDER.length] : e.key === 'Home' ? ORDER[0] : e.key === 'End' ? ORDER[ORDER.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    // Both tabs stay mounted across the route change, so focus moved now stays put.
    document.getElementById(`proxies-tab-${next}`)?.focus();
    if (next !== tab) onSelect(next);
  }
  return (
    <div className="tab-list" role="tablist" aria-label="Kind" onKeyDown={onKeyDown}>
      {ORDER.map((t) => (
        <Link
          key={t}
          href={TABS[t].href}
          id={`proxies-tab-${t}`}
          role="tab"
          aria-selected={t === tab}
          // Only the open tab's panel is in the page.
          aria-controls={t === tab ? `proxies-panel-${t}` : undefined}
          tabIndex={t === tab ? 0 : -1}
          className="tab"
        >
          {TABS[t].label}
        </Link>
      ))}
    </div>
  );
}
