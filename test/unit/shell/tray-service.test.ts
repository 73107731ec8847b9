import { describe, expect, it, vi } from 'vitest';
import { MAX_ALERTS_IN_MENU, TrayService, type TrayAlert, type TrayMenuItem, type TrayState } from '../../../src/main/shell/tray-service';

class FakeTray {
  image: string;
  tooltip = '';
  menu: TrayMenuItem[] = [];
  destroyed = false;
  clickListeners: (() => void)[] = [];
  constructor(icon: string) {
    this.image = icon;
  }
  setImage(icon: string) {
    this.image = icon;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: TrayMenuItem[]) {
    this.menu = menu;
  }
  on(_event: 'click', listener: () => void) {
    this.clickListeners.push(listener);
  }
  destroy() {
    this.destroyed = true;
  }
}

function setup(initial?: TrayState) {
  let tray: FakeTray | undefined;
  const notifications: { title: string; body: string; onClick: () => void }[] = [];
  const openPage = vi.fn();
  const onSyncNow = vi.fn();
  const onQuit = vi.fn();
  const onPauseChange = vi.fn();
  const service = new TrayService<TrayMenuItem[]>({
    createTray: (icon) => (tray = new FakeTray(icon)),
    createMenu: (items) => items,
    notify: (n) => notifications.push(n),
    openPage,
    icons: { normal: '/icons/tray/normal-16.png', warning: '/icons/tray/warning-16.png' },
    onSyncNow,
    onQuit,
    onPauseChange,
  });
  service.start(initial);
  return { service, tray: () => tray!, notifications, openPage, onSyncNow, onQuit, onPauseChange };
}

const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));
const item = (menu: TrayMenuItem[], id: string) => {
  const found = menu.find((i) => i.type === 'normal' && i.id === id);
  if (!found || found.type !== 'normal') throw new Error(`no menu item ${id}`);
  return found;
};

const alert = (id: string, page = `/alerts/${id}`): TrayAlert => ({ id, title: `Alert ${id}`, page });
const balances = [
  { accountName: 'Proxies.sx main', balanceText: '$340.00', isSandbox: false },
  { accountName: 'Whozex test', balanceText: '$5.00', isSandbox: true },
];

describe('TrayService', () => {
  it('starts with the normal icon and a menu with no accounts and no alerts', () => {
    const { tray } = setup();
    expect(tray().image).toBe('/icons/tray/normal-16.png');
    expect(tray().tooltip).toBe('Reseller Desk');
    expect(labels(tray().menu)).toEqual([
      'Balances', 'No upstream account yet', '---',
      'No open alerts', '---',
      'Open Reseller Desk', 'Sync now', 'Pause alerts', '---', 'Quit',
    ]);
  });

  it('lists each account’s balance, marking sandbox accounts', () => {
    const { service, tray } = setup();
    service.update({ balances, openAlerts: [], paused: false });
    expect(labels(tray().menu).slice(0, 3)).toEqual(['Balances', 'Proxies.sx main: $340.00', 'Whozex test (sandbox): $5.00']);
    expect(item(tray().menu, 'balance-0').enabled).toBe(false);
  });

  it('turns to the warning icon while any alert is open, and back when none is', () => {
    const { service, tray } = setup();
    service.update({ balances, openAlerts: [alert('a1'), alert('a2')], paused: false });
    expect(tray().image).toBe('/icons/tray/warning-16.png');
    expect(tray().tooltip).toBe('Reseller Desk: 2 open alerts');
    expect(service.snapshot().icon).toBe('warning');
    service.update({ balances, openAlerts: [], paused: false });
    expect(tray().image).toBe('/icons/tray/normal-16.png');
  });

  it('lists open alerts; clicking one opens its page', () => {
    const { service, tray, openPage } = setup();
    service.update({ balances: [], openAlerts: [alert('a1', '/services/s_9')], paused: false });
    expect(labels(tray().menu)).toContain('Open alerts (1)');
    item(tray().menu, 'alert-a1').click?.();
    expect(openPage).toHaveBeenCalledWith('/services/s_9');
  });

  it('caps the alert list and links the rest to the alerts page', () => {
    const { service, tray, openPage } = setup();
    const many = Array.from({ length: MAX_ALERTS_IN_MENU + 3 }, (_, i) => alert(`a${i}`));
    service.update({ balances: [], openAlerts: many, paused: false });
    expect(tray().menu.filter((i) => i.type === 'normal' && i.id.startsWith('alert-'))).toHaveLength(MAX_ALERTS_IN_MENU);
    const more = item(tray().menu, 'alerts-more');
    expect(more.label).toBe('3 more…');
    more.click?.();
    expect(openPage).toHaveBeenCalledWith('/alerts');
  });

  it('quick actions: open, sync now, quit, and a tray click opens the app', () => {
    const { tray, openPage, onSyncNow, onQuit } = setup();
    item(tray().menu, 'open').click?.();
    item(tray().menu, 'sync-now').click?.();
    item(tray().menu, 'quit').click?.();
    tray().clickListeners.forEach((l) => l());
    expect(openPage.mock.calls).toEqual([['/'], ['/']]);
    expect(onSyncNow).toHaveBeenCalledOnce();
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('pause / resume alerts flips the menu item and reports the change', () => {
    const { tray, onPauseChange, service } = setup();
    item(tray().menu, 'pause-alerts').click?.();
    expect(onPauseChange).toHaveBeenLastCalledWith(true);
    expect(service.snapshot().state.paused).toBe(true);
    expect(tray().tooltip).toBe('Reseller Desk (alerts paused)');
    item(tray().menu, 'resume-alerts').click?.();
    expect(onPauseChange).toHaveBeenLastCalledWith(false);
    expect(labels(tray().menu)).toContain('Pause alerts');
  });

  it('raises one notification per new alert, never twice for the same id', () => {
    const { service, notifications } = setup();
    expect(service.notifyNewAlerts([alert('a1'), alert('a2')])).toBe(2);
    expect(service.notifyNewAlerts([alert('a1'), alert('a2'), alert('a3')])).toBe(1);
    expect(service.notifyNewAlerts([alert('a3')])).toBe(0);
    expect(notifications.map((n) => n.title)).toEqual(['Alert a1', 'Alert a2', 'Alert a3']);
  });

  it('a notification click opens the alert’s page', () => {
    const { service, notifications, openPage } = setup();
    service.notifyNewAlerts([{ id: 'x', title: 'Port expires tomorrow', page: '/services/s_1', body: 'Port DE-1 for ACME expires in 24 h.' }]);
    expect(notifications[0]?.body).toBe('Port DE-1 for ACME expires in 24 h.');
    notifications[0]?.onClick();
    expect(openPage).toHaveBeenCalledWith('/services/s_1');
  });

  it('raises nothing while paused, and does not replay paused alerts on resume', () => {
    const { service, notifications } = setup({ balances: [], openAlerts: [], paused: true });
    expect(service.notifyNewAlerts([alert('a1')])).toBe(0);
    service.update({ balances: [], openAlerts: [alert('a1')], paused: false });
    expect(service.notifyNewAlerts([alert('a1'), alert('a2')])).toBe(1);
    expect(notifications.map((n) => n.title)).toEqual(['Alert a2']);
  });

  it('stop destroys the tray; updates after it are harmless', () => {
    const { service, tray } = setup();
    service.stop();
    expect(tray().destroyed).toBe(true);
    expect(() => service.update({ balances, openAlerts: [alert('z')], paused: false })).not.toThrow();
  });
});
