import { useState } from 'react';
import { useDebounced } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Button } from '../../components/ui';
import { plural } from '../../lib/format';

/**
 * Search (debounced), status ('all' or one) and page size of a service list, and the list
 * query they make: only what is set is sent.
 */
export function useListFilters<S extends string>() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<S | 'all'>('all');
  const [limit, setLimit] = useState(100);
  const q = useDebounced(search.trim(), 200);
  const query = { ...(q ? { search: q } : {}), ...(status !== 'all' ? { status: status as S } : {}), limit };
  return { search, setSearch, status, setStatus, limit, setLimit, q, query };
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
  filters: { q: string; status: string; setSearch(value: string): void; setStatus(value: 'all'): void };
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
      run: () => {
        filters.setSearch('');
        filters.setStatus('all');
      },
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

/** Pages of 100 more, up to the list's limit of 500. */
export function ShowMore(props: { total: number; shown: number; setLimit(update: (l: number) => number): void }) {
  if (props.total <= props.shown) return null;
  return (
    <Button small onClick={() => props.setLimit((l) => Math.min(500, l + 100))}>
      Show more ({props.total - props.shown} more)
    </Button>
  );
}
