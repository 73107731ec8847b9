import { useState } from 'react';
import { Link } from 'wouter';
import type { CustomerDetail } from '../../../../shared/contract/customers';
import { call, hasChannel } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Button, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { CreatePackagePanel } from '../proxies/create-package-panel';
import { CreatePortPanel } from '../proxies/create-port-panel';
import { createdNotice } from '../proxies/created-notice';
import { usePackageActions } from '../proxies/package-actions';
import { usePortActions } from '../proxies/port-actions';
import { CustomerPackages } from './customer-packages';
import { CustomerPorts } from './customer-ports';

/** As many as a customer page lists; the Proxies page (searched by name) has the rest. */
const SHOWN = 50;

/**
 * The customer's ports and packages with what can be done to each, and "new" for both,
 * opened here with the customer already chosen so the reseller never leaves the customer.
 */
export function CustomerServices({ c }: { c: CustomerDetail }) {
  const notify = useUi((s) => s.notify);
  const [creating, setCreating] = useState<'port' | 'package' | null>(null);
  const ports = useQuery(`c-ports:${c.id}`, () => call('proxies:list', { customerId: c.id, limit: SHOWN }), { enabled: hasChannel('proxies:list') });
  const packages = useQuery(`c-packages:${c.id}`, () => call('packages:list', { customerId: c.id, limit: SHOWN }), { enabled: hasChannel('packages:list') });
  const portActions = usePortActions(ports.reload);
  const packageActions = usePackageActions(packages.reload);
  useEvent('event:services-changed', (e) => {
    if (e.customerId !== c.id) return;
    if (e.kind === 'port') ports.reload();
    else packages.reload();
  });

  const portItems = ports.data?.items ?? [];
  const packageItems = packages.data?.items ?? [];
  const canCreatePort = hasChannel('proxies:create');
  const canCreatePackage = hasChannel('packages:create');
  const commands: Command[] = [];
  if (canCreatePort) commands.push({ id: 'customer:new-port', label: `New port for ${c.name}`, group: 'This customer', keywords: 'create proxy mobile proxies.sx', run: () => setCreating('port') });
  if (canCreatePackage) commands.push({ id: 'customer:new-package', label: `New package for ${c.name}`, group: 'This customer', keywords: 'create traffic gb whozex', run: () => setCreating('package') });
  if (portItems.length > 0) {
    commands.push({ id: 'customer:copy-ports', label: `Copy credentials of ${c.name}'s ports`, group: 'This customer', keywords: 'clipboard proxy list', run: () => portActions.copyCredentials(portItems.map((p) => p.serviceId)) });
  }
  if (packageItems.length > 0) {
    commands.push({ id: 'customer:copy-packages', label: `Copy credentials of ${c.name}'s packages`, group: 'This customer', keywords: 'clipboard proxy list', run: () => packageActions.copyCredentials(packageItems.map((p) => p.serviceId)) });
  }
  useRegisterCommands('customer-services', commands);

  const loaded = (ports.data || !hasChannel('proxies:list')) && (packages.data || !hasChannel('packages:list'));
  const more = (ports.data?.total ?? 0) - portItems.length + (packages.data?.total ?? 0) - packageItems.length;
  const actionError = portActions.rotate.error ?? packageActions.refresh.error;
  return (
    <section className="card" aria-labelledby="services-h">
      <div className="card-head">
        <h2 id="services-h">Proxies and packages</h2>
        <span className="button-row">
          {canCreatePort && (
            <Button small onClick={() => setCreating('port')}>
              New port
            </Button>
          )}
          {canCreatePackage && (
            <Button small onClick={() => setCreating('package')}>
              New package
            </Button>
          )}
        </span>
      </div>
      <Loading active={!loaded && !ports.error && !packages.error} label="Loading services…" />
      {ports.error && <ErrorMessage onRetry={ports.reload}>{ports.error}</ErrorMessage>}
      {packages.error && <ErrorMessage onRetry={packages.reload}>{packages.error}</ErrorMessage>}
      {actionError && <ErrorMessage>{actionError}</ErrorMessage>}
      {loaded && portItems.length === 0 && packageItems.length === 0 && (
        <EmptyState icon="proxies" title="No proxy or package yet">
          <p>
            Sell {c.name} a dedicated port (billed per day) or a traffic package (by the GB) with New port or New package: you see the price and your margin
            before confirming.
          </p>
        </EmptyState>
      )}
      {portItems.length > 0 && <CustomerPorts ports={portItems} actions={portActions} />}
      {packageItems.length > 0 && <CustomerPackages packages={packageItems} actions={packageActions} />}
      {more > 0 && (
        <p className="small">
          {plural(more, 'more service')} not listed here: <Link href="~/proxies">see them on the Proxies page</Link> (search for {c.name}).
        </p>
      )}
      {portActions.dialogs}
      {packageActions.dialogs}
      {creating === 'port' && (
        <CreatePortPanel
          customer={c}
          onClose={() => setCreating(null)}
          onCreated={(r) => {
            setCreating(null);
            notify('success', createdNotice('Port', r.port, r.sale));
          }}
        />
      )}
      {creating === 'package' && (
        <CreatePackagePanel
          customer={c}
          onClose={() => setCreating(null)}
          onCreated={(r) => {
            setCreating(null);
            notify('success', createdNotice('Package', r.package, r.sale));
          }}
        />
      )}
    </section>
  );
}
