// Electron entry. Everything lives in the shell (src/main/shell): this file only starts it.
import { startDesktopApp } from './shell/desktop-app';

startDesktopApp({ closeToTray: (ctx) => ctx.settings.get().minimizeToTray });
