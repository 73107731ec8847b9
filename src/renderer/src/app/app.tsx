import { useEffect, useMemo } from 'react';
import { Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useEvent } from '../api/hooks';
import { ErrorMessage } from '../components/ui';
import { CustomersRoutes } from '../pages/customers/customers-routes';
import { DashboardPage } from '../pages/dashboard/dashboard-page';
import { EventsPage } from '../pages/activity/events-page';
import { NotFoundPage } from '../pages/not-found-page';
import { PricingPage } from '../pages/pricing/pricing-page';
import { ProxiesPage } from '../pages/proxies/proxies-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { useSettings } from '../state/settings-store';
import { useUi } from '../state/ui-store';
import { CommandPalette } from './command-palette';
import { globalCommands, useCommandRegistry } from './commands';
import { GlobalProgress } from './global-progress';
import { useGlobalActions } from './global-actions';
import { Notices } from './notices';
import { PAGES } from './pages';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';
import { useApplyTheme } from './use-theme';

export function App() {
  return (
    <Router hook={useHashLocation}>
      <Shell />
    </Router>
  );
}

function Shell() {
  const [, navigate] = useLocation();
  const settings = useSettings((s) => s.settings);
  const loadError = useSettings((s) => s.loadError);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const setPaletteOpen = useUi((s) => s.setPaletteOpen);
  const registered = useCommandRegistry((s) => s.sources);
  const globalActions = useGlobalActions(navigate);
  const resolvedTheme = useApplyTheme(settings?.theme);

  useEffect(() => {
    void useSettings.getState().load();
  }, []);
  useEvent('event:settings-changed', (s) => useSettings.getState().received(s));
  // The tray or a notification asks for a page; only routes of this app are followed.
  useEvent('event:navigate', ({ page }) => {
    if (typeof page === 'string' && page.startsWith('/')) navigate(page);
  });

  // Ctrl/Cmd+K opens the palette from anywhere; Ctrl/Cmd+1..6 open the pages.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      if (e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen(!useUi.getState().paletteOpen);
        return;
      }
      const page = PAGES.find((p) => p.key === e.key);
      if (page && !e.shiftKey) {
        e.preventDefault();
        setPaletteOpen(false);
        navigate(page.path);
        // Move focus to the page's heading so keyboard users land in the content.
        requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, setPaletteOpen]);

  const commands = useMemo(
    () => [...globalCommands(navigate, globalActions), ...Object.values(registered).flat()],
    [navigate, globalActions, registered],
  );

  return (
    <div className="app" data-resolved-theme={resolvedTheme}>
      <GlobalProgress />
      <Sidebar onOpenPalette={() => setPaletteOpen(true)} />
      <main className="content" id="content">
        {loadError && <ErrorMessage onRetry={() => void useSettings.getState().load()}>{loadError}</ErrorMessage>}
        <Switch>
          <Route path="/" component={DashboardPage} />
          <Route path="/customers" nest>
            <CustomersRoutes />
          </Route>
          <Route path="/proxies" nest>
            <ProxiesPage />
          </Route>
          <Route path="/pricing" component={PricingPage} />
          <Route path="/events" component={EventsPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </main>
      <StatusBar />
      <Notices />
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
    </div>
  );
}
