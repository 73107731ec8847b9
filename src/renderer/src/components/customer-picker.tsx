import { useState } from 'react';
import type { CustomerListItem } from '../../../shared/contract/customers';
import { formatMoney } from '../../../shared/money';
import { call } from '../api/client';
import { useDebounced, useQuery } from '../api/hooks';

/** Search-as-you-type choice of one customer (only 8 matches are ever fetched). */
export function CustomerPicker({ id, value, onChange, error }: { id: string; value: CustomerListItem | null; onChange(c: CustomerListItem | null): void; error?: string | null }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const search = useDebounced(text.trim(), 150);
  const matches = useQuery(`pick:${search}`, () => call('customers:list', { ...(search ? { search } : {}), status: 'active', limit: 8 }), { enabled: open });
  if (value) {
    return (
      <div className="picked">
        <span>
          <strong>{value.name}</strong> <span className="muted small">{value.email} · balance {formatMoney(value.balance)}</span>
        </span>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="picker">
      <input
        id={id}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-invalid={error ? true : undefined}
        placeholder="Type a name or email"
        value={text}
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
      />
      {open && matches.data && (
        <ul id={`${id}-list`} role="listbox" className="picker-list">
          {matches.data.items.length === 0 && <li className="muted small picker-empty">No active customer matches.</li>}
          {matches.data.items.map((c) => (
            <li
              key={c.id}
              role="option"
              aria-selected={false}
              tabIndex={0}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => (onChange(c), setOpen(false))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  onChange(c);
                  setOpen(false);
                }
              }}
            >
              {c.name} <span className="muted small">{c.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
