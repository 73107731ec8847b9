import { useState } from 'react';
import { useDebounced } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Button } from '../../components/ui';
import { formatCount, plural } from '../../lib/format';

/** The most rows one list request returns (`pageFields(500, …)` of proxies:list and packages:list). */
const MAX_PAGE = 500;
/** Rows a service list shows first, and adds with each "Show more". */
const STEP = 100;

/**
 * Search (debounced), status ('all' or one) and how many rows of a service list to show
 * (`limit`, which grows past one request's maximum: load them with `loadRows`), and the
 * list query they make: only what is set is sent.
 */
export function useListFilters<S extends string>() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<S | 'all'>('all');
  const [limit, setLimit] = useState(STEP);
  const q = useDebounced(search.trim(), 200);
  const query = { ...(q ? { search: q } : {}), ...(status !== 'all' ? { status: status as S } : {}), limit: Math.min(limit, MAX_PAGE) };
  /** Back to the whole list (the empty state's button and the palette's command). */
  const clear = () => {
    setSearch('');
    setStatus('all');
  };
  return { search, setSearch, status, setStatus, limit, setLimit, q, query, clear };
}

/**
 * The first `wanted` rows of a list, asked for by offset a page of at most 500 at a time, so
 * "Show more" reaches every row however long the list grows. The rows shown are loaded
 * again together on a refresh: they stay in step with what changed.
 */
export async function loadRows<P extends { items: unknown[]; total: number }>(wanted: number, loadPage: (page: { limit: number; offset: number }) => Promise<P>): Promise<P> {
  let page = await loadPage({ limit: Math.min(wanted, MAX_PAGE), offset: 0 });
  const items = [...page.items];
  while (items.length < wanted && items.length < page.total) {
    page = await loadPage({ limit: Math.min(wanted - items.length, MAX_PAGE), offset: items.length });
    if (page.items.length === 0) break; // rows were removed meanwhile: nothing more to show
    items.push(...page.items);
  }
  return { ...page, items };
}

/** The row selection both service lists keep (ports and packages), for "copy credentials of N". */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return { selected, setSelected, toggle };
}

/**
 * The palette's commands for a service list: reload it, copy the credentials of the
 * selected rows (while there is a selection) and clear its filters (while one is set).
 * Creating a port or package is a global command already.
 */
export function useListCommands(props: {
  noun: 'port' | 'package';
  selectedCount: number;
  filters: { q: string; status: string; clear(): void };
  onCopySelected(): void;
  onRefresh(): void;
}): void {
  const { noun, selectedCount, filters } = props;
  const commands: Command[] = [{ id: `proxies:${noun}s:reload`, label: `Refresh the ${noun} list`, group: 'Proxies', keywords: 'reload update', run: props.onRefresh }];
  if (selectedCount > 0) {
    commands.push({ id: `proxies:${noun}s:copy-selected`, label: `Copy credentials of ${plural(selectedCount, `selected ${noun}`)}`, group: 'Proxies', keywords: 'clipboard export proxy list', run: props.onCopySelected });
  }
  if (filters.q || filters.status !== 'all') {
    commands.push({
      id: `proxies:${noun}s:clear-filters`,
      label: `Clear ${noun} filters`,
      group: 'Proxies',
      keywords: 'search status reset',
      run: filters.clear,
    });
  }
  useRegisterCommands(`proxies-${noun}s`, commands);
}

/** Search, status filter and the bulk copy button above a service list. */
export function ServiceToolbar<S extends string>(props: {
  /** 'port' or 'package': names the controls. */
  noun: string;
  placeholder: string;
  search: string;
  onSearch(value: string): void;
  status: S;
  statuses: readonly (readonly [S, string])[];
  onStatus(value: S): void;
  selectedCount: number;
  onCopySelected(): void;
}) {
  const Noun = props.noun[0]!.toUpperCase() + props.noun.slice(1);
  return (
    <div className="toolbar">
      <div className="search-box">
        <input type="search" aria-label={`Search ${props.noun}s`} placeholder={props.placeholder} value={props.search} onChange={(e) => props.onSearch(e.target.value)} />
      </div>
      <select aria-label={`${Noun} status`} value={props.status} onChange={(e) => props.onStatus(e.target.value as S)}>
        {props.statuses.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {props.selectedCount > 0 && (
        <Button small onClick={props.onCopySelected}>
          Copy credentials of {plural(props.selectedCount, props.noun)}
        </Button>
      )}
    </div>
  );
}

/** The header checkbox that selects every shown row (or none). */
export function SelectAll(props: { label: string; ids: string[]; selected: ReadonlySet<string>; onChange(next: ReadonlySet<string>): void }) {
  return (
    <input
      type="checkbox"
      aria-label={props.label}
      checked={props.ids.every((id) => props.selected.has(id))}
      onChange={(e) => props.onChange(new Set(e.target.checked ? props.ids : []))}
    />
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={status === 'active' ? 'badge badge-active' : 'badge badge-suspended'}>{status}</span>;
}

/** 100 more rows a click, to the end of the list (loaded with `loadRows`). */
export function ShowMore(props: { total: number; shown: number; setLimit(update: (l: number) => number): void }) {
  if (props.total <= props.shown) return null;
  return (
    <Button small onClick={() => props.setLimit((l) => l + STEP)}>
      Show more ({formatCount(props.total - props.shown)} more)
    </Button>
  );
}
