/**
 * The normalized event types main records (webhooks, polling, the app's own operations),
 * in plain words for the type filter. Types main does not know yet arrive as
 * `upstream.<name>` and are found with the text search.
 */
/** Where an event came from, in words (filters, the inbox, a customer's timeline). */
export const EVENT_SOURCE_LABEL: Record<string, string> = { webhook: 'Webhook', poll: 'Polling', local: 'This app' };

export interface EventTypeGroup {
  /** Filter value meaning "any type of this group". */
  id: string;
  label: string;
  /** The option that takes the whole group. */
  any: string;
  types: { type: string; label: string }[];
}

export const EVENT_TYPE_GROUPS: EventTypeGroup[] = [
  {
    id: 'group:port',
    label: 'Proxies',
    any: 'Any proxy event',
    types: [
      { type: 'port.created', label: 'Proxy created' },
      { type: 'port.extended', label: 'Proxy extended' },
      { type: 'port.expiring', label: 'Proxy expiring' },
      { type: 'port.expired', label: 'Proxy expired' },
      { type: 'port.rotated', label: 'Proxy IP changed' },
    ],
  },
  {
    id: 'group:package',
    label: 'Packages',
    any: 'Any package event',
    types: [
      { type: 'package.created', label: 'Package bought' },
      { type: 'package.gb_added', label: 'GB added to a package' },
      { type: 'package.usage', label: 'Package usage' },
      { type: 'package.low_gb', label: 'Package running low' },
      { type: 'package.depleted', label: 'Package used up' },
      { type: 'package.expired', label: 'Package expired' },
    ],
  },
  {
    id: 'group:customer',
    label: 'Customers',
    any: 'Any customer event',
    types: [
      { type: 'customer.created', label: 'Customer created upstream' },
      { type: 'customer.balance_added', label: 'Customer balance added' },
      { type: 'customer.balance_deducted', label: 'Customer balance taken back' },
      { type: 'customer.quota_exceeded', label: 'Customer quota exceeded' },
    ],
  },
  {
    id: 'group:balance',
    label: 'Balances',
    any: 'Any balance event',
    types: [
      { type: 'balance.low', label: 'Upstream balance low' },
      { type: 'balance.changed', label: 'Upstream balance changed' },
      { type: 'ledger.balance_mismatch', label: 'Books and upstream disagree' },
    ],
  },
];

/** A filter value (a group id or one type) → the types to ask main for. */
export function typesOf(value: string): string[] {
  const group = EVENT_TYPE_GROUPS.find((g) => g.id === value);
  return group ? group.types.map((t) => t.type) : [value];
}

/** The words for a filter value, for "nothing matches …". */
export function typeFilterLabel(value: string): string {
  for (const g of EVENT_TYPE_GROUPS) {
    if (g.id === value) return g.any;
    const t = g.types.find((x) => x.type === value);
    if (t) return t.label;
  }
  return value;
}
