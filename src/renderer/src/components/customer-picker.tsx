import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CustomerListItem } from '../../../shared/contract/customers';
import { formatMoney } from '../../../shared/money';
import { call } from '../api/client';
import { useDebounced, useQuery } from '../api/hooks';

/**
 * Search-as-you-type choice of one customer (only 8 matches are ever fetched). A combobox:
 * focus stays in the box, ArrowDown/ArrowUp move through the matches, Enter picks one,
 * Escape closes the list.
 */
export function CustomerPicker({ id, value, onChange, error }: { id: string; value: CustomerListItem | null; onChange(c: CustomerListItem | null): void; error?: string | null }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The highlighted match by id: when newer matches arrive it stays on that customer or drops.
  const [activeId, setActiveId] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  // Picking swaps the box for the choice (and Change swaps it back): focus follows, or it would fall to the page.
  const refocus = useRef(false);
  const search = useDebounced(text.trim(), 150);
  const matches = useQuery(`pick:${search}`, () => call('customers:list', { ...(search ? { search } : {}), status: 'active', limit: 8 }), { enabled: open });
  const items = open ? (matches.data?.items ?? []) : [];
  const current = items.findIndex((c) => c.id === activeId);

  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (value ? changeRef.current : inputRef.current)?.focus();
  }, [value]);

  function pick(c: CustomerListItem | null) {
    refocus.current = true;
    setOpen(false);
    setActiveId(null);
    onChange(c);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      if (items.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      const next = current < 0 ? (step > 0 ? 0 : items.length - 1) : (current + step + items.length) % items.length;
      setActiveId(items[next]!.id);
    } else if (e.key === 'Enter' && current >= 0) {
      // Picks instead of submitting the form around the picker.
      e.preventDefault();
      pick(items[current]!);
    } else if (e.key === 'Escape' && open) {
      // Closes only the list: the panel or dialog around stays open.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActiveId(null);
    }
  }

  if (value) {
    return (
      <div className="picked">
        <span>
          <strong>{value.name}</strong> <span className="muted small">{value.email} · balance {formatMoney(value.balance)}</span>
        </span>
        <button ref={changeRef} type="button" className="btn btn-small btn-ghost" onClick={() => pick(null)}>
          Change
        </button>
      </div>
    );
  }
  const listId = `${id}-list`;
  return (
    <div className="picker">
      <input
        ref={inputRef}
        id={id}
        type="search"
        role="combobox"
        aria-expanded={open && matches.data !== undefined}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? `${id}-option-${current}` : undefined}
        aria-invalid={error ? true : undefined}
        placeholder="Type a name or email"
        value={text}
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActiveId(null);
        }}
      />
      {open && matches.data && (
        <ul id={listId} role="listbox" className="picker-list" aria-label="Matches">
          {items.length === 0 && <li className="muted small picker-empty">No active customer matches.</li>}
          {items.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === current}
              // Keeps focus in the box, so the click below still finds the list open.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActiveId(c.id)}
              onClick={() => pick(c)}
            >
              {c.name} <span className="muted small">{c.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
