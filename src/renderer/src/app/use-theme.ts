import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../../shared/contract/app';

const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

/** The OS preference, live: switching the OS to dark switches the app when the setting is "system". */
export function useOsPrefersDark(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

export function resolveTheme(theme: Theme | undefined, osDark: boolean): 'light' | 'dark' {
  if (theme === 'light' || theme === 'dark') return theme;
  return osDark ? 'dark' : 'light';
}

/** Puts the resolved theme on <html data-theme>, where the CSS variables switch. */
export function useApplyTheme(theme: Theme | undefined): 'light' | 'dark' {
  const osDark = useOsPrefersDark();
  const resolved = resolveTheme(theme, osDark);
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  return resolved;
}
