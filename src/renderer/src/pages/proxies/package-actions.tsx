import { useMemo, useState, type ReactNode } from 'react';
import { PROXY_TYPES, type PackageView } from '../../../../shared/contract/packages';
import type { Quote } from '../../../../shared/contract/pricing';
import { call } from '../../api/client';
import { Button } from '../../components/ui';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { gbText } from './gb-text';
import { useRowAction } from '../../api/row-action';

/** The price of added GB, as main quotes it (the package's account and type, the customer's discount). */
function addGbQuote(pkg: PackageView): (gb: number) => Promise<Quote> {
  const proxyType = PROXY_TYPES.find((t) => t === pkg.proxyType) ?? 'residential';
  return (gb) => call('packages:quote', { accountId: pkg.accountId, gb, proxyType, customerId: pkg.customerId });
}

/**
 * What can be done to a package wherever packages are listed (the Proxies page, a
 * customer's page): copy its credentials with targeting, add GB, read the remaining GB
 * again, open its usage. The list renders `dialogs` and, under the row `usageOf`
 * names, the usage chart (not imported here: recharts loads only where it is shown).
 */
export function usePackageActions(onChanged: () => void) {
  const notify = useUi((s) => s.notify);
  const [creds, setCreds] = useState<string[] | null>(null);
  const [adding, setAdding] = useState<PackageView | null>(null);
  const [usageOf, setUsageOf] = useState<string | null>(null);
  const refresh = useRowAction(
    (p: PackageView) => p.serviceId,
    async (p) => {
      const v = await call('packages:refresh', { serviceId: p.serviceId });
      notify('success', `${gbText(v.remainingGbMilli)} left of ${gbText(v.totalGbMilli)}.`);
      onChanged();
    },
  );

  // One function per dialog opened, so the live quote asks again only when the GB change.
  const addingQuote = useMemo(() => (adding ? addGbQuote(adding) : undefined), [adding]);
  const dialogs: ReactNode = (
    <>
      {creds && <CredentialsDialog serviceIds={creds} packages onClose={() => setCreds(null)} />}
      {adding && (
        <AmountDialog
          title={`Add GB to ${adding.upstreamId}`}
          label="GB to add"
          initial="5"
          submit="Add GB"
          help={`${adding.customerName ?? 'The customer'} is charged at your pricebook's price per GB.`}
          quote={addingQuote}
          onClose={() => setAdding(null)}
          onSubmit={async (gb, confirmBelowCost, charge) => {
            const r = await call('packages:add-gb', { serviceId: adding.serviceId, gb, confirmBelowCost, ...charge });
            setAdding(null);
            notify('success', `Added ${gb} GB: ${gbText(r.package.remainingGbMilli)} left.`);
            onChanged();
          }}
        />
      )}
    </>
  );
  const toggleUsage = (serviceId: string) => setUsageOf((open) => (open === serviceId ? null : serviceId));
  return { copyCredentials: setCreds, addGb: setAdding, refresh, usageOf, toggleUsage, dialogs };
}

export type PackageActions = ReturnType<typeof usePackageActions>;

/** A package row's buttons; each row's Refresh spins on its own. */
export function PackageActionButtons({ pkg, actions }: { pkg: PackageView; actions: PackageActions }) {
  return (
    <>
      <Button small variant="ghost" onClick={() => actions.copyCredentials([pkg.serviceId])}>
        Copy
      </Button>
      <Button small variant="ghost" onClick={() => actions.addGb(pkg)}>
        Add GB…
      </Button>
      <Button small variant="ghost" aria-expanded={actions.usageOf === pkg.serviceId} onClick={() => actions.toggleUsage(pkg.serviceId)}>
        Usage
      </Button>
      <Button small variant="ghost" busy={actions.refresh.isBusy(pkg)} onClick={() => void actions.refresh.run(pkg)}>
        Refresh
      </Button>
    </>
  );
}
