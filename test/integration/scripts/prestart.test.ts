import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const root = process.cwd();
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));

describe('npm start on a machine without the Electron binary (prestart)', () => {
  // Electron 42+ download their binary on first use, not at install: prestart fetches it.
  // Offline (here: a download server that refuses connections) it must say in one line what
  // is missing and which command to run later, and stop before anything else.
  it.skipIf(electronInstalled)('says in one line that Electron could not be downloaded, and the command to run later', () => {
    const cache = makeTempDir();
    try {
      const run = spawnSync(process.execPath, [join(root, 'scripts', 'prestart.mjs')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache.dir, ELECTRON_GET_USE_PROXY: '' },
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const errors = run.stderr.split('\n').filter((line) => line.startsWith('✖'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`Electron ${electronVersion} is not installed and could not be downloaded (no connection to its download server)`);
      expect(errors[0]).toContain('node node_modules/electron/install.js');
      // No stack trace is dumped on the reseller.
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // It stopped before building the native module.
      expect(run.stdout).not.toContain('prepare-electron-native');
    } finally {
      cache.cleanup();
    }
  });
});
