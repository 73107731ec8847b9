import { Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { trayIconPath } from './resources-dir';
import { TrayService, type TrayMenuItem } from './tray-service';

export interface ElectronTrayOptions {
  resourcesDir: string;
  openPage(page: string): void;
  onSyncNow?(): void;
  onPauseChange?(paused: boolean): void;
  onQuit(): void;
}

function toMenuTemplate(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item) =>
    item.type === 'separator'
      ? { type: 'separator' }
      : { id: item.id, label: item.label, enabled: item.enabled, ...(item.click ? { click: item.click } : {}) },
  );
}

/** The tray service on real Electron objects. */
export function createElectronTrayService(options: ElectronTrayOptions): TrayService<Menu> {
  // A notification that is garbage-collected loses its click handler: keep each one
  // until it is clicked or closed.
  const shown = new Set<Notification>();
  return new TrayService<Menu>({
    createTray: (icon) => new Tray(nativeImage.createFromPath(icon)),
    createMenu: (items) => Menu.buildFromTemplate(toMenuTemplate(items)),
    notify: ({ title, body, onClick }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, silent: false });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    openPage: options.openPage,
    icons: {
      normal: trayIconPath(options.resourcesDir, 'normal', process.platform),
      warning: trayIconPath(options.resourcesDir, 'warning', process.platform),
    },
    onQuit: options.onQuit,
    ...(options.onSyncNow ? { onSyncNow: options.onSyncNow } : {}),
    ...(options.onPauseChange ? { onPauseChange: options.onPauseChange } : {}),
  });
}
