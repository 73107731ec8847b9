import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../components/icons';
import { filterCommands, type Command } from './commands';

/**
 * Ctrl/Cmd-K: type to filter, arrows to choose, Enter to run, Escape to close. Focus
 * goes back to where it was when the palette closes.
 */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  // Read while rendering, before the input below takes focus.
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => filterCommands(commands, query), [commands, query]);
  const selected = Math.min(active, Math.max(0, matches.length - 1));

  useEffect(() => {
    inputRef.current?.focus();
    return () => {
      // Not when a command moved focus on purpose, nor to a page the command navigated away from.
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [returnTo]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  function runCommand(command: Command | undefined) {
    if (!command) return;
    onClose();
    void command.run();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((selected + 1) % Math.max(1, matches.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((selected - 1 + matches.length) % Math.max(1, matches.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      runCommand(matches[selected]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // Modal: Tab would otherwise walk into the page behind the overlay.
      e.preventDefault();
    }
  }

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <div className="palette-input">
          <Icon name="search" />
          <input
            ref={inputRef}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            placeholder="Type a command or a page…"
            aria-label="Command"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-activedescendant={matches[selected] ? `cmd-${selected}` : undefined}
          />
          <kbd>Esc</kbd>
        </div>
        <ul id="palette-list" ref={listRef} className="palette-list" role="listbox">
          {matches.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
          {matches.map((c, i) => {
            const header = i === 0 || matches[i - 1]?.group !== c.group ? c.group : null;
            return (
              <li key={c.id} role="presentation">
                {header && <div className="palette-group">{header}</div>}
                <div
                  id={`cmd-${i}`}
                  data-index={i}
                  role="option"
                  aria-selected={i === selected}
                  className={i === selected ? 'palette-item selected' : 'palette-item'}
                  onMouseMove={() => setActive(i)}
                  onClick={() => runCommand(c)}
                >
                  <span>{c.label}</span>
                  {c.hint && <kbd>{c.hint}</kbd>}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
