import { useState, type ReactNode } from 'react';
import type { PortView } from '../../../../shared/contract/proxies';
import { call } from '../../api/client';
import { Button } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { AmountDialog } from './amount-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { useRowAction } from './row-action';

export const portName = (p: PortView): string => p.label ?? p.upstreamId;

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
          onClose={() => setExtending(null)}
          onSubmit={async (days) => {
            const r = await call('proxies:extend', { serviceId: extending.serviceId, days });
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
