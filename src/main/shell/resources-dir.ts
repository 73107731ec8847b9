import { join } from 'node:path';
import type { TrayIconState } from './tray-service';

/**
 * Icons live in resources/ in the project and, in a packaged app, in
 * <resources>/icons (extraResources: real files, which Linux tray implementations need).
 */
export function resolveResourcesDir(input: { isPackaged: boolean; appPath: string; resourcesPath: string }): string {
  return input.isPackaged ? join(input.resourcesPath, 'icons') : join(input.appPath, 'resources');
}

/**
 * Tray icon file for a state. macOS and Windows draw 16 px (Electron picks the @2x file
 * beside it on HiDPI screens); Linux panels are taller, so they get the 32 px icon.
 */
export function trayIconPath(resourcesDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  const size = platform === 'linux' ? 32 : 16;
  return join(resourcesDir, 'tray', `${state}-${size}.png`);
}

export const appIconPath = (resourcesDir: string) => join(resourcesDir, 'icon.png');
