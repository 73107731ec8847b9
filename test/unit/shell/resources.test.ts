import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIconPath, resolveResourcesDir, trayIconPath } from '../../../src/main/shell/resources-dir';

function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('committed icons', () => {
  it('has the app icon at 512 and 256 px', () => {
    expect(pngSize('resources/icon.png')).toEqual({ width: 512, height: 512 });
    expect(pngSize('resources/icon-256.png')).toEqual({ width: 256, height: 256 });
  });

  it.each(['normal', 'warning'] as const)('has the %s tray icon at 16 and 32 px with @2x variants', (state) => {
    for (const base of [16, 32]) {
      expect(pngSize(`resources/tray/${state}-${base}.png`)).toEqual({ width: base, height: base });
      expect(pngSize(`resources/tray/${state}-${base}@2x.png`)).toEqual({ width: base * 2, height: base * 2 });
    }
  });

  it('the warning icon differs from the normal one', () => {
    expect(readFileSync('resources/tray/warning-16.png').equals(readFileSync('resources/tray/normal-16.png'))).toBe(false);
  });
});

describe('icon paths', () => {
  it('reads icons from resources/ in dev and <resources>/icons when packaged', () => {
    expect(resolveResourcesDir({ isPackaged: false, appPath: '/repo', resourcesPath: '/x' })).toBe(join('/repo', 'resources'));
    expect(resolveResourcesDir({ isPackaged: true, appPath: '/opt/app.asar', resourcesPath: '/opt' })).toBe(join('/opt', 'icons'));
    expect(appIconPath('/r')).toBe(join('/r', 'icon.png'));
  });

  it('uses 16 px tray icons on macOS and Windows and 32 px on Linux', () => {
    expect(trayIconPath('/r', 'warning', 'darwin')).toBe(join('/r', 'tray', 'warning-16.png'));
    expect(trayIconPath('/r', 'normal', 'win32')).toBe(join('/r', 'tray', 'normal-16.png'));
    expect(trayIconPath('/r', 'normal', 'linux')).toBe(join('/r', 'tray', 'normal-32.png'));
  });
});
