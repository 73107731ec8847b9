import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useEvent } from '../api/hooks';
import { ErrorMessage, Loading } from '../components/ui';
import { CustomersRoutes } from '../pages/customers/customers-routes';
import { NotFoundPage } from '../pages/not-found-page';
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

/**
 * Pages load as separate chunks when first opened, so the shell and the customer list
 * (the page a reseller lives in) start from a small bundle; the dashboard chart's
 * recharts and the other pages come after. Vite emits them as module files, which the
 * CSP's script-src 'self' admits.
 */
const DashboardPage = lazy(() => import('../pages/dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const ProxiesPage = lazy(() => import('../pages/proxies/proxies-page').then((m) => ({ default: m.ProxiesPage })));
const PricingPage = lazy(() => import('../pages/pricing/pricing-page').then((m) => ({ default: m.PricingPage })));
const EventsPage = lazy(() => import('../pages/activity/events-page').then((m) => ({ default: m.EventsPage })));
const UpstreamTransactionsPage = lazy(() => import('../pages/upstream/upstream-transactions-page').then((m) => ({ default: m.UpstreamTransactionsPage })));
const SettingsPage = lazy(() => import('../pages/settings/settings-page').then((m) => ({ default: m.SettingsPage })));

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
        <Suspense fallback={<Loading active label="Opening the page…" />}>
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
            <Route path="/settings/upstream-transactions/:accountId?">{(p) => <UpstreamTransactionsPage accountId={p.accountId} />}</Route>
            <Route path="/settings" component={SettingsPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <StatusBar />
      <Notices />
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
    </div>
  );
}
