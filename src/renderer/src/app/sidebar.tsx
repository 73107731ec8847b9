import { useRef, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { Icon } from '../components/icons';
import { modKey, PAGES, pageForLocation } from './pages';

/**
 * The main navigation. Arrow keys (and Home/End) move between entries like a menu,
 * Enter opens one; each entry also has its Ctrl/Cmd+digit shortcut.
 */
export function Sidebar({ onOpenPalette }: { onOpenPalette(): void }) {
  const [location] = useLocation();
  const current = pageForLocation(location);
  const listRef = useRef<HTMLUListElement>(null);

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const links = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a') ?? []);
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (index + 1) % links.length;
    else if (e.key === 'ArrowUp') next = (index - 1 + links.length) % links.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = links.length - 1;
    if (next >= 0) {
      e.preventDefault();
      links[next]?.focus();
    }
  }

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">RD</span>
        <span className="brand-name">Reseller Desk</span>
      </div>
      <nav aria-label="Main">
        <ul ref={listRef} className="nav-list" onKeyDown={onKeyDown}>
          {PAGES.map((page) => {
            const active = current?.path === page.path;
            return (
              <li key={page.path}>
                <Link
                  href={page.path}
                  className={active ? 'nav-link active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                  // Roving focus: Tab enters the list once, on the current page.
                  tabIndex={active || (!current && page.path === '/') ? 0 : -1}
                  title={`${page.label} (${modKey}+${page.key})`}
                >
                  <Icon name={page.icon} />
                  <span className="nav-label">{page.label}</span>
                  <kbd className="nav-key">{page.key}</kbd>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <button type="button" className="palette-hint" onClick={onOpenPalette}>
          <Icon name="search" size={15} />
          <span>Commands</span>
          <kbd>{modKey}+K</kbd>
        </button>
      </div>
    </aside>
  );
}
