import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module built for one ABI. node_modules holds the build for
 * Node (tests, CLI, sandbox); Electron needs one built for its own ABI, which
 * `scripts/prepare-electron-native.mjs` puts in native/electron-<version>-<platform>-<arch>/
 * (and electron-builder copies into the packaged app's resources/native/).
 */
export const NATIVE_FILE = 'better_sqlite3.node';
export const PREPARE_COMMAND = 'node scripts/prepare-electron-native.mjs';

export function nativeFolderName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export interface SelectNativeBindingInput {
  versions: Partial<Record<string, string | undefined>>;
  platform: string;
  arch: string;
  /** The app's root (app.getAppPath(): the project folder in dev, app.asar when packaged). */
  appRoot: string;
  /** process.resourcesPath under Electron; where extraResources land in a packaged app. */
  resourcesPath?: string | undefined;
  exists?: (path: string) => boolean;
}

/**
 * The better-sqlite3 build to load: undefined under plain Node (the package's own build),
 * otherwise the Electron build (packaged resources first, then the project's native/
 * folder). Throws an actionable Error under Electron when there is none, since loading the
 * Node build there fails with an unreadable NODE_MODULE_VERSION message.
 */
export function selectNativeBinding(input: SelectNativeBindingInput): string | undefined {
  const electron = input.versions.electron;
  if (!electron) return undefined;
  const exists = input.exists ?? existsSync;
  const folder = nativeFolderName(electron, input.platform, input.arch);
  const candidates = [
    ...(input.resourcesPath ? [join(input.resourcesPath, 'native', folder, NATIVE_FILE)] : []),
    join(input.appRoot, 'native', folder, NATIVE_FILE),
  ];
  const found = candidates.find((candidate) => exists(candidate));
  if (found) return found;
  throw new Error(
    `Reseller Desk cannot open its ledger: there is no SQLite engine built for Electron ${electron} (${input.platform}-${input.arch}). ` +
      `Looked in: ${candidates.join(', ')}. Run \`${PREPARE_COMMAND}\` in the project folder (it needs internet access once), then start the app again.`,
  );
}
