import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREPARE_COMMAND, selectNativeBinding } from '../../../src/main/ledger/native-binding';

const nodeVersions = { node: '20.20.2', modules: '115' };
const electronVersions = { node: '22.20.0', modules: '150', electron: '45.4.1' };
const devBuild = join('/repo', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
const packagedBuild = join('/opt/Reseller Desk/resources', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node');

const only = (...present: string[]) => (path: string) => present.includes(path);

describe('selectNativeBinding', () => {
  it('uses better-sqlite3’s own build under plain Node (tests, CLI)', () => {
    expect(selectNativeBinding({ versions: nodeVersions, platform: 'linux', arch: 'x64', appRoot: '/repo', exists: only(devBuild) })).toBeUndefined();
  });

  it('uses the native/ build for the running Electron version, platform and arch', () => {
    expect(selectNativeBinding({ versions: electronVersions, platform: 'linux', arch: 'x64', appRoot: '/repo', exists: only(devBuild) })).toBe(devBuild);
  });

  it('prefers the unpacked resources copy in a packaged app', () => {
    const chosen = selectNativeBinding({
      versions: electronVersions,
      platform: 'linux',
      arch: 'x64',
      appRoot: '/opt/Reseller Desk/resources/app.asar',
      resourcesPath: '/opt/Reseller Desk/resources',
      exists: only(packagedBuild, join('/opt/Reseller Desk/resources/app.asar', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node')),
    });
    expect(chosen).toBe(packagedBuild);
  });

  it('never picks a build for another Electron version or arch', () => {
    const otherArch = join('/repo', 'native', 'electron-45.4.1-linux-arm64', 'better_sqlite3.node');
    const otherVersion = join('/repo', 'native', 'electron-44.0.0-linux-x64', 'better_sqlite3.node');
    expect(() => selectNativeBinding({ versions: electronVersions, platform: 'linux', arch: 'x64', appRoot: '/repo', exists: only(otherArch, otherVersion) })).toThrow();
  });

  it('under Electron without a build, fails with the command that fixes it', () => {
    let message = '';
    try {
      selectNativeBinding({ versions: electronVersions, platform: 'darwin', arch: 'arm64', appRoot: '/repo', exists: () => false });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Electron 45.4.1 (darwin-arm64)');
    expect(message).toContain(PREPARE_COMMAND);
    expect(message).toContain(join('/repo', 'native', 'electron-45.4.1-darwin-arm64', 'better_sqlite3.node'));
  });
});
