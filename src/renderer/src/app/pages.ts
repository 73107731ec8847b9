import type { IconName } from '../components/icons';

export interface PageDef {
  path: string;
  label: string;
  icon: IconName;
  /** Ctrl/Cmd + this digit opens the page. */
  key: string;
}

/** The sidebar, in order. Ctrl/Cmd+1..6 follow this order. */
export const PAGES: readonly PageDef[] = [
  { path: '/', label: 'Dashboard', icon: 'dashboard', key: '1' },
  { path: '/customers', label: 'Customers', icon: 'customers', key: '2' },
  { path: '/proxies', label: 'Proxies', icon: 'proxies', key: '3' },
  { path: '/pricing', label: 'Pricing', icon: 'pricing', key: '4' },
  { path: '/events', label: 'Events', icon: 'events', key: '5' },
  { path: '/settings', label: 'Settings', icon: 'settings', key: '6' },
];

/** The page a location belongs to ("/customers/c_1" is under Customers). */
export function pageForLocation(location: string): PageDef | undefined {
  return PAGES.find((p) => (p.path === '/' ? location === '/' : location === p.path || location.startsWith(p.path + '/')));
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? '⌘' : 'Ctrl';
