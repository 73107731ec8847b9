import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readDataLocation } from './data-location';

export const APP_FOLDER = 'Reseller Desk';
export const LEDGER_FILE = 'ledger.sqlite3';

/** The OS app-data folder (what Electron's app.getPath('userData') returns by default). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}

/**
 * The data folder: RESELLER_DESK_DATA_DIR when set, else the folder the reseller moved the
 * data to (Settings → Your data, recorded in the default folder), else the OS app-data
 * folder. Computed without electron so the CLI and tests agree.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env.RESELLER_DESK_DATA_DIR?.trim();
  if (override) return override;
  const base = defaultDataDir(env, platform, home);
  return readDataLocation(base) ?? base;
}

export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const ledgerPath = (dataDir: string) => join(dataDir, LEDGER_FILE);
