import type { Input } from '../../../../shared/contract';
import type { AccountView } from '../../../../shared/contract/accounts';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import type { EventSource } from '../../../../shared/contract/events';
import { CustomerPicker } from '../../components/customer-picker';
import { Button } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { EVENT_SOURCE_LABEL, EVENT_TYPE_GROUPS, typeFilterLabel, typesOf } from './event-types';

/** What the reseller narrowed the inbox to; every filter combines with the others. */
export interface InboxFilters {
  text: string;
  source: EventSource | 'all';
  /** '' = any; an event type or a group id from EVENT_TYPE_GROUPS. */
  type: string;
  /** '' = any account. */
  accountId: string;
  customer: CustomerListItem | null;
  /** Local calendar days as the date inputs give them ("2026-03-01"), both included; '' = open. */
  from: string;
  to: string;
}

export const NO_FILTERS: InboxFilters = { text: '', source: 'all', type: '', accountId: '', customer: null, from: '', to: '' };

export type EventsQuery = NonNullable<Input<'events:list'>>;

const SOURCE_LABEL: Record<EventSource, string> = { webhook: EVENT_SOURCE_LABEL.webhook!, poll: EVENT_SOURCE_LABEL.poll!, local: EVENT_SOURCE_LABEL.local! };

/** "2026-03-05" → that day's local midnight (the reseller's day, not UTC's). */
function localDay(day: string, addDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + addDays);
}

/** Why the dates cannot match anything, or null. */
export function dateRangeProblem(f: InboxFilters): string | null {
  if (f.from && f.to && f.to < f.from) return 'The “To” date is before the “From” date: pick a “To” date on or after it.';
  return null;
}

/**
 * The `events:list` input for these filters (the text already debounced). "To" includes
 * its whole day: the upper bound is the next local midnight, as main's bound is exclusive.
 */
export function toQuery(f: InboxFilters, search: string): EventsQuery {
  return {
    ...(search ? { text: search } : {}),
    ...(f.source !== 'all' ? { source: f.source } : {}),
    ...(f.type ? { type: typesOf(f.type) } : {}),
    ...(f.accountId ? { accountId: f.accountId } : {}),
    ...(f.customer ? { customerId: f.customer.id } : {}),
    ...(f.from ? { from: localDay(f.from).toISOString() } : {}),
    ...(f.to ? { to: localDay(f.to, 1).toISOString() } : {}),
  };
}

export function isFiltered(f: InboxFilters): boolean {
  return f.text.trim() !== '' || f.source !== 'all' || f.type !== '' || f.accountId !== '' || f.customer !== null || f.from !== '' || f.to !== '';
}

/** The active filters in words: "Proxy expired · Main Proxies.sx · Ann Example · from 1 Mar 2026". */
export function describeFilters(f: InboxFilters, accounts: AccountView[] | undefined): string {
  const parts: string[] = [];
  if (f.text.trim()) parts.push(`“${f.text.trim()}”`);
  if (f.type) parts.push(typeFilterLabel(f.type));
  if (f.source !== 'all') parts.push(SOURCE_LABEL[f.source]);
  if (f.accountId) parts.push(accounts?.find((a) => a.id === f.accountId)?.name ?? 'one account');
  if (f.customer) parts.push(f.customer.name);
  if (f.from) parts.push(`from ${formatDate(localDay(f.from).toISOString())}`);
  if (f.to) parts.push(`to ${formatDate(localDay(f.to).toISOString())}`);
  return parts.join(' · ');
}

export function EventFiltersBar({ value, accounts, onChange }: { value: InboxFilters; accounts: AccountView[] | undefined; onChange(next: InboxFilters): void }) {
  const set = (patch: Partial<InboxFilters>) => onChange({ ...value, ...patch });
  return (
    <div className="control-row" role="group" aria-label="Filter events">
      <input type="search" aria-label="Search events" placeholder="Search text and payloads" value={value.text} onChange={(e) => set({ text: e.target.value })} className="auto-width" />
      <select aria-label="Event type" value={value.type} onChange={(e) => set({ type: e.target.value })} className="auto-width">
        <option value="">All types</option>
        {EVENT_TYPE_GROUPS.map((g) => (
          <optgroup key={g.id} label={g.label}>
            <option value={g.id}>{g.any}</option>
            {g.types.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select aria-label="Source" value={value.source} onChange={(e) => set({ source: e.target.value as InboxFilters['source'] })} className="auto-width">
        <option value="all">All sources</option>
        {(Object.keys(SOURCE_LABEL) as EventSource[]).map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABEL[s]}
          </option>
        ))}
      </select>
      <select aria-label="Upstream account" value={value.accountId} onChange={(e) => set({ accountId: e.target.value })} className="auto-width">
        <option value="">All accounts</option>
        {accounts?.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
            {a.isSandbox ? ' (sandbox)' : ''}
            {a.status === 'removed' ? ' (removed)' : ''}
          </option>
        ))}
      </select>
      <div className="check">
        <label htmlFor="events-customer">Customer</label>
        {/* Keyed by the choice: "Change" or "Clear filters" brings back an empty search box, not the last one typed. */}
        <CustomerPicker key={value.customer?.id ?? 'none'} id="events-customer" value={value.customer} onChange={(customer) => set({ customer })} />
      </div>
      <label className="check">
        From
        <input type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="check">
        To
        <input type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {isFiltered(value) && (
        <Button small variant="ghost" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
