/**
 * The tray: an icon that turns to its warning state while any alert is open, a menu with
 * each upstream account's balance, the open alerts and quick actions, and one native
 * notification per new alert. Electron is injected (createTray/createMenu/notify) so the
 * behaviour is tested with fakes; tray-electron.ts supplies the real ones.
 */

export interface TrayBalance {
  accountName: string;
  /** Already formatted by the service that owns the money ("$340.00"). */
  balanceText: string;
  isSandbox: boolean;
}

export interface TrayAlert {
  id: string;
  title: string;
  /** The renderer route that shows it ("/alerts/al_123", "/customers/c_9"). */
  page: string;
  /** The notification's body; defaults to "Click to open it in Reseller Desk." */
  body?: string;
}

export interface TrayState {
  balances: TrayBalance[];
  openAlerts: TrayAlert[];
  paused: boolean;
}

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; id: string; label: string; enabled: boolean; click?: () => void };

export interface TrayLike<Menu = unknown> {
  setImage(icon: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export type TrayIconState = 'normal' | 'warning';

export interface TrayServiceDeps<Menu = unknown> {
  createTray(icon: string): TrayLike<Menu>;
  createMenu(items: TrayMenuItem[]): Menu;
  notify(notification: { title: string; body: string; onClick: () => void }): void;
  /** Shows the window on a renderer route ("/" for the dashboard). */
  openPage(page: string): void;
  icons: Record<TrayIconState, string>;
  onSyncNow?(): void;
  onPauseChange?(paused: boolean): void;
  onQuit?(): void;
}

export const MAX_ALERTS_IN_MENU = 8;
const APP_NAME = 'Reseller Desk';

export class TrayService<Menu = unknown> {
  private tray: TrayLike<Menu> | undefined;
  private state: TrayState = { balances: [], openAlerts: [], paused: false };
  private iconState: TrayIconState = 'normal';
  private menu: TrayMenuItem[] = [];
  private readonly notified = new Set<string>();

  constructor(private readonly deps: TrayServiceDeps<Menu>) {}

  /** Creates the tray icon (idempotent). */
  start(initial?: TrayState): void {
    if (this.tray) return;
    if (initial) this.state = initial;
    this.iconState = this.computeIconState();
    this.tray = this.deps.createTray(this.deps.icons[this.iconState]);
    // A left click on Windows and macOS opens the app; on Linux the menu does it.
    this.tray.on('click', () => this.deps.openPage('/'));
    this.render();
  }

  update(state: TrayState): void {
    this.state = { balances: [...state.balances], openAlerts: [...state.openAlerts], paused: state.paused };
    if (!this.tray) return;
    const next = this.computeIconState();
    if (next !== this.iconState) {
      this.iconState = next;
      this.tray.setImage(this.deps.icons[next]);
    }
    this.render();
  }

  /**
   * Raises one notification per alert never notified before; while alerts are paused
   * they are only remembered (resuming does not replay them). Returns how many were raised.
   */
  notifyNewAlerts(alerts: TrayAlert[]): number {
    let raised = 0;
    for (const alert of alerts) {
      if (this.notified.has(alert.id)) continue;
      this.notified.add(alert.id);
      if (this.state.paused) continue;
      this.deps.notify({
        title: alert.title,
        body: alert.body ?? `Click to open it in ${APP_NAME}.`,
        onClick: () => this.deps.openPage(alert.page),
      });
      raised += 1;
    }
    return raised;
  }

  stop(): void {
    this.tray?.destroy();
    this.tray = undefined;
  }

  /** For tests and diagnostics: what the tray shows now. */
  snapshot(): { icon: TrayIconState; tooltip: string; menu: TrayMenuItem[]; state: TrayState } {
    return { icon: this.iconState, tooltip: this.tooltip(), menu: this.menu, state: this.state };
  }

  private computeIconState(): TrayIconState {
    return this.state.openAlerts.length > 0 ? 'warning' : 'normal';
  }

  private tooltip(): string {
    const count = this.state.openAlerts.length;
    if (count === 0) return this.state.paused ? `${APP_NAME} (alerts paused)` : APP_NAME;
    return `${APP_NAME}: ${count} open alert${count === 1 ? '' : 's'}${this.state.paused ? ' (paused)' : ''}`;
  }

  private render(): void {
    if (!this.tray) return;
    this.menu = this.buildMenu();
    this.tray.setToolTip(this.tooltip());
    this.tray.setContextMenu(this.deps.createMenu(this.menu));
  }

  private buildMenu(): TrayMenuItem[] {
    const { balances, openAlerts, paused } = this.state;
    const items: TrayMenuItem[] = [];
    const info = (id: string, label: string): TrayMenuItem => ({ type: 'normal', id, label, enabled: false });
    const action = (id: string, label: string, click: () => void): TrayMenuItem => ({ type: 'normal', id, label, enabled: true, click });

    items.push(info('balances-heading', 'Balances'));
    if (balances.length === 0) items.push(info('balances-none', 'No upstream account yet'));
    balances.forEach((b, i) => items.push(info(`balance-${i}`, `${b.accountName}${b.isSandbox ? ' (sandbox)' : ''}: ${b.balanceText}`)));
    items.push({ type: 'separator' });

    items.push(info('alerts-heading', openAlerts.length === 0 ? 'No open alerts' : `Open alerts (${openAlerts.length})`));
    for (const alert of openAlerts.slice(0, MAX_ALERTS_IN_MENU)) {
      items.push(action(`alert-${alert.id}`, alert.title, () => this.deps.openPage(alert.page)));
    }
    if (openAlerts.length > MAX_ALERTS_IN_MENU) {
      items.push(action('alerts-more', `${openAlerts.length - MAX_ALERTS_IN_MENU} more…`, () => this.deps.openPage('/alerts')));
    }
    items.push({ type: 'separator' });

    items.push(action('open', `Open ${APP_NAME}`, () => this.deps.openPage('/')));
    items.push(action('sync-now', 'Sync now', () => this.deps.onSyncNow?.()));
    items.push(
      paused
        ? action('resume-alerts', 'Resume alerts', () => this.setPaused(false))
        : action('pause-alerts', 'Pause alerts', () => this.setPaused(true)),
    );
    items.push({ type: 'separator' });
    items.push(action('quit', 'Quit', () => this.deps.onQuit?.()));
    return items;
  }

  private setPaused(paused: boolean): void {
    this.update({ ...this.state, paused });
    this.deps.onPauseChange?.(paused);
  }
}
