/**
 * The words for each assumed capability: its label, and what the reseller is told when the
 * upstream lacks it. One place, so every screen and CLI command says the same thing.
 */
import type { AssumedCapability } from './routes';

export const CAPABILITY_LABELS: Record<AssumedCapability, string> = {
  balance: 'Reporting your balance',
  transactions: 'Listing your transactions',
  customerRead: 'Reading one customer by id',
  customerUpdate: 'Editing a customer',
  customerSuspend: 'Suspending and reactivating a customer',
  portRead: 'Reading one port by id',
  portExtend: 'Extending (renewing) a port',
  webhookList: 'Listing webhooks',
  webhookDelete: 'Deleting a webhook',
  cities: 'Listing cities of a country',
};

/** The sentence shown wherever the capability is needed and absent: nothing was changed. */
export function absentMessage(upstream: string, accountName: string, cap: AssumedCapability): string {
  const on = `for '${accountName}'`;
  switch (cap) {
    case 'balance':
      return `${upstream} does not report your balance through its API: the balance shown is from your books. Enter your opening balance, or correct it, in Settings → Upstream accounts (or: reseller-desk accounts set-balance).`;
    case 'transactions':
      return `${upstream} does not list your transactions through its API: the statement shown is from your books.`;
    case 'customerRead':
      return `${upstream} does not return one customer by id through its API ${on}: Reseller Desk looks the customer up in the customer list instead.`;
    case 'customerUpdate':
      return `${upstream} does not offer editing a customer through its API ${on}: nothing was changed. Change it in the ${upstream} dashboard.`;
    case 'customerSuspend':
      return `${upstream} does not offer suspending or reactivating a customer through its API ${on}: nothing was changed. Do it in the ${upstream} dashboard.`;
    case 'portRead':
      return `${upstream} does not return one port by id through its API ${on}: Reseller Desk looks the port up in the port list instead.`;
    case 'portExtend':
      return `${upstream} does not offer extending a port through its API ${on}: nothing was charged, booked or changed. Create a new port, or extend it in the ${upstream} dashboard.`;
    case 'webhookList':
      return `${upstream} does not list webhooks through its API ${on}: Reseller Desk keeps track of the webhooks it registered itself.`;
    case 'webhookDelete':
      return `${upstream} does not offer deleting a webhook through its API ${on}: nothing was changed. Delete old webhooks in the ${upstream} dashboard.`;
    case 'cities':
      return `${upstream} does not list cities through its API ${on}: choose a country (and carrier); ${upstream} picks the city.`;
  }
}

/** Shown for a capability not learned yet. */
export function unknownMessage(upstream: string, kind: 'read' | 'write'): string {
  return kind === 'write'
    ? `Not documented by ${upstream}: tried on first use. If ${upstream} does not know the route, it is turned off and nothing is charged or booked.`
    : `Not documented by ${upstream} and not checked yet: Reseller Desk relies only on documented routes until it is.`;
}

export function presentMessage(upstream: string): string {
  return `Not documented by ${upstream}, but this account's upstream offers it.`;
}
