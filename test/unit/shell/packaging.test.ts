import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { FUSE_SETTINGS } = require('../../../build/fuses.cjs') as { FUSE_SETTINGS: Record<string, boolean> };
const afterPack = require('../../../build/after-pack.cjs') as {
  fuseConfig(fuses: unknown, platform: string): Record<string | number, unknown>;
  electronBinaryPath(context: unknown): string;
};
const config = require('../../../electron-builder.config.cjs') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Electron fuses of the packaged app', () => {
  it('are exactly the hardened set', () => {
    expect(FUSE_SETTINGS).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('map onto @electron/fuses’ own enum when the hook flips them', async () => {
    const fuses = await import('@electron/fuses');
    const cfg = afterPack.fuseConfig(fuses, 'linux');
    expect(cfg.version).toBe(fuses.FuseVersion.V1);
    expect(cfg[fuses.FuseV1Options.RunAsNode]).toBe(false);
    expect(cfg[fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(cfg[fuses.FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(cfg[fuses.FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(cfg[fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(cfg[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    // The file-protocol privileges the built page needs are left at Electron's default.
    expect(cfg[fuses.FuseV1Options.GrantFileProtocolExtraPrivileges]).toBeUndefined();
    expect(afterPack.fuseConfig(fuses, 'darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('are flipped on the right binary for each platform', () => {
    const packager = { appInfo: { productFilename: 'Reseller Desk' }, executableName: 'reseller-desk' };
    const at = (electronPlatformName: string) => afterPack.electronBinaryPath({ appOutDir: '/dist/x', electronPlatformName, packager });
    expect(at('linux')).toBe('/dist/x/reseller-desk');
    expect(at('win32')).toBe('/dist/x/Reseller Desk.exe');
    expect(at('darwin')).toBe('/dist/x/Reseller Desk.app');
  });
});

describe('electron-builder config', () => {
  it('names the app and targets AppImage+deb, dmg and nsis', () => {
    expect(config.appId).toBe('com.resellerdesk.app');
    expect(config.productName).toBe('Reseller Desk');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs out/ into an asar, unpacks native addons and runs the hooks', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(config.beforePack).toBe('./build/before-pack.cjs');
    // electron-builder's rebuild would replace node_modules' Node build of better-sqlite3.
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the Electron build of better-sqlite3 for each platform where the app looks for it', () => {
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    for (const [key, platform] of [['linux', 'linux'], ['mac', 'darwin'], ['win', 'win32']] as const) {
      expect(config[key].extraResources).toEqual([
        { from: `native/electron-${electronVersion}-${platform}-\${arch}`, to: `native/electron-${electronVersion}-${platform}-\${arch}`, filter: ['better_sqlite3.node'] },
      ]);
    }
    expect(config.extraResources).toContainEqual({ from: 'resources', to: 'icons', filter: ['**/*.png'] });
  });
});
