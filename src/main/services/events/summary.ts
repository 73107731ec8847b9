import { formatMoney } from '../../../shared/money';

/** One plain-language line per event, for the Events list and notifications. */

function gb(milli: unknown): string {
  if (typeof milli !== 'number') return '? GB';
  const whole = Math.trunc(milli / 1000);
  const frac = String(Math.abs(milli % 1000)).padStart(3, '0').replace(/0+$/, '');
  return `${milli < 0 && whole === 0 ? '-' : ''}${whole}${frac ? '.' + frac : ''} GB`;
}

function money(v: unknown): string {
  return typeof v === 'number' ? formatMoney(v) : 'an unknown amount';
}

function day(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 16).replace('T', ' ') + ' UTC' : 'an unknown time';
}

export function summarize(type: string, p: Record<string, unknown>): string {
  const port = typeof p.displayName === 'string' ? p.displayName : typeof p.portId === 'string' ? p.portId : 'a proxy';
  const pkg = typeof p.packageId === 'string' ? p.packageId : 'a package';
  switch (type) {
    case 'port.created':
      return `Proxy ${port} was created (until ${day(p.expiresAt)})`;
    case 'port.expiring':
      return `Proxy ${port} expires on ${day(p.expiresAt)}`;
    case 'port.expired':
      return `Proxy ${port} expired`;
    case 'port.extended':
      return `Proxy ${port} now runs until ${day(p.expiresAt)}`;
    case 'port.rotated':
      return `Proxy ${port} changed IP${typeof p.newIp === 'string' ? ` to ${p.newIp}` : ''}`;
    case 'customer.quota_exceeded':
      return 'A customer hit their port-slot quota';
    case 'customer.created':
      return `Customer ${typeof p.email === 'string' ? p.email : ''} was created upstream`.replace('  ', ' ');
    case 'customer.balance_added':
      return `${money(p.amount)} added to a customer's upstream balance`;
    case 'customer.balance_deducted':
      return `${money(p.amount)} taken back from a customer's upstream balance`;
    case 'package.created':
      return `Package ${pkg} of ${gb(p.totalGbMilli)} was bought`;
    case 'package.gb_added':
      return `${gb(p.addedGbMilli)} added to package ${pkg} (now ${gb(p.totalGbMilli)})`;
    case 'package.usage':
      return `Package ${pkg}: ${gb(p.usedGbMilli)} of ${gb(p.totalGbMilli)} used`;
    case 'package.low_gb':
      return `Package ${pkg} is running low: ${gb(p.remainingGbMilli)} left`;
    case 'package.depleted':
      return `Package ${pkg} is used up`;
    case 'package.expired':
      return `Package ${pkg} expired`;
    case 'balance.low':
      return `Upstream balance is low: ${money(p.balance)}`;
    case 'balance.changed':
      return `Upstream balance changed from ${money(p.previousBalance)} to ${money(p.balance)}`;
    case 'webhook.unsigned_hint':
      return `Unsigned ${typeof p.event === 'string' ? p.event : 'event'}${typeof p.subject === 'string' ? ` about ${p.subject}` : ''}: a hint, checked with a read before anything changes`;
    case 'ledger.balance_mismatch':
      return `The upstream says ${money(p.upstreamBalance)} but the books say ${money(p.ledgerBalance)}: review it`;
    default:
      return typeof p.message === 'string' ? p.message : type;
  }
}
