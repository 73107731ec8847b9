import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Reseller Desk';
export const LEDGER_FILE = 'ledger.sqlite3';

/**
 * The OS app-data folder (what Electron's app.getPath('userData') returns), overridable
 * with RESELLER_DESK_DATA_DIR. Computed without electron so the CLI and tests agree.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env.RESELLER_DESK_DATA_DIR?.trim();
  if (override) return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}

export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const ledgerPath = (dataDir: string) => join(dataDir, LEDGER_FILE);
