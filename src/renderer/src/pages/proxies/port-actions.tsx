import { useMemo, useState, type ReactNode } from 'react';
import type { Quote } from '../../../../shared/contract/pricing';
import type { PortView } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { Button } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { useRowAction } from '../../api/row-action';

export const portName = (p: PortView): string => p.label ?? p.upstreamId;

/** The price of added days, as main quotes an extension (the port's country and type, the customer's discount). */
function extendQuote(port: PortView): ((days: number) => Promise<Quote>) | undefined {
  const country = port.country;
  if (!country) return undefined;
  return (days) => call('proxies:quote', { country, days, isPrivate: port.isPrivate, customerId: port.customerId });
}

/**
 * What can be done to a port wherever ports are listed (the Proxies page, a customer's
 * page): copy its credentials, rotate its IP, extend it. `dialogs` must be rendered by the
 * list; `onChanged` reloads it after a change.
 */
export function usePortActions(onChanged: () => void) {
  const notify = useUi((s) => s.notify);
  const [creds, setCreds] = useState<string[] | null>(null);
  const [extending, setExtending] = useState<PortView | null>(null);
  const rotate = useRowAction(
    (p: PortView) => p.serviceId,
    async (p) => {
      await call('proxies:rotate', { serviceId: p.serviceId });
      notify('success', `New IP requested for ${portName(p)}.`);
      onChanged();
    },
  );

  // One function per dialog opened, so the live quote asks again only when the days change.
  const extendingQuote = useMemo(() => (extending ? extendQuote(extending) : undefined), [extending]);
  const dialogs: ReactNode = (
    <>
      {creds && <CredentialsDialog serviceIds={creds} packages={false} onClose={() => setCreds(null)} />}
      {extending && (
        <AmountDialog
          title={`Extend ${portName(extending)}`}
          label="Days to add"
          initial="30"
          submit="Extend"
          help={`${extending.customerName ?? 'The customer'} is charged at your pricebook's price for the added days.`}
          quote={extendingQuote}
          onClose={() => setExtending(null)}
          onSubmit={async (days, confirmBelowCost, charge) => {
            const r = await call('proxies:extend', { serviceId: extending.serviceId, days, confirmBelowCost, ...charge });
            setExtending(null);
            notify('success', `Extended to ${formatDate(r.port.expiresAt)}.`);
            onChanged();
          }}
        />
      )}
    </>
  );
  return { copyCredentials: setCreds, extend: setExtending, rotate, dialogs };
}

export type PortActions = ReturnType<typeof usePortActions>;

/** A port row's buttons; each row's Rotate spins on its own. */
export function PortActionButtons({ port, actions }: { port: PortView; actions: PortActions }) {
  return (
    <>
      <Button small variant="ghost" onClick={() => actions.copyCredentials([port.serviceId])}>
        Copy
      </Button>
      <Button small variant="ghost" busy={actions.rotate.isBusy(port)} onClick={() => void actions.rotate.run(port)}>
        Rotate
      </Button>
      <Button small variant="ghost" onClick={() => actions.extend(port)}>
        Extend…
      </Button>
    </>
  );
}
