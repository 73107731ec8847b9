import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../shared/errors';

/**
 * Moving the data folder from the window. The move is staged (a note in the current
 * folder) and carried out at the next start, before the ledger or anything else opens
 * it: copying a live ledger could miss what is written between the copy and the restart.
 * At that start the folder is copied, the new place is recorded in the default folder
 * (`data-location.json`, read by resolveDataDir), and the old ledger is renamed so a stale
 * copy is never opened by mistake. The keychain entries do not move: they are keyed by
 * account, not by folder.
 */

const LOCATION_FILE = 'data-location.json';
const PENDING_MOVE_FILE = 'pending-move.json';
/** Chromium's profile and locks: recreated by the app in the new folder. */
const NOT_COPIED = new Set(['session', PENDING_MOVE_FILE, LOCATION_FILE, 'SingletonLock', 'SingletonCookie', 'SingletonSocket', 'lockfile']);

/** Where the reseller moved the data, as recorded in the default folder (null: not moved). */
export function readDataLocation(defaultDir: string): string | null {
  try {
    const saved = JSON.parse(readFileSync(join(defaultDir, LOCATION_FILE), 'utf8')) as { dataDir?: unknown };
    return typeof saved.dataDir === 'string' && isAbsolute(saved.dataDir) ? saved.dataDir : null;
  } catch {
    return null;
  }
}

export interface StagedMove {
  target: string;
  stagedAt: string;
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Checks the folder the reseller chose and stages the move; throws an AppError (nothing
 * staged) for a folder that cannot take the data. `envOverride`: the data folder is set
 * by RESELLER_DESK_DATA_DIR, which a recorded location could not override.
 */
export function stageDataFolderMove(currentDir: string, target: string, now: Date, envOverride: boolean): StagedMove {
  const fail = (message: string) => new AppError('INVALID_INPUT', `path: ${message}`, { field: 'path' });
  if (envOverride) {
    throw new AppError('CONFLICT', 'The data folder is set by RESELLER_DESK_DATA_DIR for this run. Change that variable to use another folder.');
  }
  if (!isAbsolute(target)) throw fail('choose a full folder path');
  const to = resolve(target);
  const from = resolve(currentDir);
  if (to === from) throw fail('that is already the data folder');
  if (inside(from, to) || inside(to, from)) throw fail('choose a folder outside the current data folder (and not one that contains it)');
  if (existsSync(to)) {
    if (!statSync(to).isDirectory()) throw fail('that is a file; choose a folder');
    if (readdirSync(to).length > 0) throw fail('that folder is not empty; choose an empty or new folder so nothing in it is overwritten');
  } else if (!existsSync(dirname(to))) {
    throw fail(`the folder ${dirname(to)} does not exist`);
  }
  // Prove the place is writable now rather than at the next start.
  try {
    mkdirSync(to, { recursive: true, mode: 0o700 });
    writeFileSync(join(to, '.write-test'), '');
    rmSync(join(to, '.write-test'));
  } catch (error) {
    throw fail(`Reseller Desk cannot write there (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const staged: StagedMove = { target: to, stagedAt: now.toISOString() };
  writeFileSync(join(from, PENDING_MOVE_FILE), JSON.stringify(staged));
  return staged;
}

export function pendingDataFolderMove(currentDir: string): StagedMove | null {
  try {
    const saved = JSON.parse(readFileSync(join(currentDir, PENDING_MOVE_FILE), 'utf8')) as Partial<StagedMove>;
    return typeof saved.target === 'string' && typeof saved.stagedAt === 'string' ? { target: saved.target, stagedAt: saved.stagedAt } : null;
  } catch {
    return null;
  }
}

/** Drops a staged move (the reseller changed their mind before restarting). */
export function cancelDataFolderMove(currentDir: string): boolean {
  const had = existsSync(join(currentDir, PENDING_MOVE_FILE));
  rmSync(join(currentDir, PENDING_MOVE_FILE), { force: true });
  return had;
}

/**
 * At start, before anything opens the folder: carries out a staged move and returns the
 * folder to use (the new one), or `currentDir` when nothing is staged. A crash half way
 * leaves the note in place, so the next start copies again (over its own partial copy).
 */
export function applyPendingDataFolderMove(currentDir: string, defaultDir: string, now: Date): string {
  const staged = pendingDataFolderMove(currentDir);
  if (!staged) return currentDir;
  mkdirSync(staged.target, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(currentDir)) {
    if (NOT_COPIED.has(name)) continue;
    cpSync(join(currentDir, name), join(staged.target, name), { recursive: true, force: true, preserveTimestamps: true });
  }
  mkdirSync(defaultDir, { recursive: true, mode: 0o700 });
  const location = join(defaultDir, LOCATION_FILE);
  writeFileSync(`${location}.tmp`, JSON.stringify({ dataDir: staged.target, movedFrom: currentDir, movedAt: now.toISOString() }));
  renameSync(`${location}.tmp`, location);
  // The old ledger stays as a copy, under a name nothing opens.
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  for (const suffix of ['', '-wal', '-shm']) {
    const file = join(currentDir, `ledger.sqlite3${suffix}`);
    if (existsSync(file)) renameSync(file, join(currentDir, `ledger.sqlite3${suffix}.moved-${stamp}`));
  }
  rmSync(join(currentDir, PENDING_MOVE_FILE), { force: true });
  return staged.target;
}
